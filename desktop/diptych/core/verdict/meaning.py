"""Meaning-level checks: a stance or predicate reversed, roles swapped, a tally made unanimous, a
quantifier moved, content added inside a linked sentence, a name changed in lower-case text.

Each check takes a :class:`Context` and returns reasons; the word lists are in ``lexicons/``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import marshal
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from diptych.core import user_cache
from diptych.core.link import STOPWORDS
from diptych.core.storage import atomic_write_bytes
from diptych.core.verdict.checks import (
    _UNITS,
    Reason,
    _cached_words,
    _first_word_index,
    _is_neg,
    _Left,
    _lower,
    _plain_words,
    _quantities,
    _same_word,
    _vocabulary,
    _weekday,
)
from diptych.core.verdict.lexicon import ALL as LEX
from diptych.core.verdict.lexicon import QUANTIFIER_LEVELS, available, lexicon
from diptych.core.verdict.reference import once_per_reference

Words = Sequence[tuple[str, int, int]]


@dataclass
class Context:
    """One review claim and its linked reference texts, as every check sees them."""

    right: str  # the claim's text, placeholders ("UNK", "[…]") blanked out
    rw: list[tuple[str, int, int]]
    left: _Left
    reference: str
    language: str  # "en" or "de"
    found: list[Reason] = field(default_factory=list)  # reasons of the checks run before
    negation_explained: bool = False  # a negation that only turns a predicate into its opposite
    # :func:`unexplained` for the reasons found so far: (how many there were, its result)
    unexplained: tuple[int, list[tuple[int, float]]] | None = None
    placings_kept: list[tuple[int, int]] = field(default_factory=list)  # placing words the linked text states

    def kinds(self) -> set[str]:
        return {r.kind for r in self.found}


_NONCONTENT = STOPWORDS | LEX.function_words | LEX.negations


@functools.lru_cache(maxsize=65536)
def _content(w: str) -> bool:
    return w not in _NONCONTENT and not w[:1].isdigit() and len(w) > 1


# ---------------------------------------------------------------------------------------------
# phrase matching over word lists ("voted against", "lehnte* … ab", "endorse*")

def _token_matches(spec: str, w: str) -> bool:
    return w.startswith(spec[:-1]) if spec.endswith("*") else w == spec


GAP = 9
"""How many words "…" in a lexicon form may stand for ("lehnte … ab"), within one clause."""


def _match_at(words: Words, i: int, form: tuple[str, ...], text: str = "") -> int | None:
    """The end (exclusive word index) of ``form`` matched from word ``i``, or None. With ``text``
    (the words' text), a gap ("…") never runs over a punctuation mark: "stimmte gegen den Plan,
    weil er zu …" is no "stimmte … zu"."""
    k = i
    n = 0
    while n < len(form):
        spec = form[n]
        if spec == "…":
            nxt = form[n + 1]
            for gap in range(0, GAP + 1):
                j = k + gap
                if j >= len(words) or (text and j > 0 and _PUNCT.search(text, words[j - 1][2], words[j][1])):
                    return None
                if _token_matches(nxt, words[j][0]):
                    k += gap + 1
                    break
            else:
                return None
            n += 2
            continue
        if k >= len(words) or not _token_matches(spec, words[k][0]):
            return None
        k += 1
        n += 1
    return k


@functools.cache
def _opposite_index() -> dict[str, list[tuple[int, int, tuple[str, ...]]]]:
    """First three letters of a form's first word -> (group, side, form), longest forms first."""
    index: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
    for g, opp in enumerate(LEX.opposites):
        for side, forms in ((0, opp.a), (1, opp.b)):
            for form in forms:
                index.setdefault(form[0].rstrip("*")[:3], []).append((g, side, form))
    for v in index.values():
        v.sort(key=lambda x: ("…" in x[2], -len(x[2])))  # a form read word for word before one with a gap
    return index


@functools.lru_cache(maxsize=65536)
def _candidates(w: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """The forms whose first word ``w`` is, in the index's order."""
    return tuple(x for x in _opposite_index().get(w[:3], ()) if _token_matches(x[2][0], w))


@dataclass(frozen=True)
class _Pred:
    group: int
    side: int
    negated: bool
    start: int  # word indices
    end: int

    @property
    def polarity(self) -> int:
        return self.side ^ self.negated


_NEGATIVE_VERBS = tuple(f for f in LEX.negative_verbs if len(f) > 1)
_NEGATIVE_VERB_ENDS = frozenset(f[-1] for f in _NEGATIVE_VERBS)


def _negative_verb_at(words: Words, k: int) -> int | None:
    """The first word index of a negative verb ("failed to", "refused to") that ends at word ``k``."""
    for form in _NEGATIVE_VERBS:
        first = k - len(form) + 1
        if first >= 0 and all(words[first + n][0] == f for n, f in enumerate(form)):
            return first
    return None


def _negated(words: Words, text: str, start: int, end: int) -> tuple[bool, int]:
    """A negation or a negative verb ("refused to") within three words before the predicate (same
    clause), or a German "nicht" just after it; returns (negated, index of the first word of the negated phrase)."""
    for k in range(start - 1, max(-1, start - 4), -1):
        if re.search(r"[,;:.!?]", text[words[k][2]:words[k + 1][1]]):
            break
        if _is_neg(words[k][0]) and (words[k][0] not in ("no", "none", "nothing", "kein", "keine")
                                     or words[k][0] == "no" and words[k + 1][0] == "one"):  # "no one was hurt"
            return True, k
        if words[k][0] in _NEGATIVE_VERB_ENDS and (first := _negative_verb_at(words, k)) is not None:
            return True, first  # "refused to concede" ≈ "did not concede"
    for k in range(end, min(len(words), end + 3)):
        if re.search(r"[,;:.!?]", text[words[k - 1][2]:words[k][1]]):
            break
        if words[k][0] == "nicht":
            return True, start
    return False, start


def _predicates(words: Words, text: str) -> list[_Pred]:
    out: list[_Pred] = []
    index = _opposite_index()
    taken: dict[int, int] = {}  # group -> the word index its last match ends at
    for i, (w, _s, _e) in enumerate(words):
        done: set[int] = set()
        cands = _candidates(w) if w[:3] in index else ()
        for g, side, form in cands:
            if g in done or i < taken.get(g, -1):
                continue
            end = _match_at(words, i, form, text)
            if end is None:
                continue
            if len(form) == 1:  # the same verb with its particle is another predicate: "riet" / "riet … ab"
                longer = next(((sd, f, e) for g2, sd, f in cands if g2 == g and "…" in f
                               and (e := _match_at(words, i, f, text)) is not None), None)
                if longer is not None:
                    side, form, end = longer
            neg, _first = _negated(words, text, i, end)
            out.append(_Pred(g, side, neg, i, end))
            taken[g] = end if "…" not in form else i + 1
            done.add(g)
    return out


@functools.lru_cache(maxsize=16384)
def _text_predicates(text: str) -> list[_Pred]:
    return _predicates(_cached_words(text), text)


def _by_negative_verb(words: Words, text: str, p: _Pred) -> bool:
    """The predicate is negated by a negative verb ("refused to concede"), not by a negation word."""
    if not p.negated:
        return False
    first = _negated(words, text, p.start, p.end)[1]
    return first < p.start and not _is_neg(words[first][0])


def _surface(words: Words, text: str, p: _Pred) -> tuple[str, int, int]:
    first = _negated(words, text, p.start, p.end)[1] if p.negated else p.start
    s, e = words[first][1], words[p.end - 1][2]
    return text[s:e], s, e


def check_stance(ctx: Context) -> list[Reason]:
    """Opposite predicates ("opposed" → "backed", "imposed" → "lifted"); a negated form counts
    as its opposite ("did not oppose" ≈ "supported")."""
    rpreds = _predicates(ctx.rw, ctx.right)
    if not rpreds:
        return []
    lpreds = [(k, p) for k, t in enumerate(ctx.left.texts) for p in _text_predicates(t)]
    def form(words: Words, p: _Pred) -> tuple[object, ...]:
        return (p.group, p.negated, *(w for w, _, _ in words[p.start:p.end]))

    # a predicate found word for word on both sides ("cut its forecast") explains itself
    all_r, all_l = rpreds, lpreds
    shared = {form(ctx.rw, p) for p in rpreds} & {form(_cached_words(ctx.left.texts[k]), p) for k, p in lpreds}
    if shared and any(p.negated for p in rpreds):
        by_verb = {form(ctx.rw, p): _by_negative_verb(ctx.rw, ctx.right, p) for p in rpreds if p.negated}
        if any(p.negated and by_verb.get(f := form(_cached_words(ctx.left.texts[k]), p)) is not None
               and by_verb[f] != _by_negative_verb(_cached_words(ctx.left.texts[k]), ctx.left.texts[k], p)
               for k, p in lpreds):
            ctx.negation_explained = True  # "refused to concede" for "did not concede": the same
    rpreds = [p for p in rpreds if form(ctx.rw, p) not in shared]
    lpreds = [(k, p) for k, p in lpreds if form(_cached_words(ctx.left.texts[k]), p) not in shared]
    for g in dict.fromkeys(p.group for p in rpreds):
        rs = [p for p in rpreds if p.group == g]
        ls = [(k, p) for k, p in lpreds if p.group == g]
        if not ls:
            continue
        if {p.polarity for p in rs} & {p.polarity for _, p in ls}:
            if any(r.negated and r.polarity == lp.polarity and r.side != lp.side for r in rs for _, lp in ls):
                ctx.negation_explained = True  # "did not oppose" for "supported": the same stance
            continue
        for r in rs:
            for k, lp in ls:
                lt = ctx.left.texts[k]
                lsurf, ls_, le = _surface(_cached_words(lt), lt, lp)
                rsurf, rs_, re_ = _surface(ctx.rw, ctx.right, r)
                if lp.side == r.side and _one_word(_cached_words(lt)[lp.start][0], ctx.rw[r.start][0]):
                    if _by_negative_verb(ctx.rw, ctx.right, r) != _by_negative_verb(_cached_words(lt), lt, lp):
                        # "conceded" → "refused to concede": a negation the negation check does not read
                        change = "added" if r.negated else "dropped"
                        return [Reason("negation", f"negation {change}: '{lsurf}' → '{rsurf}'", True, lsurf, rsurf,
                                       ((rs_, re_),), ((k, ls_, le),))]
                    continue  # the same word with a negation added or dropped: the negation check's case
                if LEX.opposites[g].converse and lp.side != r.side and not lp.negated and not r.negated \
                        and _converse(_cached_words(lt), lt, lp, ctx.rw, ctx.right, r):
                    continue  # "A beat B" told as "B lost to A"
                return [_reversal(g, lsurf, rsurf, (rs_, re_), (k, ls_, le))]
    for g in dict.fromkeys(p.group for p in all_r):  # the same words on both sides, for other doers
        ls = [(k, p) for k, p in all_l if p.group == g]
        if ls and (bound := _bound_reversal(ctx, g, [p for p in all_r if p.group == g], ls)):
            return bound
    return _slot_reversal(ctx, all_r, all_l)


def _reversal(g: int, old: str, new: str, right_span: tuple[int, int], left_span: tuple[int, int, int]) -> Reason:
    """The reason for a predicate of opposite group ``g`` replaced by its other side: "stance
    reversed: 'opposed' → 'backed'" (a stance) or another predicate's label."""
    label = LEX.opposites[g].label
    return Reason("stance" if label.startswith("stance") else "predicate", f"{label}: '{old}' → '{new}'", True,
                  old, new, (right_span,), (left_span,))


def _subject_at(words: Words, text: str, i: int) -> bool:
    """Word ``i`` opens its clause: only determiners or capitalised words (the rest of a name,
    "Der VfL Wolfsburg") stand between it and the start of the sentence or the last comma."""
    for j in range(i - 1, -1, -1):
        if re.search(r"[,;:]", text[words[j][2]:words[j + 1][1]]):
            return True
        w, s, _e = words[j]
        if w not in LEX.determiners and (not text[s].isupper() or w in LEX.prepositions or w in LEX.function_words):
            return False
    return True


_ADVERBIAL = {language: lexicon(language).adverbial_prepositions for language in available()}
_ALL_ADVERBIAL = frozenset().union(*_ADVERBIAL.values())


def _converse(lw: Words, lt: str, lp: _Pred, rw: Words, right: str, r: _Pred) -> bool:
    """The reference's predicate and the claim's opposite one have their participants exchanged:
    the name that opens the claim's clause, before its predicate, is one the reference names after
    its own opening name, and that opening name comes later in the claim ("Thunder won, beating
    Pulse" → "Pulse lost to Thunder"; "Wolfsburg hat gegen Bayern verloren" → "Bayern hat gegen
    Wolfsburg gewonnen")."""
    def names(ws: Words, text: str, other: Words) -> list[tuple[int, str]]:
        return [(i, w) for i, (w, s, _e) in enumerate(ws)
                if len(w) >= 3 and text[s].isupper() and w not in LEX.function_words and w not in LEX.determiners
                and any(_same_word(w, x) for x, _, _ in other)]
    lnames = names(lw, lt, rw)
    if len(lnames) < 2:
        return False
    rnames = [(i, w) for i, (w, _s, _e) in enumerate(rw) if any(_same_word(w, n) for _, n in lnames)]
    if not rnames:
        return False
    # the name before the predicate; with none, the one right after it (German, the verb second:
    # "Im Finale besiegte Kiel den SC Flensburg")
    def phrase(ws: Words, i: int) -> bool:  # "im Finale": a time or place, no participant
        return i > 0 and ws[i - 1][0] in _ALL_ADVERBIAL

    lsubj = next(((i, w) for i, w in lnames if i < lp.start and _subject_at(lw, lt, i) and not phrase(lw, i)),
                 None) or next(((i, w) for i, w in lnames if lp.end <= i <= lp.end + 1), None)
    rsubj = next(((i, w) for i, w in rnames if i < r.start and _subject_at(rw, right, i) and not phrase(rw, i)),
                 None) or next(((i, w) for i, w in rnames if r.end <= i <= r.end + 1), None)
    if lsubj is None or rsubj is None or _same_word(lsubj[1], rsubj[1]):
        return False
    (li, lfirst), (ri, rfirst) = lsubj, rsubj
    later_in_left = any(_same_word(rfirst, w) for i, w in lnames if i > li)
    later_in_right = any(_same_word(lfirst, w) for i, w in rnames if i > ri)
    return later_in_left and later_in_right


def _slot_reversal(ctx: Context, rs: list[_Pred], ls: list[tuple[int, _Pred]]) -> list[Reason]:
    """A predicate replaced by its opposite between the same words ("41 percent, higher than at the
    last referendum" → "41%, lower than at the previous referendum"), though the reference states
    the claim's word elsewhere too ("to lower the voting age"): the two words after it, or the word
    before and the word after, are the same on both sides."""
    for r in rs:
        for k, lp in ls:
            if lp.group != r.group or lp.polarity == r.polarity or lp.side == r.side:
                continue
            lt = ctx.left.texts[k]
            lw = _cached_words(lt)
            def word(ws: Words, i: int) -> str:
                return ws[i][0] if 0 <= i < len(ws) else ""
            after = [(word(ctx.rw, r.end + n), word(lw, lp.end + n)) for n in (0, 1)]
            before = (word(ctx.rw, r.start - 1), word(lw, lp.start - 1))
            same = [bool(a) and _same_word(a, b) for a, b in (*after, before)]
            if not ((same[0] and same[1]) or (same[0] and same[2])):
                continue
            rdo = _doers(ctx.rw, ctx.right, _breaks_of(ctx.right, ctx.rw), r)
            if rdo:  # told of another doer ("the Liberals opposed the bill" for "the Greens backed the bill")
                ldo = _doers(lw, lt, _breaks(lt), lp)
                if ldo and not any(_same_word(a, b) for a in rdo for b in ldo):
                    continue
                if any(p.group == r.group and p.polarity == r.polarity
                       and any(_same_word(a, b) for a in rdo
                               for b in _doers(_cached_words(ctx.left.texts[j]), ctx.left.texts[j],
                                               _breaks(ctx.left.texts[j]), p))
                       for j, p in ls):
                    continue  # the reference states the claim's predicate of the same doer
            lsurf, ls_, le = _surface(lw, lt, lp)
            rsurf, rs_, re_ = _surface(ctx.rw, ctx.right, r)
            return [_reversal(r.group, lsurf, rsurf, (rs_, re_), (k, ls_, le))]
    return []


def _one_word(a: str, b: str) -> bool:
    """Two forms of one word ("warn" / "warned", "convening" / "convene")."""
    return _same_word(a, b) or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _doers(words: Words, text: str, breaks: Sequence[bool], p: _Pred) -> dict[str, int]:
    """The content words just before a predicate in its clause (who backed, what rose), with their
    word index; a time ("im Mai") is no doer."""
    first = _negated(words, text, p.start, p.end)[1] if p.negated else p.start
    found = _clause_side(words, breaks, first, -1, 3)
    # a list of doers ("SPD und Grüne stimmten dafür"): across its joiner to the capitalised word before
    while found:
        j = found[-1] - 1
        while j >= 0 and words[j][0] in LEX.function_words and words[j][0] not in LEX.list_joiners:
            j -= 1  # "Labour and the Greens"
        if j < 1 or words[j][0] not in LEX.list_joiners:
            break
        k = j - 1
        if not (text[words[k][1]].isupper() and _content(words[k][0])):
            break
        found.append(k)
    # a phrase of time or place put first ("Im Finale verlor Flensburg"): no doer (German)
    phrase = _in_adverbial(words, breaks, p.start, _ALL_ADVERBIAL, 3) if _ALL_ADVERBIAL else set()
    return {words[k][0]: k for k in found if not _is_when(words[k][0]) and len(words[k][0]) >= 3 and k not in phrase}


def _bound_reversal(ctx: Context, g: int, rs: list[_Pred], ls: list[tuple[int, _Pred]]) -> list[Reason]:
    """Both sides state both sides of a predicate, but about different doers: "the Greens backed it,
    the Liberals opposed it" → "the Liberals backed it, the Greens opposed it"; "energy got dearer,
    food cheaper" → "energy got cheaper, food dearer". A doer of the claim's predicate that the
    reference gives only the opposite predicate is a reversal."""
    rbreaks = _breaks_of(ctx.right, ctx.rw)
    lwho = []
    for k, lp in ls:
        lt = ctx.left.texts[k]
        lw = _cached_words(lt)
        lwho.append((k, lp, _doers(lw, lt, _breaks(lt), lp)))
    for r in rs:
        for who, j in _doers(ctx.rw, ctx.right, rbreaks, r).items():
            same = [x for x in lwho if x[1].polarity == r.polarity and any(_same_word(who, d) for d in x[2])]
            other = [x for x in lwho if x[1].polarity != r.polarity and any(_same_word(who, d) for d in x[2])]
            if same or not other:
                continue
            k, lp, ldoers = other[0]
            if lp.side == r.side:
                continue  # the same predicate with a negation added or dropped: the negation check's case
            lt = ctx.left.texts[k]
            lw = _cached_words(lt)
            li = next(i for d, i in ldoers.items() if _same_word(who, d))
            lsurf, ls_, le = _surface(lw, lt, lp)
            rsurf, rs_, re_ = _surface(ctx.rw, ctx.right, r)
            ls_, rs_ = min(ls_, lw[li][1]), min(rs_, ctx.rw[j][1])
            return [_reversal(g, lt[ls_:le], ctx.right[rs_:re_], (rs_, re_), (k, ls_, le))]
    return []


# ---------------------------------------------------------------------------------------------
# who did what to whom

_PUNCT = re.compile(r"[,;:.!?()–—]")


@functools.lru_cache(maxsize=16384)
def _breaks(text: str) -> tuple[bool, ...]:
    """For each word of ``text``: whether a clause boundary (punctuation or a clause word) comes
    right before it."""
    return _breaks_of(text, _cached_words(text))


def _breaks_of(text: str, words: Words) -> tuple[bool, ...]:
    return tuple(k == 0 or bool(_PUNCT.search(text, words[k - 1][2], words[k][1])) or w in LEX.clause_breaks
                 for k, (w, _, _) in enumerate(words))


def _clause_side(words: Words, breaks: Sequence[bool], i: int, step: int, n: int = 2) -> list[int]:
    """Up to ``n`` content words next to word ``i`` in direction ``step``, within its clause."""
    out: list[int] = []
    k = i + step
    while 0 <= k < len(words) and len(out) < n:
        if breaks[k] if step > 0 else (breaks[k + 1] or words[k][0] in LEX.clause_breaks):
            break
        if _content(words[k][0]) and words[k][0] not in LEX.verb_particles and words[k][0] not in LEX.not_predicates:
            out.append(k)
        k += step
    return out


def _roles(words: Words, breaks: Sequence[bool], i: int, adverbial: frozenset[str] = frozenset()) \
        -> tuple[list[int], list[int]]:
    """(doer words, done-to words) around a predicate at word ``i``; a passive ("was arrested by
    police") turns them round. With ``adverbial`` (German), the words of a phrase of time or place
    ("bis Ende Oktober") are neither, and when such a phrase opens the clause the doer follows the
    verb ("Im Sommer stieg die Zahl"): then only the doers are known."""
    before, after = _clause_side(words, breaks, i, -1), _clause_side(words, breaks, i, 1)
    if _passive(words, i):  # the doer, if named, follows "by"
        agent = any(words[k][0] in LEX.passive_agent for k in range(i + 1, min(len(words), i + 3)))
        return (after if agent else []), before
    if adverbial:
        phrase = _in_adverbial(words, breaks, i, adverbial)
        before, after = [k for k in before if k not in phrase], [k for k in after if k not in phrase]
        start = next(k for k in range(i, -1, -1) if breaks[k])
        if start < i and words[start][0] in adverbial:
            return after, []
    return before, after


def _in_adverbial(words: Words, breaks: Sequence[bool], i: int, adverbial: frozenset[str], n: int = 2) -> set[int]:
    """The content words of the phrases of time or place in the clause of word ``i``: up to ``n``
    after each of ``adverbial`` ("bis Ende Oktober", "im Sommer")."""
    lo = next(k for k in range(i, -1, -1) if breaks[k])
    hi = next((k for k in range(i + 1, len(words)) if breaks[k]), len(words))
    out: set[int] = set()
    left = 0
    for k in range(lo, hi):
        if k == i:
            left = 0
        elif words[k][0] in adverbial:
            left = 0 if k + 1 < hi and words[k + 1][0] in LEX.adverbial_idioms else n
        elif left and _content(words[k][0]):
            out.add(k)
            left -= 1
    return out


_NOT_PARTICIPLE = ("ing", "ous", "ful", "less", "ive", "able", "ible", "ic", "ary")


def _passive(words: Words, i: int) -> bool:
    """An auxiliary just before the predicate ("was arrested"), but not a form that cannot be a
    participle ("were encouraging", "was reckless"), nor "is to" ("is to close": a plan, active),
    nor a noun after a determiner ("was a blow")."""
    if words[i][0].endswith(_NOT_PARTICIPLE):
        return False
    # "was a blow": a determiner after the auxiliary makes it a copula before a noun, not a passive
    return any(words[k][0] in LEX.passive_auxiliaries and words[k + 1][0] != "to"
               and not any(words[x][0] in LEX.determiners for x in range(k + 1, i)) for k in range(max(0, i - 2), i))


def _positions(words: Words) -> dict[str, int]:
    return {w: k for k, (w, _, _) in enumerate(words) if w not in _NONCONTENT}


@functools.lru_cache(maxsize=16384)
def _text_positions(text: str) -> dict[str, int]:
    return _positions(_cached_words(text))


@functools.lru_cache(maxsize=16384)
def _text_voice(text: str) -> tuple[str, ...]:
    """The passive auxiliaries of ``text``, sorted (two texts with the same ones, as often, compare equal)."""
    return _voice(_cached_words(text))


def _voice(words: Words) -> tuple[str, ...]:
    return tuple(sorted([w for w, _, _ in words if w in LEX.passive_auxiliaries]))


def _inverted(lpos: dict[str, int], rpos: dict[str, int]) -> bool:
    """Two content words found on both sides stand in the other order on one side."""
    order = [rpos[w] for w in sorted(lpos.keys() & rpos.keys(), key=lpos.__getitem__)]
    return order != sorted(order)  # the places are distinct: out of order somewhere


def _german_cases(words: Words) -> tuple[set[str], set[str]]:
    """Content words after a masculine nominative article (the doer) and after an accusative one."""
    nom: set[str] = set()
    acc: set[str] = set()
    for k, (w, _, _) in enumerate(words[:-1]):
        nxt = words[k + 1][0]
        if not _content(nxt):
            continue
        if w in ("der", "ein"):
            nom.add(nxt)
        elif w in ("den", "einen"):
            acc.add(nxt)
    return nom, acc


def _in(word: str, group: set[str]) -> bool:
    return any(_same_word(word, g) or _same_word(g, word) for g in group)


_WHEN = LEX.months | LEX.weekdays  # "Im Mai stiegen die Mieten": a time put first is no doer


def _is_when(w: str) -> bool:
    return w in _WHEN or bool(_weekday(w))  # "Freitagabend" too


_MODALS = frozenset("will would can could may might must shall should wird werden würde würden kann können "
                    "muss müssen soll sollen".split())


def _after_auxiliary(words: Words) -> set[str]:
    """The words right after a modal ("will double", "wird verdoppeln"): verbs, never a doer or the
    one something is done to."""
    return {words[k + 1][0] for k in range(len(words) - 1) if words[k][0] in _MODALS}


def _has_object(words: Words, i: int, to: Sequence[int]) -> bool:
    """The active predicate at word ``i`` is done to someone or something (``to``, its undergoer
    words, are not empty), and the word after it opens no phrase with a preposition ("will open
    on Sundays")."""
    return bool(to) and i + 1 < len(words) and words[i + 1][0] not in LEX.prepositions


def _not_when(ws: set[str]) -> set[str]:
    return {w for w in ws if not _is_when(w)}




def check_roles(ctx: Context) -> list[Reason]:
    """Who did what to whom: the doer and the one it was done to trade places around the same
    predicate ("the shop owner chased the robber" → "the robber chased the shop owner")."""
    if "swap" in ctx.kinds():
        return []
    rw = ctx.rw
    rpos = _positions(rw)
    r_voice = _voice(rw)
    r_cases: tuple[set[str], set[str]] | None = None  # German: the claim's doers and undergoers by article
    ronce: dict[str, int] | None = None  # a word found once in the claim: its place (when first needed)
    by_key: dict[str, list[str]] = {}  # those words of five letters or more by their first five
    rbreaks: tuple[bool, ...] | None = None  # the claim's clause breaks, found when first needed
    adverbial = _ADVERBIAL.get(ctx.language, frozenset())
    for k, lt in enumerate(ctx.left.texts):
        inverted = _inverted(_text_positions(lt), rpos)
        voice = r_voice != _text_voice(lt)
        if not inverted and not voice:
            continue  # most linked texts: the same order and voice, nothing to swap
        if ronce is None:
            rcount = Counter(w for w, _, _ in rw)
            ronce = {w: j for j, (w, _, _) in enumerate(rw) if rcount[w] == 1}
            for x in ronce:
                if len(x) >= 5:
                    by_key.setdefault(x[:5], []).append(x)
        lw = _cached_words(lt)
        if ctx.language == "de":
            ln, la = _german_cases(lw)
            if r_cases is None:
                r_cases = _german_cases(rw)
            rn, ra = r_cases
            for x in sorted(ln):  # sets: sorted, so the reason does not change with the hash seed
                for y in sorted(la):
                    if x != y and _in(x, ra) and _in(y, rn) and not _in(x, rn) and not _in(y, ln):
                        return [_role_reason(ctx, k, lt, lw, x, y)]
        lcount = Counter(w for w, _, _ in lw)
        for i, (w, ws, _) in enumerate(lw):
            j = ronce.get(w)
            stem = False  # the predicate in another form on the claim's side
            if j is None and len(w) >= 5 and _content(w):  # "outperform" / "outperformed": one predicate
                forms = by_key.get(w[:5], ())
                j, stem = (ronce[forms[0]], True) if len(forms) == 1 else (None, False)
            if (j is None or not _content(w) or lcount[w] != 1 or w in LEX.symmetric_predicates or len(w) < 3
                    or w in LEX.verb_particles or w in LEX.not_predicates or lt[ws].isupper()
                    or ctx.right[rw[j][1]].isupper()):
                continue  # a capitalised word is a name or, in German, a noun: no predicate
            if rbreaks is None:
                rbreaks = _breaks_of(ctx.right, rw)
            ldo, lto = _roles(lw, _breaks(lt), i, adverbial)
            rdo, rto = _roles(rw, rbreaks, j, adverbial)
            ldo_w, lto_w = {lw[x][0] for x in ldo}, {lw[x][0] for x in lto}
            rdo_w, rto_w = {rw[x][0] for x in rdo}, {rw[x][0] for x in rto}
            verbs = _after_auxiliary(lw) | _after_auxiliary(rw)  # "will double": a verb, not a participant
            for x in sorted(_not_when(ldo_w) - verbs):  # sorted: the same reason whatever the hash seed
                for y in sorted(_not_when(lto_w) - verbs):
                    if (x != y and x in rto_w and y in rdo_w and x not in rdo_w and y not in rto_w
                            and x not in lto_w and y not in ldo_w):
                        return [_role_reason(ctx, k, lt, lw, x, y)]
            moved = _doer_moved(ctx, lw, lt, i, j, ldo_w, rdo_w, rbreaks)
            if moved:
                return [_role_reason(ctx, k, lt, lw, moved, w, "roles changed")]
            if not stem and _passive(lw, i) != _passive(rw, j) and \
                    _has_object(*((rw, j, rto) if _passive(lw, i) else (lw, i, lto))):
                # "Smith arrested a man" → "Smith was arrested"; but "the libraries will open on Sundays"
                # → "will be open on Sundays" has nothing done to anyone
                first = [lw[ldo[0]][0] if ldo else "", lw[lto[0]][0] if lto else "",
                         rw[rdo[0]][0] if rdo else "", rw[rto[0]][0] if rto else ""]
                l_do, l_to, r_do, r_to = first
                for x in (l_do, l_to):
                    if x and ((x == l_do and x == r_to and x != r_do) or (x == l_to and x == r_do and x != r_to)):
                        return [_role_reason(ctx, k, lt, lw, x, w, "roles changed")]
    return []


def _doer_moved(ctx: Context, lw: Words, lt: str, i: int, j: int, ldo: set[str], rdo: set[str],
                rbreaks: Sequence[bool]) -> str:
    """The reference's doer of a predicate stands after it in the claim, and someone else of the
    reference does it: "Reeve accused her (Okafor) of …" → "Okafor accused Reeve of …". Returns the
    moved doer, or ""."""
    if not ldo or not rdo or ldo & rdo or _passive(lw, i) or _passive(ctx.rw, j) or not ctx.reference:
        return ""
    after = {ctx.rw[x][0] for x in _clause_side(ctx.rw, rbreaks, j, 1, 6)}
    lvocab = {w for w, _, _ in lw}
    if not all(_in_reference(d, ctx.reference) and d not in lvocab for d in rdo):
        return ""  # the claim's doer is new, or the linked text names it too: a paraphrase, not a swap
    return next((x for x in sorted(ldo) if x in after), "")


def _span_of(words: Words, a: str, b: str) -> tuple[int, int]:
    pos = [k for k, (w, _, _) in enumerate(words) if w in (a, b) or _same_word(w, a) or _same_word(w, b)]
    return words[min(pos)][1], words[max(pos)][2]


def _role_reason(ctx: Context, k: int, lt: str, lw: Words, x: str, y: str, label: str = "roles swapped") -> Reason:
    ls, le = _span_of(lw, x, y)
    rs, re_ = _span_of(ctx.rw, x, y)
    return Reason("roles", f"{label}: '{lt[ls:le]}' → '{ctx.right[rs:re_]}'", True, lt[ls:le],
                  ctx.right[rs:re_], ((rs, re_),), ((k, ls, le),))


# ---------------------------------------------------------------------------------------------
# tallies and quantifiers

_TALLY_NUMBER = r"(?:\d+|" + "|".join(re.escape(w) for w in sorted(LEX.number_words, key=len, reverse=True)) + r")"
_TALLY = re.compile(r"\b" + _TALLY_NUMBER + r"(?:\s+(?:votes?|stimmen))?\s*(?:" + "|".join(
    re.escape(j) for j in sorted(LEX.tally_joiners, key=len, reverse=True)) + r")\s*" + _TALLY_NUMBER
    + r"\b(?:\s+(?:votes?|stimmen))?", re.IGNORECASE)


_VOTE = re.compile(r"vot|stimm", re.IGNORECASE)
_VOTED = re.compile(r"\b(?:vot(?:e|ed|es|ing)|(?:ab|ge)?stimm(?:t|te|ten|en))\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_UNANIMITY = _first_word_index(LEX.unanimity)
_FOCUS_INDEX = _first_word_index(LEX.focus)
_QUANTIFIERS = _first_word_index(list(LEX.quantifiers))


def _unanimity(words: Words) -> tuple[int, int] | None:
    if _UNANIMITY.keys().isdisjoint(w for w, _, _ in words):
        return None  # most texts: no word that starts a unanimity phrase
    for i, (w, _, _) in enumerate(words):
        for form in _UNANIMITY.get(w, ()):
            end = _match_at(words, i, form)
            if end is not None:
                return i, end
    return None


@functools.lru_cache(maxsize=16384)
def _text_unanimity(text: str) -> tuple[int, int] | None:
    return _unanimity(_cached_words(text))


@functools.lru_cache(maxsize=16384)
def _text_tally(text: str) -> re.Match[str] | None:
    """A tally: two numbers joined ("5 to 4", "7-2"); in words ("nine votes to three") only with
    the word for votes or a majority just before it, so "one to two hours" is none."""
    cued = not LEX.tally_cues.isdisjoint(w for w, _, _ in _cached_words(text))
    if not _DIGIT.search(text) and not _VOTE.search(text) and not cued:
        return None  # neither a digit nor the word for votes nor a majority: no tally can be returned
    for m in _TALLY.finditer(text):
        if any(ch.isdigit() for ch in m.group()) or _VOTE.search(m.group()) or (cued and _cued_tally(text, m)):
            return m
    return None


def _cued_tally(text: str, m: re.Match[str]) -> bool:
    """A tally cue ("majority") among the three words before the tally ("a majority of ten to two")."""
    return not LEX.tally_cues.isdisjoint(w for w, _, _ in _cached_words(text[:m.start()])[-3:])


def check_tally(ctx: Context) -> list[Reason]:
    """A split vote told as unanimous, or the other way round ("5 to 4" → "unanimously")."""
    r_un = _unanimity(ctx.rw)
    r_tally = _text_tally(ctx.right)
    if r_un is None and r_tally is None:
        return []
    for k, lt in enumerate(ctx.left.texts):
        lw = _cached_words(lt)
        l_tally = _text_tally(lt)
        l_un = _text_unanimity(lt)
        if l_tally and r_un and not l_un:
            s, e = ctx.rw[r_un[0]][1], ctx.rw[r_un[1] - 1][2]
            return [Reason("tally", f"tally changed: '{l_tally.group()}' → '{ctx.right[s:e]}'", True,
                           l_tally.group(), ctx.right[s:e], ((s, e),), ((k, l_tally.start(), l_tally.end()),))]
        if l_un and r_tally and not r_un:
            s, e = lw[l_un[0]][1], lw[l_un[1] - 1][2]
            return [Reason("tally", f"tally changed: '{lt[s:e]}' → '{r_tally.group()}'", True, lt[s:e],
                           r_tally.group(), ((r_tally.start(), r_tally.end()),), ((k, s, e),))]
    if r_un and not any(_text_unanimity(t) for t in ctx.left.texts):
        for k, lt in enumerate(ctx.left.texts):
            vote = _VOTED.search(lt)
            if vote:  # "voted to accept" → "voted unanimously to accept"
                s, e = ctx.rw[r_un[0]][1], ctx.rw[r_un[1] - 1][2]
                return [Reason("tally", f"unanimity added: '{vote.group()}' → '{ctx.right[s:e]}'", True,
                               vote.group(), ctx.right[s:e], ((s, e),), ((k, vote.start(), vote.end()),))]
    return []


_HEADLESS = "…"  # the noun of a quantifier that stands alone


def _count_word(w: str) -> int | None:
    v = LEX.number_words.get(w, w)
    return int(v) if v.isdigit() and len(v) < 7 else None


def _part_of(words: Words, i: int) -> tuple[int, int] | None:
    """A part of a whole in figures ("22 of the 27", "two of the nine"): its level on the quantifier
    scale (few below a quarter, some, most above half) and the end of the phrase; None otherwise."""
    a = _count_word(words[i][0])
    if a is None or i + 2 >= len(words) or words[i + 1][0] not in ("of", "von"):
        return None
    k = i + 2
    if words[k][0] in ("the", "den", "der", "die", "its", "their"):
        k += 1
    b = _count_word(words[k][0]) if k < len(words) else None
    if b is None or not 0 < a < b:
        return None
    share = a / b
    return (1 if share < 0.25 else 2 if share <= 0.5 else 4), k + 1


def _quantified(words: Words) -> list[tuple[str, int, int, int]]:
    """(noun, level, first word, noun word) for each quantifier followed by a noun within three words."""
    out: list[tuple[str, int, int, int]] = []
    vocab = {w for w, _, _ in words}
    parts = [k for k in range(len(words) - 1) if words[k + 1][0] in ("of", "von") and _count_word(words[k][0])] \
        if "of" in vocab or "von" in vocab else []
    if not parts and _QUANTIFIERS.keys().isdisjoint(vocab):
        return out  # most texts: no word that starts a quantifier, no "22 of the 27"
    i = 0
    while i < len(words):
        part = _part_of(words, i) if parts else None
        if part is not None:  # "22 of the 27 member states": most, not all
            part_level, part_end = part
            k = next((k for k in range(part_end, min(len(words), part_end + 3)) if _content(words[k][0])), None)
            if k is not None:
                out.append((words[k][0], part_level, i, k))
            i = part_end
            continue
        hit = None
        for form in _QUANTIFIERS.get(words[i][0], ()):
            end = _match_at(words, i, form)
            if end is not None:
                hit = (end, LEX.quantifiers[form])
                break
        if hit is None:
            i += 1
            continue
        end, level = hit
        nxt = words[end][0] if end < len(words) else ""
        if nxt == "of" and end + 1 < len(words):
            nxt = words[end + 1][0]
        if nxt in LEX.headless_cues:  # "most had been reconnected", "all of them": the noun said before
            out.append((_HEADLESS, level, i, min(end, len(words) - 1)))
            i = end
            continue
        for k in range(end, min(len(words), end + 3)):
            if _content(words[k][0]) and words[k][0] not in LEX.negations:
                out.append((words[k][0], level, i, k))
                break
        i = end
    return out


@functools.lru_cache(maxsize=16384)
def _text_quantified(text: str) -> list[tuple[str, int, int, int]]:
    return _quantified(_cached_words(text))


def check_quantifiers(ctx: Context) -> list[Reason]:
    """A quantifier moved to another level of the scale none < few < some < many < most < all
    ("some employees" → "all employees")."""
    rq = _quantified(ctx.rw)
    if not rq:
        return []
    for k, lt in enumerate(ctx.left.texts):
        lw = _cached_words(lt)
        for lnoun, llevel, li, lk in _text_quantified(lt):
            for rnoun, rlevel, ri, rk in rq:
                if rlevel != llevel and _same_word(lnoun, rnoun):
                    if abs(rlevel - llevel) == 1 and {rlevel, llevel} <= {2, 3}:
                        continue  # "some" / "many": too close to call
                    ls, le = lw[li][1], lw[lk][2]
                    rs, re_ = ctx.rw[ri][1], ctx.rw[rk][2]
                    return [Reason("quantifier",
                                   f"quantifier changed: '{lt[ls:le]}' → '{ctx.right[rs:re_]}' "
                                   f"({QUANTIFIER_LEVELS[llevel]} → {QUANTIFIER_LEVELS[rlevel]})",
                                   True, lt[ls:le], ctx.right[rs:re_], ((rs, re_),), ((k, ls, le),))]
    return []


# ---------------------------------------------------------------------------------------------
# the focus moved ("vor allem die Verwaltung" → "vor allem die Produktion")

def _focused(words: Words, text: str) -> list[tuple[int, list[int]]]:
    """(first word of a focus phrase, the content words it may single out: up to three after it in
    its clause) for each focus phrase."""
    out: list[tuple[int, list[int]]] = []
    if _FOCUS_INDEX.keys().isdisjoint(w for w, _, _ in words):
        return out  # most texts: no focus word
    for i, (w, _, _) in enumerate(words):
        for form in _FOCUS_INDEX.get(w, ()):
            end = _match_at(words, i, form)
            if end is None:
                continue
            ks: list[int] = []
            for k in range(end, min(len(words), end + 5)):
                if _PUNCT.search(text, words[k - 1][2], words[k][1]) or len(ks) == 3:
                    break
                if _content(words[k][0]):
                    ks.append(k)
            if ks:
                out.append((i, ks))
            break
    return out


@functools.lru_cache(maxsize=16384)
def _text_focused(text: str) -> list[tuple[int, list[int]]]:
    return _focused(_cached_words(text), text)


def check_focus(ctx: Context) -> list[Reason]:
    """What a focus word singles out, changed: "affects mainly the office staff" → "affects mainly
    production". The reference's word is gone from the claim, and the claim's has no counterpart
    in the reference's focus."""
    rf = _focused(ctx.rw, ctx.right)
    if not rf:
        return []
    rvocab = {w for w, _, _ in ctx.rw}
    for k, lt in enumerate(ctx.left.texts):
        lw = _cached_words(lt)
        for li, lks in _text_focused(lt):
            lset = [lw[x][0] for x in lks]
            gone = [x for x in lks if not any(_one_word(lw[x][0], r) or _similar_word(lw[x][0], r) for r in rvocab)]
            if not gone:
                continue  # what the reference singles out is still in the claim
            for ri, rks in rf:
                new = [x for x in rks if not any(_one_word(ctx.rw[x][0], w) or _similar_word(ctx.rw[x][0], w)
                                                 for w in lset)]
                if not new:
                    continue
                lk, rk = gone[-1], new[-1]
                ls, le = lw[li][1], lw[lk][2]
                rs, re_ = ctx.rw[ri][1], ctx.rw[rk][2]
                return [Reason("focus", f"focus changed: '{lt[ls:le]}' → '{ctx.right[rs:re_]}'", True, lt[ls:le],
                               ctx.right[rs:re_], ((rs, re_),), ((k, ls, le),))]
    return []


def _similar_word(a: str, b: str) -> bool:
    return len(a) >= 5 and len(b) >= 5 and fuzz.ratio(a, b) >= 80


# ---------------------------------------------------------------------------------------------
# a figure told of another thing

def _counted(text: str, words: Words, end: int) -> str:
    """The thing a figure ending at offset ``end`` counts: the first content word after it in the
    same clause, past its scale ("1.3 million vehicles" → "vehicles"); "" when none follows."""
    for w, s, _e in words:
        if s < end:
            continue
        if _PUNCT.search(text, end, s) or w[:1].isdigit() or w in LEX.number_words:
            return ""  # the clause ends, or another figure follows
        if w in LEX.scale_words or not _content(w):
            end = _e
            continue
        return w
    return ""


@functools.lru_cache(maxsize=16384)
def _text_counted(text: str, end: int) -> str:
    return _counted(text, _cached_words(text), end)


SHARED_UNIT_GAP = 12
"""Two figures this close (code points between them: "58 auf 63 Euro", "58 to 63 euros") count one thing."""


def _shared_unit(x: tuple[int, tuple[str, frozenset[str], str, int, int, str], str],
                 y: tuple[int, tuple[str, frozenset[str], str, int, int, str], str]) -> bool:
    """Figure ``x`` stands right before figure ``y`` in one text, so ``y``'s noun counts ``x`` too
    ("von 58 auf 63 Euro": 58 euros as well); read only when the claim states both figures ("63
    statt 58 Euro")."""
    return x[0] == y[0] and 0 < y[1][3] - x[1][4] <= SHARED_UNIT_GAP


def check_figures(ctx: Context) -> list[Reason]:
    """A figure the reference gives another thing: "1.1 million vehicles, down from a target of
    1.3 million" → "1.3 million vehicles". The number is in the linked text, so the number check
    passes it; here the thing it counts decides."""
    if not _DIGIT.search(ctx.right) and LEX.number_words.keys().isdisjoint(w for w, _, _ in ctx.rw):
        return []  # most claims: no figure at all
    if sum(len(_quantities(t)) for t in ctx.left.texts) < 2 or ctx.kinds() & {"number", "date", "swap", "tally"}:
        return []  # most claims: fewer than two figures to tell apart, or a figure already found changed
    rq = _quantities(ctx.right)
    counted = [(q, noun) for q in rq if (noun := _counted(ctx.right, ctx.rw, q[4]))]
    if not counted:
        return []
    lq = [(k, q, _text_counted(t, q[4])) for k, t in enumerate(ctx.left.texts) for q in _quantities(t)]
    for q, noun in counted:
        same_value = [x for x in lq if x[1][1] & q[1]]
        same_noun = [x for x in lq if x[2] and _same_word(x[2], noun)]
        if (same_value and same_noun and not any(x in same_noun for x in same_value)
                and all(not (x[1][1] & q[1]) for x in same_noun)
                and not any(_shared_unit(x, y) and any(y[1][1] & r[1] for r in rq)
                            for x in same_value for y in same_noun)):
            k, lqq, lnoun = same_noun[0]
            lt = ctx.left.texts[k]
            le = next(e for w, s, e in _cached_words(lt) if s >= lqq[4] and w == lnoun)
            re_ = next(e for w, s, e in ctx.rw if s >= q[4] and w == noun)
            return [Reason("number", f"{lt[lqq[3]:le]} → {ctx.right[q[3]:re_]}", True, lt[lqq[3]:le],
                           ctx.right[q[3]:re_], ((q[3], re_),), ((k, lqq[3], le),))]
    return []


# ---------------------------------------------------------------------------------------------
# added content, weighted by rarity

_GERMAN_ENDINGS = ("ten", "test", "tet", "ern", "en", "er", "es", "em", "te", "st", "e", "n", "s", "t")


def preload() -> None:
    """Read the word frequency lists now (before forking, so that a child process shares them)."""
    _frequencies()


def _frequency_cache() -> Path | None:
    """Where the frequency lists are kept ready to load, named after wordfreq's own files (so an
    upgraded wordfreq is read anew); None when wordfreq cannot be found."""
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    stamp = "-".join(f"{lang}{(data / f'small_{lang}.msgpack.gz').stat().st_size}" for lang in LEX.languages)
    return user_cache.folder() / f"wordfreq-small-{stamp}.marshal"


@functools.cache
def _frequencies() -> tuple[dict[str, float], ...]:
    """wordfreq's small lists for the lexicons' languages. Importing wordfreq and decoding its lists
    takes 0.5-0.9 s a process, so the decoded lists are kept in the user's cache directory (a
    marshal of plain dicts, read in a few milliseconds); any problem with that cache falls back to
    wordfreq itself."""
    cache: Path | None = None
    with contextlib.suppress(Exception):
        cache = _frequency_cache()
        if cache is not None and cache.is_file():
            lists = marshal.loads(cache.read_bytes())
            if isinstance(lists, tuple) and len(lists) == len(LEX.languages) and \
                    all(isinstance(d, dict) for d in lists):
                return lists
    from wordfreq import get_frequency_dict

    lists = tuple(get_frequency_dict(lang, wordlist="small") for lang in LEX.languages)
    if cache is not None:
        with contextlib.suppress(OSError, ValueError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(cache, marshal.dumps(lists), special_ok=False, follow_links=False)
            user_cache.keep_only(cache, "wordfreq-small-")
    return lists


def _zipf(word: str) -> float:
    f = 0.0
    for d in _frequencies():  # a loop, not max() over a generator: called for every stem tried
        v = d.get(word, 0.0)
        if v > f:
            f = v
    return math.log10(f * 1e9) if f > 0 else 0.0


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English or German (Zipf scale: 7 the most common words, 0 unknown);
    an unknown German form falls back to its stem."""
    z = _zipf(word)
    if z == 0.0 and len(word) > 5:
        for end in _GERMAN_ENDINGS:
            if word.endswith(end) and len(word) - len(end) >= 4:
                z = _zipf(word[:-len(end)])
                if z:
                    break
    return z


@functools.lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """0 for a common word, 1 for a rare or unknown one."""
    return min(1.0, max(0.0, (6.0 - zipf(word)) / 3.0))


ADDED_WEIGHT = 1.2  # summed weight of added words (0.3 + 0.7 × rarity each) that makes them a major reason
RARE_WORD = 0.9     # a single added word this rare (an invented name, a place) is major too


def _weight(r: float) -> float:
    return 0.3 + 0.7 * r


def _counterpart(w: str, left: _Left) -> bool:
    known = left.counterparts.get(w)
    if known is None:
        known = left.counterparts[w] = _find_counterpart(w, left)
    return known


def _find_counterpart(w: str, left: _Left) -> bool:
    if left.has(w) or w in LEX.months or w in LEX.weekdays:
        return True
    if len(w) >= 5:
        if process.extractOne(w, left.choices, scorer=fuzz.ratio, score_cutoff=80) is not None:
            return True
        if w in left.long_joined or any(v in w for v in left.long_words):
            return True
        # a compound of a reference word ("Lohnplus" for "Lohn", "Fernverkehr" for "Verkehr")
        if len(w) < 7:
            return False
        head, tail = "<" + w[:4] in left.ends, w[-4:] + ">" in left.ends
        return (head or tail) and any((head and w[:k] in left.vocab) or (tail and w[-k:] in left.vocab)
                                      for k in range(4, len(w) - 2))
    return False


_APPROXIMATORS = frozenset(w for w in LEX.approximators if " " not in w)


def _numberish(w: str) -> bool:
    """A number in words ("forty", "twenty-one", "achtmal")."""
    return w in LEX.number_words or ("-" in w and all(p in LEX.number_words or p in _UNITS for p in w.split("-")))


def unexplained(ctx: Context) -> list[tuple[int, float]]:
    """Content words of the claim with no counterpart in the linked reference text, with their
    rarity; words that another reason already names are left out."""
    if ctx.unexplained is not None and ctx.unexplained[0] == len(ctx.found):
        return ctx.unexplained[1]  # reasons are only ever added: the same reasons, the same words
    covered = [sp for r in ctx.found for sp in r.right_spans]
    out = []
    for k, (w, s, e) in enumerate(ctx.rw):
        if (not _content(w) or w in LEX.placeholders or _numberish(w) or w in _APPROXIMATORS
                or (covered and any(a <= s < b or a < e <= b for a, b in covered))):
            continue  # a number word or an approximator is the number check's case
        if not _counterpart(w, ctx.left):
            out.append((k, rarity(w)))
    ctx.unexplained = (len(ctx.found), out)
    return out


def length_gap(right: str, lefts: Sequence[str]) -> float:
    """How far the claim's length is from its linked text's: ``|1 - claim / linked|``, at most 1."""
    linked = sum(len(t) for t in lefts)
    return min(1.0, abs(1.0 - len(right) / linked)) if linked else 0.0


@once_per_reference
def _reference_keys(reference: str) -> frozenset[str]:
    """Five-letter keys of the reference's words ("warned" and "warning" share one)."""
    return frozenset(w[:5] for w in _vocabulary(reference))


def _in_reference(word: str, reference: str) -> bool:
    return word in _vocabulary(reference) or (len(word) >= 5 and word[:5] in _reference_keys(reference))


def reference_cover(text: str, reference: str) -> float:
    """The share of a claim's content (weighted by rarity) found somewhere in the reference: an
    unlinked claim whose words are all there may be a passage the linker missed."""
    if not reference:
        return 0.0
    words = [w for w, _, _ in _cached_words(text) if _content(w)]
    total = sum(_weight(rarity(w)) for w in words)
    vocab, keys = _vocabulary(reference), _reference_keys(reference)  # _in_reference, read once
    return sum(_weight(rarity(w)) for w in words
               if w in vocab or (len(w) >= 5 and w[:5] in keys)) / total if total else 0.0


_CLAUSE_MARK = re.compile(r"[,;:()–—]")


def _clauses(ctx: Context, content: list[int]) -> list[list[int]]:
    """The claim's content words grouped by clause (split at punctuation and clause words)."""
    out: list[list[int]] = [[]]
    cset = set(content)
    for k, (w, s, _e) in enumerate(ctx.rw):
        if k and (_CLAUSE_MARK.search(ctx.right, ctx.rw[k - 1][2], s) or w in LEX.clause_breaks):
            out.append([])
        if k in cset:
            out[-1].append(k)
    return [c for c in out if c]


def check_added(ctx: Context) -> list[Reason]:
    """Content added inside a linked sentence that otherwise restates the reference ("… and set
    fire to a bank"): a run or a clause of words with no counterpart in the linked text, weighted
    by rarity, where the reference has no words of its own left over that they could restate. Words
    the reference states in another sentence do not count (a summary merges sentences)."""
    content = [k for k, (w, _, _) in enumerate(ctx.rw) if _content(w)]
    if len(content) < 3:
        return []
    missing = dict(unexplained(ctx))
    if not missing or len(missing) > 0.5 * len(content):
        return []  # mostly new words: a loose paraphrase or a weak link, not an addition
    capital = ctx.language == "en" and any(ch.isupper() for ch in ctx.right[1:])
    runs: list[list[int]] = []
    for k in content:
        if k in missing:
            if runs and runs[-1] and all(k2 not in content or k2 in missing for k2 in range(runs[-1][-1] + 1, k)):
                runs[-1].append(k)
            else:
                runs.append([k])
        elif runs and runs[-1]:
            runs.append([])
    clauses = [[k for k in c if k in missing] for c in _clauses(ctx, content)
               if len([k for k in c if k in missing]) >= max(2, 2 * len(c) / 3)]

    @functools.cache
    def unused() -> float:  # the reference's own content left over: read only for a candidate run
        right_side = _Left([ctx.right])
        left_words = {w for t in ctx.left.texts for w, _, _ in _cached_words(t) if _content(w)}
        return sum(_weight(rarity(w)) for w in left_words if not _counterpart(w, right_side))

    def new_anywhere(k: int) -> bool:  # a word the reference states elsewhere is a merge, not an addition
        return not ctx.reference or not _in_reference(ctx.rw[k][0], ctx.reference)

    for run in sorted((r for r in runs + clauses if r), key=lambda r: -sum(_weight(missing[k]) for k in r)):
        new = [k for k in run if new_anywhere(k)]
        weight = sum(_weight(missing[k]) for k in new)
        single_rare = len(run) == 1 and new and missing[run[0]] >= RARE_WORD and not (
            capital and ctx.right[ctx.rw[run[0]][1]].isupper())  # a capitalised name: the name check's case
        if ((len(new) >= 2 and weight >= ADDED_WEIGHT) or single_rare) and unused() < 0.5 * weight:
            s, e = ctx.rw[run[0]][1], ctx.rw[run[-1]][2]
            return [Reason("added", f"added, not in the reference: '{ctx.right[s:e]}'", True, "",
                           ctx.right[s:e], ((s, e),))]
    return []


# ---------------------------------------------------------------------------------------------
# one of the reference's names put for another

NAME_RARITY = {"en": 0.25, "de": 0.4}
"""A capitalised word counts as a name for :func:`check_name_swap` from this rarity on; German,
which capitalises every noun, asks for rarer words."""


@once_per_reference
def _capitalised_words(reference: str) -> frozenset[str]:
    """The reference's words written with a capital, case-folded (a sentence's first word too: the
    rarity floor of :func:`check_name_swap` keeps "The" and "Police" out)."""
    return frozenset(w.casefold() for w in re.findall(r"\b[A-ZÄÖÜ][\w'-]+", reference) if w.casefold() not in STOPWORDS)


def check_name_swap(ctx: Context) -> list[Reason]:
    """One name of the reference put for another ("Kassel hatte geführt" → "rostock hatte
    geführt"): the claim's only new name stands elsewhere in the reference, and a name of the
    linked text is gone from the claim. Reads lower-case claims too."""
    if any(r.major for r in ctx.found) or not ctx.reference:
        return []
    names = _capitalised_words(ctx.reference)
    floor = NAME_RARITY.get(ctx.language, 0.4)
    if not any(w in names and w not in ctx.left.vocab and rarity(w) >= floor for w, _, _ in ctx.rw):
        return []  # most claims: no name of the reference that the linked text lacks
    # the claim's words with no counterpart, a name already noted as "named elsewhere" included
    missing = [k for k, (w, _, _) in enumerate(ctx.rw) if _content(w) and not _counterpart(w, ctx.left)]
    if not missing or len(missing) > 2:
        return []
    new = [k for k in missing if ctx.rw[k][0] in names and rarity(ctx.rw[k][0]) >= floor
           and ctx.rw[k][0] not in LEX.scale_words]
    if len(new) != 1:
        return []
    back = _Left([ctx.right])
    for t, lt in enumerate(ctx.left.texts):
        for w, s, e in _cached_words(lt):
            if (lt[s].isupper() and w in names and _content(w) and rarity(w) >= floor
                    and w not in LEX.scale_words and not _counterpart(w, back)):
                rs, re_ = ctx.rw[new[0]][1], ctx.rw[new[0]][2]
                return [Reason("name", f"name swapped: '{lt[s:e]}' → '{ctx.right[rs:re_]}'", True, lt[s:e],
                               ctx.right[rs:re_], ((rs, re_),), ((t, s, e),))]
    return []


# ---------------------------------------------------------------------------------------------
# names in lower-case text

def _name_runs(text: str, words: Words) -> list[list[tuple[str, int, int]]]:
    """Runs of two or more capitalised words ("Tom White", "Acme Corp")."""
    runs: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    for w, s, e in (*words, ("", 0, 0)):
        adjacent = bool(cur) and s - cur[-1][2] <= 1
        if w and text[s].isupper() and w not in STOPWORDS and (not cur or adjacent):
            cur.append((w, s, e))
            continue
        if len(cur) >= 2:
            runs.append(cur)
        cur = [(w, s, e)] if w and text[s].isupper() and w not in STOPWORDS else []
    return runs


GERMAN_NAME_RARITY = 0.25
"""In German, every word of a capitalised run must be at least this rare for the run to be a name."""


def check_lowercase_names(ctx: Context) -> list[Reason]:
    """A name changed in text without capitals ("tom black" for Tom White): a word next to a known
    part of a reference name that is neither that name's next part nor found in the reference."""
    if any(c.isupper() for c in ctx.right):
        return []  # capitalised text: the name check sees the names
    ref_vocab = _vocabulary(ctx.reference) if ctx.reference else frozenset(ctx.left.vocab)
    rw = ctx.rw
    for k, lt in enumerate(ctx.left.texts):
        for run in _name_runs(lt, _cached_words(lt)):
            parts = [w for w, _, _ in run]
            for j, (w, _s, _e) in enumerate(rw):
                if w not in parts:
                    continue
                others = [n for n, (x, _s2, _e2) in enumerate(rw) if x in parts and x != w]
                if others and all(abs(n - j) > len(parts) for n in others):
                    continue  # the claim names it whole elsewhere: here the word is a common noun ("council tax")
                p = parts.index(w)
                for step in (1, -1):
                    q, n = p + step, j + step
                    if not (0 <= q < len(parts) and 0 <= n < len(rw)):
                        continue
                    x = rw[n][0]
                    if (x == parts[q] or not _content(x) or x in ref_vocab or ctx.left.has(x)
                            or (ctx.reference and _in_reference(x, ctx.reference))):
                        continue  # a word of the reference in another form ("verurteilte" / "verurteilt")
                    if fuzz.ratio(x, parts[q]) >= 75:
                        continue  # a garbled spelling of the same name
                    if ctx.language == "de" and min(rarity(w) for w in parts) < GERMAN_NAME_RARITY:
                        continue  # German capitalises every noun: common nouns ("Jahren Haft") are no name
                    a, b = sorted((j, n))
                    rs, re_ = rw[a][1], rw[b][2]
                    ls, le = run[0][1], run[-1][2]
                    return [Reason("name", f"name changed: '{lt[ls:le]}' → '{ctx.right[rs:re_]}'", True,
                                   lt[ls:le], ctx.right[rs:re_], ((rs, re_),), ((k, ls, le),))]
    return []


# ---------------------------------------------------------------------------------------------
# one participant, place or name put in the slot of another

SLOT_MAX_NEW = 3
"""A claim with more new content words than this is a loose paraphrase, not one word replaced."""


TOGETHER_LOOKS = 20
"""How many mentions of a word :func:`_together` reads, at most."""
TOGETHER_REACH = 400
"""How far (code points) :func:`_together` looks on either side of a mention for its sentence's end."""


def _together(a: str, b: str, reference: str) -> bool:
    """Two words that stand in one sentence of the reference: two participants, not two names for
    one. Reads the sentences around the first mentions of ``a`` only (a long reference is never
    read whole)."""
    if a not in _vocabulary(reference) or b not in _vocabulary(reference):
        return False
    low = _lower(reference)
    at = low.find(a)
    for _n in range(TOGETHER_LOOKS):
        if at < 0:
            break
        start, end = at, at + len(a)
        at = low.find(a, end)
        if (start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue  # inside another word
        lo, hi = max(0, start - TOGETHER_REACH), end + TOGETHER_REACH
        s = max(low.rfind(". ", lo, start), low.rfind("\n", lo, start), lo - 1) + 1
        e = min(x for x in (low.find(". ", end, hi), low.find("\n", end, hi), min(hi, len(low))) if x >= 0)
        if b in _plain_words(low[s:e]):
            return True
    return False


def _slot(words: Words, text: str, k: int) -> tuple[str, str, str, str] | None:
    """(determiner, word before, the one before that, word after) of word ``k``, read within its
    clause; the word before skips a determiner ("ordered the landlord" → "ordered"). None when
    nothing comes before it."""
    def joined(i: int) -> bool:  # no punctuation between word i and word i + 1
        return not _PUNCT.search(text, words[i][2], words[i + 1][1])

    i = k - 1
    det = ""
    if i >= 0 and joined(i) and words[i][0] in LEX.determiners:
        det = words[i][0]
        i -= 1
    if i < 0 or not joined(i):
        return None
    before2 = words[i - 1][0] if i >= 1 and joined(i - 1) else ""
    after = words[k + 1][0] if k + 1 < len(words) and joined(k) else ""
    return det, words[i][0], before2, after


def _plain_slot_word(w: str) -> bool:
    return (_content(w) and not _numberish(w) and w not in LEX.months and w not in LEX.weekdays
            and w not in LEX.placeholders and (w,) not in LEX.quantifiers)


def check_slot_swap(ctx: Context) -> list[Reason]:
    """One participant, place or name put in the slot of another, the rest of the sentence kept
    ("ordered the landlord to repay" → "ordered the tenant to repay", "am Montag in Berlin" → "am
    Montag in München"): a new noun of the claim and a noun of the linked text that the claim lacks,
    after the same word and before the same word (or after the same two words), where the two are
    two things, not two names for one: both stand in one sentence of the reference, or the linked
    one is a name (capitalised inside its sentence; in German, where every noun is capitalised, a
    name right after a preposition, "aus China")."""
    if any(r.major for r in ctx.found):
        return []
    missing = [k for k, _r in unexplained(ctx)]  # read for every consistent claim anyway, and kept
    if not missing or len(missing) > SLOT_MAX_NEW or sum(_content(w) for w, _, _ in ctx.rw) < 3:
        return []
    # cheap first: the claim's new words right after a determiner or a preposition (a noun's slot)
    slots = []
    for k in missing:
        if k and (ctx.rw[k - 1][0] in LEX.determiners or ctx.rw[k - 1][0] in LEX.prepositions) \
                and _plain_slot_word(ctx.rw[k][0]) and (sl := _slot(ctx.rw, ctx.right, k)) is not None \
                and (sl[0] or sl[1] in LEX.prepositions):
            slots.append((k, sl))
    if not slots:
        return []
    keys = {sl[1][:5] for _k, sl in slots}  # the words before the slots, as _same_word compares them
    back: _Left | None = None
    for t, lt in enumerate(ctx.left.texts):
        lw = _cached_words(lt)
        for j in range(1, len(lw)):
            p = lw[j - 1][0]
            if p[:5] not in keys and (j < 2 or p not in LEX.determiners or lw[j - 2][0][:5] not in keys):
                continue
            lword, ls, le = lw[j]
            if not _plain_slot_word(lword):
                continue
            lsl = None
            for k, (det, before, before2, after) in slots:
                rword = ctx.rw[k][0]
                if _similar_word(rword, lword) or _one_word(rword, lword):
                    continue
                lsl = lsl or _slot(lw, lt, j)
                if lsl is None or not _same_word(lsl[1], before) or not (bool(lsl[0]) or lsl[1] in LEX.prepositions):
                    continue
                if not ((after and _same_word(lsl[3], after)) or (before2 and _same_word(lsl[2], before2))):
                    continue
                back = back or _Left([ctx.right])
                if _counterpart(lword, back):
                    continue  # the claim has that word too: moved, not replaced
                name = lt[ls].isupper() and (ctx.language == "en" or (not lsl[0] and lsl[1] in LEX.prepositions))
                if not (name or (ctx.reference and _together(rword, lword, ctx.reference))):
                    continue
                # named with the word that opens the slot: "the landlord", "aus China", "aus den USA"
                first = lw[j - 1 - (bool(lsl[0]) and lsl[1] in LEX.prepositions)][1]
                rs, re_ = ctx.rw[k - 1 - (bool(det) and before in LEX.prepositions)][1], ctx.rw[k][2]
                return [Reason("replaced", f"replaced: '{lt[first:le]}' → '{ctx.right[rs:re_]}'", True,
                               lt[first:le], ctx.right[rs:re_], ((rs, re_),), ((t, first, le),))]
    return []


# ---------------------------------------------------------------------------------------------
# a place in a race or a ranking

PLACING_DOER_RARITY = 0.4
"""A word before a placing counts as the one placed ("Lindholm took silver") from this rarity on."""
PLACING_REACH = 8
"""How many words before a placing the one placed is looked for."""
PLACING_CUE_REACH = 8
"""How many words before a placing word its cue may stand, within its clause."""


_PLACING_WORD = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(LEX.placings, key=len, reverse=True))
                           + r")(?!\w)", re.IGNORECASE)


def _placings(words: Words, text: str) -> list[tuple[int, int, bool]]:
    """(word index, rank, cued) of each placing word: after a cue within its clause ("finished
    second", "wurde die Läuferin … Zweite") or before a word such as "place" (cued), or a medal
    ("Bronze", not cued: "sold more gold" is no placing, unless the other side's is cued)."""
    out = []
    for k, (w, _s, _e) in enumerate(words):
        rank = LEX.placings.get(w)
        if rank is None:
            continue
        cued = k + 1 < len(words) and words[k + 1][0] in LEX.placing_after
        j = k - 1
        while not cued and j >= max(0, k - PLACING_CUE_REACH) and not _PUNCT.search(text, words[j][2], words[j + 1][1]):
            cued = words[j][0] in LEX.placing_cues
            j -= 1
        if cued or w in LEX.medals:
            out.append((k, rank, cued))
    return out


def check_placings(ctx: Context) -> list[Reason]:
    """A place in a race or a ranking changed for the one placed ("Sara Lindholm … finished third"
    → "Sara Lindholm … took silver", "Martín Rojas, finished second" → "martín rojas came first"):
    placings are ranks (gold = first = 1), and the one placed is the rarest word before the claim's
    placing that the linked text has; its placing there is the nearest one. A placing the linked
    text states for the same one is noted, so that the number check does not read "second" for
    "silver" as a changed number."""
    if not _PLACING_WORD.search(ctx.right):
        return []  # most claims: no placing word at all
    rp = _placings(ctx.rw, ctx.right)
    lps = [(t, lt, lw, lp) for t, lt in enumerate(ctx.left.texts)
           if (lp := _placings(lw := _cached_words(lt), lt))] if rp else []
    for k, rank, cued in rp if lps else ():
        cands = sorted((j for j in range(max(0, k - PLACING_REACH), k)
                        if _content(ctx.rw[j][0]) and ctx.rw[j][0] not in LEX.placing_cues
                        and ctx.rw[j][0] not in LEX.placings and rarity(ctx.rw[j][0]) >= PLACING_DOER_RARITY),
                       key=lambda j: (-rarity(ctx.rw[j][0]), k - j))
        for j in cands:
            doer = ctx.rw[j][0]
            near = [(abs(i - m) + (0.5 if m < i else 0.0), t, i, m, lrank, lcued) for t, _lt, lw, lp in lps
                    for i, (w, _s, _e) in enumerate(lw) if _same_word(w, doer) for m, lrank, lcued in lp]
            if not near:
                continue
            _d, t, i, m, lrank, lcued = min(near)
            if lrank == rank:
                ctx.placings_kept.append((ctx.rw[k][1], ctx.rw[k][2]))
                break
            if not (cued or lcued):
                break  # two medals without a cue ("sold more gold" / "silver"): not a placing
            lt, lw = ctx.left.texts[t], _cached_words(ctx.left.texts[t])
            ls, le = (lw[i][1], lw[m][2]) if i < m and m - i <= 6 else (lw[m][1], lw[m][2])
            rs, re_ = (ctx.rw[j][1], ctx.rw[k][2]) if k - j <= 6 else (ctx.rw[k][1], ctx.rw[k][2])
            return [Reason("placing", f"placing changed: '{lt[ls:le]}' → '{ctx.right[rs:re_]}'", True, lt[ls:le],
                           ctx.right[rs:re_], ((rs, re_),), ((t, ls, le),))]
    return []


def without_kept_placings(ctx: Context, found: list[Reason]) -> list[Reason]:
    """The number check's reasons less those on a placing the linked text states for the same one
    ("finished second" for "took silver" is no changed number)."""
    kept = ctx.placings_kept
    return [r for r in found if not (kept and r.right_spans and all(sp in kept for sp in r.right_spans))]
