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
4. Gaps: an unlinked run between two claims linked to nearby places links a left claim of that
   stretch that shares some words; a claim retold loosely where the reference too has unlinked
   sentences between the anchors (or a quotation continued from a linked one) gets a loose match
   there on a much lower score, which the verdict checks then judge.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from diptych.core.parallel import every_other, in_halves

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]

_WORD = re.compile(r"[^\W_]\w*")
_KEY_LEN = 5
_SHORTLIST = 5         # candidates scored per right claim ...
_CAND_RATIO = 0.5      # ... with at least this share of the best candidate's index weight
_INDEX_KEYS = 12        # most informative keys of a right claim used to find candidates
_PY_POSTINGS = 1_000_000  # up to this many postings visited, the sums are done in plain Python
_RAW_THRESHOLD = 0.28  # raw score that maps to the calibrated 0.5
_FUZZY_LO = 0.1       # pairs scoring below this get no fuzzy credit (hopeless, and it saves time)

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


# the phases of link_claims' progress: indexing the words up to the first number, scoring the
# candidates up to the second, then the rounds that check each link against its neighbours
LINK_SCORING = (0.15, 0.75)


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


def _prepare(texts: Sequence[str], tell: Progress | None = None, fork: bool = False) -> list[dict[str, str]]:
    """For each text, its keys mapped to the longest word with that key (one shared, unchanged
    dict for each repeated text); with ``fork``, the distinct texts in two halves."""
    first_of: dict[str, int] = {}
    which = [first_of.setdefault(t, len(first_of)) for t in texts]
    unique = list(first_of)

    def part(lo: int, hi: int) -> list[dict[str, str]]:
        out = []
        for k in range(lo, hi):
            if tell is not None and k % 10_000 == 0 and lo == 0:
                tell(k / max(1, hi))
            # the longest word of each key comes last and wins; ties by spelling keep the result stable
            ws = sorted(sorted(set(_WORD.findall(unique[k].casefold()))), key=len)
            out.append({w[:_KEY_LEN]: w for w in ws})
        return out

    got = in_halves(len(unique), part, fork, min_items=4000)
    return [got[u] for u in which]


def _weights(left: list[dict[str, str]], right: list[dict[str, str]],
             tell: Progress | None = None) -> dict[str, float]:
    df: Counter[str] = Counter()
    for m, claim in enumerate((*left, *right)):
        if tell is not None and m % 20_000 == 0:
            tell(m / (len(left) + len(right)))
        df.update(claim.keys())
    n = len(left) + len(right)
    idf = {}
    scale = 4.0 / math.log(1.0 + n)  # a word found once weighs 4 whatever the length of the articles
    for k, d in df.items():
        w = math.log(1.0 + n / d) * scale
        if k in STOPWORDS or len(k) == 1:
            w *= 0.25
        idf[k] = w
    return idf


def _claims(words: list[dict[str, str]], idf: dict[str, float], tell: Progress | None = None) -> list[_Claim]:
    """One claim per text; repeated texts share one (never changed) claim object."""
    out = []
    seen: dict[int, _Claim] = {}
    for k, ws in enumerate(words):
        if tell is not None and k % 20_000 == 0:
            tell(k / len(words))
        c = seen.get(id(ws))
        if c is None:
            keys = {k: idf[k] for k in ws}
            c = seen[id(ws)] = _Claim(keys, ws, sum(keys.values()))
        out.append(c)
    return out


_Ends = tuple[str, tuple[str, ...], tuple[str, ...]]


def _ends(words: Sequence[str]) -> _Ends:
    """The words of five letters or more, for :func:`_fuzzy_credit`: each on a line of one string,
    as a tuple, and as a tuple of each but its last letter (computed once per pair of claims)."""
    long = [o for o in words if len(o) >= 5]
    return "\n" + "\n".join(long) + "\n", tuple(long), tuple([o[:-1] for o in long])


def _fuzzy_credit(word: str, others: list[str], ends: _Ends) -> float:
    """Credit in [0, 1] for a word that has no key in the other claim: a garbled spelling or a
    part of a compound (German) found among the other claim's leftover words.

    ``ends`` is :func:`_ends` of the ``others``."""

    if len(word) < 4 or not others:
        return 0.0
    best = process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=70)
    credit = 0.0 if best is None else (best[1] - 50) / 50
    if credit < 0.8 and len(word) >= 5 and ends[1]:
        # one word ends the other, or they share all but the last letter of one as a start (each
        # test one search over all the long words)
        joined, long, heads = ends
        if (word + "\n" in joined or word.endswith(long)
                or "\n" + word[:-1] in joined or word.startswith(heads)):
            return 0.8
    return credit


def _coverage(a: _Claim, b: _Claim) -> tuple[float, float]:
    """(share of a's weight found in b, share of b's weight found in a).

    Words without a shared key get fuzzy credit, but only when it could change the decision."""
    if a.total <= 0 or b.total <= 0:
        return 0.0, 0.0
    # sums over sets are exact (fsum): a set's order changes with the hash seed, and a plain sum in
    # that order could differ in the last bit and flip a near tie on a long article
    shared = a.keys.keys() & b.keys.keys()
    got = math.fsum(map(a.keys.__getitem__, shared))
    ca, cb = got / a.total, got / b.total
    if ca < 0.95 and cb < 0.95 and _FUZZY_LO <= _raw_score(ca, cb, got) < _RAW_THRESHOLD + 0.15:
        a_left = [k for k in a.keys if k not in shared and a.keys[k] > 0.5]
        b_left = [b.words[k] for k in b.keys if k not in shared and b.keys[k] > 0.5]
        if a_left and b_left:
            extra_a = 0.0
            matched_b = 0.0
            ends = _ends(b_left)
            for k in a_left:
                c = _fuzzy_credit(a.words[k], b_left, ends)
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
    return float((0.6 * hi + 0.4 * lo) * min(1.0, shared / _EVIDENCE) ** _EXP)


def _calibrate(raw: float) -> float:
    """Piecewise-linear map sending the raw acceptance point to 0.5."""
    if raw <= _RAW_THRESHOLD:
        return 0.5 * raw / _RAW_THRESHOLD
    return min(1.0, 0.5 + 0.5 * (raw - _RAW_THRESHOLD) / (1 - _RAW_THRESHOLD))


def _best_left(top: list[tuple[float, int, str]], postings: dict[str, list[int]]) -> list[int]:
    """The shortlist of one right claim from its index keys (negated weight, key id, key)."""
    acc: dict[int, float] = {}
    for w, _, k in top:
        for i in postings[k]:
            acc[i] = acc.get(i, 0.0) - w
    if not acc:
        return []
    floor = _CAND_RATIO * max(acc.values())
    return sorted((i for i, v in acc.items() if v >= floor), key=lambda i: (-acc[i], i))[:_SHORTLIST]


def _candidates(left: list[_Claim], right: list[_Claim], fork: bool = False,
                tell: Callable[[float], None] | None = None) -> list[list[int]]:
    """For each right claim, up to ``_SHORTLIST`` left claims sharing its most informative keys,
    best first (an inverted index: the cost follows the postings visited, summed in plain Python or,
    past a million, by numpy; with ``fork``, in two halves). A repeated claim (the same object) is
    looked up once."""
    first_of: dict[int, int] = {}
    unique: list[_Claim] = []
    for c in right:
        if id(c) not in first_of:
            first_of[id(c)] = len(unique)
            unique.append(c)
    if len(unique) < len(right):
        found = _candidates(left, unique, fork, tell)
        return [list(found[first_of[id(c)]]) for c in right]

    postings: dict[str, list[int]] = {}  # key -> left claims, keys in order of first appearance
    for i, c in enumerate(left):
        for k in c.keys:
            if k not in STOPWORDS:
                postings.setdefault(k, []).append(i)
    nl = len(left)
    if not postings:
        return [[] for _ in right]
    if tell is not None:
        tell(0.4)
    kid = {k: n for n, k in enumerate(postings)}
    cap = max(64, nl // 50)
    if tell is not None:
        tell(0.5)
    if sum(map(len, postings.values())) > _PY_POSTINGS:
        # numpy is imported here, before any fork (it costs 0.1 s to load), when the sums may need it
        import numpy  # noqa: F401

    def part(lo: int, hi: int) -> list[list[int]]:
        # each right claim keeps its _INDEX_KEYS rarest keys whose postings are not too long
        tops: list[list[tuple[float, int, str]]] = []
        total = 0
        for c in right[lo:hi]:
            usable = sorted((-w, kid[k], k) for k, w in c.keys.items() if k in kid and len(postings[k]) <= cap)
            tops.append(usable[:_INDEX_KEYS])
            total += sum(len(postings[k]) for _, _, k in tops[-1])
        # the sums in plain Python, or by numpy when the postings visited would pass _PY_POSTINGS for
        # the whole article; each pair's sum sees the same terms in the same order either way
        if total * len(right) <= _PY_POSTINGS * max(1, hi - lo):
            return [_best_left(top, postings) for top in tops]
        return _best_left_numpy(tops, postings, nl)

    return in_halves(len(right), part, fork)


def _best_left_numpy(tops: list[list[tuple[float, int, str]]], postings: dict[str, list[int]],
                     nl: int) -> list[list[int]]:
    """:func:`_best_left` for many right claims at once."""
    import numpy as np

    post_flat = np.fromiter((i for ps in postings.values() for i in ps), dtype=np.int64,
                            count=sum(map(len, postings.values())))
    post_len = np.fromiter(map(len, postings.values()), dtype=np.int64, count=len(postings))
    post_start = np.concatenate(([0], np.cumsum(post_len)[:-1]))
    out: list[list[int]] = [[] for _ in tops]
    oj = np.fromiter((j for j, top in enumerate(tops) for _ in top), dtype=np.int64, count=sum(map(len, tops)))
    if not len(oj):
        return out
    ok = np.fromiter((n for top in tops for _, n, _ in top), dtype=np.int64, count=len(oj))
    ow = np.fromiter((-w for top in tops for w, _, _ in top), dtype=np.float64, count=len(oj))
    lens = post_len[ok]
    total = int(lens.sum())
    offsets = np.cumsum(lens) - lens
    idx = np.repeat(post_start[ok] - offsets, lens) + np.arange(total, dtype=np.int64)
    pair = np.repeat(oj, lens) * nl + post_flat[idx]
    weight = np.repeat(ow, lens)
    # sum the weights per (right, left) pair: the codes come in sorted runs (one per posting list,
    # right claims in order), which a stable sort (timsort) merges quickly
    order = np.argsort(pair, kind="stable")
    pair, weight = pair[order], weight[order]
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
    uniq = pair[starts]
    sums = np.add.reduceat(weight, starts)
    uj = uniq // nl
    ui = uniq % nl
    # only pairs within _CAND_RATIO of their right claim's best can be kept: drop the rest before sorting
    first = np.concatenate(([True], uj[1:] != uj[:-1]))
    group_starts = np.flatnonzero(first)
    best = np.maximum.reduceat(sums, group_starts)
    near = sums >= _CAND_RATIO * np.repeat(best, np.diff(np.append(group_starts, len(uj))))
    uj, ui, sums = uj[near], ui[near], sums[near]
    # best first within each right claim; the stable sort keeps ties in left order
    order = np.lexsort((-sums, uj))
    uj, ui = uj[order], ui[order]
    first = np.ones(len(uj), dtype=bool)
    first[1:] = uj[1:] != uj[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(uj)), 0))
    keep = np.arange(len(uj)) - group_start < _SHORTLIST
    for j, i in zip(uj[keep].tolist(), ui[keep].tolist(), strict=True):
        out[j].append(i)
    return out


_NEAR_BONUS = 0.1  # raw bonus for a left claim next to where the neighbouring claims link
_EXTRA_FLOOR = 0.9  # a further partner needs this share of the threshold ...
_EXTRA_GAIN = 0.2  # ... and to cover this share of the claim the others leave out,
_EXTRA_INSIDE = 0.6  # ... or to lie this much inside the claim
_GAP_FLOOR = 0.07   # least raw score for filling a gap between two links to nearby places
_GAP_MAX = 6        # longest run of unlinked claims filled
_GAP_SPAN = 4       # widest stretch of left claims between the two links around the run
_MERGE_GAIN = 0.15  # a neighbour of the best partner joins when it covers this share more,
_MERGE_FLOOR = 0.3  # ... scores this much alone
_MERGE_MARGIN = 0.0  # ... and the two together score at least as well as the best alone
_NEAR_DIST = 1  # ... when that neighbour is the next claim (an unlinked claim between breaks the chain)
_AGREE_SPAN = 1  # the two neighbours' links at most this far apart ...
_AGREE_DIST = 2  # ... from claims at most this far away
_AGREE_BONUS = 0.16  # raw bonus for a left claim where both neighbours link
_BETWEEN = 6  # widest gap between the neighbours' links whose inside counts as near
_LOCALITY_ROUNDS = 2  # passes that use the neighbours' links of the previous pass

def neighbour_prior(p: int | None, q: int | None, dist_p: int, dist_q: int) -> dict[int, float]:
    """Raw bonus per left index for a right claim whose nearest linked claims above and below
    (``dist_p`` and ``dist_q`` claims away) link to left claims ``p`` and ``q``."""
    near: dict[int, float] = {}
    if p is not None and dist_p <= _NEAR_DIST:
        near.update(dict.fromkeys((p, p + 1), _NEAR_BONUS))
    if q is not None and dist_q <= _NEAR_DIST:
        near.update(dict.fromkeys((q, q - 1), _NEAR_BONUS))
    if p is not None and q is not None and 0 < q - p <= _BETWEEN:
        # between the neighbours' links: the story's own order
        near.update(dict.fromkeys(range(p + 1, q), _NEAR_BONUS))
    if (p is not None and q is not None and 0 <= q - p <= _AGREE_SPAN
            and max(dist_p, dist_q) <= _AGREE_DIST):
        # both neighbours link to about the same place: the claim most likely belongs there too
        near.update(dict.fromkeys(range(p, q + 1), _AGREE_BONUS))
    return near


Scored = tuple[float, int, float, float]  # raw score, left index, coverage of right, coverage of left


def _partners(c: _Claim, lc: list[_Claim], scored: list[Scored], threshold: float,
              near: dict[int, float], best_only: bool = False) -> list[tuple[int, float]]:
    """The accepted left partners of one right claim as (left index, calibrated score)."""
    if not scored:
        return []
    ranked = [(raw + near.get(i, 0.0), i, cr, cl) for raw, i, cr, cl in scored]
    if best_only:
        raw0, i0 = max((x[0], -x[1]) for x in ranked)
        s0 = _calibrate(raw0)
        return [(-i0, s0)] if s0 >= threshold else []
    ranked.sort(key=lambda x: (-x[0], x[1]))
    raw0, i0, _, _ = ranked[0]
    s0 = _calibrate(raw0)
    if s0 < threshold:
        return []
    out = [(i0, s0)]
    covered = c.keys.keys() & lc[i0].keys.keys()
    for raw, i, _cr, cl in ranked[1:]:
        s = _calibrate(raw)
        if s < threshold * _EXTRA_FLOOR:
            break
        new = (c.keys.keys() & lc[i].keys.keys()) - covered
        gain = math.fsum(map(c.keys.__getitem__, new)) / c.total if c.total else 0.0
        if gain >= _EXTRA_GAIN or cl >= _EXTRA_INSIDE:
            out.append((i, max(s, threshold)))
            covered |= new
    # a neighbour of the best partner joins when the two sentences together match the claim better
    for i in (i0 - 1, i0 + 1):
        if not 0 <= i < len(lc) or any(i == x for x, _ in out):
            continue
        new = (c.keys.keys() & lc[i].keys.keys()) - covered
        gain = math.fsum(map(c.keys.__getitem__, new)) / c.total if c.total else 0.0
        if (gain >= _MERGE_GAIN and _exact_raw(c, [lc[i]]) >= _MERGE_FLOOR
                and _exact_raw(c, [lc[i0], lc[i]]) >= _exact_raw(c, [lc[i0]]) + _MERGE_MARGIN):
            out.append((i, threshold))
            covered |= new
    return out


def _exact_raw(c: _Claim, parts: list[_Claim]) -> float:
    """Raw score of a claim against the union of some left claims, shared keys only."""
    union: dict[str, float] = {}
    for p in parts:
        union.update(p.keys)
    got = sum(w for k, w in c.keys.items() if k in union)
    total = sum(union.values())
    if not got or not total or not c.total:
        return 0.0
    return _raw_score(got / c.total, got / total, got)


def _text_ids(texts: Sequence[str]) -> list[int]:
    seen: dict[str, int] = {}
    return [seen.setdefault(t, len(seen)) for t in texts]


def link_claims(left: Sequence[str], right: Sequence[str], options: LinkOptions | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None,
                fork: bool = False) -> list[Link]:
    """Links between left (reference) and right (review) claims, scores calibrated to [0, 1].

    With ``fork`` (a single-threaded caller only), the scoring passes of a long article run in two
    halves on two cores; the result is the same."""
    opts = options or LinkOptions()
    if not left or not right:
        return []

    def tell(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise LinkCancelled()
        if progress is not None:
            progress(fraction)

    first, last_scored = LINK_SCORING
    tell(0.0)
    # both articles' words at once, shared between two cores when allowed
    both = _prepare([*left, *right], lambda f: tell(first * 0.4 * f), fork)
    lw, rw = both[:len(left)], both[len(left):]
    tell(first * 0.4)
    idf = _weights(lw, rw, lambda f: tell(first * (0.4 + 0.1 * f)))
    tell(first * 0.5)
    lc = _claims(lw, idf, lambda f: tell(first * (0.5 + 0.05 * f)))
    rc = _claims(rw, idf, lambda f: tell(first * (0.55 + 0.05 * f)))
    tell(first * 0.6)
    cands = _candidates(lc, rc, fork, lambda f: tell(first * (0.6 + 0.4 * f)))
    n, nl = len(rc), len(lc)
    # repeated lines (boilerplate) are scored once per pair of texts
    lid, rid = _text_ids(left), _text_ids(right)
    cache: dict[tuple[int, int], tuple[float, float, float]] = {}

    def score(i: int, j: int) -> Scored:
        key = (rid[j], lid[i])
        got = cache.get(key)
        if got is None:
            cr, cl = _coverage(rc[j], lc[i])
            got = cache[key] = (_raw_score(cr, cl, cr * rc[j].total), cr, cl)
        return got[0], i, got[1], got[2]

    def score_part(js: Sequence[int]) -> list[list[Scored]]:
        out = []
        reporting = bool(js) and js[0] == 0  # a forked half reports nothing: the caller hears this one
        for m, j in enumerate(js):
            if reporting and m % 128 == 0:
                tell(first + (last_scored - first) * m / len(js))
            out.append([score(i, j) for i in cands[j]])
        return out

    scored = every_other(n, score_part, fork)
    # anchors: the best partner of each claim that passes without help
    anchor: list[int | None] = []
    for sc in scored:
        best = min(sc, key=lambda x: (-x[0], x[1]), default=None)
        anchor.append(best[1] if best is not None and _calibrate(best[0]) >= opts.threshold else None)
    chosen: list[list[tuple[int, float]]] = []
    for _round in range(_LOCALITY_ROUNDS):
        prev: list[int | None] = [None] * n
        nxt: list[int | None] = [None] * n
        dist_p = [n] * n
        dist_q = [n] * n
        last: int | None = None
        at = -n
        for j in range(n):
            prev[j], dist_p[j] = last, j - at
            if anchor[j] is not None:
                last, at = anchor[j], j
        last, at = None, 2 * n
        for j in range(n - 1, -1, -1):
            nxt[j], dist_q[j] = last, at - j
            if anchor[j] is not None:
                last, at = anchor[j], j
        # the links, with the neighbours' anchors as a prior for near-ties and near misses
        def round_part(js: Sequence[int], prev: list[int | None] = prev, nxt: list[int | None] = nxt,
                       dist_p: list[int] = dist_p, dist_q: list[int] = dist_q,
                       best_only: bool = _round < _LOCALITY_ROUNDS - 1, round_no: int = _round,
                       ) -> list[tuple[list[Scored], list[tuple[int, float]]]]:
            """For the claims ``js``: the extra partners scored near the neighbours' anchors, and the
            claim's links."""
            out = []
            reporting = bool(js) and js[0] == 0
            for m, j in enumerate(js):
                if reporting and m % 512 == 0:
                    tell(last_scored + (1 - last_scored) * (round_no + m / len(js)) / _LOCALITY_ROUNDS)
                near = neighbour_prior(prev[j], nxt[j], dist_p[j], dist_q[j])
                have = {x[1] for x in scored[j]}
                extra = [score(i, j) for i in sorted(near) if 0 <= i < nl and i not in have]
                out.append((extra, _partners(rc[j], lc, scored[j] + extra, opts.threshold, near, best_only)))
            return out

        chosen = []
        for j, (extra, links) in enumerate(every_other(n, round_part, fork)):
            scored[j] += extra
            chosen.append(links)
        anchor = [ch[0][0] if ch else None for ch in chosen]
    if cancelled is not None and cancelled():
        raise LinkCancelled()
    # second chance: a run of unlinked claims between two claims linked to nearby places (a rewrite
    # keeps the story's order locally) links a left claim in that stretch that shares some words
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
            if 0 <= b - a <= _GAP_SPAN:
                for g in range(j, k):
                    if rc[g].total <= 0:
                        continue  # no words (an embedded post, a navigation line): never linked
                    best = max((score(i, g) for i in range(a, b + 1)), key=lambda x: (x[0], -x[1]))
                    if best[0] >= _GAP_FLOOR:
                        chosen[g] = [(best[1], opts.threshold)]
        j = k
    _fill_loose_gaps(lc, rc, left, right, chosen, score, opts.threshold)
    if progress is not None:
        progress(1.0)
    return [Link(i, j, round(s, 4)) for i, j, s in sorted((i, j, s) for j in range(n) for i, s in chosen[j])]


_LOOSE_FLOOR = 0.03  # least raw score for a loose match inside a gap of unlinked reference claims
_LOOSE_SPAN = 5      # widest stretch between the two anchors around such a gap
_LOOSE_KEY = 1.0     # ... and the pair must share a word weighing at least this (not a function word)
_OPENING = "“„«\""
_CLOSING = "”“»\""


def _quotation_blocks(texts: Sequence[str]) -> list[int | None]:
    """For each claim, the index of the first claim of the quotation it belongs to (a quotation
    that runs over several sentences, from its opening mark to its closing one), or None."""
    out: list[int | None] = []
    start: int | None = None
    for i, t in enumerate(texts):
        s = t.strip()
        if start is None and s[:1] in _OPENING:
            start = i
        out.append(start)
        if start is not None and (s[-1:] in _CLOSING and (i > start or len(s) > 1)
                                  or s.endswith(("”,", '",')) or "” " in s or '" ' in s[1:]):
            start = None
    return out


def _is_quote(text: str) -> bool:
    return text.strip()[:1] in _OPENING


def _fill_loose_gaps(lc: list[_Claim], rc: list[_Claim], left: Sequence[str], right: Sequence[str],
                     chosen: list[list[tuple[int, float]]], score: Callable[[int, int], Scored],
                     threshold: float) -> None:
    """Loose matches in alignment gaps (as Gale-Church-style aligners fill them between anchors).

    An unlinked review claim whose linked neighbours' reference claims bracket unlinked reference
    claims (the review retells, in its own words, what the reference says there) links the best of
    those, on a much lower score than the threshold, when the two share a word that is not a
    function word. So does an unlinked quotation right after (or before) a linked one whose
    reference sentence is part of a longer quotation: the quotation's unlinked sentences are the
    candidates. The link gets the lowest accepted score, so its verdict is never more than
    moderately sure; the verdict checks then say what changed."""
    n, nl = len(rc), len(lc)
    used = {i for links in chosen for i, _ in links}
    blocks: list[int | None] | None = None
    for g in range(n):
        if chosen[g] or rc[g].total <= 0:
            continue
        p = next((j for j in range(g - 1, max(-1, g - 1 - _GAP_MAX), -1) if chosen[j]), None)
        q = next((j for j in range(g + 1, min(n, g + 1 + _GAP_MAX)) if chosen[j]), None)
        cands: list[int] = []
        if p is not None and q is not None:
            a = max(i for i, _ in chosen[p])
            b = min(i for i, _ in chosen[q])
            if 1 < b - a <= _LOOSE_SPAN:
                cands = [i for i in range(a + 1, b) if i not in used]
        if not cands and _is_quote(right[g]):
            if blocks is None:
                blocks = _quotation_blocks(left)
            for nb in (x for x in (g - 1, g + 1) if 0 <= x < n and chosen[x] and _is_quote(right[x])):
                for i0, _ in chosen[nb]:
                    blk = blocks[i0]
                    if blk is not None:
                        # the quotation's sentences near the neighbour's (a quotation left open
                        # by a missing mark must not reach across the article)
                        cands += [i for i in range(max(blk, i0 - _LOOSE_SPAN), min(nl, i0 + _LOOSE_SPAN + 1))
                                  if blocks[i] == blk and i not in used]
                    if cands:
                        break
                if cands:
                    break
        best: Scored | None = None
        for i in cands:
            got = score(i, g)
            if got[0] < _LOOSE_FLOOR or not any(
                    k not in STOPWORDS and w >= _LOOSE_KEY for k, w in rc[g].keys.items() if k in lc[i].keys):
                continue
            if best is None or (got[0], -got[1]) > (best[0], -best[1]):
                best = got
        if best is not None:
            chosen[g] = [(best[1], threshold)]
            used.add(best[1])


def omissions(left_count: int, links: Sequence[Link]) -> list[int]:
    """Reference claims no review claim links to (what the review leaves out), for the coverage view."""
    linked = {lk.left for lk in links}
    return [i for i in range(left_count) if i not in linked]


class PairScorer:
    """Scores one pair of texts the way :func:`link_claims` does: the same key weights (from all
    the claims of both articles), coverage, evidence, neighbour prior and calibration, so a link a
    person adds, or the link of a piece of a split or merged claim, gets the score the linker gives
    that pair. Texts of claims the linker leaves out (embedded posts, navigation lines) are passed
    as empty strings, as the linker sees them."""

    def __init__(self, left: Sequence[str], right: Sequence[str]) -> None:
        self._idf = _weights(_prepare(left), _prepare(right))
        self._unseen = 4.0  # a word neither article has weighs as one found once

    def _claim(self, text: str) -> _Claim:
        words = _prepare([text])[0]
        keys = {}
        for k in words:
            w = self._idf.get(k)
            if w is None:
                w = self._unseen * (0.25 if k in STOPWORDS or len(k) == 1 else 1.0)
            keys[k] = w
        return _Claim(keys, words, sum(keys.values()))

    def score(self, left: str, right: str, prior: float = 0.0) -> float:
        """The calibrated score (0 to 1) of linking the reference text ``left`` to the review text
        ``right``; ``prior`` is the raw bonus of :func:`neighbour_prior` for that left claim."""
        lc, rc = self._claim(left), self._claim(right)
        if rc.total <= 0 or lc.total <= 0:
            return 0.0
        cr, cl = _coverage(rc, lc)
        return round(_calibrate(_raw_score(cr, cl, cr * rc.total) + prior), 4)


def neighbours(anchors: Sequence[int | None], j: int) -> tuple[int | None, int | None, int, int]:
    """(p, q, dist_p, dist_q) of right claim ``j`` for :func:`neighbour_prior`: the anchors (best
    left partner, None when unlinked) of the nearest linked right claims above and below ``j``."""
    n = len(anchors)
    p, dist_p = None, n
    for k in range(j - 1, -1, -1):
        if anchors[k] is not None:
            p, dist_p = anchors[k], j - k
            break
    q, dist_q = None, n
    for k in range(j + 1, n):
        if anchors[k] is not None:
            q, dist_q = anchors[k], k - j
            break
    return p, q, dist_p, dist_q
