"""Text from articles, projects and lock files, shown as plain text in every widget.

Qt guesses whether a string is rich text (``Qt.mightBeRichText``) wherever a label, a message box or
a tooltip is left to decide, and rich text loads resources: ``<img src=...>`` opens any path it
names (a FIFO hangs the window, ``/dev/zero`` exhausts memory). Everything the window shows that can
carry such text goes through this module:

- :func:`set_plain` gives a label (or a message box and every label inside it) ``PlainText``;
- :func:`escape` is the only way data enters rich text the window builds on purpose;
- :func:`tooltip` turns any text into a tooltip Qt renders as escaped, wrapped plain text;
- :func:`status` makes any text one line for the status bar.
"""

from __future__ import annotations

import html
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

TOOLTIP_LIMIT = 2000  # code points of a tooltip; the rest is cut with an ellipsis
STATUS_LIMIT = 300

W = TypeVar("W", bound=QWidget)


def escape(text: object) -> str:
    """``text`` as HTML that shows exactly those characters (no tag, no entity of its own)."""
    return html.escape(str(text), quote=True)


def set_plain(widget: W, text: str | None = None) -> W:
    """Make ``widget`` show plain text (with ``text``, set it too).

    A QMessageBox gets ``PlainText`` on its own text and on each of its labels (the informative
    text's label does not follow the box's format)."""
    if isinstance(widget, QMessageBox):
        widget.setTextFormat(Qt.TextFormat.PlainText)
        if text is not None:
            widget.setText(text)
        for label in widget.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
    elif isinstance(widget, QLabel):
        widget.setTextFormat(Qt.TextFormat.PlainText)
        if text is not None:
            widget.setText(text)
    return widget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    set_plain(label, text)
    return label


def message_box(icon: QMessageBox.Icon, title: str, text: str, buttons: Any,
                parent: QWidget | None = None, informative: str = "") -> QMessageBox:
    """A QMessageBox whose text and informative text are plain text, whatever they hold."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    set_plain(box)
    return box


def tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally: escaped, inside rich text of our own, so Qt never
    reads markup from it; line breaks are kept and long lines wrap. Empty stays empty."""
    if not text:
        return ""
    text = str(text)
    if len(text) > TOOLTIP_LIMIT:
        text = text[: TOOLTIP_LIMIT - 1] + "…"
    return f"<qt><p style='white-space:pre-wrap'>{escape(text)}</p></qt>"


def status(text: object) -> str:
    """One line for the status bar (line breaks and control characters become spaces)."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return line if len(line) <= STATUS_LIMIT else line[: STATUS_LIMIT - 1] + "…"


__all__ = ["escape", "message_box", "plain_label", "set_plain", "status", "tooltip"]
