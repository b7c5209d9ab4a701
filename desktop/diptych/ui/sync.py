"""Link-driven synchronised scrolling (Meld's ``_sync_vscroll``/``calc_syncpoint``, generalised).

When the user scrolls one pane, the passage at its sync point brings its linked partner to the same
height in the other pane. The sync point moves from the top of the view (at the start of the
document) through the middle to the bottom (at the end), so both ends of both articles can be
reached. Between linked claims the position is interpolated between the neighbouring linked
claims, when their partners are in the same order (otherwise the other pane moves one to one from
the last linked claim above). A re-entrancy guard stops the other pane's scroll from echoing back.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from diptych.ui.text_pane import TextPane

Partners = Callable[[str, int], list[int]]


def calc_syncpoint(value: float, page: float, maximum: float) -> float:
    """Fraction of the view height where the two panes are held together (0 top, 1 bottom)."""
    if page <= 0:
        return 0.5
    half = page / 2
    sp = 0.5 * min(1.0, value / half)
    remaining = maximum - value
    if remaining < half:
        sp += 0.5 * (1 - max(0.0, remaining) / half)
    return min(1.0, max(0.0, sp))


class SyncScroller:
    def __init__(self, left: TextPane, right: TextPane) -> None:
        self.panes = {"left": left, "right": right}
        self.enabled = True
        self._busy = False
        # For each side: sorted indices of claims that have partners, and claim id -> partner ids.
        self._linked_idx: dict[str, list[int]] = {"left": [], "right": []}
        self._partners: dict[str, dict[int, list[int]]] = {"left": {}, "right": {}}
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.on_scroll("left"))
        right.verticalScrollBar().valueChanged.connect(lambda _v: self.on_scroll("right"))

    def set_links(self, pairs: list[tuple[int, int]]) -> None:
        """``pairs`` are (left id, right id)."""
        part: dict[str, dict[int, list[int]]] = {"left": {}, "right": {}}
        for lid, rid in pairs:
            part["left"].setdefault(lid, []).append(rid)
            part["right"].setdefault(rid, []).append(lid)
        self._partners = part
        for side, pane in self.panes.items():
            self._linked_idx[side] = sorted(k for k, c in enumerate(pane.claims) if c.id in part[side])

    def _partner_span(self, side: str, idx: int, near: float) -> tuple[float, float] | None:
        """Y-span in the other pane of the partner of claim ``idx`` (the one nearest ``near``)."""
        src = self.panes[side]
        other = self.panes["right" if side == "left" else "left"]
        best = None
        for pid in self._partners[side].get(src.claims[idx].id, ()):
            k = other.index_of(pid)
            if k is None:
                continue
            span = other.claim_yrange(k)
            d = abs((span[0] + span[1]) / 2 - near)
            if best is None or d < best[0]:
                best = (d, span)
        return None if best is None else best[1]

    def target_value(self, side: str) -> int | None:
        """Where the other pane's scroll bar should be for the current position of ``side``."""
        src = self.panes[side]
        dst = self.panes["right" if side == "left" else "left"]
        if not src.claims or not dst.claims:
            return None
        sb, dsb = src.verticalScrollBar(), dst.verticalScrollBar()
        page, dpage = src.viewport().height(), dst.viewport().height()
        sp = calc_syncpoint(sb.value(), page, sb.maximum())
        y = sb.value() + sp * page
        near = dsb.value() + sp * dpage
        idx = src.index_at_doc_y(y)
        if idx is None:
            return None
        target: float | None = None
        if src.claims[idx].id in self._partners[side]:
            top, bottom = src.claim_yrange(idx)
            span = self._partner_span(side, idx, near)
            if span is not None:
                f = min(1.0, max(0.0, (y - top) / max(1.0, bottom - top)))
                target = span[0] + f * (span[1] - span[0])
        if target is None:
            linked = self._linked_idx[side]
            k = bisect_left(linked, idx)
            prev_i = linked[k - 1] if k > 0 else None
            next_i = linked[bisect_right(linked, idx)] if bisect_right(linked, idx) < len(linked) else None
            prev = None if prev_i is None else (src.claim_yrange(prev_i)[1], self._partner_span(side, prev_i, near))
            nxt = None if next_i is None else (src.claim_yrange(next_i)[0], self._partner_span(side, next_i, near))
            if prev and prev[1] and nxt and nxt[1] and nxt[1][0] >= prev[1][1] and nxt[0] > prev[0]:
                f = (y - prev[0]) / (nxt[0] - prev[0])
                target = prev[1][1] + f * (nxt[1][0] - prev[1][1])
            elif prev and prev[1]:
                target = prev[1][1] + (y - prev[0])
            elif nxt and nxt[1]:
                target = nxt[1][0] - (nxt[0] - y)
            else:
                total = max(1, sb.maximum())
                return int(round(sb.value() / total * dsb.maximum()))
        return int(round(target - sp * dpage))

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Scroll both panes programmatically without one dragging the other along."""
        was = self._busy
        self._busy = True
        try:
            yield
        finally:
            self._busy = was

    def on_scroll(self, side: str) -> None:
        if not self.enabled or self._busy:
            return
        value = self.target_value(side)
        if value is None:
            return
        dst = self.panes["right" if side == "left" else "left"]
        self._busy = True
        try:
            dst.verticalScrollBar().setValue(value)
        finally:
            self._busy = False
