"""Links by meaning: the sentence encoder's cosine instead of shared words.

Used where words cannot be shared: a review in another language than its reference (cross-lingual
linking), and, in one language, claims the lexical linker left unlinked (the paraphrase second
chance). The link rules are the lexical linker's (:mod:`diptych.core.link`): each review claim links
its best reference claim when the calibrated score clears the threshold (0.5, the same for every
input); another reference claim joins when, together with the first, it matches the claim clearly
better (one claim from two sentences); several review claims may link one reference claim (a
sentence split in two); links may cross; a claim without words (an embedded post, a navigation line
are passed as empty texts) is never linked.

Across languages a translation keeps its order, or reorders locally: a review claim left unlinked
between two linked neighbours whose reference claims bracket reference claims nobody links (a gap)
is taken to translate one of them when its cosine clears a lower floor (:data:`GAP_COS`, which then
maps to the threshold: the position is the rest of the evidence); see :func:`fill_gaps`.

Candidates come from a top-k over normalised vectors (one matrix product per block of claims), not
from a loop over all pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diptych.core.link import Cancelled, Link, LinkCancelled, LinkOptions

Progress = Callable[[float], None]

# Cosine that maps to the calibrated 0.5, set on the English-German tuning pairs
# (tests/data/crossling: flood, jobs): their gold links score 0.45-0.83 against their best
# reference sentence, and review sentences the reference does not support 0.22-0.35.
COS_THRESHOLD = 0.40
# In one language the lexical linker has already linked every claim that shares enough words; the
# claims it leaves need a higher cosine (a shared topic alone scores 0.5-0.6 there).
SECOND_CHANCE_COS = 0.6
# In a bracketed gap: set from the cosines of the tuning pairs' unsupported review sentences against
# any reference sentence (0.10-0.35, most under 0.30) and kept under their weakest gold link (0.45).
GAP_COS = 0.30
GAP_MAX = 4  # a gap of more reference claims than this is not a gap but a passage left out
TOP_K = 5
EXTRA_FLOOR = 0.9   # a further partner needs this share of the threshold alone ...
MERGE_GAIN = 0.05   # ... and to raise the cosine of the claim with the partners' joined vector this much


def calibrate(cos: float, threshold_cos: float = COS_THRESHOLD) -> float:
    """Piecewise-linear map of a cosine to [0, 1] sending ``threshold_cos`` to 0.5."""
    if cos <= 0:
        return 0.0
    if cos <= threshold_cos:
        return 0.5 * cos / threshold_cos
    return min(1.0, 0.5 + 0.5 * (cos - threshold_cos) / (1 - threshold_cos))


def _embed_both(left: Sequence[str], right: Sequence[str], progress: Progress | None,
                cancelled: Cancelled | None, share: float = 0.9) -> tuple[object, object]:
    from diptych.core import encoder

    total = max(1, len(left) + len(right))

    def step(offset: int, n: int) -> Callable[[float], None]:
        def report(f: float) -> None:
            if cancelled is not None and cancelled():
                raise LinkCancelled()
            if progress is not None:
                progress(share * (offset + f * n) / total)
        return report

    if cancelled is not None and cancelled():
        raise LinkCancelled()
    lv = encoder.embed(left, step(0, len(left)))
    rv = encoder.embed(right, step(len(left), len(right)))
    return lv, rv


def link_by_meaning(left: Sequence[str], right: Sequence[str], options: LinkOptions | None = None,
                    progress: Progress | None = None, cancelled: Cancelled | None = None,
                    only: Sequence[int] | None = None, threshold_cos: float = COS_THRESHOLD) -> list[Link]:
    """Links between left (reference) and right (review) claims by the encoder's cosine.

    With ``only``, just those right claims are linked (the others are not embedded)."""
    import numpy as np

    from diptych.core import encoder

    opts = options or LinkOptions()
    if not left or not right:
        return []
    rows = list(range(len(right))) if only is None else [j for j in only if right[j].strip()]
    rows = [j for j in rows if right[j].strip()]
    if not rows or not any(t.strip() for t in left):
        return []
    lv, rv_all = _embed_both(left, [right[j] for j in rows], progress, cancelled)
    lv = np.asarray(lv)
    rv = np.asarray(rv_all)
    idx, sims = encoder.top_k(rv, lv, TOP_K)
    nl = len(left)
    out: list[Link] = []
    floor = threshold_cos * EXTRA_FLOOR
    for r, j in enumerate(rows):
        if not len(idx[r]):
            continue
        i0, c0 = int(idx[r, 0]), float(sims[r, 0])
        s0 = calibrate(c0, threshold_cos)
        if s0 < opts.threshold:
            continue
        chosen = [(i0, s0)]
        # further partners: the other candidates and the best partner's neighbours, best first
        others = {int(i): float(c) for i, c in zip(idx[r, 1:], sims[r, 1:], strict=True)}
        for i in (i0 - 1, i0 + 1):
            if 0 <= i < nl and i not in others:
                others[i] = float(rv[r] @ lv[i])
        joined = lv[i0].astype(np.float64)
        current = c0
        for i, c in sorted(others.items(), key=lambda x: (-x[1], x[0])):
            if c < floor:
                break
            v = joined + lv[i]
            norm = float(np.linalg.norm(v))
            together = float(rv[r] @ v) / norm if norm else 0.0
            if together >= current + MERGE_GAIN:
                chosen.append((i, max(calibrate(c, threshold_cos), opts.threshold)))
                joined, current = v, together
        out.extend(Link(i, j, round(s, 4)) for i, s in chosen)
    if only is None:
        out += fill_gaps(out, lv, rv, rows, [bool(t.strip()) for t in left], opts.threshold, threshold_cos)
    if progress is not None:
        progress(1.0)
    return sorted(out)


def fill_gaps(links: Sequence[Link], lv: object, rv: object, rows: Sequence[int], left_words: Sequence[bool],
              threshold: float = 0.5, threshold_cos: float = COS_THRESHOLD) -> list[Link]:
    """Links for review claims left unlinked inside a gap of the links (see the module's note).

    ``lv`` are the reference claims' vectors, ``rv`` the vectors of the review claims ``rows`` (in
    that order); ``left_words[i]`` says whether reference claim ``i`` has words. A gap is the run of
    review claims between two linked ones, the reference claims strictly between the last reference
    claim the first links and the first the second links, at most :data:`GAP_MAX` of them and none
    linked elsewhere. Inside it, pairs are taken best cosine first, each claim once, in order (a
    pair never crosses another taken in the same gap), down to :data:`GAP_COS`."""
    import numpy as np

    lv_, rv_ = np.asarray(lv), np.asarray(rv)
    row_of = {j: r for r, j in enumerate(rows)}
    by_right: dict[int, list[int]] = {}
    for lk in links:
        by_right.setdefault(lk.right, []).append(lk.left)
    taken_left = {lk.left for lk in links}
    linked_rows = sorted(j for j in by_right if j in row_of)
    floor = min(GAP_COS, threshold_cos)
    out: list[Link] = []
    for a, b in zip(linked_rows, linked_rows[1:], strict=False):
        todo = [j for j in rows if a < j < b and j not in by_right]
        lo, hi = max(by_right[a]), min(by_right[b])
        free = [i for i in range(lo + 1, hi) if left_words[i] and i not in taken_left]
        if not todo or not free or hi - lo - 1 > GAP_MAX:
            continue
        pairs = sorted(((float(rv_[row_of[j]] @ lv_[i]), i, j) for i in free for j in todo), reverse=True)
        chosen: list[tuple[int, int, float]] = []
        for c, i, j in pairs:
            if c < floor:
                break
            if any(i == ci or j == cj or (i < ci) != (j < cj) for ci, cj, _ in chosen):
                continue
            chosen.append((i, j, c))
        for i, j, c in chosen:
            score = max(threshold, calibrate(c, threshold_cos))
            out.append(Link(i, j, round(score, 4)))
    return out
