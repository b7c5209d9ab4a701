"""Dialogs: errors (one line + "Copy details", details logged), prompts, shortcuts help, About.

Every prompt is a small function here so the window's logic reads plainly and tests can answer
prompts without a modal loop.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from diptych import __version__
from diptych.ui.plain import message_box, set_plain

log = logging.getLogger("diptych")


def log_file() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("diptych", appauthor=False)) / "diptych.log"


_log_path: Path | None = None  # where the log handler writes (the log folder can change: a new home)


def _ensure_log() -> None:
    global _log_path
    try:
        path = log_file()
    except Exception:  # no log folder: the message still shows
        return
    if path == _log_path:
        return
    _log_path = path
    for old in list(log.handlers):
        if isinstance(old, logging.handlers.RotatingFileHandler):
            log.removeHandler(old)
            old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    except OSError:  # a read-only home must not stop the window
        pass


def log_error(message: str, details: str = "") -> None:
    _ensure_log()
    log.error("%s\n%s", message, details.rstrip())


def show_error(parent: QWidget | None, message: str, details: str = "") -> QMessageBox:
    """A one-line message with "Copy details"; the details also go to the log file. Non-blocking."""
    message = " ".join(str(message).split()) or "Something went wrong."
    log_error(message, details)
    box = message_box(QMessageBox.Icon.Warning, "Diptych", message, QMessageBox.StandardButton.Close, parent,
                      f"Details are in {log_file()}")
    box.setObjectName("errorDialog")
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    full = f"{message}\n\n{details}".strip() + f"\n\nLog file: {log_file()}"
    # Clicking an action-role button closes the box; copying is what the user asked for.
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(full))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = message_box(QMessageBox.Icon.Question, "Diptych", f"Save the changes to {name}?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent,
                      "“Don't save” drops your verdicts and notes since the last save; “Cancel” goes back "
                      "to the review.")
    # the same labels on every platform and style, as the message names them
    for button, label in ((QMessageBox.StandardButton.Save, "Save"),
                          (QMessageBox.StandardButton.Discard, "Don't save"),
                          (QMessageBox.StandardButton.Cancel, "Cancel")):
        box.button(button).setText(label)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")


RECOVER, KEEP_SAVED, NOT_NOW, DISCARD_AUTOSAVE = ("Recover autosave", "Open the saved file", "Not now",
                                                 "Discard autosave")


def ask_recover(parent: QWidget | None, name: str, when: str, saved: bool = True) -> str:
    """'recover', 'discard' (only that button removes the autosave) or 'keep' (Esc, closing).
    ``saved``: the review has a saved file (else the autosave is of a review never saved)."""
    keep_label = KEEP_SAVED if saved else NOT_NOW
    keep_does = ("opens the review as it was last saved and keeps the autosave for later" if saved
                 else "starts without it and keeps the autosave for the next start")
    box = message_box(QMessageBox.Icon.Question, "Diptych",
                      f"Diptych found unsaved work on {name} from {when}. Recover it?",
                      QMessageBox.StandardButton.NoButton, parent,
                      f"“{RECOVER}” opens the autosaved review. “{keep_label}” {keep_does} (as closing this "
                      f"message does). “{DISCARD_AUTOSAVE}” deletes the autosave"
                      + (" and opens the saved file." if saved else "."))
    recover = box.addButton(RECOVER, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(DISCARD_AUTOSAVE, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(keep_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else "keep"


def ask_confirm(parent: QWidget | None, message: str, detail: str = "", yes: str = "OK") -> bool:
    """True when the reviewer presses ``yes`` (a button that says what it does); Cancel or Esc: False."""
    box = message_box(QMessageBox.Icon.Question, "Diptych", message, QMessageBox.StandardButton.Cancel, parent,
                      detail)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def warn_locked(parent: QWidget | None, name: str, owner: str) -> QMessageBox:
    box = message_box(QMessageBox.Icon.Warning, "Diptych",
                      f"{name} is already open elsewhere ({owner}).", QMessageBox.StandardButton.Ok, parent,
                      "Saving here may overwrite changes made there.")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_shortcuts(parent: QWidget | None) -> QDialog:
    dlg = QDialog(parent)
    dlg.setWindowTitle("Keyboard shortcuts")
    dlg.setObjectName("shortcutsDialog")
    lay = QVBoxLayout(dlg)
    from diptych.ui.actions import shortcuts_html

    label = QLabel(shortcuts_html())
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName("Keyboard shortcuts")
    lay.addWidget(label)
    from diptych.ui.legend import LegendWidget

    lay.addWidget(QLabel("<b>What the window shows</b>"))  # fixed text of ours, no data
    lay.addWidget(LegendWidget(dlg))
    close = QPushButton("Close")
    close.clicked.connect(dlg.accept)
    lay.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def about_html() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    return (
        f"<h3>Diptych {__version__}</h3>"
        "<p>Side-by-side fact-checking of an article against its reference: linked claims, "
        "verdicts, evidence.</p>"
        "<p>Diptych is free software under the MIT licence.</p>"
        f"<p>It uses Qt {qVersion()} and Qt for Python (PySide6) {pyside_version}, used under the "
        "GNU Lesser General Public License version 3 (LGPL-3.0). You may replace these libraries "
        "with modified versions. Their source code is available from "
        "<a href='https://download.qt.io/official_releases/qt/'>download.qt.io/official_releases/qt</a> "
        "and <a href='https://download.qt.io/official_releases/QtForPython/'>"
        "download.qt.io/official_releases/QtForPython</a> (also "
        "<a href='https://code.qt.io/cgit/pyside/pyside-setup.git/'>code.qt.io/pyside/pyside-setup</a>); "
        "the licence text is at <a href='https://www.gnu.org/licenses/lgpl-3.0.html'>"
        "gnu.org/licenses/lgpl-3.0</a>.</p>"
    )


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About Diptych")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


PROVENANCE_FIELDS = (("url", "URL", "https://…"), ("outlet", "Outlet", "e.g. Reuters"),
                     ("published", "Published", "YYYY-MM-DD"), ("retrieved", "Retrieved", "YYYY-MM-DD"))


class ArticleDetailsDialog(QDialog):
    """Each article's provenance (URL, outlet, publication date, date retrieved) and the reviewer.

    Non-blocking (``open()``); the window applies :meth:`values` when the dialog is accepted. Dates
    are ISO dates (YYYY-MM-DD) or empty; anything else keeps the dialog open with a one-line message.
    """

    def __init__(self, parent: QWidget | None, reviewer: str, provenance: dict[str, dict[str, str]],
                 names: dict[str, str]) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QGroupBox, QLineEdit

        super().__init__(parent)
        self.setObjectName("articleDetailsDialog")
        self.setWindowTitle("Article details")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        top = QFormLayout()
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setObjectName("reviewerEdit")
        self.reviewer.setAccessibleName("Reviewer name")
        self.reviewer.setPlaceholderText("Your name, as it appears in exports")
        top.addRow("&Reviewer:", self.reviewer)
        lay.addLayout(top)
        self.edits: dict[str, dict[str, QLineEdit]] = {}
        for side, title in (("left", "Reference"), ("right", "Review article")):
            box = QGroupBox(f"{title}: {names.get(side, '')}")  # a group box title is always plain text
            form = QFormLayout(box)
            self.edits[side] = {}
            for key, label, hint in PROVENANCE_FIELDS:
                e = QLineEdit(provenance.get(side, {}).get(key, ""))
                e.setObjectName(f"{side}_{key}")
                e.setPlaceholderText(hint)
                e.setAccessibleName(f"{title} {label.lower()}")
                form.addRow(f"{label}:", e)
                self.edits[side][key] = e
            lay.addWidget(box)
        self.error = QLabel()
        set_plain(self.error)
        self.error.setObjectName("detailsError")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def values(self) -> tuple[str, dict[str, dict[str, str]]]:
        return (self.reviewer.text().strip(),
                {side: {k: e.text().strip() for k, e in edits.items()} for side, edits in self.edits.items()})

    def accept(self) -> None:
        from datetime import date

        for edits in self.edits.values():
            for key in ("published", "retrieved"):
                text = edits[key].text().strip()
                try:
                    if text:
                        date.fromisoformat(text)
                except ValueError:
                    self.error.setText(f"“{text}” is not a date: write it as YYYY-MM-DD (e.g. 2024-03-18).")
                    self.error.show()
                    edits[key].setFocus()
                    edits[key].selectAll()
                    return
        super().accept()
