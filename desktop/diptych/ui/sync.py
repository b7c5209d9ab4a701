"""Link-driven synchronised scrolling that only follows (Meld's ``_sync_vscroll``/``calc_syncpoint``).

When the user scrolls one pane, the other pane follows the links, but only through the links that
keep the order of both articles: the heaviest chain of links whose claims run down both panes
together (a weighted longest increasing subsequence over the link map; crossing links of a
reordered article are left out of it). The chain gives a monotone map from one pane's height to
the other's, from the top of both articles to their ends, so the other pane moves the same way as
the scrolled one or stays, and it reaches its end when the scrolled pane reaches its end, as in
Meld, whose diff chunks are always in order. The sync point moves from the top of the view (at the
start of the document) through the middle to the bottom (at the end). A re-entrancy guard stops the
other pane's scroll from echoing back.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QTimer

from diptych.ui.text_pane import TextPane

# an article this short (in UTF-16 units) is laid out in a few milliseconds
SMALL_ARTICLE = 100_000
OTHER = {"left": "right", "right": "left"}


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


def ordered_chain(pairs: Sequence[tuple[int, int]], weights: Sequence[float]) -> list[int]:
    """Indices into ``pairs`` (left index, right index) of the heaviest chain that rises strictly on
    both sides (a Fenwick tree over the right indices keeps it O(n log n))."""
    n = len(pairs)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda k: (pairs[k][0], -pairs[k][1]))
    ranks = {r: i + 1 for i, r in enumerate(sorted({p[1] for p in pairs}))}
    size = len(ranks)
    tree_w = [0.0] * (size + 1)
    tree_k = [-1] * (size + 1)
    best_w = [0.0] * n
    back = [-1] * n
    for k in order:
        r = ranks[pairs[k][1]]
        # the best chain that ends on a right index below this one
        i, bw, bk = r - 1, 0.0, -1
        while i > 0:
            if tree_w[i] > bw:
                bw, bk = tree_w[i], tree_k[i]
            i -= i & -i
        best_w[k] = bw + weights[k]
        back[k] = bk
        i = r
        while i <= size:
            if best_w[k] > tree_w[i]:
                tree_w[i], tree_k[i] = best_w[k], k
            i += i & -i
    end = max(range(n), key=lambda k: best_w[k])
    chain = []
    while end >= 0:
        chain.append(end)
        end = back[end]
    return chain[::-1]


def monotone_map(knots: Sequence[tuple[float, float]], y: float) -> float:
    """Piecewise-linear interpolation through ``knots`` (x rising, y not falling)."""
    xs = [k[0] for k in knots]
    i = bisect_right(xs, y)
    if i <= 0:
        return knots[0][1]
    if i >= len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    return y0 + (y1 - y0) * (y - x0) / max(1e-9, x1 - x0)


class SyncScroller:
    def __init__(self, left: TextPane, right: TextPane) -> None:
        self.panes = {"left": left, "right": right}
        self.enabled = True
        self._busy = False
        # the order-keeping links, as (left index, right index) into the panes' claims
        self._chain: list[tuple[int, int]] = []
        self._knots: dict[str, list[tuple[float, float]]] = {}
        self._knots_key: tuple[float, ...] | None = None  # the heights and widths the knots were measured at
        self._knots_at: tuple[float, ...] | None = None  # those they were made at (measured or in proportion)
        self._last = {side: pane.verticalScrollBar().value() for side, pane in self.panes.items()}
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.on_scroll("left"))
        right.verticalScrollBar().valueChanged.connect(lambda _v: self.on_scroll("right"))
        # the knots of a long pair take tens of milliseconds to measure: done once both articles are
        # laid out, while the window is idle, not in the reviewer's first scroll
        # (and again when a height changes after that: Qt may still lay some text out anew)
        self._measure = QTimer(left)  # stops with the panes
        self._measure.setSingleShot(True)
        self._measure.setInterval(150)
        self._measure.timeout.connect(self._measure_when_idle)
        for pane in (left, right):
            pane.laidOut.connect(self._measure.start)
            pane.verticalScrollBar().rangeChanged.connect(lambda _a, _b: self._measure.start())

    def _measure_when_idle(self) -> None:
        left, right = self.panes["left"], self.panes["right"]
        if self._chain and left.layout_done() and right.layout_done() and self._key() != self._knots_key:
            self._rebuild(self._key())

    def set_links(self, pairs: list[tuple[int, int]]) -> None:
        """``pairs`` are (left id, right id)."""
        left, right = self.panes["left"], self.panes["right"]
        idx_pairs, weights = [], []
        for lid, rid in pairs:
            li, ri = left.index_of(lid), right.index_of(rid)
            if li is None or ri is None:
                continue
            idx_pairs.append((li, ri))
            lc, rc = left.claims[li], right.claims[ri]
            # longer passages hold the two panes together over a longer stretch
            weights.append(1.0 + min(lc.end - lc.start, rc.end - rc.start))
        self._chain = [idx_pairs[k] for k in ordered_chain(idx_pairs, weights)]
        self._knots, self._knots_key, self._knots_at = {}, None, None  # another chain: never stretched
        if not (self._measurable(left) and self._measurable(right)):
            self._rebuild(self._key())  # in proportion until laid out: made at once
        else:
            self._measure.start()

    def chain(self) -> list[tuple[int, int]]:
        """The links the panes follow, as (left index, right index)."""
        return list(self._chain)

    def _doc_height(self, pane: TextPane) -> float:
        sb = pane.verticalScrollBar()
        return float(sb.maximum() + pane.viewport().height())

    @staticmethod
    def _measurable(pane: TextPane) -> bool:
        return pane.layout_done() or SyncScroller._small(pane)

    def _key(self) -> tuple[float, float, float, float]:
        left, right = self.panes["left"], self.panes["right"]
        return (self._doc_height(left), self._doc_height(right),
                float(left.viewport().width()), float(right.viewport().width()))

    def knots(self, side: str) -> list[tuple[float, float]]:
        """(y in ``side``, y in the other pane) through which the panes are held together.

        Once measured, a change of height of a long pair (Qt still settling its layout, a resize) is
        followed at once by the knots as they were, stretched to the new heights, and measured anew
        when the window is idle: a scroll never waits for the measurement of a long pair."""
        key = self._key()
        if key == self._knots_key:
            return self._knots[side]
        left, right = self.panes["left"], self.panes["right"]
        if self._knots and self._knots_at is not None and left.layout_done() and right.layout_done() \
                and not (self._small(left) and self._small(right)):
            if not self._measure.isActive():
                self._measure.start()
            return self._stretched(side, key)
        self._rebuild(key)
        return self._knots[side]

    def _rebuild(self, key: tuple[float, float, float, float]) -> None:
        left, right = self.panes["left"], self.panes["right"]
        self._knots = {"left": self._build_knots(0), "right": self._build_knots(1)}
        self._knots_at = key
        self._knots_key = key if self._measurable(left) and self._measurable(right) else None

    def _stretched(self, side: str, key: tuple[float, ...]) -> list[tuple[float, float]]:
        assert self._knots_at is not None
        (hl, hr), (nl, nr) = self._knots_at[:2], key[:2]
        fl, fr = (nl / hl if hl else 1.0), (nr / hr if hr else 1.0)
        fx, fy = (fl, fr) if side == "left" else (fr, fl)
        return [(x * fx, y * fy) for x, y in self._knots[side]]

    @staticmethod
    def _small(pane: TextPane) -> bool:
        return pane.document().characterCount() < SMALL_ARTICLE

    def _build_knots(self, which: int) -> list[tuple[float, float]]:
        sides = ("left", "right") if which == 0 else ("right", "left")
        src, dst = self.panes[sides[0]], self.panes[sides[1]]
        raw: list[tuple[float, float]] = [(0.0, 0.0)]
        # Until a long article is laid out its height still grows, and measuring every linked claim
        # would lay the rest out at once: the panes move in proportion until then.
        chain = self._chain if self._measurable(src) and self._measurable(dst) else []
        for pair in chain:
            s_top, s_bottom = src.claim_yrange(pair[which])
            d_top, d_bottom = dst.claim_yrange(pair[1 - which])
            raw += [(s_top, d_top), (s_bottom, d_bottom)]
        raw.append((self._doc_height(src), self._doc_height(dst)))
        knots = [raw[0]]
        for x, y in raw[1:]:
            px, py = knots[-1]
            if x <= px:
                continue  # two claims on one line: the first one's knot holds
            knots.append((x, max(py, y)))
        return knots

    def target_value(self, side: str) -> int | None:
        """Where the other pane's scroll bar should be for the current position of ``side``."""
        src = self.panes[side]
        dst = self.panes[OTHER[side]]
        if not src.claims or not dst.claims:
            return None
        sb, dsb = src.verticalScrollBar(), dst.verticalScrollBar()
        page, dpage = src.viewport().height(), dst.viewport().height()
        sp = calc_syncpoint(sb.value(), page, sb.maximum())
        y = sb.value() + sp * page
        target = monotone_map(self.knots(side), y)
        return max(dsb.minimum(), min(dsb.maximum(), int(round(target - sp * dpage))))

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
        sb = self.panes[side].verticalScrollBar()
        step = sb.value() - self._last[side]
        self._last[side] = sb.value()
        if not self.enabled or self._busy or step == 0:
            return
        value = self.target_value(side)
        if value is None:
            return
        dsb = self.panes[OTHER[side]].verticalScrollBar()
        # only follow: never against the scrolled pane's direction
        if (step > 0 and value < dsb.value()) or (step < 0 and value > dsb.value()):
            return
        self._busy = True
        try:
            dsb.setValue(value)
        finally:
            self._busy = False
