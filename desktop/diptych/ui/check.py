"""Suggestions to check: below the core's confidence threshold (``CHECK_THRESHOLD``), a suggestion
is shown with a distinct "check" badge, has its own list filter, has its changed words
highlighted, and is never accepted by Enter (the reviewer presses C, A or U)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from diptych.core.project import Review
from diptych.core.verdict import needs_check
from diptych.ui.style import current_theme

CHECK_LETTER = "?"
CHECK_NAME = "Check"
CHECK_FILTER = "To check"


def is_check(review: Review) -> bool:
    """An unreviewed claim whose suggestion is too unsure to accept without a look."""
    return not review.reviewed and needs_check(review.suggestion)


def check_colour() -> QColor:
    return current_theme().verdict["check"]


_icons: dict[bool, QIcon] = {}


def check_icon() -> QIcon:
    """A square "?" badge: another shape than the round verdict badges."""
    th = current_theme()
    if th.dark in _icons:
        return _icons[th.dark]
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(1, 1, size - 2, size - 2)
        p.setPen(QPen(th.verdict["check"], 1.4))
        p.setBrush(th.verdict["check"])
        p.drawRoundedRect(r, size * 0.18, size * 0.18)
        p.setPen(th.base)
        font = p.font()
        font.setBold(True)
        font.setPixelSize(max(7, int(size * 0.66)))
        p.setFont(font)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, CHECK_LETTER)
        p.end()
        icon.addPixmap(pm)
    _icons[th.dark] = icon
    return icon


def clear_cache() -> None:
    _icons.clear()
