"""The verdict checks as a table, and :func:`suggest`, which runs it.

Each :class:`Check` declares its name, its severity (``major`` reasons decide *altered*; ``minor``
ones are shown only; a major check may also report minor findings, such as a garbled spelling of a
known name), the languages it serves and the word lists (keys of ``lexicons/*.toml``) it reads.
Adding a check is one entry here; adding a language is one lexicon file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diptych.core.verdict import checks as c
from diptych.core.verdict import meaning as m
from diptych.core.verdict import scope
from diptych.core.verdict.checks import Reason, Suggestion, _cached_words, _Left
from diptych.core.verdict.confidence import confidence
from diptych.core.verdict.lexicon import ALL as LEX
from diptych.core.verdict.meaning import Context


@dataclass(frozen=True)
class Check:
    name: str
    severity: str  # "major" or "minor"
    languages: frozenset[str]
    lexicon: tuple[str, ...]
    run: Callable[[Context], list[Reason]]
    description: str


EN_DE = frozenset({"en", "de"})
EN = frozenset({"en"})

CHECKS: tuple[Check, ...] = (
    Check("placings", "major", EN_DE, ("placings", "placing_cues", "placing_after"),
          m.check_placings, "a place in a race or a ranking changed for the one placed ('finished third' → "
          "'took silver')"),
    Check("numbers", "major", EN_DE, ("months", "weekdays", "number_words"),
          lambda x: m.without_kept_placings(x, c._check_numbers(x.right, x.rw, x.left, x.reference)),
          "a number, date or weekday absent from the linked reference text"),
    Check("names", "major", EN, ("abbreviations", "months", "weekdays"),
          lambda x: c._check_names(x.right, x.rw, x.left, x.reference),
          "a capitalised name absent from the whole reference (German capitalises every noun)"),
    Check("lower-case names", "major", EN_DE, (),
          m.check_lowercase_names, "a name changed in text without capitals ('tom black' for Tom White)"),
    Check("swaps", "major", EN_DE, ("list_joiners",),
          lambda x: c._check_swaps(x.right, x.rw, x.left, names=x.language == "en"),
          "two names or numbers that trade places"),
    Check("figures", "major", EN_DE, ("scale_words",),
          m.check_figures, "a figure of the reference told of another thing ('target of 1.3 million' → "
          "'1.3 million vehicles')"),
    Check("units", "major", EN_DE, ("units",),
          scope.check_units, "a number of the linked text told with another unit ('11 million pounds' → "
          "'11 percent')"),
    Check("roles", "major", EN_DE, ("clause_breaks", "passive_auxiliaries", "symmetric_predicates"),
          m.check_roles, "who did what to whom: doer and undergoer trade places around a predicate"),
    Check("stance", "major", EN_DE, ("opposites", "negations"),
          m.check_stance, "a predicate replaced by its opposite, or told of the other doer; a negated opposite "
          "counts as the same"),
    Check("negation", "major", EN_DE, ("negations", "polarity_prefixes"),
          lambda x: [] if x.kinds() & {"stance", "predicate"} or x.negation_explained
          else c._check_polarity(x.right, x.rw, x.left),
          "a negation added or dropped, a prefixed opposite ('counterterrorism' → 'terrorist')"),
    Check("tally", "major", EN_DE, ("unanimity", "tally_joiners"),
          m.check_tally, "a split vote told as unanimous, or the other way round"),
    Check("quantifiers", "major", EN_DE, ("quantifiers", "headless_cues"),
          m.check_quantifiers, "a quantifier moved on the scale none < few < some < many < most < all"),
    Check("focus", "major", EN_DE, ("focus",),
          m.check_focus, "what a focus word singles out, changed ('vor allem die Verwaltung' → 'vor allem die "
          "Produktion')"),
    Check("hedges", "major", EN_DE, ("hedges", "modals", "certainty", "month_cues", "past_ability_cues",
                                     "approximators", "forecasts", "copulas"),
          lambda x: c._check_hedges(x.right, x.rw, x.left),
          "a hedge dropped ('may help' → 'will help') or added"),
    Check("titles", "major", EN_DE, ("title_qualifiers",),
          lambda x: c._check_titles(x.right, x.rw, x.left),
          "a title's qualifier dropped or added ('former president' → 'President')"),
    Check("values", "major", EN_DE, ("value_sets",),
          lambda x: c._check_values(x.right, x.rw, x.left),
          "a colour, season or compass point put for another ('a yellow warning' → 'an amber warning')"),
    Check("intensity", "major", EN_DE, ("intensifiers",),
          lambda x: c._check_intensity(x.right, x.rw, x.left),
          "an exclusivity or intensity word added ('the only one')"),
    Check("quotes", "major", EN_DE, ("function_words",),
          lambda x: c._check_quotes(x.right, x.left),
          "words inside a quotation that the reference lacks"),
    Check("name swap", "major", EN_DE, (),
          m.check_name_swap, "one of the reference's names put for another in the linked sentence, in any case"),
    Check("slot swap", "major", EN_DE, ("determiners", "prepositions"),
          m.check_slot_swap, "one participant, place or name put in the slot of another ('ordered the landlord' → "
          "'ordered the tenant', 'in Berlin' → 'in München')"),
    Check("places", "major", EN_DE, ("place_forms",),
          lambda x: [] if "replaced" in x.kinds() else c._check_places(x.right, x.rw, x.left),
          "one place or its people put for another ('Forscher in Norwegen' → 'Forscher aus Schweden'), "
          "unless the slot swap named it"),
    Check("scope", "major", EN_DE, ("universals", "quantifiers"),
          scope.check_widened, "a claim told of all of a kind where the linked text names a part of it "
          "('customers on its basic tariff' → 'all of its customers')"),
    Check("conditions", "major", EN_DE, ("conditions", "not_conditions", "concessions"),
          scope.check_conditions, "a condition of the linked text dropped while the rest is restated "
          "('… if stocks fall further' → '…')"),
    Check("causes", "major", EN_DE, ("causes",),
          scope.check_causes, "another cause put for the linked text's ('Wegen des überfluteten Platzes' → "
          "'weil der Schiedsrichter krank war')"),
    Check("added", "major", EN_DE, ("function_words",),
          m.check_added, "content added inside a linked sentence, weighted by rarity"),
)

_PLACEHOLDER = re.compile("|".join(
    (r"\b" + re.escape(p) + r"\b") if p[:1].isalnum() else re.escape(p)
    for p in sorted(LEX.placeholders, key=len, reverse=True)), re.IGNORECASE)


def mask_placeholders(text: str) -> str:
    """``text`` with the placeholder tokens ("UNK", "[…]") blanked out, offsets unchanged."""
    return _PLACEHOLDER.sub(lambda mt: " " * len(mt.group()), text)


def language_of(right_text: str, left_texts: Sequence[str], reference: str) -> str:
    german = c._reference_is_german(reference) if reference else c._is_german([right_text, *left_texts])
    return "de" if german else "en"


def suggest(right_text: str, left_texts: Sequence[str], score: float = 0.0, reference: str = "") -> Suggestion:
    """Verdict for one review claim given the texts of its linked reference claims.

    ``score`` is the best link score (it feeds the confidence); ``reference`` (optional) is the whole
    reference article: a name or number found there, though not in the linked text, is a minor
    reason only."""
    if not left_texts:
        unlinked = (Reason("unlinked", "no matching passage in the reference"),)
        return Suggestion("unsupported", unlinked,
                          confidence("unsupported", unlinked, score, covered=m.reference_cover(right_text, reference)))
    if any(" ".join(t.split()) == " ".join(right_text.split()) for t in left_texts):
        return Suggestion("consistent", (), confidence("consistent", (), max(score, 1.0)))  # copied word for word
    right = mask_placeholders(right_text)
    # the claim's words, kept for the checks that read them from its text (numbers)
    ctx = Context(right, _cached_words(right), _Left(left_texts), reference,
                  language_of(right, left_texts, reference))
    for check in CHECKS:
        if ctx.language not in check.languages:
            continue
        found = check.run(ctx)
        if check.severity == "minor":
            found = [Reason(r.kind, r.text, False, r.left, r.right, r.right_spans, r.left_spans) for r in found]
        ctx.found += found
    # two checks may name the same change in the same words ("negation added: 'conceded' → 'refused to
    # concede'" from the negations and from the opposite predicates): it is said once
    unique: dict[str, Reason] = {}
    for r in ctx.found:
        unique.setdefault(r.text, r)
    reasons = sorted(unique.values(), key=lambda r: not r.major)
    verdict = "altered" if any(r.major for r in reasons) else "consistent"
    if verdict == "altered":
        return Suggestion(verdict, tuple(reasons), confidence(verdict, tuple(reasons), score))
    unexplained = [w for _k, w in m.unexplained(ctx)]
    return Suggestion(verdict, tuple(reasons), confidence(verdict, tuple(reasons), score, unexplained,
                                                          length_gap=m.length_gap(right_text, left_texts)))
