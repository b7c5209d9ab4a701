"""Verdicts for a claim linked to reference text in another language.

The word-level checks of :mod:`diptych.core.verdict` compare words, which a translation changes
throughout. What survives translation is checked here instead:

- **Numbers**, normalised across English and German: "12.000" and "12,000" are 12000, "3,5" and
  "3.5" are 3.5, a scale word or suffix multiplies ("1.2 billion", "1.2bn" and "1,2 Milliarden" are
  1.2e9; German "Billion" is an English trillion), number and ordinal words count ("zwei", "third",
  "dritte", "first" but not "at first"), as do "dozen"/"Dutzend" (12) and "half"/"Hälfte"/"halbe"
  (0.5; "half a million" = "eine halbe Million").
- **Dates**: month and weekday names in both languages ("March" = "März", "Monday" = "Montag",
  also inside a German compound: "Sonntagabend"; not a month that is a given name: "August der
  Starke"); a day or year is a number.
- **Names**: a capitalised word right after a name the reference has, but itself found nowhere in
  the reference ("Markus Keller" for "Markus Weller"); a German noun or a translated place name
  ("München", "Munich") is not taken for one.
- **Quotes**: a quotation much longer than the reference's quotation (words put into a mouth).

Negations and hedges cannot be compared word for word across languages (a translator writes
"failed to make an offer" for "kein Angebot vorgelegt"): a difference in them is reported as a
minor reason only. Each suggestion carries a minor reason of kind ``crosslingual`` that names the
checks that could not run; :func:`checks_not_run` reads it back, and :func:`confidence_factor`
turns it into a factor for the verdict's confidence (lower where fewer checks ran).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from diptych.core.verdict import Reason, Suggestion, confidence
from diptych.core.verdict.checks import HEDGES, NEGATIONS

CROSSLINGUAL = "crosslingual"
NOT_RUN = ("negation", "hedge", "polarity", "intensity", "title", "swap", "quote wording")
# shown after the reason's kind ("crosslingual pair: negation, … not checked word for word")
_NOT_RUN_TEXT = "pair: " + ", ".join(NOT_RUN) + " not checked word for word"

MONTH_NUMBER = {w: n for n, ws in enumerate((
    "january januar jan", "february februar feb", "march märz mär mar", "april apr", "may mai",
    "june juni jun", "july juli jul", "august aug", "september sept sep", "october oktober okt oct",
    "november nov", "december dezember dez dec"), start=1) for w in ws.split()}
_FULL_MONTHS = frozenset(w for w in MONTH_NUMBER if len(w) > 3 or w == "may" or w == "mai")
WEEKDAY_NUMBER = {w: n for n, ws in enumerate((
    "monday montag", "tuesday dienstag", "wednesday mittwoch", "thursday donnerstag", "friday freitag",
    "saturday samstag sonnabend", "sunday sonntag")) for w in ws.split()}
_NAME_MONTHS = frozenset(("april", "june", "august"))  # months that are also given names
_NAME_AFTER = re.compile(r" (?:(der|dem|the) )?[A-ZÄÖÜ][a-zäöüß]")
_DATE_BEFORE = re.compile(r"\b(?:in|im|on|am|since|seit|until|till|bis|by|ab|from|vom|to|zum|of|last|next|this|"
                          r"early|late|mid|anfang|mitte|ende)\s+$", re.IGNORECASE)


def _given_name(text: str, start: int, end: int) -> bool:
    """A month name that is a given name here: followed by an article and a capitalised word
    ("August der Starke"), or by a capitalised word where no date word comes before ("April Ryan",
    not "im August Bilanz ziehen")."""
    m = _NAME_AFTER.match(text, end)
    return m is not None and (m.group(1) is not None or not _DATE_BEFORE.search(text[max(0, start - 12):start]))
_GERMAN_WEEKDAYS = tuple(sorted((w for w in WEEKDAY_NUMBER if w.endswith(("tag", "woch", "abend"))), key=len,
                                reverse=True))
# "one"/"eins" and "first"/"erste" are left out: "one of them", "at first", "erst am Montag"
NUMBER_WORDS = {w: float(n) for n, ws in enumerate((
    "", "", "two zwei", "three drei", "four vier", "five fünf", "six sechs", "seven sieben", "eight acht",
    "nine neun", "ten zehn", "eleven elf", "twelve zwölf")) for w in ws.split()}
_ORDINALS_EN = "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
_ORDINALS_DE = "zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft".split()
ORDINAL_WORDS = {**{w: float(n) for n, w in enumerate(_ORDINALS_EN, start=2)},
                 **{stem + end: float(n) for n, stem in enumerate(_ORDINALS_DE, start=2)
                    for end in ("e", "en", "er", "es", "em")},
                 "first": 1.0, **{"erst" + end: 1.0 for end in ("e", "en", "er", "es", "em")}}
del ORDINAL_WORDS["achten"]  # the verb ("auf etwas achten")
# "first" as an adverb is no ordinal: "at first" ("zunächst"), "first of all" ("zuerst")
_NOT_ORDINAL = re.compile(r"\b(?:at first|first of all|first and foremost)\b", re.IGNORECASE)
# a dozen is twelve, a half one half; "Hälfte" also ends a German compound ("Jahreshälfte")
AMOUNT_WORDS = {"dozen": 12.0, "dutzend": 12.0, "half": 0.5, "hälfte": 0.5, "halbe": 0.5, "halben": 0.5,
                "halber": 0.5, "halbes": 0.5}
SCALES = {"thousand": 1e3, "tausend": 1e3, "million": 1e6, "millions": 1e6, "millionen": 1e6, "mio": 1e6,
          "billion": 1e9, "billions": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
          "trillion": 1e12, "billionen": 1e12}
_GERMAN_BILLION = "billion"  # in a German text, "Billion" is 1e12

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\u202f\u00a0]\d{3})*(?:[.,]\d+)?(?:st|nd|rd|th|\.)?"
                     r"(?:(?<=\d)(bn|mn|m|k)\b)?(?!\w)", re.IGNORECASE)
_SUFFIX_SCALES = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}  # "$1.2bn", "£40m", "12k"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTE = re.compile(r"[“„«\"»]([^“”„«»\"]{3,})(?:[”“»«\"]|$)")
_GERMAN_MARKERS = frozenset("der die das und ist nicht ein eine zu den mit von sich des auf für im dem".split())
_ENGLISH_MARKERS = frozenset("the and is of to that it for was on with as by are this".split())


def parse_number(token: str) -> float | None:
    """The value of a written number, English or German ("12.000", "12,000", "3,5", "7.4", "21.")."""
    t = re.sub(r"(st|nd|rd|th)$", "", token.strip().casefold()).rstrip(".")
    t = t.replace("\u202f", " ").replace("\u00a0", " ")
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*", t):  # one kind of separator, groups of three
        return float(re.sub(r"\D", "", t))
    m = re.fullmatch(r"(\d{1,3}(?:([., ])\d{3})*)([.,])(\d+)", t)
    if m and m.group(2) and m.group(2) != m.group(3):  # "1,234.5" or "1.234,5"
        return float(re.sub(r"\D", "", m.group(1)) + "." + m.group(4))
    t = t.replace(" ", "")
    if re.fullmatch(r"\d+[.,]\d+", t):
        return float(t.replace(",", "."))
    if t.isdigit():
        return float(t)
    return None


def _is_german(text: str) -> bool:
    words = re.findall(r"\w+", text.casefold())
    return sum(w in _GERMAN_MARKERS for w in words) > sum(w in _ENGLISH_MARKERS for w in words)


@functools.lru_cache(maxsize=16384)
def numbers(text: str) -> tuple[tuple[float, str, int, int], ...]:
    """(value, surface, start, end) of every number in the text, digits or words, a following scale
    word applied ("2,1 Milliarden" is 2.1e9). Days and years are numbers like any other."""
    german = _is_german(text)
    out: list[tuple[float, str, int, int]] = []
    for m in _NUMBER.finditer(text):
        suffix = m.group(1)
        token = m.group()[:-len(suffix)] if suffix else m.group()
        v = parse_number(token)
        if v is not None:
            surface = m.group() if suffix else token.rstrip(".")
            out.append((v * _SUFFIX_SCALES[suffix.casefold()] if suffix else v, surface, m.start(),
                        m.start() + len(surface)))
    adverbial = [m.span() for m in _NOT_ORDINAL.finditer(text)]
    for m in _WORD.finditer(text):
        w = m.group().casefold()
        if w in NUMBER_WORDS:
            out.append((NUMBER_WORDS[w], m.group(), m.start(), m.end()))
        elif w in ORDINAL_WORDS and not any(s <= m.start() < e for s, e in adverbial):
            out.append((ORDINAL_WORDS[w], m.group(), m.start(), m.end()))
        elif w in AMOUNT_WORDS or (german and w.endswith("hälfte")):
            out.append((0.5 if w.endswith("hälfte") else AMOUNT_WORDS[w], m.group(), m.start(), m.end()))
    out.sort(key=lambda x: x[2])
    out = [_clock_hour(text, x) for x in out]
    scaled = []
    for v, surf, s, e in out:
        after = re.match(r"[\s-]*(?:an?\s+)?([^\W\d_]+)\.?" if v == 0.5 else r"[\s-]*([^\W\d_]+)\.?",
                         text[e:e + 16])  # "half a million"
        if after and after.group(1).casefold() in SCALES:
            word = after.group(1).casefold()
            scale = 1e12 if word == _GERMAN_BILLION and german else SCALES[word]
            end = e + after.end(1)
            scaled.append((v * scale, text[s:end], s, end))
        else:
            scaled.append((v, surf, s, e))
    return tuple(scaled)


_MERIDIEM = re.compile(r"(?::\d{2})?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)


def _clock_hour(text: str, item: tuple[float, str, int, int]) -> tuple[float, str, int, int]:
    """An hour followed by "pm" / "p.m." (after minutes or not) is counted on the 24-hour clock, as
    German writes it ("2 pm", "2:30 p.m." and "14 Uhr", "14:30 Uhr" share the hour)."""
    v, surf, s, e = item
    m = _MERIDIEM.match(text, e)
    if m is None or not 1 <= v <= 12 or v != int(v):
        return item
    hour = (v % 12) + (12 if m.group(1).casefold() == "p" else 0)
    return hour, surf, s, e


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@functools.lru_cache(maxsize=16384)
def calendar(text: str) -> tuple[tuple[str, int, str, int, int], ...]:
    """("month" or "weekday", number, surface, start, end) of the month and weekday names of the text,
    English or German, a weekday also at the start of a German compound ("Sonntagabend")."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().casefold()
        if w in _FULL_MONTHS or (w in MONTH_NUMBER and m.group()[:1].isupper() and text[m.end():m.end() + 1] == "."):
            if w == "may" and not m.group()[0].isupper():
                continue  # the modal verb
            if w in _NAME_MONTHS and _given_name(text, m.start(), m.end()):
                continue  # "August der Starke", "April Ryan"
            out.append(("month", MONTH_NUMBER[w], m.group(), m.start(), m.end()))
        elif w in WEEKDAY_NUMBER:
            out.append(("weekday", WEEKDAY_NUMBER[w], m.group(), m.start(), m.end()))
        else:
            day = next((d for d in _GERMAN_WEEKDAYS if w.startswith(d) and len(w) > len(d) + 2), None)
            if day is not None:
                out.append(("weekday", WEEKDAY_NUMBER[day], m.group(), m.start(), m.end()))
    return tuple(out)


def _check_numbers(right: str, lefts: Sequence[str]) -> list[Reason]:
    lnums = [(k, v, surf, s, e) for k, t in enumerate(lefts) for v, surf, s, e in numbers(t)]
    rnums = numbers(right)
    missing = [x for x in rnums if not any(_same(x[0], y[1]) for y in lnums)]
    unused = [y for y in lnums if not any(_same(y[1], x[0]) for x in rnums)]
    reasons = []
    for n, (_v, surf, s, e) in enumerate(missing):
        kind = "date" if re.search(r"\b(1[89]|20)\d\d\b", surf) and len(surf) == 4 else "number"
        if len(missing) == len(unused):
            k, _lv, lsurf, ls, le = unused[n]
            reasons.append(Reason(kind, f"{lsurf} → {surf}", True, lsurf, surf, ((s, e),), ((k, ls, le),)))
        else:
            reasons.append(Reason(kind, f"adds: {surf}", True, "", surf, ((s, e),)))
    return reasons


def _check_calendar(right: str, lefts: Sequence[str]) -> list[Reason]:
    reasons = []
    left_items = [(k, *x) for k, t in enumerate(lefts) for x in calendar(t)]
    for kind in ("month", "weekday"):
        lvals = {x[2] for x in left_items if x[1] == kind}
        ritems = [x for x in calendar(right) if x[0] == kind]
        rvals = {x[1] for x in ritems}
        gone = [x for x in left_items if x[1] == kind and x[2] not in rvals]
        for _kind, val, surf, s, e in ritems:
            if val in lvals:
                continue
            if len({g[2] for g in gone}) == 1:
                k, _, _, lsurf, ls, le = gone[0]
                reasons.append(Reason("date", f"{lsurf} → {surf}", True, lsurf, surf, ((s, e),), ((k, ls, le),)))
            else:
                reasons.append(Reason("date", f"adds: {surf}", True, "", surf, ((s, e),)))
    return reasons


def _capitalised(text: str) -> list[tuple[str, int, int]]:
    """Capitalised words, each with whether it opens a sentence (then it says nothing of a name)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not w[0].isupper():
            continue
        prev = text[:m.start()].rstrip()
        if not prev or prev[-1] in ".!?:“\"„«‘'–—-":
            continue
        out.append((w, m.start(), m.end()))
    return out


@functools.lru_cache(maxsize=4)
def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in re.findall(r"[^\W\d_]+", text))


def _check_names(right: str, lefts: Sequence[str], reference: str) -> list[Reason]:
    """A word right after a name of the reference, capitalised, and found nowhere in the reference
    (nor in the linked text): a name changed ("Markus Weller" → "Markus Keller")."""
    vocab = _vocabulary(reference) if reference else frozenset()
    vocab = vocab | _vocabulary(" ".join(lefts))
    reasons = []
    caps = _capitalised(right)
    for (w0, _s0, e0), (w, s, e) in zip(caps, caps[1:], strict=False):
        if right[e0:s] != " " or len(w) < 3 or w.isupper():
            continue
        parts = [p for p in re.split(r"[-'’]", w.casefold()) if p]
        if w0.casefold() in vocab and w0[0].isupper() and not any(p in vocab for p in parts) \
                and w.casefold() not in MONTH_NUMBER and w.casefold() not in WEEKDAY_NUMBER \
                and _person_name(w0, reference, lefts):
            reasons.append(Reason("name", f"adds: {right[_s0:e]}", True, "", right[_s0:e], ((_s0, e),)))
    return reasons


def _person_name(first: str, reference: str, lefts: Sequence[str]) -> bool:
    """``first`` is followed by another capitalised word in the reference (the start of a full name)."""
    for t in (*lefts, reference):
        for m in re.finditer(r"(?<!\w)" + re.escape(first) + r" ([^\W\d_][\w'’-]*)", t):
            if m.group(1)[0].isupper():
                return True
    return False


def _quote_words(text: str) -> list[int]:
    return [len(re.findall(r"\w+", m.group(1))) for m in _QUOTE.finditer(text)]


def _check_quotes(right: str, lefts: Sequence[str]) -> list[Reason]:
    rq = _quote_words(right)
    lq = [n for t in lefts for n in _quote_words(t)]
    reasons = []
    if rq and lq and max(rq) >= 1.6 * max(lq) + 4:
        m = max(_QUOTE.finditer(right), key=lambda x: len(x.group(1)))
        reasons.append(Reason("quote", f"quote longer than the reference's ({max(rq)} words, {max(lq)} there)",
                              True, "", m.group(1), ((m.start(1), m.end(1)),)))
    elif rq and not lq and max(rq) >= 8:
        m = max(_QUOTE.finditer(right), key=lambda x: len(x.group(1)))
        reasons.append(Reason("quote", "quotation the linked text does not quote", False, "", m.group(1),
                              ((m.start(1), m.end(1)),)))
    return reasons


def _has(words: list[str], lexicon: frozenset[str]) -> bool:
    return any(w in lexicon or w.endswith("n't") for w in words) if lexicon is NEGATIONS else \
        any(w in lexicon for w in words)


def _check_lexicons(right: str, lefts: Sequence[str]) -> list[Reason]:
    """Negation and hedge words on one side only: minor (a translation may say it another way)."""
    rw = re.findall(r"\w+(?:'\w+)?", right.casefold())
    lw = re.findall(r"\w+(?:'\w+)?", " ".join(lefts).casefold())
    out = []
    for kind, lexicon in (("negation", NEGATIONS), ("hedge", HEDGES)):
        r, left = _has(rw, lexicon), _has(lw, lexicon)
        if r != left:
            out.append(Reason(kind, f"{'only in the review' if r else 'only in the reference'} "
                              "(not compared word for word across languages)", False))
    return out


def suggest_across(right_text: str, left_texts: Sequence[str], score: float = 0.0, reference: str = "") -> Suggestion:
    """Verdict of a review claim linked to reference text in another language."""
    if not left_texts:
        return _with_confidence(Suggestion("unsupported", (
            Reason("unlinked", "no matching passage in the reference"),
            Reason(CROSSLINGUAL, "pair: looked for across languages", False))), score)
    reasons = _check_numbers(right_text, left_texts)
    reasons += _check_calendar(right_text, left_texts)
    reasons += _check_names(right_text, left_texts, reference)
    reasons += _check_quotes(right_text, left_texts)
    reasons += _check_lexicons(right_text, left_texts)
    reasons.append(Reason(CROSSLINGUAL, _NOT_RUN_TEXT, False))
    verdict = "altered" if any(r.major for r in reasons) else "consistent"
    reasons.sort(key=lambda r: not r.major)
    return _with_confidence(Suggestion(verdict, tuple(reasons)), score)


def _with_confidence(s: Suggestion, score: float) -> Suggestion:
    """The suggestion with the verdicts' own confidence, lowered by :func:`confidence_factor` for the
    checks that cannot run across languages (so more claims show "check" than a false "consistent")."""
    value = confidence(s.verdict, s.reasons, score) * confidence_factor(s)
    return Suggestion(s.verdict, s.reasons, round(value, 3))


def is_crosslingual(suggestions: Iterable[Suggestion]) -> bool:
    """Some claim of the review was judged across languages (a cross-lingual pair, saved or not)."""
    return any(r.kind == CROSSLINGUAL for s in suggestions for r in s.reasons)


def checks_not_run(s: Suggestion) -> tuple[str, ...]:
    """The checks that could not run for this suggestion (empty for a claim judged in one language)."""
    return NOT_RUN if any(r.kind == CROSSLINGUAL for r in s.reasons) else ()


def confidence_factor(s: Suggestion) -> float:
    """A factor for the suggestion's confidence: 1.0 when every check ran. Across languages an
    *altered* found by numbers, dates or names is as sure as in one language, while a *consistent*
    rests on the checks that ran only, so it is lowered most."""
    if not checks_not_run(s):
        return 1.0
    return 0.9 if s.verdict == "altered" else 0.6
