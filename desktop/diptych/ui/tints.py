"""The tints of linked passages (panes and gutter bands) follow the verdict, not the raw link score.

A link's score says how many words two passages share; a reversal ("opposed" → "backed") shares
almost all of them. So a passage is tinted by what the review says of it:

- **changed** (orange): the claim's verdict, confirmed or else suggested, is altered (or a linked
  claim the reviewer marked unsupported);
- **identical** (grey): the same text, after whitespace and quote normalisation;
- **minor edit** (blue): the same content words on a strong link, and the suggestion sure enough to
  accept (a suggestion to check is never tinted as a near copy);
- **paraphrase** (violet): any other consistent pair.

A band in the gutter is tinted for its own pair; a reference passage by its strongest link. The
labels are those of :func:`diptych.core.verdict.link_label`, so the tints, the claim panel and the
claims table never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from diptych.core.project import Project, ProjectLink, Side
from diptych.core.verdict import link_label, needs_check

if TYPE_CHECKING:
    from diptych.ui.gutter import Gutter, GutterLink
    from diptych.ui.text_pane import TextPane

CHANGED = "changed"


Spans = Callable[[Side, int], "tuple[int, int] | None"]


class _Texts:
    """Claim texts by id, each read once (a project looks a claim up by a scan); with ``spans``
    (the panes' claims), a few claims are read without indexing all of them."""

    def __init__(self, project: Project, spans: Spans | None = None) -> None:
        self.project = project
        self.spans = spans
        self._side: dict[Side, dict[int, str]] = {}

    def __call__(self, side: Side, cid: int) -> str:
        if self.spans is not None and (span := self.spans(side, cid)) is not None:
            return self.project.document(side).text[span[0]:span[1]]
        got = self._side.get(side)
        if got is None:
            doc = self.project.document(side).text
            got = self._side[side] = {c.id: c.text(doc) for c in self.project.claims(side)}
        return got[cid]


def pair_tint(project: Project, right: int, lefts: Sequence[int], score: float,
              texts: _Texts | None = None) -> str:
    """The tint of review claim ``right`` linked to the reference claims ``lefts``."""
    review = project.reviews.get(right)
    suggestion = review.suggestion if review is not None else None
    verdict = (review.verdict or suggestion.verdict) if review is not None and suggestion is not None else None
    if verdict in ("altered", "unsupported"):
        return CHANGED
    text = texts or _Texts(project)
    label = link_label(text("right", right), [text("left", i) for i in sorted(lefts)], score,
                       None if review is not None and review.verdict == "consistent" else suggestion)
    if label == "identical":
        return label
    if label == "minor edit" and not (review is not None and not review.reviewed and needs_check(suggestion)):
        return label
    return "paraphrase"


def _links_by_right(project: Project) -> dict[int, list[ProjectLink]]:
    out: dict[int, list[ProjectLink]] = {}
    for lk in project.links:
        out.setdefault(lk.right, []).append(lk)
    return out


def right_tints(project: Project, ids: Iterable[int] | None = None,
                links: dict[tuple[int, int], str] | None = None, texts: _Texts | None = None) -> dict[int, str]:
    """The tint of each linked review claim (of ``ids``, or of all); a claim with one link takes
    that link's tint from ``links`` when given."""
    by_right = _links_by_right(project)
    wanted = by_right.keys() if ids is None else [i for i in ids if i in by_right]
    texts = texts or _Texts(project)
    out = {}
    for cid in wanted:
        lks = by_right[cid]
        if len(lks) == 1 and links is not None and (lks[0].left, cid) in links:
            out[cid] = links[(lks[0].left, cid)]
        else:
            out[cid] = pair_tint(project, cid, [lk.left for lk in lks], max(lk.score for lk in lks), texts)
    return out


def link_tints(project: Project, rights: Iterable[int] | None = None,
               texts: _Texts | None = None) -> dict[tuple[int, int], str]:
    """The tint of each link (left id, right id), of the review claims ``rights`` or of all."""
    wanted = None if rights is None else set(rights)
    texts = texts or _Texts(project)
    return {(lk.left, lk.right): pair_tint(project, lk.right, [lk.left], lk.score, texts)
            for lk in project.links if wanted is None or lk.right in wanted}


def left_tints(project: Project, links: dict[tuple[int, int], str],
               only: set[int] | None = None) -> dict[int, str]:
    """The tint of each linked reference claim (of ``only``, or of all): that of its strongest link."""
    best: dict[int, ProjectLink] = {}
    for lk in project.links:
        if only is not None and lk.left not in only:
            continue
        b = best.get(lk.left)
        if b is None or (lk.score, -lk.right) > (b.score, -b.right):
            best[lk.left] = lk
    return {i: links.get((lk.left, lk.right), "paraphrase") for i, lk in best.items()}


def retint(project: Project, ids: Iterable[int], left: TextPane, right: TextPane, gutter: Gutter) -> None:
    """After the verdicts of review claims ``ids`` changed: their tints in both panes and the gutter."""
    ids = set(ids)
    panes = {"left": left, "right": right}

    def span(side: Side, cid: int) -> tuple[int, int] | None:
        pane = panes[side]
        k = pane.index_of(cid)
        return None if k is None else (pane.claims[k].start, pane.claims[k].end)

    texts = _Texts(project, span)
    changed = link_tints(project, ids, texts)
    rt = right_tints(project, ids, changed, texts)
    right.update_claims([replace(right.claims[k], tint=rt[cid]) for cid in rt
                         if (k := right.index_of(cid)) is not None])
    touched = {lk.left for lk in project.links if lk.right in ids}
    lt = left_tints(project, link_tints(project, {lk.right for lk in project.links if lk.left in touched}, texts),
                    touched)
    left.update_claims([replace(left.claims[k], tint=lt[i]) for i in touched
                        if i in lt and (k := left.index_of(i)) is not None])
    links: list[GutterLink] = [replace(g, strength=changed[(g.left, g.right)]) if (g.left, g.right) in changed else g
                               for g in gutter.links]
    gutter.set_links(links)
