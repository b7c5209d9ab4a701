"""The linker: (left claim texts, right claim texts, options) -> links with calibrated scores.

Pure and deterministic. ``score`` is in [0, 1]; every returned link is accepted (score >= the
options' threshold, 0.5 by default, the same for every input).

How it works, in three steps that each cost about linear time in the length of the articles:

1. Words are reduced to keys (case-folded, cut to a five-letter prefix, so "rejected"/"rejects" and
   a garbled "Bhuttozze" / "Bhutto" share a key) and weighted by their rarity within the pair (IDF
   over the claims of both articles, function words of English and German damped).
2. Candidates: an inverted index of each right claim's most informative keys gives a short list of
   left claims sharing rare keys; no all-pairs comparison.
3. Scoring: the weighted share of the right claim's keys found in the left claim (coverage of the
   claim) and the share of the left claim's keys found in the right claim, refined for the keys
   left over by rapidfuzz similarity of whole words (garbled spellings, German compounds). Coverage
   rewards a claim that is one piece of a longer reference sentence (plain-language splits) while a
   shared phrase alone (a few rare words out of many) stays below the threshold.
   Each right claim links its best left claim; further left claims join when they cover a part of
   the claim the others leave out (a claim drawing on two reference sentences). A locality prior
   (closeness to the neighbours' links) only breaks near-ties, so links may cross.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]

_WORD = re.compile(r"\w+")
_KEY_LEN = 5
_SHORTLIST = 8          # candidates scored per right claim
_INDEX_KEYS = 12        # most informative keys of a right claim used to find candidates
_RAW_THRESHOLD = 0.30   # raw score that maps to the calibrated 0.5

# function words: damped, never used alone to find candidates
STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after before
than then that this these those there here is are was were be been being am do does did done has
have had having it its it's he she they we you i me him her them us our your their his my mine
not no so too very can could would should will shall may might must also just only which who whom
what when where why how all any some such own same other more most both each few s t said says
der die das den dem des ein eine einen einem einer eines und oder aber wenn als wie im in an auf
aus bei mit nach von vor zu zum zur für über unter um durch gegen ohne ist sind war waren sein
wird werden wurde wurden hat haben hatte hatten es er sie wir ihr ich du man sich nicht kein keine
auch noch nur schon so sehr dass daß was wer wo dann denn doch ja nein dieser diese dieses jeder
jede jedes alle viele mehr kann können muss müssen soll sollen darf dürfen will wollen
""".split())


class LinkCancelled(Exception):
    """Raised when the ``cancelled`` callback returned True during linking."""


@dataclass(frozen=True)
class LinkOptions:
    threshold: float = 0.5
    language: str | None = None  # not needed by the scores; kept for callers that know it


@dataclass(frozen=True, order=True)
class Link:
    left: int
    right: int
    score: float


@dataclass
class _Claim:
    keys: dict[str, float]   # key -> weight
    words: dict[str, str]    # key -> one full word with that key
    total: float


def _key(word: str) -> str:
    return word[:_KEY_LEN]


def _prepare(texts: Sequence[str]) -> list[dict[str, str]]:
    out = []
    for t in texts:
        words: dict[str, str] = {}
        for w in _WORD.findall(t.casefold()):
            if w == "_":
                continue
            k = _key(w)
            if k not in words or len(w) > len(words[k]):
                words[k] = w
        out.append(words)
    return out


def _weights(left: list[dict[str, str]], right: list[dict[str, str]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for claim in (*left, *right):
        for k in claim:
            df[k] = df.get(k, 0) + 1
    n = len(left) + len(right)
    idf = {}
    for k, d in df.items():
        w = math.log(1.0 + n / d)
        if k in STOPWORDS or len(k) == 1:
            w *= 0.25
        idf[k] = w
    return idf


def _claims(words: list[dict[str, str]], idf: dict[str, float]) -> list[_Claim]:
    out = []
    for ws in words:
        keys = {k: idf[k] for k in ws}
        out.append(_Claim(keys, ws, sum(keys.values())))
    return out


def _fuzzy_credit(word: str, others: list[str]) -> float:
    """Credit in [0, 1] for a word that has no key in the other claim: a garbled spelling or a
    part of a compound (German) found among the other claim's leftover words."""
    from rapidfuzz import fuzz, process

    if len(word) < 4 or not others:
        return 0.0
    best = process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=70)
    credit = 0.0 if best is None else (best[1] - 50) / 50
    if len(word) >= 5:
        for o in others:
            if len(o) >= 5 and (o.endswith(word) or word.endswith(o) or o.startswith(word[:-1])
                                or word.startswith(o[:-1])):
                credit = max(credit, 0.8)
                break
    return credit


def _coverage(a: _Claim, b: _Claim) -> tuple[float, float]:
    """(share of a's weight found in b, share of b's weight found in a)."""
    if a.total <= 0 or b.total <= 0:
        return 0.0, 0.0
    shared = a.keys.keys() & b.keys.keys()
    got = sum(a.keys[k] for k in shared)
    ca, cb = got / a.total, got / b.total
    if ca < 0.95 and cb < 0.95 and (ca > 0.1 or cb > 0.1):
        a_left = [k for k in a.keys if k not in shared and a.keys[k] > 0.5]
        b_left = [b.words[k] for k in b.keys if k not in shared and b.keys[k] > 0.5]
        if a_left and b_left:
            extra_a = 0.0
            matched_b = 0.0
            for k in a_left:
                c = _fuzzy_credit(a.words[k], b_left)
                if c > 0:
                    extra_a += c * a.keys[k]
                    matched_b += c * a.keys[k]
            ca = (got + extra_a) / a.total
            cb = min(1.0, (got + matched_b) / b.total)
    return min(ca, 1.0), cb


_EVIDENCE = 8
_EXP = 0.5


def _raw_score(c_right: float, c_left: float, shared: float = 1e9) -> float:
    hi, lo = max(c_right, c_left), min(c_right, c_left)
    return (0.6 * hi + 0.4 * lo) * min(1.0, shared / _EVIDENCE) ** _EXP


def _calibrate(raw: float) -> float:
    """Piecewise-linear map sending the raw acceptance point to 0.5."""
    if raw <= _RAW_THRESHOLD:
        return 0.5 * raw / _RAW_THRESHOLD
    return min(1.0, 0.5 + 0.5 * (raw - _RAW_THRESHOLD) / (1 - _RAW_THRESHOLD))


def _candidates(left: list[_Claim], right: list[_Claim]) -> list[list[int]]:
    index: dict[str, list[int]] = {}
    for i, c in enumerate(left):
        for k in c.keys:
            index.setdefault(k, []).append(i)
    cap = max(64, len(left) // 20)
    out = []
    for c in right:
        ranked = sorted((k for k in c.keys if k in index and k not in STOPWORDS),
                        key=lambda k: -c.keys[k])[:_INDEX_KEYS]
        acc: dict[int, float] = {}
        for k in ranked:
            post = index[k]
            if len(post) > cap:
                continue
            w = c.keys[k]
            for i in post:
                acc[i] = acc.get(i, 0.0) + w
        if not acc:
            out.append([])
            continue
        best = max(acc.values())
        top = sorted((i for i, v in acc.items() if v >= 0.25 * best), key=lambda i: (-acc[i], i))
        out.append(top[:_SHORTLIST])
    return out


_NEAR_BONUS = 0.08    # raw bonus for a left claim next to where the neighbouring claims link
_GAP_FLOOR = 0.15
_XT = 0.9
_GAIN = 0.2
_CL = 0.6
     # least raw score for filling a gap between two links to the same place
_GAP_MAX = 2


def _best_partners(c: _Claim, scored: list[tuple[float, int, float, float]], threshold: float,
                   near: set[int]) -> list[tuple[int, float]]:
    """The accepted left partners of one right claim as (left index, calibrated score)."""
    if not scored:
        return []
    ranked = sorted(((raw + (_NEAR_BONUS if i in near else 0.0), i, cr, cl) for raw, i, cr, cl in scored),
                    key=lambda x: (-x[0], x[1]))
    raw0, i0, _, _ = ranked[0]
    s0 = _calibrate(raw0)
    if s0 < threshold:
        return []
    out = [(i0, s0)]
    covered = c.keys.keys() & lc_keys(i0)
    for raw, i, _cr, cl in ranked[1:]:
        s = _calibrate(raw)
        if s < threshold * _XT:
            break
        new = (c.keys.keys() & lc_keys(i)) - covered
        gain = sum(c.keys[k] for k in new) / c.total if c.total else 0.0
        if gain >= _GAIN or cl >= _CL:
            out.append((i, max(s, threshold)))
            covered |= new
    return out


def link_claims(left: Sequence[str], right: Sequence[str], options: LinkOptions | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[Link]:
    """Links between left (reference) and right (review) claims, scores calibrated to [0, 1]."""
    global lc_keys
    opts = options or LinkOptions()
    if not left or not right:
        return []
    lw, rw = _prepare(left), _prepare(right)
    idf = _weights(lw, rw)
    lc, rc = _claims(lw, idf), _claims(rw, idf)
    lc_keys = lambda i: lc[i].keys.keys()  # noqa
    cands = _candidates(lc, rc)
    n = len(rc)

    def score(i: int, j: int) -> tuple[float, int, float, float]:
        cr, cl = _coverage(rc[j], lc[i])
        return _raw_score(cr, cl, cr * rc[j].total), i, cr, cl

    scored: list[list[tuple[float, int, float, float]]] = []
    for j in range(n):
        if j % 128 == 0:
            if cancelled is not None and cancelled():
                raise LinkCancelled()
            if progress is not None:
                progress(0.8 * j / n)
        scored.append([score(i, j) for i in cands[j]])
    # first pass without locality, then again with the neighbours' links as a prior
    chosen = [_best_partners(rc[j], scored[j], opts.threshold, set()) for j in range(n)]
    for _ in range(1):
        prev: list[int | None] = [None] * n
        nxt: list[int | None] = [None] * n
        last = None
        for j in range(n):
            prev[j] = last
            if chosen[j]:
                last = max(i for i, _ in chosen[j])
        last = None
        for j in range(n - 1, -1, -1):
            nxt[j] = last
            if chosen[j]:
                last = min(i for i, _ in chosen[j])
        new = []
        for j in range(n):
            near = set()
            if prev[j] is not None:
                near |= {prev[j], prev[j] + 1}
            if nxt[j] is not None:
                near |= {nxt[j], nxt[j] - 1}
            have = {i for _, i, _, _ in scored[j]}
            extra = [score(i, j) for i in near if 0 <= i < len(lc) and i not in have]
            scored[j] = scored[j] + extra
            new.append(_best_partners(rc[j], scored[j], opts.threshold, near))
        chosen = new
    # gaps of a few unlinked claims between two claims linked to the same or adjacent places
    j = 0
    while j < n:
        if chosen[j]:
            j += 1
            continue
        k = j
        while k < n and not chosen[k]:
            k += 1
        if 0 < j and k < n and k - j <= _GAP_MAX:
            a = max(i for i, _ in chosen[j - 1])
            b = min(i for i, _ in chosen[k])
            if 0 <= b - a <= 1:
                for g in range(j, k):
                    best = max((score(i, g) for i in {a, b}), key=lambda x: (x[0], -x[1]))
                    if best[0] >= _GAP_FLOOR:
                        chosen[g] = [(best[1], opts.threshold)]
        j = k
    if progress is not None:
        progress(1.0)
    return sorted(Link(i, j, round(s, 4)) for j in range(n) for i, s in chosen[j])
