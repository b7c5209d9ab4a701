"""The selected claim: verdict buttons, the suggestion and its reasons, the link, the note.

The window shows a claim with :meth:`ClaimPanel.show_claim`; the panel says when the reviewer's
note changed (:attr:`ClaimPanel.note_edited`) and when Esc leaves the note (:attr:`ClaimPanel.left`).
It never changes the project itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout

from diptych.core import crossling
from diptych.core.project import Project, ProjectLink
from diptych.core.verdict import link_label
from diptych.ui.check import CHECK_LETTER, CHECK_NAME, check_colour, is_check
from diptych.ui.plain import escape, set_plain
from diptych.ui.style import VERDICT_NAMES, link_strength, theme

PANEL_BUTTONS = ("consistent", "altered", "unsupported", "not_a_claim")


class ClaimPanel(QFrame):
    """The selected review claim, with its verdict buttons (wired to the window's actions) and note."""

    note_edited = Signal(object, int, str)  # the project, the claim id, the note as the reviewer left it
    left = Signal()  # Esc in the note: the keyboard goes back to the claims

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("claimPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(8)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)  # numbers and fixed words only
        self.title.setObjectName("claimTitle")
        lay.addWidget(self.title)
        self._buttons_row = QGridLayout()
        self._buttons_row.setSpacing(6)
        self.buttons: dict[str, QToolButton] = {}
        for key in PANEL_BUTTONS:
            b = QToolButton()
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.buttons[key] = b
        self.narrow = True
        self.set_narrow(False)
        lay.addLayout(self._buttons_row)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setAccessibleName("Suggested verdict and its reasons")
        lay.addWidget(self.suggestion)
        # minor notes ("named elsewhere in the reference", …) under a toggle, shut by default
        self.notes_toggle = QToolButton()
        self.notes_toggle.setObjectName("notesToggle")
        self.notes_toggle.setCheckable(True)
        self.notes_toggle.setAutoRaise(True)
        self.notes_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.notes_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.notes_toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.notes_toggle.setToolTip("Show or hide the notes: what the checks saw that does not decide the verdict")
        self.notes_toggle.toggled.connect(self._show_notes)
        lay.addWidget(self.notes_toggle)
        self.notes = QLabel()
        self.notes.setObjectName("reasonNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)  # escaped: built from the article's words
        self.notes.setAccessibleName("Notes on the suggestion")
        self.notes.hide()
        lay.addWidget(self.notes)
        self.link = QLabel()
        set_plain(self.link)
        self.link.setWordWrap(True)
        self.link.setTextFormat(Qt.TextFormat.PlainText)  # the label may quote the article's words
        self.link.setAccessibleName("Link to the reference")
        lay.addWidget(self.link)
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEditor")
        self.note.setPlaceholderText("Note on this claim (E to edit, Esc to leave)")
        self.note.setAccessibleName("Note on the current claim")
        self.note.setToolTip("Your note on this claim; saved with the project and in exports")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self._project: Project | None = None
        self._claim: int | None = None  # the claim shown
        self._note_claim: int | None = None  # the claim the note editor holds
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(400)
        self._note_timer.timeout.connect(self.commit_note)
        self.note.textChanged.connect(self._note_typed)
        self.note.installEventFilter(self)
        self._updating = False

    def set_narrow(self, narrow: bool) -> None:
        """The verdict buttons in one row, or in two when the panel is narrow (beside the articles)."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        grid = self._buttons_row
        for b in self.buttons.values():
            grid.removeWidget(b)
        per_row = 2 if narrow else len(self.buttons)
        for k, b in enumerate(self.buttons.values()):
            grid.addWidget(b, k // per_row, k % per_row)
        for col in range(len(self.buttons) + 1):
            grid.setColumnStretch(col, 1 if col == per_row else 0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.note and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.commit_note()
            self.left.emit()
            return True
        if obj is self.note and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return False

    def _show_notes(self, on: bool) -> None:
        self.notes_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.notes.setVisible(on and bool(self.notes.text()))

    def _note_typed(self) -> None:
        if not self._updating:
            self._note_timer.start()

    def commit_note(self) -> None:
        """The note as typed so far goes to the review (one undo step per pause in typing)."""
        self._note_timer.stop()
        p, cid = self._project, self._note_claim
        if p is None or cid is None or cid not in p.reviews:
            return
        text = self.note.toPlainText()
        if text != p.review(cid).note:
            self.note_edited.emit(p, cid, text)

    def refresh(self) -> None:
        """The claim shown, again (its verdict or link may have changed)."""
        self.show_claim(self._project, self._claim)

    def show_claim(self, p: Project | None, cid: int | None) -> None:
        """Show review claim ``cid`` of ``p`` (or that no claim is selected)."""
        if p is not self._project or cid != self._note_claim:
            self.commit_note()  # the note typed so far belongs to the claim it was typed for
        enabled = p is not None and cid is not None and cid in p.reviews
        for b in self.buttons.values():
            b.setEnabled(enabled)
        self.note.setEnabled(enabled)
        if not enabled or p is None or cid is None:
            self._project, self._claim = p, None
            self.title.setText("No claim selected")
            self.suggestion.setText("")
            self._set_notes([])
            self.link.setText("")
            self._set_note(None, "")
            return
        self._project, self._claim = p, cid
        r = p.review(cid)
        n = p.index_of("right", cid) + 1
        total = len(p.claims("right"))
        state = ("not a claim" if r.not_a_claim else
                 f"confirmed {VERDICT_NAMES[r.verdict].lower()}" if r.verdict else "not reviewed yet")
        self.title.setText(f"<b>Claim {n}</b> of {total} &nbsp;·&nbsp; {state}")
        for key, b in self.buttons.items():
            b.setChecked(r.not_a_claim if key == "not_a_claim" else (r.verdict == key and not r.not_a_claim))
        sv = r.suggestion.verdict
        colour = theme().verdict[sv].name()
        muted = theme().muted.name()
        deciding, notes = r.suggestion.reason_groups()  # what decides the verdict, then minor notes
        reasons = "".join(f"<li><span style='color:{muted}'>{escape(x.kind)}</span>&nbsp; "
                          f"{escape(x.text)}</li>" for x in deciding)
        self._set_notes([f"<li><span style='color:{muted}'>{escape(x.kind)}</span>&nbsp; {escape(x.text)}</li>"
                         for x in notes])
        check = is_check(r)
        hint = ("check: too unsure to accept with Enter — press C, A or U" if check else "Enter accepts")
        conf = "" if r.suggestion.confidence is None else f" · confidence {r.suggestion.confidence:.2f}"
        self.suggestion.setText(
            (f"<b style='color:{check_colour().name()}'>{CHECK_LETTER} {CHECK_NAME}</b> &nbsp;" if check else "")
            + f"Suggested: <b style='color:{colour}'>{VERDICT_NAMES[sv]}</b>"
            f" &nbsp;<span style='color:{muted}'>({hint}{conf})</span>"
            + (f"<ul style='margin-left:-20px'>{reasons}</ul>" if reasons else ""))
        links = p.links_of("right", cid)
        if links:
            across = crossling.is_crosslingual((r.suggestion,))
            rtext = p.claim_text("right", cid)

            def strength(lk: ProjectLink) -> str:
                if across:
                    return link_strength(lk.score, True)
                return link_label(rtext, [p.claim_text("left", lk.left)], lk.score, r.suggestion)

            parts = [f"reference sentence {p.index_of('left', lk.left) + 1}: {strength(lk)} "
                     f"(match {lk.score:.2f}{', linked by you' if lk.origin == 'manual' else ''})" for lk in links]
            self.link.setText("Linked to " + "; ".join(parts))
        else:
            self.link.setText("Not linked to the reference (select a reference sentence and press L to link it)")
        self._set_note(cid, r.note)

    def _set_notes(self, items: list[str]) -> None:
        """The notes of the claim shown (escaped list items); the toggle keeps the reviewer's choice."""
        self.notes_toggle.setVisible(bool(items))
        self.notes_toggle.setText(f"Notes ({len(items)})" if items else "")
        self.notes.setText(f"<ul style='margin-left:-20px'>{''.join(items)}</ul>" if items else "")
        self._show_notes(self.notes_toggle.isChecked())

    def _set_note(self, cid: int | None, note: str) -> None:
        if self._note_claim != cid:
            self.commit_note()
        self._note_claim = cid
        if self.note.toPlainText() != note:
            self._updating = True
            self.note.setPlainText(note)
            self._updating = False
