"""The connector gutter between the panes: one Bézier band per visible link (Meld's linkmap idea).

Only links with at least one end in view are drawn. Each band runs from the reference claim's vertical
extent to the review claim's; when the other end is off-screen the band is a short stub with an
arrow pointing up or down to its partner. Bands may cross (the review article may reorder passages).
The selected pair's band is drawn last and strongest, the current claims' other links dashed, the
rest faint.

By default the gutter stays calm on a reordered article: a link of neither current claim is drawn
only when both its ends are in view (no stubs of such links, which fill the gutter with arrows when
passages move); :meth:`Gutter.set_all_bands` (View ▸ Show all bands) draws those stubs too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from diptych.ui.style import Theme, theme
from diptych.ui.text_pane import TextPane


def paint_band(p: QPainter, path: QPainterPath, th: Theme, weight: str, strength: str = "paraphrase") -> None:
    """A band in one of three weights: ``strong`` (the selected pair), ``medium`` (the current
    claims' other links, dashed) or ``faint`` (the rest, tinted by link strength)."""
    if weight == "faint":
        colour = QColor(th.strength[strength])
        colour.setAlpha(max(18, int(colour.alpha() * 0.9)))
        edge = QColor(th.muted)
        edge.setAlpha(70)
        p.fillPath(path, colour)
        p.strokePath(path, QPen(edge, 0.6))
        return
    col = QColor(th.current)
    col.setAlpha(70 if weight == "medium" else 170)
    p.fillPath(path, col)
    if weight == "medium":
        p.strokePath(path, QPen(th.band_outline, 0.9, Qt.PenStyle.DashLine))
    else:
        p.strokePath(path, QPen(th.band_outline, 1.6))


def paint_arrow(p: QPainter, arrow: QPainterPath, th: Theme) -> None:
    """The triangle of a stub, pointing to a partner out of view, in a readable grey."""
    col = QColor(th.muted)
    col.setAlpha(140)
    p.fillPath(arrow, col)


@dataclass(frozen=True)
class GutterLink:
    left: int  # claim ids
    right: int
    strength: str
    score: float


class Gutter(QWidget):
    def __init__(self, left: TextPane, right: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self.links: list[GutterLink] = []
        self._by_left: dict[int, list[GutterLink]] = defaultdict(list)
        self._by_right: dict[int, list[GutterLink]] = defaultdict(list)
        self.selected: tuple[int | None, int | None] = (None, None)
        self.all_bands = False  # also the stubs of links of neither current claim
        self.th: Theme = theme()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Links between the articles")
        self.setToolTip("Each band links a reference sentence to the claim of the review article drawn from it")
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)
        self.drawn = 0  # bands drawn in the last paint (for tests and the benchmark)

    def sizeHint(self) -> QSize:
        return QSize(96, 100)

    def set_links(self, links: list[GutterLink]) -> None:
        self.links = links
        self._by_left = defaultdict(list)
        self._by_right = defaultdict(list)
        for lk in links:
            self._by_left[lk.left].append(lk)
            self._by_right[lk.right].append(lk)
        self.update()

    def set_all_bands(self, on: bool) -> None:
        """Draw every link in view (on), or only the current claims' stubs and whole bands (off)."""
        self.all_bands = on
        self.update()

    def set_selected(self, left: int | None, right: int | None) -> None:
        self.selected = (left, right)
        self.update()

    def apply_theme(self, th: Theme) -> None:
        self.th = th
        self.update()

    def visible_links(self) -> list[GutterLink]:
        seen: dict[tuple[int, int], GutterLink] = {}
        for pane, index in ((self.left, self._by_left), (self.right, self._by_right)):
            vr = pane.visible_range()
            if vr is None:
                continue
            for k in range(vr[0], vr[1] + 1):
                for lk in index.get(pane.claims[k].id, ()):
                    seen[(lk.left, lk.right)] = lk
        return list(seen.values())

    def _yspan(self, pane: TextPane, claim_id: int) -> tuple[float, float] | None:
        idx = pane.index_of(claim_id)
        if idx is None:
            return None
        top, bottom = pane.claim_yrange(idx)
        off = pane.viewport().mapTo(self.window(), QPointF(0, 0)).y() - self.mapTo(self.window(), QPointF(0, 0)).y()
        v = pane.verticalScrollBar().value()
        return top - v + off, bottom - v + off

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.th.base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        top_clip = self.left.viewport().mapTo(self.window(), QPointF(0, 0)).y() - self.mapTo(
            self.window(), QPointF(0, 0)).y()
        p.setClipRect(QRectF(0, top_clip, w, h - top_clip))
        # three weights: the selected pair strongest, the current claims' other links clear, the
        # rest faint, so the eye follows one band at a time
        sel_l, sel_r = self.selected
        strong: list[tuple[QPainterPath, GutterLink]] = []
        medium: list[tuple[QPainterPath, GutterLink]] = []
        self.drawn = 0
        for lk in self.visible_links():
            a = self._yspan(self.left, lk.left)
            b = self._yspan(self.right, lk.right)
            if a is None or b is None:
                continue
            a_off = a[1] <= top_clip or a[0] >= h
            b_off = b[1] <= top_clip or b[0] >= h
            current = (lk.left, lk.right) == self.selected or lk.left == sel_l or lk.right == sel_r
            if a_off != b_off and not current and not self.all_bands:
                continue  # calm: no stub for a link of neither current claim
            path = self._band(a, b, w, top_clip, h)
            if path.isEmpty():
                continue
            self.drawn += 1
            if (lk.left, lk.right) == self.selected:
                strong.append((path, lk))
                continue
            if current:
                medium.append((path, lk))
                continue
            paint_band(p, path, self.th, "faint", lk.strength)
            if a_off != b_off:  # a stub: its arrow in a readable grey
                _x0, x1, sign, _y0, _y1, mid, up = self._stub(a, b, w, top_clip, h)
                paint_arrow(p, self._arrow(x1 + sign * 7, mid, up), self.th)
        for path, _lk in medium:
            paint_band(p, path, self.th, "medium")
        for path, _lk in strong:
            paint_band(p, path, self.th, "strong")
        p.end()

    @staticmethod
    def _stub(a: tuple[float, float], b: tuple[float, float], w: float, top: float,
              h: float) -> tuple[float, float, float, float, float, float, bool]:
        """Geometry of a stub: start and end x, direction, clipped extent, middle, partner above."""
        a_off = a[1] <= top or a[0] >= h
        (y0, y1), other, from_left = (b, a, False) if a_off else (a, b, True)
        y0, y1 = max(y0, top + 1), min(y1, h - 1)
        reach = min(w * 0.34, 30.0)
        x0 = 0.0 if from_left else w
        sign = 1.0 if from_left else -1.0
        return x0, x0 + sign * reach, sign, y0, y1, (y0 + y1) / 2, other[1] <= top

    @staticmethod
    def _arrow(x: float, mid: float, up: bool) -> QPainterPath:
        """A small triangle pointing up or down towards an off-screen partner."""
        tip = mid - 7 if up else mid + 7
        base = mid + 3 if up else mid - 3
        arrow = QPainterPath()
        arrow.moveTo(x - 5, base)
        arrow.lineTo(x + 5, base)
        arrow.lineTo(x, tip)
        arrow.closeSubpath()
        return arrow

    @staticmethod
    def _band(a: tuple[float, float], b: tuple[float, float], w: float, top: float, h: float) -> QPainterPath:
        """A band from the left claim's vertical extent ``a`` to the right claim's ``b``; when one end is
        out of view, a short stub from the visible end with an arrow pointing up or down to it."""
        a_off = a[1] <= top or a[0] >= h
        b_off = b[1] <= top or b[0] >= h
        path = QPainterPath()
        if a_off and b_off:
            return path
        if a_off or b_off:
            x0, x1, sign, y0, y1, mid, up = Gutter._stub(a, b, w, top, h)
            reach = x1 - x0
            half = min(5.0, max(2.0, (y1 - y0) / 2))
            path.moveTo(x0, y0)
            path.cubicTo(x0 + reach * 0.6, y0, x0 + reach * 0.4, mid - half, x1, mid - half)
            path.lineTo(x1, mid + half)
            path.cubicTo(x0 + reach * 0.4, mid + half, x0 + reach * 0.6, y1, x0, y1)
            path.closeSubpath()
            path.addPath(Gutter._arrow(x1 + sign * 7, mid, up))
            return path
        c = w / 2
        path.moveTo(0, a[0])
        path.cubicTo(c, a[0], c, b[0], w, b[0])
        path.lineTo(w, b[1])
        path.cubicTo(c, b[1], c, a[1], 0, a[1])
        path.closeSubpath()
        return path

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Clicking a band selects its review claim (the window listens to the right pane's signal).
        pos = event.position()
        w, h = float(self.width()), float(self.height())
        for lk in self.visible_links():
            a = self._yspan(self.left, lk.left)
            b = self._yspan(self.right, lk.right)
            if a and b and self._band(a, b, w, 0, h).contains(pos):
                self.right.claimActivated.emit(lk.right, False)
                return
        super().mousePressEvent(event)

