"""The linker's score for a link of a project (:class:`diptych.core.link.PairScorer`).

A link a person adds, and the links of the pieces of a split or merged claim, are scored as the
linker scores a pair: with the key weights of the project's claims, the neighbour prior from the
links of the nearby review claims, and the same calibration. Whether a person made the link stays
in its ``origin``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from diptych.core.embeds import embed_claims, navigation_claims
from diptych.core.link import PairScorer, neighbour_prior, neighbours
from diptych.core.text import Claim

if TYPE_CHECKING:
    from diptych.core.project import Project, ProjectLink, Side

_cache: dict[str, tuple[tuple[object, ...], PairScorer, dict[str, list[str]]]] = {}


def _texts(project: Project, side: Side) -> list[str]:
    """The claim texts as the linker sees them (embedded posts and navigation lines empty)."""
    text = project.document(side).text
    claims = [Claim(c.start, c.end) for c in project.claims(side)]
    skip = embed_claims(text, claims) | navigation_claims(text, claims)
    return ["" if k in skip else c.text(text) for k, c in enumerate(claims)]


def _scorer(project: Project) -> tuple[PairScorer, dict[str, list[str]]]:
    key = tuple((project.document(s).sha256, tuple((c.start, c.end) for c in project.claims(s)))
                for s in ("left", "right"))
    got = _cache.get("last")
    if got is None or got[0] != key:
        texts = {s: _texts(project, s) for s in ("left", "right")}
        got = _cache["last"] = (key, PairScorer(texts["left"], texts["right"]), texts)
    return got[1], got[2]


def score_link(project: Project, left_id: int, right_id: int) -> float:
    """The linker's score for linking reference claim ``left_id`` to review claim ``right_id``."""
    scorer, texts = _scorer(project)
    rights = project.claims("right")
    lpos = {c.id: k for k, c in enumerate(project.claims("left"))}
    rpos = {c.id: k for k, c in enumerate(rights)}
    li, j = lpos[left_id], rpos[right_id]
    best: dict[int, tuple[float, int]] = {}
    for lk in project.links:
        if lk.right == right_id or lk.left not in lpos or lk.right not in rpos:
            continue
        k, i = rpos[lk.right], lpos[lk.left]
        if k not in best or (lk.score, -i) > (best[k][0], -best[k][1]):
            best[k] = (lk.score, i)
    anchors = [best[k][1] if k in best else None for k in range(len(rights))]
    prior = neighbour_prior(*neighbours(anchors, j)).get(li, 0.0)
    return scorer.score(texts["left"][li], texts["right"][j], prior)


def rescored(project: Project, side: Side, claim_ids: Iterable[int]) -> list[ProjectLink]:
    """The project's links, those of ``claim_ids`` on ``side`` scored anew (origins kept)."""
    ids = set(claim_ids)
    return [replace(lk, score=score_link(project, lk.left, lk.right)) if getattr(lk, side) in ids else lk
            for lk in project.links]
