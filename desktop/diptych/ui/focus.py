"""Which article has the keyboard: an accent frame round the pane, its header highlighted, and a word in
the status bar.

:class:`FocusMark` follows the application's focus (F6, a click, Tab): when one of the two text panes
gets the keyboard, that pane is framed in the theme's accent colour and its header is marked
(:meth:`PaneHeader.set_active`); the status bar says "Reference text has focus". When the keyboard
goes elsewhere in the window (the claims table, a note) no pane is marked; when the window itself
loses the focus the mark stays where it was. The frame is an overlay on the pane, so marking never
changes the pane's size or lays its text out again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QWidget

from diptych.core.project import Side
from diptych.ui.pane_header import PaneHeader
from diptych.ui.style import current_theme
from diptych.ui.text_pane import TextPane

FRAME_WIDTH = 2  # px


class FocusFrame(QWidget):
    """The accent frame drawn over a pane's edges; it takes no mouse event."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self.setObjectName("focusFrame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        pane.installEventFilter(self)
        self.setGeometry(pane.rect())

    def colour(self) -> QColor:
        return QColor(current_theme().accent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        paint_focus_frame(p, QRectF(self.rect()), self.colour())
        p.end()


def paint_focus_frame(p: QPainter, rect: QRectF, colour: QColor) -> None:
    """The focus frame just inside ``rect`` (the pane's, or a legend sample's)."""
    half = FRAME_WIDTH / 2
    p.save()
    p.setPen(QPen(colour, FRAME_WIDTH))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(half, half, -half, -half))
    p.restore()


class FocusMark(QObject):
    """Marks the text pane that has the keyboard; ``announce`` gets the status bar's words."""

    def __init__(self, panes: Mapping[Side, TextPane], headers: Mapping[Side, PaneHeader],
                 announce: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = dict(panes)
        self.headers = dict(headers)
        self.announce = announce
        self.frames: dict[Side, FocusFrame] = {side: FocusFrame(pane) for side, pane in self.panes.items()}
        self.side: Side | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not all(shiboken6.isValid(w) for w in (*self.panes.values(), *self.headers.values())):
            return  # the window lost the focus (the mark stays for when it comes back), or is closing
        window = self.panes["left"].window()
        if new.window() is not window:
            return  # a dialog of the window, another window
        side = next((s for s, pane in self.panes.items() if new is pane or pane.isAncestorOf(new)), None)
        self.mark(side)

    def mark(self, side: Side | None) -> None:
        """Frame ``side``'s pane and highlight its header (None: no pane has the keyboard)."""
        if side == self.side:
            return
        self.side = side
        for s, frame in self.frames.items():
            frame.setVisible(s == side)
            if s == side:
                frame.raise_()
                frame.update()
            self.headers[s].set_active(s == side)
        if side is not None:
            self.announce(f"{self.panes[side].accessibleName()} has focus")
