"""The title above each article: its role, its file name, its outlet and publication date.

The header of the pane that has the keyboard is marked (:meth:`PaneHeader.set_active`, driven by
``ui/focus.py``): its role in the accent colour, a tinted background and an accent rule below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from diptych.core.project import Side
from diptych.ui.plain import escape
from diptych.ui.style import theme

SIDE_TITLES: dict[Side, str] = {"left": "Reference", "right": "Review article"}


class PaneHeader(QLabel):
    def __init__(self, side: Side) -> None:
        super().__init__()
        self.side = side
        self.active = False
        self._name: str | None = None
        self._extra = ""
        self.setObjectName("paneHeader")
        self.setTextFormat(Qt.TextFormat.RichText)  # every piece of text from the article is escaped
        self.set_name(None)

    def set_name(self, name: str | None, extra: str = "") -> None:
        self._name, self._extra = name, extra
        th = theme()
        muted = th.muted.name()
        role_colour = th.accent.name() if self.active else muted
        role = SIDE_TITLES[self.side].upper()
        title = escape(name) if name else "<i>no article yet</i>"
        if self.active:
            role = f"<b>{role}</b>"
        self.setText(f"<span style='color:{role_colour}; font-size:small; letter-spacing:1px'>{role}</span>"
                     f"&nbsp;&nbsp;<b>{title}</b>&nbsp;&nbsp;<span style='color:{muted}'>{escape(extra)}</span>")
        self.setAccessibleName(f"{SIDE_TITLES[self.side]}: {name or 'no article yet'}")
        # the same padding and rule width either way, so marking never moves the text below
        if self.active:
            tint = QColor(th.accent)
            tint.setAlpha(40)
            self.setStyleSheet(f"QLabel#paneHeader {{ padding: 5px 14px 3px 34px; "
                               f"background: rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alpha()}); "
                               f"border-bottom: 2px solid {th.accent.name()}; }}")
        else:
            self.setStyleSheet("QLabel#paneHeader { padding: 5px 14px 3px 34px; "
                               "border-bottom: 2px solid palette(midlight); }")

    def set_active(self, active: bool) -> None:
        """Mark the header of the pane that has the keyboard."""
        if active != self.active:
            self.active = active
            self.set_name(self._name, self._extra)
