"""The word lists of the verdict checks, one TOML file per language in ``lexicons/``.

Every file has the same keys (see ``lexicons/en.toml``). :func:`lexicon` reads one language;
:data:`ALL` is every language's lists together, which the checks use when a claim's language is not
known (English and German lists do not clash). Adding a language is adding one file.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

QUANTIFIER_LEVELS = ("none", "few", "some", "many", "most", "all")


@dataclass(frozen=True)
class Opposites:
    """Two sides of a predicate that contradict each other ("backed" / "opposed")."""

    label: str
    a: tuple[tuple[str, ...], ...]  # each form split into words; "…" is a gap, "x*" a prefix
    b: tuple[tuple[str, ...], ...]
    # the two sides say the same with the participants exchanged ("A beat B" = "B lost to A")
    converse: bool = False


@dataclass(frozen=True)
class Lexicon:
    languages: tuple[str, ...]
    markers: frozenset[str]
    months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: frozenset[str]
    month_cues: frozenset[str]
    negations: frozenset[str]
    hedges: frozenset[str]
    modals: frozenset[str]
    past_ability_cues: frozenset[str]
    verb_particles: frozenset[str]
    approximators: frozenset[str]
    certainty: frozenset[str]
    forecasts: tuple[tuple[str, ...], ...]  # a plan or forecast already hedged ("is set to", "is due to")
    copulas: frozenset[str]  # before a hedge that qualifies what precedes it ("an appeal was likely")
    title_qualifiers: frozenset[str]
    intensifiers: frozenset[str]
    intensity_synonyms: dict[str, frozenset[str]]  # an intensifier -> the ones that say the same
    polarity_prefixes: tuple[str, ...]
    function_words: frozenset[str]
    list_joiners: frozenset[str]
    clause_breaks: frozenset[str]
    negative_verbs: tuple[tuple[str, ...], ...]  # "failed to", "scheiterte": a negation in a verb
    negative_pronouns: frozenset[str]  # "nobody", "niemand": a negation that stands for a participant
    not_predicates: frozenset[str]  # adverbs, never a predicate for who-did-what ("still", "noch")
    headless_cues: frozenset[str]  # after a quantifier, it stands for its noun ("most had", "all of them")
    focus: tuple[tuple[str, ...], ...]  # "vor allem", "mainly": the word after is the one that matters most
    privative_endings: tuple[str, ...]  # "-less", "-los": a word that is its own negation ("kabellos")
    scale_words: frozenset[str]  # part of a figure, not what it counts ("1.3 million vehicles")
    durations: dict[str, float]  # a unit of time -> its minutes ("hours" -> 60)
    indefinite_articles: frozenset[str]  # "a", "ein": one of a unit of time ("a year" = "12 months")
    passive_auxiliaries: frozenset[str]
    passive_agent: frozenset[str]
    symmetric_predicates: frozenset[str]
    abbreviations: frozenset[str]
    placeholders: tuple[str, ...]
    number_words: dict[str, str]
    unanimity: tuple[tuple[str, ...], ...]
    tally_joiners: tuple[str, ...]
    tally_cues: frozenset[str]  # just before a tally in words, it is one ("a majority of ten to two")
    quantifiers: dict[tuple[str, ...], int]  # phrase (words) -> level in QUANTIFIER_LEVELS
    opposites: tuple[Opposites, ...]
    shares: dict[tuple[str, ...], float]  # a share in words (words) -> percent ("a third" -> 33.3)
    percent_words: tuple[str, ...]  # after a figure, make it a share ("20 percent")
    units: dict[tuple[str, ...], str]  # after a figure, what it measures (words) -> its unit ("percent")
    conditions: tuple[tuple[str, ...], ...]  # a clause the rest holds under ("if", "falls")
    not_conditions: frozenset[str]  # among the words before a condition word, it is none ("asked … if")
    concessions: frozenset[str]  # right before a condition word, a concession or a manner ("even if", "as if")
    causes: tuple[tuple[str, ...], ...]  # a clause that gives a cause ("because", "weil")
    universals: tuple[tuple[str, ...], ...]  # it holds for all of its kind ("all", "any", "sämtliche")
    share_joiners: tuple[str, ...]  # "one in five", "einer von fünf"
    share_ones: tuple[str, ...]  # "one" / "a" before a share joiner
    determiners: frozenset[str]  # before a noun ("the", "her", "dem"): the word after fills a noun's slot
    prepositions: frozenset[str]  # before a noun or a place ("from", "in", "aus")
    # before a phrase of time or place, never a doer nor the one it is done to ("im Sommer stieg die
    # Zahl": in German the verb comes second, after such a phrase, and the doer follows it)
    adverbial_prepositions: frozenset[str]
    evidence_verbs: frozenset[str]  # what evidence shows ("prove", "belegt"): negated, a that-clause is not stated
    adverbial_idioms: frozenset[str]  # after such a preposition, no phrase of time or place ("vor allem")
    record_phrases: tuple[tuple[str, ...], ...]  # a record in other words ("never before", "nie zuvor")
    figure_judges: tuple[tuple[str, ...], ...]  # before a figure, they judge it only ("only 58 percent")
    placings: dict[str, int]  # a place in a race or a ranking -> its rank ("silver" -> 2, "dritter" -> 3)
    placing_cues: frozenset[str]  # just before a placing word, it is one ("finished second", "took silver")
    placing_after: frozenset[str]  # just after a placing word, it is one ("second place", "Platz")
    medals: frozenset[str]  # placing words that need no cue ("silver", "Bronze")
    # closed sets of values, each value its forms: a colour, a season or a compass point for another
    value_sets: tuple[tuple[frozenset[str], ...], ...]
    # a place with the words for its people and things, each group (exact forms, prefixes of forms
    # written with "*"): "Norway", "Norwegian"
    place_forms: tuple[tuple[frozenset[str], tuple[str, ...]], ...]


def available() -> tuple[str, ...]:
    """The languages that have a word list file."""
    folder = resources.files(__package__) / "lexicons"
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml")))


@functools.cache
def _raw(language: str) -> dict[str, Any]:
    """One language's file as read (once: one language's lists and all of them together are both
    built from it); never change the dict."""
    with (resources.files(__package__) / "lexicons" / f"{language}.toml").open("rb") as f:
        return tomllib.load(f)


def _phrases(forms: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f.casefold().split()) for f in forms)


def _build(raws: list[dict[str, Any]]) -> Lexicon:
    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for r in raws for w in r.get(key, []))

    def ordered(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w.casefold() for r in raws for w in r.get(key, [])))

    quantifiers: dict[tuple[str, ...], int] = {}
    for r in raws:
        for level, forms in r.get("quantifiers", {}).items():
            for p in _phrases(forms):
                quantifiers[p] = QUANTIFIER_LEVELS.index(level)
    return Lexicon(
        languages=tuple(r["language"] for r in raws),
        markers=words("markers"), months=words("months"), ambiguous_months=words("ambiguous_months"),
        weekdays=words("weekdays"),
        month_cues=words("month_cues"), negations=words("negations"), hedges=words("hedges"),
        modals=words("modals"), past_ability_cues=words("past_ability_cues"),
        verb_particles=words("verb_particles"),
        approximators=words("approximators"), certainty=words("certainty"),
        forecasts=tuple(p for r in raws for p in _phrases(r.get("forecasts", []))), copulas=words("copulas"),
        title_qualifiers=words("title_qualifiers"), intensifiers=words("intensifiers"),
        intensity_synonyms={w: frozenset(g.casefold().split()) for r in raws for g in r.get("intensity_synonyms", [])
                            for w in g.casefold().split()},
        polarity_prefixes=ordered("polarity_prefixes"), function_words=words("function_words"),
        list_joiners=words("list_joiners"), clause_breaks=words("clause_breaks"),
        headless_cues=words("headless_cues"), scale_words=words("scale_words"),
        not_predicates=words("not_predicates"),
        negative_verbs=tuple(p for r in raws for p in _phrases(r.get("negative_verbs", []))),
        negative_pronouns=words("negative_pronouns"),
        durations={w.casefold(): float(v) for r in raws for w, v in r.get("durations", {}).items()},
        indefinite_articles=words("indefinite_articles"),
        focus=tuple(p for r in raws for p in _phrases(r.get("focus", []))),
        privative_endings=tuple(sorted(ordered("privative_endings"), key=len, reverse=True)),
        passive_auxiliaries=words("passive_auxiliaries"),
        passive_agent=words("passive_agent"), symmetric_predicates=words("symmetric_predicates"),
        abbreviations=words("abbreviations"), placeholders=ordered("placeholders"),
        number_words={w.casefold(): str(n) for r in raws for w, n in r.get("number_words", {}).items()},
        unanimity=tuple(p for r in raws for p in _phrases(r.get("unanimity", []))),
        tally_joiners=ordered("tally_joiners"),
        tally_cues=words("tally_cues"),
        quantifiers=quantifiers,
        opposites=_opposites(raws),
        shares={p: float(v) for r in raws for k, v in r.get("shares", {}).items() for p in _phrases([k])},
        percent_words=tuple(dict.fromkeys(w.casefold() for r in raws
                                          for w in r.get("share_words", {}).get("percent", []))),
        units={p: unit for r in raws for unit, forms in r.get("units", {}).items() for p in _phrases(forms)},
        conditions=tuple(p for r in raws for p in _phrases(r.get("conditions", []))),
        not_conditions=words("not_conditions"), concessions=words("concessions"),
        causes=tuple(p for r in raws for p in _phrases(r.get("causes", []))),
        universals=tuple(p for r in raws for p in _phrases(r.get("universals", []))),
        share_joiners=tuple(dict.fromkeys(w.casefold() for r in raws
                                          for w in r.get("share_words", {}).get("joiners", []))),
        share_ones=tuple(dict.fromkeys(w.casefold() for r in raws
                                       for w in r.get("share_words", {}).get("ones", []))),
        determiners=words("determiners"), prepositions=words("prepositions"),
        adverbial_prepositions=words("adverbial_prepositions"), adverbial_idioms=words("adverbial_idioms"),
        evidence_verbs=words("evidence_verbs"),
        record_phrases=tuple(p for r in raws for p in _phrases(r.get("record_phrases", []))),
        figure_judges=tuple(p for r in raws for p in _phrases(r.get("figure_judges", []))),
        placings={w.casefold(): int(n) for r in raws for w, n in r.get("placings", {}).items()},
        placing_cues=words("placing_cues"), placing_after=words("placing_after"), medals=words("medals"),
        value_sets=tuple(tuple(frozenset(v.casefold().split()) for v in group)
                         for r in raws for group in r.get("value_sets", [])),
        place_forms=tuple((frozenset(f for f in g.casefold().split() if not f.endswith("*")),
                           tuple(f[:-1] for f in g.casefold().split() if f.endswith("*")))
                          for r in raws for g in r.get("place_forms", [])),
    )


def _opposites(raws: list[dict[str, Any]]) -> tuple[Opposites, ...]:
    """The groups of opposite predicates; a group with ``extends = "<label>"`` in place of a label
    adds its forms to the earlier group of that label in the same file."""
    out: list[Opposites] = []
    for r in raws:
        first = len(out)
        for o in r.get("opposites", []):
            a, b = _phrases(o["a"]), _phrases(o["b"])
            if "extends" in o:
                g = next(g for g in range(first, len(out)) if out[g].label == o["extends"])
                out[g] = Opposites(out[g].label, out[g].a + a, out[g].b + b, out[g].converse)
            else:
                out.append(Opposites(o["label"], a, b, bool(o.get("converse", False))))
    return tuple(out)


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The word lists of one language ("en", "de")."""
    return _build([_raw(language)])


@functools.cache
def combined() -> Lexicon:
    """Every language's word lists together."""
    return _build([_raw(lang) for lang in available()])


ALL = combined()
