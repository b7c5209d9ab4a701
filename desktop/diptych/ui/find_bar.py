"""Find in both articles: the bar under the panes, its matches, and stepping through them.

The bar marks what it finds (:meth:`FindBar.matches`, announced by :attr:`FindBar.matches_changed`),
selects the match it steps to in its pane and says where it is (:attr:`FindBar.found`), and says
when it closes (:attr:`FindBar.closed`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton

from diptych.core.project import Side
from diptych.ui.plain import set_plain
from diptych.ui.text_pane import Mark, TextPane

MAX_MATCHES = 2000  # per article


class FindBar(QFrame):
    matches_changed = Signal()
    found = Signal(str, int)  # the side and the code point a match starts at, once stepped to
    closed = Signal()

    def __init__(self, panes: dict[Side, TextPane]) -> None:
        super().__init__()
        self.setObjectName("findBar")
        self._panes = panes
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(set_plain(QLabel("Find in both articles:")))
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Find text in both articles")
        self.edit.setPlaceholderText("text (Enter: next, Shift+Enter: previous, Esc: close)")
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(lambda: self.find_next(False))
        self.edit.installEventFilter(self)
        lay.addWidget(self.edit, 1)
        self.count = set_plain(QLabel())
        lay.addWidget(self.count)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        lay.addWidget(close)
        self.hide()
        self._matches: dict[Side, list[Mark]] = {"left": [], "right": []}
        self._pos: tuple[Side, int] = ("left", -1)

    def matches(self, side: Side) -> list[Mark]:
        return self._matches[side]

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._matches = {"left": [], "right": []}
        self.matches_changed.emit()
        self.closed.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_next(True)
                return True
        return False

    def _changed(self, text: str) -> None:
        self._matches = {"left": [], "right": []}
        self._pos = ("left", -1)
        needle = text.strip()
        total = 0
        if len(needle) >= 2:
            for side, pane in self._panes.items():
                doc = pane.document()
                cur = doc.find(needle, 0)
                found: list[Mark] = []
                while not cur.isNull() and len(found) < MAX_MATCHES:
                    s, e = pane.offsets.span_to_core(cur.selectionStart(), cur.selectionEnd())
                    found.append(Mark(s, e, "find"))
                    cur = doc.find(needle, cur)
                self._matches[side] = found
                total += len(found)
        self.count.setText(f"{total} found" if needle else "")
        self.matches_changed.emit()

    def find_next(self, backwards: bool = False) -> None:
        order: list[tuple[Side, Mark]] = [(s, m) for s in ("left", "right") for m in self._matches[s]]
        if not order:
            return
        side, k = self._pos
        flat = [i for i, (s, _m) in enumerate(order) if s == side]
        pos = (flat[0] + k) if flat and k >= 0 else -1
        pos = (pos + (-1 if backwards else 1)) % len(order)
        side, mark = order[pos]
        self._pos = (side, pos - next(i for i, (s, _m) in enumerate(order) if s == side))
        self._panes[side].select_span(mark.start, mark.end)
        self.found.emit(side, mark.start)
