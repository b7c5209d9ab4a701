"""Re-anchoring: carry claims, links, verdicts and notes over to a corrected text of one side.

Each claim is found again by its quote, the W3C TextQuoteSelector idea: the exact text first (among
several occurrences, the one whose prefix and suffix match best and that lies nearest to where the
claim was expected), then a fuzzy match (rapidfuzz ``partial_ratio_alignment``) near the expected
place, then anywhere. A fuzzy match is snapped to the sentence boundaries of the new text. Claims
that cannot be placed are kept as :class:`~diptych.core.project.Orphan` records with their links and
review, never dropped; orphans of earlier corrections get another chance each time. Text of the new
version that no claim covers becomes new claims.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from diptych.core.project import SIDES, Article, ClaimSpan, Orphan, Project, ProjectLink, Review, Side
from diptych.core.segment import detect_language, segment
from diptych.core.text import Document

QUOTE_CONTEXT = 32
DEFAULT_THRESHOLD = 80.0  # rapidfuzz partial ratio (0-100) a fuzzy match needs
_MAX_OCCURRENCES = 64

__all__ = ["DEFAULT_THRESHOLD", "Orphan", "reanchor"]


@dataclass
class _Item:
    id: int
    quote: str
    prefix: str
    suffix: str
    old_start: int
    old_end: int
    links: list[ProjectLink] = field(default_factory=list)
    review: Review | None = None
    hint: int | None = None  # expected start in the new text
    new: tuple[int, int] | None = None
    fuzzy: bool = False


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _exact(item: _Item, text: str) -> tuple[int, int] | None:
    q = item.quote
    if not q.strip():
        return None
    h = item.hint
    if (h is not None and text.startswith(q, h) and text.endswith(item.prefix, 0, h)
            and text.startswith(item.suffix, h + len(q))):
        return h, h + len(q)  # where expected, with all its context: no other occurrence scores higher
    best: tuple[float, int] | None = None
    # occurrences near where the claim is expected first, then from the top of the text
    near = max(0, item.hint - 2 * len(q) - 1000) if item.hint is not None else 0
    at = text.find(q, near)
    if at < 0 and near > 0:
        at = text.find(q)
    count = 0
    while at >= 0 and count < _MAX_OCCURRENCES:
        context = (_common_suffix(item.prefix, text[max(0, at - len(item.prefix)):at])
                   + _common_prefix(item.suffix, text[at + len(q):at + len(q) + len(item.suffix)]))
        distance = abs(at - item.hint) if item.hint is not None else 0
        score = context - distance / (len(text) + 1)
        if best is None or score > best[0]:
            best = (score, at)
        at = text.find(q, at + 1)
        count += 1
    return None if best is None else (best[1], best[1] + len(q))


def _snap(start: int, end: int, text: str, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    """Move a fuzzy span's ends to the nearest claim boundary of the new text when close."""
    tol = max(8, (end - start) // 4)
    starts = [s for s, _ in bounds if abs(s - start) <= tol]
    ends = [e for _, e in bounds if abs(e - end) <= tol]
    if starts:
        start = min(starts, key=lambda s: abs(s - start))
    if ends:
        end = min(ends, key=lambda e: abs(e - end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _reach(item: _Item) -> int:
    return 2 * len(item.quote) + 200


def _fuzzy(item: _Item, text: str, bounds: list[tuple[int, int]], threshold: float,
           near_only: bool = False) -> tuple[int, int] | None:
    from rapidfuzz import fuzz

    q = item.quote
    if not q.strip() or not text:
        return None
    windows: list[tuple[int, int]] = []
    if item.hint is not None:
        reach = _reach(item)
        windows.append((max(0, item.hint - reach), min(len(text), item.hint + len(q) + reach)))
    if not near_only:
        windows.append((0, len(text)))
    for lo, hi in windows:
        hay = text[lo:hi]
        if len(hay) < len(q):
            hay = text[max(0, lo - len(q)):hi]
            lo = max(0, lo - len(q))
        res = fuzz.partial_ratio_alignment(q, hay, score_cutoff=threshold)
        if res is not None and res.score >= threshold:
            s, e = _snap(lo + res.dest_start, lo + res.dest_end, text, bounds)
            if s < e:
                return s, e
    return None


def reanchor(project: Project, side: Side, new_document: Document,
             threshold: float = DEFAULT_THRESHOLD, resuggest: bool = True) -> tuple[Project, list[Orphan]]:
    """A new project whose ``side`` shows ``new_document``, with every annotation moved onto it.

    Returns the project and the orphans made by this correction (they are also in
    ``project.orphans``, with earlier orphans that still cannot be placed). ``project`` is not
    changed; a window applies the result with ``project.replace_state(new)``. Without
    ``resuggest``, the review claims keep the suggestions they had (for a comparison that reads
    only the reviewer's decisions).
    """
    other: Side = "right" if side == "left" else "left"
    old_text = project.document(side).text
    text = new_document.text
    opts = project.options
    language = opts.language or detect_language(text)
    bounds = [(c.start, c.end) for c in segment(text, language, opts.one_per_line)]
    # a review's suggestion and record are frozen: a copy of each review is a copy of its state
    reviews = {cid: replace(r) for cid, r in project.reviews.items()}
    other_ids = {c.id for c in project.claims(other)}

    items: list[_Item] = []
    for c in project.claims(side):
        items.append(_Item(c.id, old_text[c.start:c.end], old_text[max(0, c.start - QUOTE_CONTEXT):c.start],
                           old_text[c.end:c.end + QUOTE_CONTEXT], c.start, c.end,
                           review=reviews.pop(c.id, None) if side == "right" else None))
    for o in project.orphans:
        if o.side == side:
            items.append(_Item(o.claim_id, o.quote, o.prefix, o.suffix, o.start, o.end,
                               links=list(o.links), review=copy.deepcopy(o.review)))
    n_current = len(project.claims(side))

    # place the current claims in order, each expected where the previous one's shift puts it
    shift = 0
    for k, it in enumerate(items):
        it.hint = max(0, min(len(text), it.old_start + shift)) if k < n_current else None
        it.new = _exact(it, text)
        if it.new is not None and it.hint is not None and abs(it.new[0] - it.hint) > _reach(it) + 1000:
            # an exact copy far away loses to an edited version where the claim is expected
            near = _fuzzy(it, text, bounds, threshold, near_only=True)
            if near is not None:
                it.new, it.fuzzy = near, True
        if it.new is None:
            it.new = _fuzzy(it, text, bounds, threshold)
            it.fuzzy = it.new is not None
        if it.new is not None and k < n_current:
            shift = it.new[0] - it.old_start

    # keep claims in text order without overlaps; a claim mostly covered by another is an orphan
    placed = sorted((it for it in items if it.new is not None), key=lambda it: it.new or (0, 0))
    prev_end = 0
    for it in placed:
        assert it.new is not None
        s, e = it.new
        if s < prev_end:
            s = prev_end
            while s < e and text[s].isspace():
                s += 1
            if e - s < (it.new[1] - it.new[0]) / 2:
                it.new = None
                continue
            it.new = (s, e)
        prev_end = e

    kept = [it for it in placed if it.new is not None]
    # a fuzzy match takes in the rest of the new sentence(s) it lies in, up to its neighbours
    for k, it in enumerate(kept):
        if not it.fuzzy or it.new is None:
            continue
        s, e = it.new
        before = kept[k - 1].new if k > 0 else None
        after = kept[k + 1].new if k + 1 < len(kept) else None
        lo = before[1] if before is not None else 0
        hi = after[0] if after is not None else len(text)
        for bs, be in bounds:
            if bs <= s < be:
                s = max(min(s, bs), lo)
            if bs < e <= be:
                e = min(max(e, be), hi)
        it.new = _snap(s, e, text, [])
    claims = [ClaimSpan(it.id, it.new[0], it.new[1]) for it in kept if it.new is not None]
    orphan_items = [it for it in items if it.new is None]
    lost_ids = {it.id for it in orphan_items}

    # links: those of placed claims stay, those of orphans travel with them
    links: list[ProjectLink] = []
    for lk in project.links:
        if getattr(lk, side) in lost_ids:
            next(it for it in orphan_items if it.id == getattr(lk, side)).links.append(lk)
        else:
            links.append(lk)
    have = {(lk.left, lk.right) for lk in links}
    for it in kept:  # restored orphans bring back links whose other claim still exists
        for lk in it.links:
            if getattr(lk, other) in other_ids and (lk.left, lk.right) not in have:
                links.append(lk)
                have.add((lk.left, lk.right))
        if side == "right":
            reviews[it.id] = it.review or Review()

    # text the old claims do not cover becomes new claims
    taken = {c.id for c in claims} | lost_ids | {o.claim_id for o in project.orphans if o.side == side}
    next_id = max(taken, default=-1) + 1
    fresh: list[ClaimSpan] = []
    pos = 0
    for c in claims + [ClaimSpan(-1, len(text), len(text))]:
        gap = text[pos:c.start]
        if gap.strip():
            for g in segment(gap, language, opts.one_per_line):
                fresh.append(ClaimSpan(next_id, pos + g.start, pos + g.end))
                next_id += 1
        pos = max(pos, c.end)
    claims = sorted(claims + fresh, key=lambda c: c.start)

    new_orphans = [Orphan(side, it.id, it.quote, it.prefix, it.suffix, it.old_start, it.old_end,
                          tuple(sorted(set(it.links), key=lambda lk: (lk.right, lk.left))), it.review)
                   for it in orphan_items]
    restored = {it.id for it in kept}
    earlier = [o for o in project.orphans if o.side != side]
    ids_before = {c.id for c in project.claims(side)}
    made_now = [o for o in new_orphans if o.claim_id in ids_before]
    still = [o for o in new_orphans if o.claim_id not in ids_before and o.claim_id not in restored]

    articles = {s: Article(project.articles[s].document, list(project.articles[s].claims),
                           replace(project.articles[s].provenance), project.articles[s].snapshot) for s in SIDES}
    articles[side] = Article(new_document, claims, replace(project.articles[side].provenance))
    result = Project(articles["left"], articles["right"], links, reviews, project.options, project.reviewer,
                     project.created, project.modified, project.generator, earlier + still + made_now)
    if resuggest:
        result._resuggest([c.id for c in result.claims("right")])
    return result, made_now
