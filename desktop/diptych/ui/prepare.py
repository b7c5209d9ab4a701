"""What the window shows of a project, computed without widgets so it can run in the linking thread.

Building the per-claim lists (tints, badges), the code-point <-> UTF-16 maps, the gutter's links,
the table's best scores and the omissions is a few hundred milliseconds of Python on a 1 MB pair;
done on the UI thread it froze the window after linking. The worker computes a :class:`ViewData`
next to the project, and the window only hands it to its widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from diptych.core.not_claims import not_a_claim_kind, status_counts
from diptych.core.project import SIDES, Project, Review, Side
from diptych.ui.check import CHECK_LETTER, is_check
from diptych.ui.gutter import GutterLink
from diptych.ui.offsets import OffsetMap
from diptych.ui.text_pane import PaneClaim, badge_for
from diptych.ui.tints import left_tints, link_tints, right_tints


@dataclass
class ViewData:
    offsets: dict[str, OffsetMap]
    pane_claims: dict[str, list[PaneClaim]]
    gutter_links: list[GutterLink]
    best: dict[int, float]  # best link score per review claim id
    omissions: list[int]
    counts: tuple[dict[str, Any], int] | None = None  # status_counts and the claims to check, at prepare time


def best_scores(project: Project, side: Side) -> dict[int, float]:
    best: dict[int, float] = {}
    for lk in project.links:
        cid = lk.left if side == "left" else lk.right
        s = best.get(cid)
        if s is None or lk.score > s:
            best[cid] = lk.score
    return best


def _badge(review: Review) -> tuple[str | None, str | None]:
    if is_check(review):
        return CHECK_LETTER, "check"
    if review.verdict is None and not review.not_a_claim and not_a_claim_kind(review.suggestion) is not None:
        return badge_for(None, False, True)  # suggested "not a claim": a dashed ×
    return badge_for(review.verdict or review.suggestion.verdict, bool(review.verdict), review.not_a_claim)


def review_badge(claim: PaneClaim, review: Review) -> PaneClaim:
    """``claim`` with the badge of its (changed) review."""
    letter, colour = _badge(review)
    return replace(claim, badge=letter, badge_colour=colour, confirmed=review.reviewed)


def pane_claims(project: Project, side: Side, omissions: list[int] | None = None,
                links: dict[tuple[int, int], str] | None = None,
                progress: Callable[[float], None] | None = None) -> list[PaneClaim]:
    """The claims of one pane with their badges and tints (the tints follow the verdicts: see
    :mod:`diptych.ui.tints`); ``links`` are :func:`~diptych.ui.tints.link_tints`, when known."""
    out = []
    claims = project.claims(side)
    if side == "right":
        reviews = project.reviews
        tints = right_tints(project, links=links)
        for k, c in enumerate(claims):
            if progress is not None and k % 20_000 == 0:
                progress(k / len(claims))
            r = reviews[c.id]
            letter, colour = _badge(r)
            out.append(PaneClaim(c.id, c.start, c.end, tints.get(c.id), letter, colour, r.reviewed))
    else:
        omitted = set(project.omissions() if omissions is None else omissions)
        tints = left_tints(project, link_tints(project) if links is None else links)
        for k, c in enumerate(claims):
            if progress is not None and k % 20_000 == 0:
                progress(k / len(claims))
            gone = c.id in omitted
            out.append(PaneClaim(c.id, c.start, c.end, tints.get(c.id),
                                 "∅" if gone else None, "omission" if gone else None))
    return out


def gutter_links(project: Project, links: dict[tuple[int, int], str] | None = None) -> list[GutterLink]:
    tints = link_tints(project) if links is None else links
    return [GutterLink(lk.left, lk.right, tints[(lk.left, lk.right)], lk.score) for lk in project.links]


def prepare(project: Project, progress: Callable[[float], None] | None = None) -> ViewData:
    """What the window shows of ``project``; ``progress(fraction)`` is called between the parts."""
    tell = progress or (lambda _f: None)
    tell(0.0)
    omissions = project.omissions()
    best_right = best_scores(project, "right")
    links = link_tints(project)
    tell(0.05)
    offsets: dict[str, OffsetMap] = {}
    for k, s in enumerate(SIDES):
        offsets[s] = OffsetMap(project.document(s).text)
        tell(0.1 + 0.1 * k)
    left = pane_claims(project, "left", omissions=omissions, links=links, progress=lambda f: tell(0.3 + 0.3 * f))
    right = pane_claims(project, "right", links=links, progress=lambda f: tell(0.6 + 0.3 * f))
    tell(0.9)
    glinks = gutter_links(project, links)
    tell(1.0)
    return ViewData(
        offsets=offsets,
        pane_claims={"left": left, "right": right},
        gutter_links=glinks,
        best=best_right,
        omissions=omissions,
        counts=(status_counts(project), sum(1 for r in project.reviews.values() if is_check(r))),
    )
