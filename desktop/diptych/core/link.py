"""The linker: (left claim texts, right claim texts, options) -> links with calibrated scores.

Pure and deterministic. ``score`` is in [0, 1]; every returned link is accepted (score >= the
options' threshold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


class LinkCancelled(Exception):
    """Raised when the ``cancelled`` callback returned True during linking."""


@dataclass(frozen=True)
class LinkOptions:
    threshold: float = 0.5
    language: str | None = None


@dataclass(frozen=True, order=True)
class Link:
    left: int
    right: int
    score: float


def link_claims(left: Sequence[str], right: Sequence[str], options: LinkOptions | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[Link]:
    """Best left partner per right claim above the threshold (a simple first linker)."""
    from rapidfuzz import fuzz, process, utils

    opts = options or LinkOptions()
    links: list[Link] = []
    if not left or not right:
        return links
    for j, text in enumerate(right):
        if cancelled is not None and cancelled():
            raise LinkCancelled()
        best = process.extractOne(text, left, scorer=fuzz.token_sort_ratio, processor=utils.default_process)
        if best is not None and best[1] / 100 >= opts.threshold:
            links.append(Link(int(best[2]), j, round(best[1] / 100, 4)))
        if progress is not None and j % 64 == 0:
            progress(j / len(right))
    return sorted(links)
