"""The title above each article: its role, its file name, its outlet and publication date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from diptych.core.project import Side
from diptych.ui.plain import escape
from diptych.ui.style import theme

SIDE_TITLES: dict[Side, str] = {"left": "Reference", "right": "Review article"}


class PaneHeader(QLabel):
    def __init__(self, side: Side) -> None:
        super().__init__()
        self.side = side
        self.setObjectName("paneHeader")
        self.setTextFormat(Qt.TextFormat.RichText)  # every piece of text from the article is escaped
        self.set_name(None)

    def set_name(self, name: str | None, extra: str = "") -> None:
        role = SIDE_TITLES[self.side].upper()
        muted = theme().muted.name()
        title = escape(name) if name else "<i>no article yet</i>"
        self.setText(f"<span style='color:{muted}; font-size:small; letter-spacing:1px'>{role}</span>"
                     f"&nbsp;&nbsp;<b>{title}</b>&nbsp;&nbsp;<span style='color:{muted}'>{escape(extra)}</span>")
        self.setAccessibleName(f"{SIDE_TITLES[self.side]}: {name or 'no article yet'}")
