"""The surface checks of a review claim against its linked reference text: numbers and dates,
names, negations and prefixed opposites, hedges, title qualifiers, intensity words, quotations,
two names or numbers trading places. The check table in :mod:`.table` runs them; the word lists
are in ``lexicons/``.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from diptych.core.link import STOPWORDS
from diptych.core.verdict.lexicon import ALL as LEX
from diptych.core.verdict.lexicon import lexicon
from diptych.core.verdict.reference import known, once_per_reference, seed

VERDICTS = ("consistent", "altered", "unsupported")


@dataclass(frozen=True)
class Reason:
    """Why a verdict was suggested; ``text`` names the words on both sides ("12,000 → 21,000").

    ``right_spans`` are (start, end) code points in the review claim's text; ``left_spans`` are
    (index among the linked left texts, start, end)."""

    kind: str  # number, date, name, negation, hedge, intensity, quote, unlinked, spelling...
    text: str
    major: bool = True
    left: str = ""
    right: str = ""
    right_spans: tuple[tuple[int, int], ...] = ()
    left_spans: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A suggested verdict, its reasons and how sure it is (see :mod:`.confidence`); ``confidence``
    is None for a suggestion read from a file that did not store one."""

    verdict: str
    reasons: tuple[Reason, ...] = ()
    confidence: float | None = None

    def reason_groups(self) -> tuple[list[Reason], list[Reason]]:
        """(the reasons that decide the verdict, the notes), each in order."""
        return [r for r in self.reasons if r.major], [r for r in self.reasons if not r.major]


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|\.(?=\s))?", re.IGNORECASE)
_QUOTE = re.compile(r"[“„«\"]([^“”„«»\"]{3,})(?:[”“»\"]|$)")

MONTHS = LEX.months
WEEKDAYS = LEX.weekdays
NEGATIONS = LEX.negations
HEDGES = LEX.hedges
TITLE_QUALIFIERS = LEX.title_qualifiers
CERTAINTY = LEX.certainty
MODALS = LEX.modals
INTENSIFIERS = LEX.intensifiers
POLARITY_PREFIXES = LEX.polarity_prefixes
_EN_MARKERS = lexicon("en").markers
_DE_MARKERS = lexicon("de").markers
_FUNCTION = LEX.function_words


def _words(text: str) -> list[tuple[str, int, int]]:
    """(case-folded word, start, end) of each word; a possessive "'s" is cut off."""
    out = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]
    if "'" in text or "’" in text:  # only then can a word end in "'s" (a quarter faster without)
        for k, (w, s, e) in enumerate(out):
            if len(w) > 3 and w.endswith(("'s", "’s")):
                out[k] = (w[:-2], s, e - 2)
    return out


@functools.lru_cache(maxsize=16384)
def _cached_words(text: str) -> list[tuple[str, int, int]]:
    """:func:`_words` of a reference text (one is linked to several claims); never change the list."""
    return _words(text)


@functools.lru_cache(maxsize=16384)
def _number_value(tok: str) -> str:
    t = re.sub(r"(st|nd|rd|th|\.)$", "", tok.casefold())
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", t):
        return t.replace(",", "").replace(".", "")
    return t.replace(",", ".")


def _plain_words(text: str) -> list[str]:
    """The case-folded words of ``text`` as :func:`_words` gives them, without offsets (faster)."""
    return [w[:-2] if len(w) > 3 and w.endswith(("'s", "’s")) else w for w in _WORD.findall(text.casefold())]


@once_per_reference
def _vocabulary(text: str) -> frozenset[str]:
    return _word_set(text)  # a long reference's is read in parts beforehand (warm_reference)


def _word_set(text: str) -> frozenset[str]:
    """The set of :func:`_plain_words` of ``text``, the possessive ending cut from each distinct word
    once rather than from every occurrence."""
    return frozenset(w[:-2] if len(w) > 3 and w.endswith(("'s", "’s")) else w
                     for w in set(_WORD.findall(text.casefold())))


@functools.lru_cache(maxsize=4)
def _by_initial(vocab: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words of a vocabulary grouped by their first letter (names are compared within a group)."""
    groups: dict[str, list[str]] = {}
    for v in sorted(vocab):
        groups.setdefault(v[:1], []).append(v)
    return {k: tuple(g) for k, g in groups.items()}


@once_per_reference
def _reference_is_german(text: str) -> bool:
    return _is_german([text[:20000]])


def _is_german(texts: Sequence[str]) -> bool:
    en = de = 0
    for t in texts:
        for w in re.findall(r"\w+", t.casefold()):
            en += w in _EN_MARKERS
            de += w in _DE_MARKERS
    return de > en


@functools.lru_cache(maxsize=65536)
def _place_of(word: str) -> int | None:
    """The group of :data:`LEX.place_forms` a case-folded word belongs to ("norwegian": Norway's)."""
    for g, (exact, prefixes) in enumerate(LEX.place_forms):
        if word in exact or word.startswith(prefixes):
            return g
    return None


def _similar(a: str, b: str) -> bool:

    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4 and (a[:5] == b[:5] or a.startswith(b) or b.startswith(a)):
        return True
    return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= 75


class _Left:
    """The linked reference texts as one searchable set of words."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        # order only, no offsets; the words of each text as the other checks read them, not read again
        self.seq = [(w, 0, 0) for t in texts for w, _, _ in _cached_words(t)]
        self.vocab = {w for w, _, _ in self.seq}
        self.keys = {w[:5] for w in self.vocab}
        self.counterparts: dict[str, bool] = {}  # word -> has a counterpart here (meaning._counterpart)

    def has(self, word: str) -> bool:
        """The word, or another form of it ("warn"/"warned"), is among the reference words."""
        if word in self.vocab:
            return True
        if len(word) >= 5:
            return word[:5] in self.keys
        return len(word) == 4 and any(v.startswith(word) for v in self.vocab)

    @functools.cached_property
    def ends(self) -> frozenset[str]:
        """The first and the last four letters of each word of four letters or more (for compounds)."""
        return frozenset(x for v in self.vocab if len(v) >= 4 for x in ("<" + v[:4], v[-4:] + ">"))

    @functools.cached_property
    def choices(self) -> tuple[str, ...]:
        """The words as a tuple (for fuzzy matching, faster than the set)."""
        return tuple(self.vocab)

    @functools.cached_property
    def places(self) -> frozenset[int]:
        """The place groups (:func:`_place_of`) the linked words name."""
        return frozenset(g for v in self.vocab if (g := _place_of(v)) is not None)

    @functools.cached_property
    def hyphen_parts(self) -> frozenset[str]:
        """The parts of the hyphenated words ("asia", "europe" of "asia-europe")."""
        return frozenset(p for v in self.vocab if "-" in v for p in v.split("-") if p)

    @functools.cached_property
    def long_words(self) -> list[str]:
        """The words of six letters or more (compared as parts of compounds)."""
        return [v for v in self.vocab if len(v) >= 6]

    @functools.cached_property
    def long_joined(self) -> str:
        """:attr:`long_words` in one string, a line each (a word found in it is part of one of them)."""
        return "\n".join(self.long_words)

    @functools.cached_property
    def has_negation(self) -> bool:
        return _any_negation(self.vocab)

    @functools.cached_property
    def prefixed(self) -> list[str]:
        return _prefixed(self.vocab)

    @functools.cached_property
    def words(self) -> list[tuple[int, str, int, int]]:
        return [(k, w, s, e) for k, t in enumerate(self.texts) for w, s, e in _cached_words(t)]

    def spans(self, word: str) -> tuple[tuple[int, int, int], ...]:
        return tuple((k, s, e) for k, w, s, e in self.words if w == word)


NUMBER_WORDS = LEX.number_words
_WORD_TOKEN = re.compile(r"\b[^\W\d_]+\b")
_JOINED_PARTS = re.compile(r"[-'’]")
_SHARP_S = re.compile("[ßẞ]")


class _WholeWords:
    """``finditer`` over the whole words of a text that are in ``words`` (any case): one word pattern
    and a set lookup, three times faster than an alternation of the words with ``re.IGNORECASE``
    (0.14 s to 0.05 s on a 380 KB reference)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w.casefold() for w in words)
        bad = sorted(w for w in self.words if not w.isalpha())
        if bad:
            raise ValueError(f"number words must be single words: {bad[:5]}")

    def finditer(self, text: str, words: Sequence[tuple[str, int, int]] | None = None) -> Iterator[re.Match[str]]:
        """The matches in ``text``; ``words``, when given, are its :func:`_words` (read instead of the
        text to tell whether there is any)."""
        if not (self.found_in(text) if words is None else self.in_words(words)):
            return iter(())  # most texts: no word of the set, and no match object made
        return (m for m in _WORD_TOKEN.finditer(text) if m.group().casefold() in self.words)

    def spans(self, text: str, vocabulary: Iterable[str] | None = None) -> list[tuple[int, int]]:
        """(start, end) of each match of :meth:`finditer`, for a long text: only the words of the set
        that it has are looked for, in the case-folded text at once ("ß" folds to "ss": the places
        are given back in ``text``; a text with another letter that folds to more than one is read
        word by word). ``vocabulary`` is the text's case-folded words (:func:`_word_set`), when known."""
        low = text.casefold()
        present = (set(self.words.intersection(_WORD_TOKEN.findall(low))) if vocabulary is None
                   else self.present_in(vocabulary))
        if not present:
            return []
        sharp = [m.start() for m in _SHARP_S.finditer(text)] if len(low) != len(text) else []
        if len(low) != len(text) + len(sharp):
            return [m.span() for m in self.finditer(text)]
        forms = "|".join(map(re.escape, sorted(present)))
        found = [m.span() for m in re.compile(r"\b(?:" + forms + r")\b").finditer(low)]
        if not sharp:
            return found
        folded_at = [i + k for k, i in enumerate(sharp)]  # where each "ß" stands in the folded text

        def back(x: int) -> int:  # a word's edge never falls between the two letters of a folded "ß"
            return x - bisect.bisect_left(folded_at, x)

        return [(back(s), back(e)) for s, e in found]

    def present_in(self, vocabulary: Iterable[str]) -> set[str]:
        """The words of the set among a text's case-folded words (:func:`_word_set`): a word of letters
        is one of them, or a part of one joined by a hyphen or an apostrophe ("twenty-one")."""
        vocab = vocabulary if isinstance(vocabulary, frozenset | set) else set(vocabulary)
        present = {w for w in self.words if w in vocab}
        present.update(p for v in vocab if "-" in v or "'" in v or "’" in v
                       for p in _JOINED_PARTS.split(v) if p in self.words)
        return present

    def in_words(self, words: Sequence[tuple[str, int, int]]) -> bool:
        """:meth:`found_in` from a text's :func:`_words`: each whole word of letters is one of them or
        a part of one joined by a hyphen or an apostrophe ("twenty-one")."""
        ws = self.words
        if not ws.isdisjoint([w for w, _, _ in words]):
            return True
        return any(not ws.isdisjoint(_JOINED_PARTS.split(w)) for w, _, _ in words
                   if "-" in w or "'" in w or "’" in w)

    def found_in(self, text: str) -> bool:
        # the words of the case-folded text: a word of letters folds to a word of letters, so each
        # whole word of the text is among them (checked on the text as it is by finditer)
        return not self.words.isdisjoint(_WORD_TOKEN.findall(text.casefold()))

    def values(self, text: str, of: dict[str, str]) -> set[str]:
        """``of[word]`` for every distinct word of the set in ``text`` (no offsets: faster)."""
        return {of[w] for w in self.present_in(_word_set(text))}


_NUMBER_WORD = _WholeWords(NUMBER_WORDS)
_TENS_UNIT = re.compile(r"[-‐]([^\W\d_]+)\b")
_TENS = frozenset(str(n) for n in range(20, 100, 10))
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@functools.lru_cache(maxsize=16384)
def _numbers(text: str) -> list[tuple[str, str, int, int]]:
    """(value, surface, start, end); a month name before or after a number is part of it."""
    out = [(NUMBER_WORDS[m.group().casefold()], m.group(), m.start(), m.end())
           for m in _NUMBER_WORD.finditer(text, _cached_words(text))]
    for n, (value, _surf, start, end) in enumerate(out):
        if value in _TENS and text[end:end + 1] in ("-", "‐"):
            unit = _TENS_UNIT.match(text, end)
            if unit and unit.group(1).casefold() in _UNITS:  # "twenty-one" is 21, not 20
                out[n] = (str(int(value) + _UNITS[unit.group(1).casefold()]), text[start:unit.end()], start, unit.end())
    for m in _NUMBER.finditer(text):
        s, e = m.start(), m.end()
        before = re.search(r"(\w+)\s+$", text[max(0, s - 12):s])
        after = re.match(r"\s+(\w+)", text[e:e + 12])
        if before and before.group(1).casefold() in MONTHS:
            s -= len(before.group(0))
        elif after and after.group(1).casefold() in MONTHS:
            e += len(after.group(0))
        out.append((_number_value(m.group()), text[s:e].strip(), s, e))
    return out


@once_per_reference
def _reference_numbers(reference: str) -> frozenset[str]:
    """The values of every number in the whole reference (digits and number words)."""
    return frozenset({_number_value(t) for t in set(_NUMBER.findall(reference))}
                     | {NUMBER_WORDS[w] for w in _NUMBER_WORD.present_in(_vocabulary(reference))})


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _share_aliases(percent: float) -> frozenset[str]:
    """The keys a share matches: its value and the whole numbers either side ("a third" is 33.3 %,
    and "33 %" or "34 %" states it)."""
    return frozenset({"%" + _fmt(percent), "%" + _fmt(math.floor(percent)), "%" + _fmt(math.ceil(percent))})


def _alternation(forms: Sequence[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=len, reverse=True))


_NUM_ALT = r"\d+|" + _alternation(list(NUMBER_WORDS))
_SHARE_PHRASE = re.compile(r"(?<!\w)(?:" + _alternation([" ".join(p) for p in LEX.shares]) + r")(?!\w)",
                           re.IGNORECASE)
# "one in five": the words before a number that make it the count of a share
_SHARE_OF = re.compile(r"(?<!\w)(" + _alternation(LEX.share_ones) + "|" + _NUM_ALT + r")\s+(?:"
                       + _alternation(LEX.share_joiners) + r")\s+$", re.IGNORECASE)
# a share phrase has one of these words, so a text without any is not searched
_SHARE_KEYS = tuple(sorted({max((x for w in p for x in w.split("-")), key=len) for p in LEX.shares}))
_SHARE_KEY = re.compile("|".join(re.escape(k) for k in _SHARE_KEYS))
_PERCENT_AFTER = re.compile(r"\s*(?:" + _alternation(LEX.percent_words) + r")(?!\w)", re.IGNORECASE)
_SHARE_VALUES = {" ".join(p): v for p, v in LEX.shares.items()}


def _count(tok: str) -> int | None:
    t = tok.casefold()
    if t in LEX.share_ones:
        return 1
    t = NUMBER_WORDS.get(t, t)
    return int(t) if t.isdigit() else None


@functools.lru_cache(maxsize=16384)
def _quantities(text: str) -> tuple[tuple[str, frozenset[str], str, int, int, str], ...]:
    """(value, keys, surface, start, end, kind) of each number and share in ``text``: a share in
    words ("a third", "jeder Fünfte", "one in five") and a figure with a percent word ("20%") share
    the keys of their percentage, so "half" and "50 percent" state the same; kind is "share" for a
    share in words, else :func:`_number_kind`."""
    out: list[tuple[str, frozenset[str], str, int, int, str]] = []
    taken: list[tuple[int, int]] = []
    low = text.casefold()
    if _SHARE_KEY.search(low):
        for m in _SHARE_PHRASE.finditer(text):
            pct = _SHARE_VALUES[" ".join(m.group().casefold().split())]
            out.append(("%" + _fmt(pct), _share_aliases(pct), m.group(), m.start(), m.end(), "share"))
            taken.append((m.start(), m.end()))
    for v, surf, s, e in _numbers(text):
        if any(ts <= s < te for ts, te in taken):
            continue
        of = _SHARE_OF.search(text, max(0, s - 24), s) if s else None
        a, b = (_count(of.group(1)), _count(surf)) if of else (None, None)
        if of and a and b and a < b <= 100 and not any(ts < e and of.start() < te for ts, te in taken):
            pct = 100 * a / b
            out = [q for q in out if not of.start() <= q[3] < e]  # "one" or "3" of "3 in 10" is no count
            out.append(("%" + _fmt(pct), _share_aliases(pct), text[of.start():e], of.start(), e, "share"))
            taken.append((of.start(), e))
            continue
        keys = {v}
        if _PERCENT_AFTER.match(text, e):
            with contextlib.suppress(ValueError):
                keys.add("%" + _fmt(float(v)))
        out.append((v, frozenset(keys), surf, s, e, _number_kind(v, surf)))
    return tuple(sorted(out, key=lambda q: q[3]))


def _sum_of_parts(value: str, parts: Sequence[tuple[int, str, str, int, int]]) -> tuple[int, ...] | None:
    """Indices of two or three stated counts, all in one text or sentence (the first field), that add
    up to ``value`` ("three … and two" retold as "five")."""
    if not value.isdigit():
        return None
    whole = int(value)
    groups: dict[int, list[tuple[int, int]]] = {}
    for n, (k, v, *_r) in enumerate(parts):
        if v.isdigit() and 0 < int(v) < whole:
            groups.setdefault(k, []).append((n, int(v)))
    for counts in groups.values():
        for size in (2, 3):
            for combo in itertools.combinations(counts[:8], size):
                if sum(c for _n, c in combo) == whole:
                    return tuple(n for n, _c in combo)
    return None


@once_per_reference
def _reference_stops(reference: str) -> list[int]:
    return [m.end() for m in re.finditer(r"[.!?]\s", reference)]


def _related_counts(reference: str, rvocab: set[str]) -> list[tuple[int, str, str, int, int]]:
    """The counts of :func:`_reference_counts` in the reference sentences that share a content word
    with the claim (a total is explained only by parts about the same thing)."""
    by_key, by_sentence = _count_index(reference)
    rkeys = {w[:5] for w in rvocab if len(w) > 3}
    sentences = set().union(*(by_key.get(k, ()) for k in rkeys))
    return [c for n in sorted(sentences) for c in by_sentence[n]]


@once_per_reference
def _count_index(reference: str) -> tuple[dict[str, set[int]], dict[int, list[tuple[int, str, str, int, int]]]]:
    """The reference's counts by sentence, and the sentences with counts by each key of their
    content words (:func:`_related_counts` then reads only the sentences a claim's keys lead to)."""
    by_sentence: dict[int, list[tuple[int, str, str, int, int]]] = {}
    for c in _reference_counts(reference):
        by_sentence.setdefault(c[0], []).append(c)
    by_key: dict[str, set[int]] = {}
    for n, keys in _count_sentence_keys(reference).items():
        for k in keys:
            by_key.setdefault(k, set()).add(n)
    return by_key, by_sentence


@once_per_reference
def _count_sentence_keys(reference: str) -> dict[int, frozenset[str]]:
    """For each reference sentence that states a count, the five-letter keys of its content words
    (read once per reference, not once per claim)."""
    stops = _reference_stops(reference)
    out: dict[int, frozenset[str]] = {}
    for c in _reference_counts(reference):
        if c[0] not in out:
            lo, hi = (stops[c[0] - 1] if c[0] else 0), (stops[c[0]] if c[0] < len(stops) else len(reference))
            out[c[0]] = frozenset(w[:5] for w in _plain_words(reference[lo:hi]) if len(w) > 3 and w not in STOPWORDS)
    return out


@once_per_reference
def _reference_counts(reference: str) -> tuple[tuple[int, str, str, int, int], ...]:
    """(sentence number, value, surface, start, end) of each count in the whole reference (digits or
    a number word; no percentage), for :func:`_sum_of_parts`; a sentence ends at ". ", "! " or "? "."""
    stops = _reference_stops(reference)
    found = [(_number_value(m.group()), *m.span()) for m in _NUMBER.finditer(reference)]
    found += [(NUMBER_WORDS[reference[s:e].casefold()], s, e)
              for s, e in _NUMBER_WORD.spans(reference, _vocabulary(reference))]
    return tuple(sorted((bisect.bisect(stops, s), v, reference[s:e], s, e)
                        for v, s, e in found
                        if v.isdigit() and not _PERCENT_AFTER.match(reference, e)))


def _check_numbers(right: str, rw: list[tuple[str, int, int]], left: _Left, reference: str = "") -> list[Reason]:
    rq = _quantities(right)
    # without a figure in the claim, none of the reference's figures is compared
    lq = [(k, q) for k, t in enumerate(left.texts) for q in _quantities(t)] if rq else []
    lkeys = {key for _k, q in lq for key in q[1]}
    rkeys = {key for q in rq for key in q[1]}
    reasons = []
    # unused: (text index, value, surface, start, end) of each reference number the claim does not state
    unused = [(k, q[0], q[2], q[3], q[4]) for k, q in lq if not q[1] & rkeys]
    shares_unused = any(q[5] == "share" or any(x.startswith("%") for x in q[1]) for k, q in lq
                        if not q[1] & rkeys)
    # a share in words the linked text has no share for is no figure of its own ("half an hour")
    missing = [(q[0], q[2], q[3], q[4]) for q in rq if not q[1] & lkeys and (q[5] != "share" or shares_unused)]
    if missing:  # "48 hours" → "two days", "twelve months" → "a year": the same time
        same = _converted_durations(right, left.texts)
        missing = [x for x in missing if not any(a <= x[2] < b for a, b in same)]
    kinds = {(q[3], q[4]): q[5] for q in rq}
    counts = [u for u in unused if _number_kind(u[1], u[2]) == "number"]
    for x in list(missing):
        if kinds[(x[2], x[3])] != "number" or len(counts) < 2:
            continue
        parts = _sum_of_parts(x[0], counts)
        if parts is not None:
            named = [counts[n] for n in parts]
            reasons.append(Reason("number", f"{x[1]}: the sum of {' and '.join(p[2] for p in named)}", False,
                                  " + ".join(p[2] for p in named), x[1], ((x[2], x[3]),),
                                  tuple((p[0], p[3], p[4]) for p in named)))
            missing.remove(x)
            unused = [u for u in unused if u not in named]
            counts = [u for u in counts if u not in named]
    if reference and missing:
        # stated in a neighbouring reference sentence, and no number of its kind (a year, a date, a
        # count) in the linked text replaced by it: not a change
        elsewhere = _reference_numbers(reference)
        unused_kinds = {_number_kind(v, surf) for _, v, surf, _, _ in unused}
        for v, surf, s, e in missing:
            related = (_related_counts(reference, {w for w, _, _ in rw}) if kinds[(s, e)] == "number"
                       and "number" not in unused_kinds else [])
            parts = _sum_of_parts(v, related) if len(related) >= 2 else None
            if parts is not None:
                stated = [related[n][2] for n in parts]
                reasons.append(Reason("number", f"{surf}: the sum of {' and '.join(stated)} in another reference "
                                      "sentence", False, " + ".join(stated), surf, ((s, e),)))
            elif kinds[(s, e)] == "share":
                continue  # the linked text states another share: a change
            elif (v in elsewhere and _number_kind(v, surf) not in unused_kinds
                    and (len(v) >= 2 or any(w in MONTHS for w in surf.casefold().split()))):
                reasons.append(Reason("number", f"{surf}: stated in another reference sentence", False, "", surf,
                                      ((s, e),)))
        missing = [x for x in missing if not any(r.right_spans == ((x[2], x[3]),) for r in reasons)]
    for n, (_v, surf, s, e) in enumerate(missing):
        kind = "date" if any(w in MONTHS for w in surf.casefold().split()) else "number"
        if len(missing) == len(unused):
            k, _lv, lsurf, ls, le = unused[n]
            reasons.append(Reason(kind, f"{lsurf} → {surf}", True, lsurf, surf, ((s, e),), ((k, ls, le),)))
        else:
            reasons.append(Reason(kind, f"adds: {surf}", True, "", surf, ((s, e),)))
    r_days = {d for w, _, _ in rw if w[:4] in _WEEKDAY_KEYS and (d := _weekday(w))}
    l_days = {d: w for w in left.vocab if w[:4] in _WEEKDAY_KEYS and (d := _weekday(w))}
    gone = sorted(l_days[d] for d in l_days if d not in r_days)  # the reference's day, changed?
    for w, s, e in rw if r_days else ():
        day = _weekday(w)
        if day and day not in l_days:
            if len(gone) == 1:
                old = next(left.texts[k][ls:le] for k, x, ls, le in left.words if x == gone[0])
                reasons.append(Reason("date", f"{old} → {right[s:e]}", True, old, right[s:e], ((s, e),),
                                      left.spans(gone[0])))
            elif not gone and reference and w in _vocabulary(reference):
                reasons.append(Reason("date", f"{right[s:e]}: stated in another reference sentence", False, "",
                                      right[s:e], ((s, e),)))
            else:
                reasons.append(Reason("date", f"adds: {right[s:e]}", True, "", right[s:e], ((s, e),)))
    reasons += _check_months(right, rw, left, reference, [sp for r in reasons for sp in r.right_spans])
    return reasons


_DAY_PARTS = ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")
_WEEKDAY_KEYS = frozenset(d[:4] for d in WEEKDAYS)


@functools.lru_cache(maxsize=4096)
def _weekday(w: str) -> str:
    """The weekday a word names, a German compound with a part of the day too ("freitagabend" →
    "freitag"); "" for any other word."""
    if w in WEEKDAYS:
        return w
    if w[:4] not in _WEEKDAY_KEYS:
        return ""  # most words
    for d in WEEKDAYS:
        if w.startswith(d) and w[len(d):] in _DAY_PARTS:
            return d
    return ""


_DURATION_JOIN = re.compile(r"\s*(?:,|and|und)?\s*")


def _durations(text: str) -> list[tuple[float, int, int]]:
    """(minutes, start, end) of each stated duration: a number and a unit of time, several in a row
    summed ("2 hours and 48 minutes")."""
    out: list[tuple[float, int, int]] = []
    for value, _surf, s, e in sorted(_numbers(text), key=lambda n: n[2]):
        unit = re.match(r"[\s-]*([^\W\d_]+)", text[e:e + 16])
        factor = LEX.durations.get(unit.group(1).casefold()) if unit else None
        try:
            amount = float(value)
        except ValueError:
            continue
        if factor is None:
            continue
        end = e + unit.end() if unit else e
        if out and _DURATION_JOIN.fullmatch(text[out[-1][2]:s]):
            out[-1] = (out[-1][0] + amount * factor, out[-1][1], end)
        else:
            out.append((amount * factor, s, end))
    if LEX.indefinite_articles.isdisjoint(w for w, _, _ in _cached_words(text)):
        return out
    ws = _cached_words(text)
    for (w, s, _e), (u, _us, ue) in zip(ws, ws[1:], strict=False):  # "a year earlier": one year
        if w in LEX.indefinite_articles and u in LEX.durations and not any(a <= s < b for _m, a, b in out):
            out.append((LEX.durations[u], s, ue))
    return out


def _converted_durations(right: str, lefts: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of the claim's durations that equal one of the linked text's in another unit; within
    a tenth when the claim's figure is approximate ("almost three hours" for 2 hours 48 minutes)."""
    theirs = [m for t in lefts for m, _s, _e in _durations(t)]
    out = []
    for minutes, s, e in _durations(right):
        before = right[max(0, s - 14):s].casefold().split()
        slack = 0.1 if before and before[-1] in _APPROX else 0.01
        if any(abs(minutes - m) <= slack * max(m, minutes) for m in theirs):
            out.append((s, e))
    return out


def _number_kind(value: str, surface: str) -> str:
    """A date (a number with its month), a year, or any other number: a number replaces one of its kind."""
    if any(w in MONTHS for w in surface.casefold().split()):
        return "date"
    return "year" if re.fullmatch(r"1[5-9]\d\d|20\d\d", value) else "number"


_MONTH_KEY = {"sept": "sep"}


def _months(text: str, words: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The month names of ``text`` as (key, start, end): a name that is also a common word ("may",
    "march") or a short form ("Jun") only after a month cue ("in May"), beside a number ("May 10",
    "10 Jun"), or, for a full name, capitalised inside a sentence."""
    return [(_MONTH_KEY.get(w, w[:3]), s, e) for k, (w, s, e) in enumerate(words)
            if w in MONTHS and _is_month(text, words, k)]


def _is_month(text: str, words: Sequence[tuple[str, int, int]], k: int) -> bool:
    w, s, _e = words[k]
    full = len(w) > 4 or w in ("may", "june", "july", "mai", "juni", "juli", "märz")
    if full and w not in LEX.ambiguous_months:
        return True
    prev = words[k - 1][0] if k else ""
    nxt = words[k + 1][0] if k + 1 < len(words) else ""
    capital = full and text[s:s + 1].isupper() and k > 0 and not re.search(r"[.!?:\"“„]\s*$", text[:s])
    return capital or prev[:1].isdigit() or nxt[:1].isdigit() or (full and prev in LEX.month_cues)


_MONTH_FORMS: dict[str, tuple[str, ...]] = {}
for _m in sorted(MONTHS):
    _MONTH_FORMS.setdefault(_MONTH_KEY.get(_m, _m[:3]), ())
    _MONTH_FORMS[_MONTH_KEY.get(_m, _m[:3])] += (_m,)


@functools.lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=64)
def _reference_names_month(reference: str, key: str) -> bool:
    """Whether the reference names the month ``key`` anywhere (each mention read in a short window
    around it, so the reference is not read word by word)."""
    low = _lower(reference)
    same = len(low) == len(reference)
    for form in _MONTH_FORMS.get(key, ()):
        i = low.find(form)
        while i >= 0:
            e = i + len(form)
            if (i == 0 or not low[i - 1].isalnum()) and (e == len(low) or not low[e].isalnum()):
                lo = max(0, i - 40)
                window = (reference if same else low)[lo:e + 40]
                words = _words(window)
                k = next((k for k, (_w, s, _e) in enumerate(words) if s == i - lo), None)
                if k is not None and words[k][0] == form and _is_month(window, words, k):
                    return True
            i = low.find(form, i + 1)
    return False


def _check_months(right: str, rw: list[tuple[str, int, int]], left: _Left, reference: str,
                  reported: Sequence[tuple[int, int]]) -> list[Reason]:
    """A month changed ("in March" → "in April", "14 June" → "14 July"), added, or stated only in
    another reference sentence (a minor note)."""
    r_months = _months(right, rw)
    if not r_months:
        return []
    l_months = [(key, k, s, e) for k, t in enumerate(left.texts) for key, s, e in _months(t, _cached_words(t))]
    l_keys = {key for key, *_ in l_months}
    r_keys = {key for key, _, _ in r_months}
    gone = sorted(l_keys - r_keys)
    out = []
    for key, s, e in r_months:
        if key in l_keys or any(a <= s and e <= b for a, b in reported):
            continue
        surf = right[s:e]
        if len(gone) == 1:
            k, ls, le = next((k, ls, le) for g, k, ls, le in l_months if g == gone[0])
            old = left.texts[k][ls:le]
            out.append(Reason("date", f"{old} → {surf}", True, old, surf, ((s, e),), ((k, ls, le),)))
        elif not gone and reference and _reference_names_month(reference, key):
            out.append(Reason("date", f"{surf}: stated in another reference sentence", False, "", surf, ((s, e),)))
        else:
            out.append(Reason("date", f"adds: {surf}", True, "", surf, ((s, e),)))
    return out


def _capitalised(text: str, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Words that look like names: capitalised and not opening a sentence, or all capitals.
    ``words`` are :func:`_words` of ``text``."""
    out = []
    for _w0, s, e in words:
        w = text[s:e]
        if not w[0].isupper() or w == "I" or len(w) < 2:
            continue
        prev = text[:s].rstrip()
        opening = not prev or prev[-1] in ".!?:“\"„«‘'–—-" or prev.endswith("…")
        if opening and not w.isupper():
            continue
        out.append((w, s, e))
    return out


def _check_names(right: str, rw: list[tuple[str, int, int]], left: _Left, reference: str) -> list[Reason]:
    """New names are major; a run of new capitalised words is one name ("Chancellor Friedrich Merz");
    a new word attached to a known name ("US Administration") is minor."""
    reasons: list[Reason] = []
    ref_vocab = _vocabulary(reference) if reference else frozenset(left.vocab)
    ref_initial = _by_initial(ref_vocab)
    prev_end, prev_state = -10, ""
    for w, s, e in _capitalised(right, rw):
        adjacent = 0 <= s - prev_end <= 1
        prev_end = e
        if w.casefold() in LEX.abbreviations:  # "PM", "MPs": a title or a body, not a name
            prev_state = ""
            continue
        parts = [p for p in re.split(r"[-'’]", w.casefold()) if p]
        state = "known"
        if any(p in left.vocab or p in left.hyphen_parts for p in parts) or w.casefold() in MONTHS | WEEKDAYS \
                or _place_of(w.casefold()) in left.places:
            if w.casefold() not in left.vocab and "-" in w and not all(p in left.vocab for p in parts):
                reasons.append(Reason("spelling", f"spelling: {w}", False, "", w, ((s, e),)))
        elif left.places and _place_of(w.casefold()) is not None and \
                left.places - {_place_of(x) for x, _, _ in rw}:
            pass  # one place for another of the linked text: the places check names both
        elif near := _near_spellings([p for p in parts if len(p) >= 4], left):
            best = max(near, key=len)
            reasons.append(Reason("spelling", f"{best} → {w}", False, best, w, ((s, e),), left.spans(best)))
        elif w.isupper() and (w.casefold() in _acronyms(reference)
                              or any(w.casefold() in _acronyms(t) for t in left.texts)):
            pass  # the initials of a name the reference spells out ("ESA", "European Space Agency")
        elif any(p in ref_vocab for p in parts):
            # the note names the word only when the reference has that very word
            reasons.append(Reason("name", f"{w}{_ELSEWHERE}", False, "", w, ((s, e),)))
        elif any(_similar(p, v) for p in parts for v in ref_initial.get(p[:1], ())):
            pass  # a near spelling elsewhere in the reference ("Ministry", "ministers"): known, no note
        elif adjacent and prev_state == "new":
            last = reasons[-1]
            name = right[last.right_spans[0][0]:e]
            reasons[-1] = Reason("name", f"adds: {name}", last.major, "", name, ((last.right_spans[0][0], e),))
            state = "new"
        else:
            reasons.append(Reason("name", f"adds: {w}", not (adjacent and prev_state == "known"), "", w,
                                  ((s, e),)))
            state = "new"
        prev_state = state
    return _named_for([_substituted(right, rw, left, r) or r for r in reasons], right, rw, left)


_ELSEWHERE = ": named elsewhere in the reference"


def _adjacent_runs(spans: Sequence[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """(text, start, end) spans grouped into runs of adjacent words of one text."""
    runs: list[list[tuple[int, int, int]]] = []
    for k, s, e in sorted(spans):
        if runs and runs[-1][-1][0] == k and 0 <= s - runs[-1][-1][2] <= 1:
            runs[-1].append((k, s, e))
        else:
            runs.append([(k, s, e)])
    return runs


def _named_for(reasons: list[Reason], right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    """The linked text's one name is gone and one name the reference states elsewhere stands in
    its place, after or before the same word: "set in London in 2015" → "set in New York in 2015"
    is a change, not a sentence merged in."""
    elsewhere = [r for r in reasons if r.kind == "name" and not r.major and r.text.endswith(_ELSEWHERE)]
    if not elsewhere:
        return reasons
    new_runs = _adjacent_runs([(0, *r.right_spans[0]) for r in elsewhere])
    rvocab = {w for w, _, _ in rw}
    rplaces = {_place_of(w) for w in rvocab} - {None}
    gone = []
    for k, t in enumerate(left.texts):
        for w, s, e in _capitalised(t, _cached_words(t)):
            f = w.casefold()
            parts = [x for x in re.split(r"[-'’]", f) if x]
            if (f in LEX.abbreviations or f in MONTHS or f in WEEKDAYS or any(x in rvocab for x in parts)
                    or _place_of(f) in rplaces or (w.isupper() and f in _acronyms(right))):
                continue
            gone.append((k, s, e))
    gone_runs = _adjacent_runs(gone)
    if len(new_runs) != 1 or len(gone_runs) != 1:
        return reasons
    (k, ls, _), le = gone_runs[0][0], gone_runs[0][-1][2]
    rs, re_ = new_runs[0][0][1], new_runs[0][-1][2]
    lw = _cached_words(left.texts[k])
    li, lj = next(n for n, x in enumerate(lw) if x[1] == ls), next(n for n, x in enumerate(lw) if x[2] == le)
    ri, rj = next(n for n, x in enumerate(rw) if x[1] == rs), next(n for n, x in enumerate(rw) if x[2] == re_)
    before = li and ri and lw[li - 1][0] == rw[ri - 1][0]
    after = lj + 1 < len(lw) and rj + 1 < len(rw) and lw[lj + 1][0] == rw[rj + 1][0]
    if not (before or after):
        return reasons  # not in the gone name's place ("spoke in Washington" → "spoke with Senator Lee")
    old, new = left.texts[k][ls:le], right[rs:re_]
    kept = [r for r in reasons if r not in elsewhere]
    return [*kept, Reason("name", f"{old} → {new}", True, old, new, ((rs, re_),), ((k, ls, le),))]


def _near_spellings(parts: Sequence[str], left: _Left) -> list[str]:
    """The linked words :func:`_similar` to one of ``parts`` (none of them a linked word itself),
    sorted: the fuzzy ones found by rapidfuzz over all the words at once."""
    hits: set[str] = set()
    for p in parts:
        hits.update(v for v, _score, _k in process.extract(p, left.choices, scorer=fuzz.ratio, score_cutoff=75,
                                                            limit=None) if len(v) >= 4)
        hits.update(v for v in left.vocab if len(v) >= 4 and (v[:5] == p[:5] or v.startswith(p) or p.startswith(v)))
    return sorted(hits)


@functools.lru_cache(maxsize=256)
def _acronyms(text: str) -> frozenset[str]:
    """The initials of every run of two to six capitalised words in ``text`` ("esa" for "European
    Space Agency"), case-folded."""
    out = set()
    for run in _cap_runs(text, _cached_words(text)):
        for a in range(len(run)):
            for b in range(a + 2, min(len(run), a + 6) + 1):
                out.add("".join(w[0] for w, _, _ in run[a:b]))
    return frozenset(out)


def _cap_runs(text: str, words: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs of adjacent capitalised words ("Danish Heart Foundation"), a sentence's first word included."""
    runs: list[list[tuple[str, int, int]]] = []
    for w, s, e in words:
        if not text[s].isupper() or w in _FUNCTION:
            continue
        if runs and 0 <= s - runs[-1][-1][2] <= 1:
            runs[-1].append((w, s, e))
        else:
            runs.append([(w, s, e)])
    return [r for r in runs if len(r) >= 2]


def _substituted(right: str, rw: list[tuple[str, int, int]], left: _Left, r: Reason) -> Reason | None:
    """A new part attached to a known name is minor ("US Administration"), unless it takes the place
    of the name's other part in the reference: "Danish Heart Foundation" → "Danish Cancer Society"."""
    if r.kind != "name" or r.major or not r.text.startswith("adds:"):
        return None
    rruns = [run for run in _cap_runs(right, rw) if any(s <= r.right_spans[0][0] < e or
                                                        r.right_spans[0][0] <= s < r.right_spans[0][1]
                                                        for _w, s, e in run)]
    if not rruns:
        return None
    rnames = {w for w, _, _ in rruns[0]}
    rvocab = {w for w, _, _ in rw}
    for k, lt in enumerate(left.texts):
        for run in _cap_runs(lt, _cached_words(lt)):
            lnames = {w for w, _, _ in run}
            gone = lnames - rnames
            if lnames & rnames and gone and not gone & rvocab and rnames - lnames:
                ls, le = run[0][1], run[-1][2]
                rs, re_ = rruns[0][0][1], rruns[0][-1][2]
                return Reason("name", f"name changed: '{lt[ls:le]}' → '{right[rs:re_]}'", True, lt[ls:le],
                              right[rs:re_], ((rs, re_),), ((k, ls, le),))
    return None


def _content_after(words: list[tuple[str, int, int]], k: int, n: int = 4) -> list[str]:
    out = []
    for w, _, _ in words[k + 1:]:
        if w in _FUNCTION or w in NEGATIONS or w in HEDGES:
            continue
        out.append(w)
        if len(out) == n:
            break
    return out


def _is_neg(w: str) -> bool:
    return w in NEGATIONS or w[-3:] in _NT


_NT = frozenset(("n't", "n’t"))


def _any_negation(vocab: set[str]) -> bool:
    """Whether any of the words is a negation (:func:`_is_neg`), by set lookups first."""
    if not NEGATIONS.isdisjoint(vocab):
        return True
    joined = "\n".join(vocab)
    return ("n't" in joined or "n’t" in joined) and any(w[-3:] in _NT for w in vocab)


def _is_hedge(text: str, words: Sequence[tuple[str, int, int]], k: int) -> bool:
    """A hedge word, but not the month May ("in May", "May 10") nor "could" in a plain past
    statement ("all she could see")."""
    w = words[k][0]
    if w not in HEDGES:
        return False
    if w == "may":
        s, e = words[k][1], words[k][2]
        prev = words[k - 1][0] if k else ""
        capital = text[s:e] == "May" and k > 0 and not re.search(r"[.!?:\"“„]\s*$", text[:s])
        if capital or prev in LEX.month_cues or (k + 1 < len(words) and words[k + 1][0][:1].isdigit()):
            return False
    if w == "could" and any(words[j][0] in LEX.past_ability_cues for j in range(max(0, k - 2), k)):
        return False
    if w == "could" and k + 1 < len(words) and words[k + 1][0] in NEGATIONS:
        return False  # "could not see", "could not be reached": a past inability, no hedge
    if (w,) in _CONDITION_WORDS and k and words[k - 1][0] in LEX.concessions:
        return False  # "even if", "as if", "auch wenn": a concession or a manner, no hedge
    return True


_CONDITION_WORDS = frozenset(LEX.conditions)


_APPROX = frozenset(w for w in LEX.approximators if " " not in w)


def _approximate(words: Sequence[tuple[str, int, int]], k: int) -> bool:
    """The hedge at ``k`` qualifies a figure that is approximate ("probably about 300")."""
    nxt = [w for w, _, _ in words[k + 1:k + 3]]
    return any(w in _APPROX for w in nxt) or any(w[:1].isdigit() for w in nxt[:1])


_AUXILIARIES = frozenset("do does did is are was were has have had will would could should can may might must "
                         "hat haben hatte wird werden wurde ist sind war".split())


def _check_polarity(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    reasons: list[Reason] = []
    rvocab = {w for w, _, _ in rw}
    r_neg = [(k, w, s, e) for k, (w, s, e) in enumerate(rw) if _is_neg(w)] if _any_negation(rvocab) else []
    l_words = left.seq
    # the reference's negations are needed only when the claim has none (else: whether there are any)
    l_neg = [(k, w) for k, (w, _, _) in enumerate(l_words) if _is_neg(w)] \
        if left.has_negation and not r_neg else []
    if r_neg and not left.has_negation and not _negative_verb(left.texts):
        for k, _w, s, e in r_neg:
            after = _content_after(rw, k)
            if len(after) > 1 and not left.has(after[0]) and left.has(after[1]) and after[0] not in WEEKDAYS:
                after = after[1:]  # "no further work was needed", "nicht mehr begründen"
            if after and left.has(after[0]):
                end = next((x[2] for x in rw[k + 1:] if x[0] == after[0]), e)
                if k and rw[k - 1][0] in _AUXILIARIES:  # "did not approve"
                    s = rw[k - 1][1]
                lw = next((v for v in sorted(left.vocab) if _same_word(v, after[0]) or v.startswith(after[0])),
                          after[0])
                reasons.append(Reason("negation", f"negation added: '{lw}' → '{right[s:end]}'", True, lw,
                                      right[s:end], ((s, e),), left.spans(lw)))
                break
    r_negative_verb = any(w in _NEGATIVE_VERBS for w in rvocab) and _negative_verb([right])
    if not r_neg and not reasons and not left.has_negation and r_negative_verb and not _negative_verb(left.texts):
        reasons += _negative_verb_added(right, rw, left)
    if l_neg and not r_neg and not r_negative_verb:
        rkeys = {w[:5] for w in rvocab}
        for k, w in l_neg:
            before = _verb_before(left, k) if w in LEX.negative_pronouns else None
            if before and (before in rvocab or before[:5] in rkeys):
                x, hs, he = next((x for x in rw if _same_word(before, x[0])), (before, 0, 0))
                hit = right[hs:he] or before
                reasons.append(Reason("negation", f"negation dropped: '{before} … {w}' → '{hit}'", True, w, hit,
                                      ((hs, he),) if he else (), left.spans(w)))
                break
            hedge = l_words[k + 1][0] if k + 1 < len(l_words) else ""
            if hedge in HEDGES and any(p + hedge in rvocab for p in POLARITY_PREFIXES):
                continue  # "not likely to" → "unlikely to": the same
            if hedge in HEDGES and hedge in rvocab:  # "was not expected to raise" → "is expected to push up"
                x, hs, he = next(x for x in rw if x[0] == hedge)
                reasons.append(Reason("negation", f"negation dropped: '{w} {hedge}' → '{right[hs:he]}'", True, w,
                                      right[hs:he], ((hs, he),), left.spans(w)))
                break
            after = _content_after(l_words, k)
            # "did not prove that phones caused the loss" / "belegt nicht, dass …" → "phones caused the loss"
            verb, at = (after[0], next(j for j in range(k + 1, len(l_words)) if l_words[j][0] == after[0])) \
                if after and after[0] in LEX.evidence_verbs else \
                (l_words[k - 1][0], k) if k and l_words[k - 1][0] in LEX.evidence_verbs else ("", k)
            if verb and verb not in rvocab:
                found = [x for x in rw if x[0] in _content_after(l_words, at, 6)]
                if len(found) >= 3:
                    hs, he = found[0][1], found[-1][2]
                    reasons.append(Reason("negation", f"negation dropped: '{w} {verb}' → '{right[hs:he]}'", True,
                                          w, right[hs:he], ((hs, he),), left.spans(w)))
                    break
            if w == "no" and after[:1] == ["one"] and k + 1 < len(l_words) and l_words[k + 1][0] == "one":
                w, after = "no one", after[1:]  # the pronoun in two words: "no one was hurt"
            if after and (after[0] in rvocab or after[0][:5] in rkeys
                          or (len(after[0]) == 4 and any(r.startswith(after[0]) for r in rvocab))):
                if _past_clause(left, k, after[0]):
                    continue  # "those who do not, a study found": the negation ends with its clause
                x, hs, he = next((x for x in rw if x[0] == after[0] or _same_word(after[0], x[0])
                                  or (len(after[0]) == 4 and x[0].startswith(after[0]))), (after[0], 0, 0))
                if x.startswith(after[0]) and x[len(after[0]):].startswith(LEX.privative_endings):
                    continue  # "ohne Kabel" → "kabellos", "without a cord" → "cordless": the same
                hit = right[hs:he] or after[0]
                gap = " … " if " " in w else " "  # "no one … hurt"
                reasons.append(Reason("negation", f"negation dropped: '{w}{gap}{after[0]}' → '{hit}'", True, w, hit,
                                      ((hs, he),) if he else (), left.spans(w)))
                break
    # prefixed opposites: "counterterrorism" -> "terrorist", "likely" -> "unlikely"
    for a_side, b_side, flip in ((left.vocab, rvocab, False), (rvocab, left.vocab, True)):
        prefixed = left.prefixed if a_side is left.vocab else _prefixed(a_side)
        # each prefixed word not on the other side, with its prefix
        todo = [(a, p) for a in prefixed if a not in b_side
                and (p := next((p for p in POLARITY_PREFIXES if a.startswith(p) and len(a) - len(p) >= 4), None))]
        if not todo:
            continue  # most claims
        by_key: dict[str, list[str]] = {}
        for b in b_side:
            by_key.setdefault(b[:5], []).append(b)
        for a, p in todo:
            for b in sorted(by_key.get(a[len(p):len(p) + 5], ())):
                if b.startswith(p) or b in a_side or len(b) < 4:
                    continue
                if _negated_word(left.texts if flip else [right], b):
                    continue  # "did not change" → "unchanged": the same
                old, new = (b, a) if flip else (a, b)
                rs, re_ = next((s, e) for w, s, e in rw if w == new)
                reasons.append(Reason("negation", f"{old} → {new}", True, old, new, ((rs, re_),),
                                      left.spans(old)))
                return reasons
    return reasons


def _negative_verb_added(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    """A negative verb before a verb the reference states without one ("would work with" → "refused
    to work with"): a negation added."""
    for k, (w, s, _e) in enumerate(rw):
        form = next((f for f in _NEGATIVE_VERBS.get(w, ()) if _phrase_at(rw, k, f)), None)
        if form is None:
            continue
        after = _content_after(rw, k + len(form) - 1, 1)
        if after and left.has(after[0]):
            end = next(x[2] for x in rw[k + len(form):] if x[0] == after[0])
            lw = next((v for v in sorted(left.vocab) if v == after[0]), None) or \
                next((v for v in sorted(left.vocab) if _same_word(v, after[0]) or v.startswith(after[0])), after[0])
            return [Reason("negation", f"negation added: '{lw}' → '{right[s:end]}'", True, lw,
                           right[s:end], ((s, end),), left.spans(lw))]
    return []


def _verb_before(left: _Left, k: int) -> str | None:
    """The content word before reference word ``k`` (of ``left.seq``), a negative pronoun, when the
    pronoun ends its clause ("verletzt wurde niemand.", "they found nothing."): what it negates."""
    ws = left.words
    t, text = ws[k][0], left.texts[ws[k][0]]
    if k + 1 < len(ws) and ws[k + 1][0] == t and not re.search(r"[,;:.!?]", text[ws[k][3]:ws[k + 1][2]]):
        return None
    for j in range(k - 1, -1, -1):
        if ws[j][0] != t or re.search(r"[,;:.!?]", text[ws[j][3]:ws[j + 1][2]]):
            return None
        w = ws[j][1]
        if w not in _FUNCTION and w not in _AUXILIARIES and not _is_neg(w) and len(w) >= 3:
            return w
    return None


def _past_clause(left: _Left, k: int, word: str) -> bool:
    """Whether a punctuation mark stands between reference word ``k`` (of ``left.seq``) and the next
    ``word`` after it, in the same text (``left.words`` holds the same words with offsets)."""
    ws = left.words
    j = next((j for j in range(k + 1, len(ws)) if ws[j][1] == word), None)
    if j is None or ws[j][0] != ws[k][0]:
        return False
    text = left.texts[ws[k][0]]
    return any(ch in ",;:.!?" for ch in text[ws[k][3]:ws[j][2]])


def _negative_verb(texts: Sequence[str]) -> bool:
    """A verb that says something did not happen ("failed to agree", "scheiterte"): the claim's
    "could not agree" adds no negation."""
    for t in texts:
        ws = _cached_words(t)
        for k in range(len(ws)):
            if any(_phrase_at(ws, k, f) for f in _NEGATIVE_VERBS.get(ws[k][0], ())):
                return True
    return False


def _first_word_index(forms: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Forms of plain words by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        index.setdefault(form[0], []).append(form)
    return index


_NEGATIVE_VERBS = _first_word_index(LEX.negative_verbs)


def _negated_word(texts: Sequence[str], word: str) -> bool:
    """``word`` stands in one of the texts with a negation up to three words before it."""
    for t in texts:
        ws = _cached_words(t)
        for k, (w, _, _) in enumerate(ws):
            if w == word and any(_is_neg(x) for x, _, _ in ws[max(0, k - 3):k]):
                return True
    return False


def _prefixed(vocab: Iterable[str]) -> list[str]:
    """The words that start with a polarity prefix ("un", "counter"), sorted."""
    return sorted(a for a in vocab if a.startswith(POLARITY_PREFIXES))


def _forecast(text: str) -> bool:
    """The text states a plan or a forecast as such ("is set to take effect", "is due to open"), in
    the forms of its own language (German "will" states a plan, English "will" does not)."""
    words = _cached_words(text)
    forms = _FORECASTS_DE if _is_german([text]) else _FORECASTS_EN
    return any(_phrase_at(words, k, f) and not any(_is_neg(w) for w, _, _ in words[max(0, k - 2):k])
               for k in range(len(words)) for f in forms.get(words[k][0], ()))  # "no plans to": none


def _phrase_at(words: Sequence[tuple[str, int, int]], k: int, form: tuple[str, ...]) -> bool:
    return all(k + n < len(words) and words[k + n][0] == w for n, w in enumerate(form))


_FORECASTS_EN = _first_word_index(lexicon("en").forecasts)
_FORECASTS_DE = _first_word_index(lexicon("de").forecasts)


def _hedged_words(ws: Sequence[tuple[str, int, int]], k: int, n: int) -> list[str]:
    """The content words a hedge at ``k`` qualifies: those after it, and after a copula those just
    before it too ("an appeal was likely": the appeal)."""
    after = _content_after(list(ws), k, n)
    if k and ws[k - 1][0] in LEX.copulas:
        before = [w for w, _, _ in ws[max(0, k - 4):k - 1] if w not in _FUNCTION and w not in STOPWORDS]
        return before[::-1] + after
    return after


def _check_hedges(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    r_h = [(w, s, e) for k, (w, s, e) in enumerate(rw) if _is_hedge(right, rw, k)]
    l_hedges = [(t, k, w) for t, text in enumerate(left.texts) for ws in (_cached_words(text),)
                for k, (w, _, _) in enumerate(ws) if _is_hedge(text, ws, k)]
    rvocab = {w for w, _, _ in rw}
    if r_h:
        if not l_hedges and not any(_forecast(t) for t in left.texts):
            w, s, e = r_h[0]
            return [Reason("hedge", f"hedge added: '{right[s:e]}'", True, "", right[s:e], ((s, e),))]
        return []
    found = []
    # "will" and the like in the claim: a hedged statement further on in the reference became certain
    certain = bool(rvocab & CERTAINTY)
    r_approx = bool(rvocab & _APPROX)
    for t, k, w in l_hedges:
        ws = _cached_words(left.texts[t])
        if r_approx and w not in MODALS and _approximate(ws, k):
            continue  # an approximate figure kept approximate ("probably about 300" → "roughly 300")
        after = _hedged_words(ws, k, 8 if certain else 4)
        hits = [x for x in after[:8 if certain else 3] if left_has_r(x, rvocab) and not _modalised(rw, x)]
        if hits:
            found.append((w not in MODALS, after[0] != hits[0], t, k, w, hits[0]))
    if not found:
        return []
    *_, t, k, w, hit = min(found)
    m = next(n for n, (x, _, _) in enumerate(rw) if _same_word(hit, x))
    rs, re_ = rw[max(0, m - 2)][1], rw[m][2]
    ws = _cached_words(left.texts[t])
    before = next((n for n in range(max(0, k - 4), k) if ws[n][0] == hit), None)
    if before is not None:  # "an appeal was likely" → "an appeal would be lodged"
        lt = left.texts[t]
        rs, re_ = rw[m][1], rw[min(len(rw) - 1, m + 3)][2]
        return [Reason("hedge", f"hedge dropped: '{lt[ws[before][1]:ws[k][2]]}' → '{right[rs:re_]}'", True, w,
                       right[rs:re_], ((rs, re_),), ((t, ws[k][1], ws[k][2]),))]
    return [Reason("hedge", f"hedge dropped: '{w} {hit}' → '{right[rs:re_]}'", True, w, right[rs:re_],
                   ((rs, re_),), ((t, ws[k][1], ws[k][2]),))]


def _modalised(rw: list[tuple[str, int, int]], word: str) -> bool:
    """The claim's own modal stands before ``word`` ("the study could not show that walking lowers
    the risk"): the statement is still qualified, no hedge was dropped."""
    m = next((n for n, (x, _, _) in enumerate(rw) if _same_word(word, x)), 0)
    return any(x in MODALS for x, _, _ in rw[max(0, m - 8):m])


def _same_word(a: str, b: str) -> bool:
    """The same word or another form of it ("convening"/"convene" share five letters)."""
    return a == b or (len(a) >= 5 and a[:5] == b[:5])


def left_has_r(word: str, rvocab: set[str]) -> bool:
    return any(_same_word(word, r) for r in rvocab)


_COORDINATORS = LEX.list_joiners


def _anchor_contexts(words: list[tuple[str, int, int]], anchors: set[str]) -> dict[str, tuple[int, frozenset[str]]]:
    """For each anchor word (a name or a number) found once in ``words``: its position and its
    context, the nearest word that is not an anchor on each side ("^" / "$" when there is none)."""
    counts = Counter(w for w, _, _ in words)
    out = {}
    for k, (w, _, _) in enumerate(words):
        if w not in anchors or counts[w] != 1:
            continue
        ctx = []
        for step, edge in ((-1, "^"), (1, "$")):
            m = k + step
            while 0 <= m < len(words) and words[m][0] in anchors:
                m += step
            ctx.append(words[m][0] if 0 <= m < len(words) else edge)
        out[w] = (k, frozenset(ctx))
    return out


def _coordinated(words: list[tuple[str, int, int]], i: int, j: int) -> bool:
    """Two positions joined by a list ("India and Pakistan"): their order says nothing about roles."""
    lo, hi = min(i, j), max(i, j)
    return hi - lo == 1 or (hi - lo == 2 and words[lo + 1][0] in _COORDINATORS)


def _check_swaps(right: str, rw: list[tuple[str, int, int]], left: _Left, names: bool) -> list[Reason]:
    """Two names or numbers that trade places ("Pakistan welcomed …, India rejected" → "India
    welcomed …, Pakistan rejected"; "by 7 votes to 2" → "by 2 votes to 7"): each now stands
    between the words that stood around the other."""
    rset = {w for w, _, _ in rw}
    anchors = {w for w in rset & left.vocab if w[:1].isdigit()}
    if names:  # words capitalised on both sides (a sentence's first word too), function words aside
        rcap = {w for w, s, _e in rw if right[s].isupper()}
        lcap = {w for k, w, s, _e in left.words if left.texts[k][s].isupper()}
        anchors |= (rcap & lcap) - STOPWORDS
    if len(anchors) < 2:
        return []
    for k in range(len(left.texts)):
        lw = [(w, s, e) for t, w, s, e in left.words if t == k]
        lctx, rctx = _anchor_contexts(lw, anchors), _anchor_contexts(rw, anchors)
        both = sorted(lctx.keys() & rctx.keys(), key=lambda w: rctx[w][0])
        for a_i, x in enumerate(both):
            for y in both[a_i + 1:]:
                lx, ly, rx, ry = lctx[x][1], lctx[y][1], rctx[x][1], rctx[y][1]
                if (lx == ry and ly == rx and lx != ly
                        and not _coordinated(lw, lctx[x][0], lctx[y][0])
                        and not _coordinated(rw, rctx[x][0], rctx[y][0])):
                    (_, xs, xe), (_, ys, ye) = rw[rctx[x][0]], rw[rctx[y][0]]
                    return [Reason("swap", f"{right[xs:xe]} ↔ {right[ys:ye]}: the two trade places",
                                   True, f"{x} … {y}", f"{right[xs:xe]} … {right[ys:ye]}",
                                   ((xs, xe), (ys, ye)), left.spans(x) + left.spans(y))]
    return []


def _check_titles(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    """A title's qualifier dropped or added ("Former president Lopez" → "President Lopez",
    "Secretary" → "Deputy Secretary"): someone else, or someone's status, is named."""
    rvocab = {w for w, _, _ in rw}
    for k, (w, _, _) in enumerate(left.seq):
        if w in TITLE_QUALIFIERS and w not in rvocab:
            after = _content_after(left.seq, k, 1)
            hit = next((x for x in rw if after and _same_word(x[0], after[0])), None)
            if hit is not None:
                return [Reason("title", f"drops: {w} {after[0]} → {right[hit[1]:hit[2]]}", True, w,
                               right[hit[1]:hit[2]], ((hit[1], hit[2]),), left.spans(w))]
    for k, (w, s, e) in enumerate(rw):
        if w in TITLE_QUALIFIERS and w not in left.vocab:
            after = _content_after(rw, k, 1)
            if after and left.has(after[0]):
                end = next(x[2] for x in rw[k + 1:] if x[0] == after[0])
                return [Reason("title", f"adds: {right[s:end]}", True, "", right[s:end], ((s, e),))]
    return []


def _check_values(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    """One value of a closed set (a colour, a season, a compass point) put for another: the claim
    names a value the linked text does not, and the linked text one the claim does not ("a yellow
    warning" → "an amber warning"); another form of the same value ("north" / "northern") is none."""
    rvocab = {w for w, _, _ in rw}
    for group in LEX.value_sets:
        if all(v.isdisjoint(rvocab) for v in group):
            continue  # most claims
        new = [(w, s, e) for w, s, e in rw for v in group if w in v and v.isdisjoint(left.vocab)]
        old = sorted(w for v in group if v.isdisjoint(rvocab) for w in v & left.vocab)
        if new and old:
            w, s, e = new[0]
            return [Reason("replaced", f"replaced: '{old[0]}' → '{right[s:e]}'", True, old[0], right[s:e],
                           ((s, e),), left.spans(old[0]))]
    return []


def _check_places(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    """One place put for another (:data:`LEX.place_forms`): the claim names a place, or its people,
    that the linked text does not, and the linked text one the claim does not ("Forscher in
    Norwegen" → "Forscher aus Schweden"); "Norway" → "Norwegian" is the same place."""
    mine = [(g, s, e) for w, s, e in rw if (g := _place_of(w)) is not None]
    if not mine or not left.places:
        return []  # most claims
    r_places = {g for g, _, _ in mine}
    gone = sorted(left.places - r_places)
    new = [(g, s, e) for g, s, e in mine if g not in left.places]
    if not new or not gone:
        return []
    old = next(v for v in sorted(left.vocab) if _place_of(v) == gone[0])
    _g, s, e = new[0]
    return [Reason("replaced", f"replaced: '{old}' → '{right[s:e]}'", True, old, right[s:e], ((s, e),),
                   left.spans(old))]


_RECORDS = _first_word_index(LEX.record_phrases)
_FIGURE_JUDGES = _first_word_index(LEX.figure_judges)


def _figure_after(rw: list[tuple[str, int, int]], k: int) -> bool:
    """A phrase of :data:`_FIGURE_JUDGES` starts at word ``k`` and a figure follows it ("only 58")."""
    for form in _FIGURE_JUDGES.get(rw[k][0], ()):
        n = k + len(form)
        if _phrase_at(rw, k, form) and n < len(rw) and (rw[n][0][:1].isdigit() or rw[n][0] in LEX.number_words):
            return True
    return False


def _states_record(left: _Left) -> bool:
    """The linked text tells of a record in other words ("never before", "so viele wie nie zuvor")."""
    ws = left.seq
    return any(_phrase_at(ws, k, f) for k in range(len(ws)) for f in _RECORDS.get(ws[k][0], ()))


def _says_the_same(word: str, left: _Left) -> bool:
    """The linked text has an intensifier of ``word``'s group, alone or opening a compound
    ("Rekordhoch", "Rekord-Wasserstand"; "second-fastest" is another rank, not "fastest")."""
    group = LEX.intensity_synonyms.get(word, frozenset())
    return bool(group) and (not group.isdisjoint(left.vocab)
                            or any(x.startswith(v) for v in group if len(v) >= 6 for x in left.vocab))


def _check_intensity(right: str, rw: list[tuple[str, int, int]], left: _Left) -> list[Reason]:
    for k, (w, s, e) in enumerate(rw):
        if w in INTENSIFIERS and w not in left.vocab and not _figure_after(rw, k) and not _states_record(left) \
                and not _says_the_same(w, left):
            end = rw[min(k + 1, len(rw) - 1)][2]
            start = rw[k - 1][1] if k and rw[k - 1][0] in ("the", "a", "der", "die", "das") else s
            return [Reason("intensity", f"adds: {right[start:end]}", True, "", right[start:end], ((s, e),))]
    return []


def _check_quotes(right: str, left: _Left) -> list[Reason]:
    reasons = []
    for m in _QUOTE.finditer(right):
        qw = [(w, m.start(1) + s, m.start(1) + e) for w, s, e in _words(m.group(1))]
        run: list[tuple[str, int, int]] = []
        best: list[tuple[str, int, int]] = []
        for x in (*qw, ("", 0, 0)):
            if x[0] and not left.has(x[0]):
                run.append(x)
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(best) >= 4 and sum(w not in _FUNCTION for w, _, _ in best) >= 2:
            s, e = best[0][1], best[-1][2]
            reasons.append(Reason("quote", f"quote adds: {right[s:e]}", True, "", right[s:e], ((s, e),)))
    return reasons


WARM_PART = 500_000  # code points per part


def _parts(text: str, size: int | None = None) -> list[str]:
    """``text`` in pieces of about ``size`` code points, each ending after a line break (no word or
    number spans two pieces; a piece without a break runs to the next one)."""
    size = size or WARM_PART
    out, pos = [], 0
    while pos < len(text):
        cut = text.find("\n", pos + size)
        end = len(text) if cut < 0 else cut + 1
        out.append(text[pos:end])
        pos = end
    return out


def warm_reference(reference: str, progress: Callable[[float], None] | None = None) -> None:
    """Read the whole reference's words and numbers now, part by part (``progress(fraction)`` after
    each), so the first verdicts of a long article do not wait on them without a sign."""
    if len(reference) <= WARM_PART or (known(reference, _vocabulary) and known(reference, _reference_numbers)):
        return
    words: set[str] = set()
    numbers: set[str] = set()
    parts = _parts(reference)
    for k, part in enumerate(parts):
        part_words = _word_set(part)
        words.update(part_words)
        numbers.update(_number_value(t) for t in set(_NUMBER.findall(part)))
        numbers.update(NUMBER_WORDS[w] for w in _NUMBER_WORD.present_in(part_words))  # as _reference_numbers
        if progress is not None:
            progress((k + 1) / len(parts))
    # the two whole-reference sets, the same as one silent pass over the text would give
    seed(reference, _vocabulary, frozenset(words))
    seed(reference, _reference_numbers, frozenset(numbers))
