"""The connector gutter between the panes: one Bézier band per visible link (Meld's linkmap idea).

Only links with at least one end in view are drawn; when the other end is off-screen the band is a
short stub with a chevron pointing where its partner is. Bands may cross (the review article may
reorder passages). The selected pair's band is drawn last, outlined.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from diptych.ui.style import Theme, theme
from diptych.ui.text_pane import TextPane


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
        self.th: Theme = theme()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Links between the articles")
        self.setToolTip("Each band links a reference passage to its counterpart in the review article")
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)
        self.drawn = 0  # bands drawn in the last paint (for tests and the benchmark)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(96, 100)

    def set_links(self, links: list[GutterLink]) -> None:
        self.links = links
        self._by_left = defaultdict(list)
        self._by_right = defaultdict(list)
        for lk in links:
            self._by_left[lk.left].append(lk)
            self._by_right[lk.right].append(lk)
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.th.base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        top_clip = self.left.viewport().mapTo(self.window(), QPointF(0, 0)).y() - self.mapTo(
            self.window(), QPointF(0, 0)).y()
        p.setClipRect(QRectF(0, top_clip, w, h - top_clip))
        selected_path = None
        self.drawn = 0
        for lk in self.visible_links():
            a = self._yspan(self.left, lk.left)
            b = self._yspan(self.right, lk.right)
            if a is None or b is None:
                continue
            colour = QColor(self.th.strength[lk.strength])
            colour.setAlpha(min(255, int(colour.alpha() * 1.6)))
            edge = QColor(colour)
            edge.setAlpha(min(255, colour.alpha() * 3))
            path = self._band(a, b, w, top_clip, h)
            is_sel = (lk.left, lk.right) == self.selected
            if is_sel:
                selected_path = path
                continue
            p.fillPath(path, colour)
            p.strokePath(path, QPen(edge, 0.8))
            self.drawn += 1
        if selected_path is not None:
            col = QColor(self.th.current)
            col.setAlpha(150)
            p.fillPath(selected_path, col)
            p.strokePath(selected_path, QPen(self.th.band_outline, 1.3))
            self.drawn += 1
        p.end()

    @staticmethod
    def _band(a: tuple[float, float], b: tuple[float, float], w: float, top: float, h: float) -> QPainterPath:
        a_off = a[1] < top or a[0] > h
        b_off = b[1] < top or b[0] > h
        path = QPainterPath()
        if a_off or b_off:
            # a stub from the visible end, pointing towards the partner's direction
            (y0, y1), x0, x1 = (b, w, w * 0.62) if a_off else (a, 0.0, w * 0.38)
            other = a if a_off else b
            up = other[1] < top
            y0, y1 = max(y0, top), min(y1, h)
            mid = (y0 + y1) / 2
            tip = mid + (-10 if up else 10)
            path.moveTo(x0, y0)
            path.cubicTo((x0 + x1) / 2, y0, (x0 + x1) / 2, tip - 4, x1, tip - 4)
            path.lineTo(x1, tip + 4)
            path.cubicTo((x0 + x1) / 2, tip + 4, (x0 + x1) / 2, y1, x0, y1)
            path.closeSubpath()
            return path
        c = w / 2
        path.moveTo(0, a[0])
        path.cubicTo(c, a[0], c, b[0], w, b[0])
        path.lineTo(w, b[1])
        path.cubicTo(c, b[1], c, a[1], 0, a[1])
        path.closeSubpath()
        return path

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
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

