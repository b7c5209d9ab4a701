"""The first-run panel of the empty window: what to open, what the window will show, the keys.

It takes the place of the claims table and the claim panel (empty until a pair is linked) and
goes once a pair is on screen. Plain text only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from diptych.ui.plain import plain_label

TITLE = "Check an article against its reference"
STEPS = (
    "1. Open a pair: the reference (the source) goes on the left, the article under review on the right. "
    "Drop two files on the window, paste text, or open a saved review (.diptych).",
    "2. Diptych splits the article under review into claims, one sentence each, links every claim to "
    "the reference sentences it draws on, and suggests a verdict for it.",
    "3. Go through the claims and give each its verdict. A dashed badge is a suggestion, a filled one "
    "your verdict; the tints show what changed (orange: altered). View ▸ Legend shows every "
    "colour and mark.",
)
KEYS = (
    ("C", "consistent: the claim says what the reference says"),
    ("A", "altered: the claim changes what the reference says"),
    ("U", "unsupported: nothing in the reference supports it"),
    ("Enter", "accept the suggested verdict"),
    ("N", "next claim (P: previous, Shift+N: next without a verdict)"),
    ("?", "every key"),
)


IDLE_HINT = "Open a reference and a review article to start"


def idle_hint(docs: dict[str, Any]) -> str:
    """The status bar's line while no pair is on screen: what is still to open."""
    have_left, have_right = docs.get("left") is not None, docs.get("right") is not None
    if have_left and have_right:
        return ""  # both are here: they are being linked or shown
    if have_left:
        return "Open the article under review to link it with the reference"
    if have_right:
        return "Open the reference to link it with the article under review"
    return IDLE_HINT


class FirstRunPanel(QFrame):
    """The panel; its buttons trigger the window's own actions."""

    def __init__(self, open_pair: Any, legend: Any, shortcuts: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        self.setAccessibleName("Getting started")
        self.setFrameShape(QFrame.Shape.NoFrame)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 14, 24, 14)
        outer.setSpacing(32)

        left = QVBoxLayout()
        title = plain_label(TITLE)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        left.addWidget(title)
        left.setSpacing(8)
        for step in STEPS:
            label = plain_label(step)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # no gaps between
            left.addWidget(label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open a pair…")
        self.open_button.setObjectName("firstRunOpen")
        self.open_button.setToolTip("Open a reference and a review article, or a saved review (Ctrl+O)")
        self.open_button.clicked.connect(lambda: open_pair.trigger())
        self.legend_button = QPushButton("Legend")
        self.legend_button.setToolTip("What the colours, badges and bands mean (View ▸ Legend)")
        self.legend_button.clicked.connect(lambda: legend.trigger())
        self.keys_button = QPushButton("All keys")
        self.keys_button.setToolTip("Every keyboard shortcut (? or F1)")
        self.keys_button.clicked.connect(lambda: shortcuts.trigger())
        for b in (self.open_button, self.legend_button, self.keys_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left.addLayout(buttons)
        shortcut = plain_label("Ctrl+O opens a pair or a saved review")
        shortcut.setWordWrap(True)  # a narrow window keeps its width: the panel never sets a minimum
        left.addWidget(shortcut)
        left.addStretch(1)
        outer.addLayout(left, 3)

        keys = QGridLayout()
        keys.setHorizontalSpacing(12)
        keys.setVerticalSpacing(4)
        heading = plain_label("Keys while reviewing")
        heading.setFont(font)
        keys.addWidget(heading, 0, 0, 1, 2)
        for row, (key, what) in enumerate(KEYS, start=1):
            k = plain_label(key)
            bold = k.font()
            bold.setBold(True)
            k.setFont(bold)
            k.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            keys.addWidget(k, row, 0)
            w = plain_label(what)
            w.setWordWrap(True)
            keys.addWidget(w, row, 1)
        keys.setRowStretch(len(KEYS) + 1, 1)
        keys.setColumnStretch(1, 1)
        outer.addLayout(keys, 2)

    def text(self) -> str:
        """Everything the panel says (for tests and screen readers' sake, in reading order)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))


def install(window: Any) -> FirstRunPanel:
    """Put the panel in the place of the claims and the claim panel (below the empty panes, or
    beside them in a short window), until a project is on screen."""
    act = window.act
    panel = FirstRunPanel(act["open"], act["legend"], act["help"])
    window.layout_state.show_in_place_of_claims(panel)

    def shown() -> None:
        if not panel.isHidden():
            panel.hide()
            window.layout_state.show_in_place_of_claims(None)

    window.project_shown.connect(shown)

    def hint() -> None:
        if window.project is None and window.jobs.job is None:
            window.coverage_label.setText(idle_hint(window.docs))

    window.left.textShown.connect(hint)
    window.right.textShown.connect(hint)
    window.jobs.changed.connect(hint)
    return panel
