"""The legend: what the badges, tints, marks and bands of the window mean.

Every sample is drawn by the painter the window itself uses (``style.draw_badge``,
``check.check_icon``, ``text_pane.paint_tint`` and ``draw_omission``, ``gutter.paint_band`` and
``paint_arrow``, ``focus.paint_focus_frame``), so the legend cannot drift from what the panes show.
:class:`LegendWidget` can sit in a dialog (:func:`legend_dialog`, View ▸ Legend) or in the help.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QVBoxLayout, QWidget

from diptych.ui.check import check_icon
from diptych.ui.focus import paint_focus_frame
from diptych.ui.gutter import Gutter, paint_arrow, paint_band
from diptych.ui.plain import plain_label
from diptych.ui.style import VERDICT_LETTERS, Theme, current_theme, draw_badge
from diptych.ui.text_pane import draw_omission, paint_tint

Painter = Callable[[QPainter, QRectF, Theme], None]
SAMPLE = QSize(56, 24)


def _badge(verdict: str, filled: bool) -> Painter:
    def paint(p: QPainter, r: QRectF, th: Theme) -> None:
        draw_badge(p, _square(r), VERDICT_LETTERS[verdict], th.verdict[verdict], filled, th.base)
    return paint


def _square(r: QRectF, size: float = 17.0) -> QRectF:
    return QRectF(r.center().x() - size / 2, r.center().y() - size / 2, size, size)


def _not_a_claim(p: QPainter, r: QRectF, th: Theme) -> None:
    draw_badge(p, _square(r), "×", th.verdict["not_a_claim"], True, th.base)


def _check(p: QPainter, r: QRectF, th: Theme) -> None:
    check_icon().paint(p, _square(r).toRect())


def _omission(p: QPainter, r: QRectF, th: Theme) -> None:
    draw_omission(p, _square(r), th.omission)


def _tint(strength: str | None) -> Painter:
    def paint(p: QPainter, r: QRectF, th: Theme) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = r.adjusted(6, 5, -6, -5)
        if strength is None:
            paint_tint(p, [line], th.current, th.band_outline)
        else:
            paint_tint(p, [line], th.strength[strength])
    return paint


def _band(weight: str) -> Painter:
    def paint(p: QPainter, r: QRectF, th: Theme) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(r.topLeft())
        path = Gutter._band((2.0, 10.0), (12.0, 22.0), r.width(), 0.0, r.height())
        paint_band(p, path, th, weight)
    return paint


def _focus(p: QPainter, r: QRectF, th: Theme) -> None:
    paint_focus_frame(p, r.adjusted(4, 2, -4, -2), th.accent)


def _stub(p: QPainter, r: QRectF, th: Theme) -> None:
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(r.topLeft() + QPointF(0, 0))
    # the review end lies below the view: a stub from the reference end, its triangle pointing down
    below = (r.height() + 50.0, r.height() + 60.0)
    path = Gutter._band((6.0, 18.0), below, r.width(), 0.0, r.height())
    paint_band(p, path, th, "faint")
    _x0, x1, sign, _y0, _y1, mid, up = Gutter._stub((6.0, 18.0), below, r.width(), 0.0, r.height())
    paint_arrow(p, Gutter._arrow(x1 + sign * 7, mid, up), th)


#: (key, what it means, its painter), in the order shown
ITEMS: tuple[tuple[str, str, Painter], ...] = (
    ("suggested", "Dashed badge: the verdict Diptych suggests (C consistent, A altered, U unsupported)",
     _badge("altered", False)),
    ("confirmed", "Filled badge: the verdict you confirmed", _badge("consistent", True)),
    ("not_a_claim", "×: you marked the line not a claim of the article", _not_a_claim),
    ("check", "Square ?: a suggestion too unsure to accept with Enter; check it and press C, A or U", _check),
    ("omission", "∅: a reference claim the review article leaves out", _omission),
    ("tint_identical", "Grey tint: linked, the same words", _tint("identical")),
    ("tint_minor", "Blue tint: linked, a minor edit", _tint("minor edit")),
    ("tint_paraphrase", "Violet tint: linked, a paraphrase", _tint("paraphrase")),
    ("tint_changed", "Orange tint: linked, and the verdict says it changed (altered)", _tint("changed")),
    ("tint_current", "Amber, outlined: the current claim and its linked reference sentences", _tint(None)),
    ("band_selected", "Strong band: the selected pair", _band("strong")),
    ("band_current", "Dashed band: the current claims' other links", _band("medium")),
    ("band_other", "Faint band: another link with both ends in view (bands cross where the review reorders "
     "sentences)", _band("faint")),
    ("off_screen", "Stub with a triangle: the partner is above or below the view (for the current claims; "
     "for every link with View ▸ Show all bands)", _stub),
    ("focus", "Accent frame and tinted header: the article that has the keyboard (F6 switches)", _focus),
)


class Sample(QWidget):
    """One legend sample, painted as the window paints the real thing."""

    def __init__(self, key: str, painter: Painter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._painter = painter
        self.setFixedSize(SAMPLE)
        self.setAccessibleName(key)

    def paintEvent(self, event: QPaintEvent) -> None:
        th = current_theme()
        p = QPainter(self)
        p.fillRect(self.rect(), th.base)
        self._painter(p, QRectF(self.rect()), th)
        p.end()


class LegendWidget(QWidget):
    """The samples and what they mean, one row each (plain-text labels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)  # a label of two lines stays clear of the next row
        self.samples: dict[str, Sample] = {}
        self.labels: dict[str, str] = {}
        for row, (key, text, painter) in enumerate(ITEMS):
            sample = Sample(key, painter, self)
            label = plain_label(text, self)
            label.setWordWrap(True)
            grid.addWidget(sample, row, 0)
            grid.addWidget(label, row, 1)
            self.samples[key] = sample
            self.labels[key] = text


def legend_dialog(parent: QWidget | None = None) -> QDialog:
    """View ▸ Legend: the legend in a small dialog with a Close button."""
    dlg = QDialog(parent)
    dlg.setWindowTitle("Legend")
    lay = QVBoxLayout(dlg)
    dlg.legend = LegendWidget(dlg)  # type: ignore[attr-defined]
    lay.addWidget(dlg.legend)  # type: ignore[attr-defined]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
    buttons.rejected.connect(dlg.reject)
    lay.addWidget(buttons)
    return dlg


def open_legend(parent: QWidget | None = None) -> QDialog:
    """View ▸ Legend: the legend dialog, shown without blocking the window."""
    dlg = legend_dialog(parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
