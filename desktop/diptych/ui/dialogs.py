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

log = logging.getLogger("diptych")
_log_ready = False


def log_file() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("diptych", appauthor=False)) / "diptych.log"


def _ensure_log() -> None:
    global _log_ready
    if _log_ready:
        return
    _log_ready = True
    try:
        path = log_file()
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
    box = QMessageBox(QMessageBox.Icon.Warning, "Diptych", message, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("errorDialog")
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    full = f"{message}\n\n{details}".strip() + f"\n\nLog file: {log_file()}"
    # Clicking an action-role button closes the box; copying is what the user asked for.
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(full))
    box.setInformativeText(f"Details are in {log_file()}")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(QMessageBox.Icon.Question, "Diptych", f"Save the changes to {name}?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText("Your verdicts and notes since the last save are lost if you don't save them.")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")


def ask_recover(parent: QWidget | None, name: str, when: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Diptych",
                      f"Diptych found unsaved work on {name} from {when}. Recover it?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText("Recover opens the autosaved review; No keeps the saved file and removes the autosave.")
    box.button(QMessageBox.StandardButton.Yes).setText("Recover")
    box.button(QMessageBox.StandardButton.No).setText("Discard autosave")
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_confirm(parent: QWidget | None, message: str, detail: str = "") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Diptych", message,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    if detail:
        box.setInformativeText(detail)
    return box.exec() == QMessageBox.StandardButton.Ok


def warn_locked(parent: QWidget | None, name: str, owner: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "Diptych",
                      f"{name} is already open elsewhere ({owner}).", QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("Saving here may overwrite changes made there.")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


SHORTCUTS = [
    ("Review", [
        ("C  or  1", "Consistent"), ("A  or  2", "Altered"), ("U  or  3", "Unsupported"),
        ("X", "Not a claim (excluded from counts)"), ("Enter", "Accept the suggested verdict"),
        ("Backspace", "Clear the verdict"), ("E", "Edit the note of the claim"),
    ]),
    ("Move", [
        ("N  or  J", "Next claim"), ("P  or  K", "Previous claim"), ("Shift+N", "Next unreviewed claim"),
        ("Ctrl+G", "Go to claim number…"), ("Ctrl+F", "Find in both articles"), ("F6", "Switch pane"),
    ]),
    ("Edit", [
        ("L", "Link the current reference passage to the current review claim"),
        ("Shift+L", "Remove that link"), ("S", "Split the claim at the caret"),
        ("M", "Merge the claim with the next one"), ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ]),
    ("Files", [
        ("Ctrl+O", "Open a project or an article pair"), ("Ctrl+S", "Save the project"),
        ("Ctrl+Shift+V", "Paste the clipboard as the review article"),
        ("Alt+S", "Toggle synchronised scrolling"), ("?", "This help"),
    ]),
]


def shortcuts_html() -> str:
    rows = []
    for group, items in SHORTCUTS:
        rows.append(f"<tr><td colspan=2 style='padding-top:10px'><b>{group}</b></td></tr>")
        for key, what in items:
            rows.append(f"<tr><td style='padding-right:18px'><code>{key}</code></td><td>{what}</td></tr>")
    return ("<p>Single-letter keys work whenever you are not typing in a note or a filter.</p>"
            "<table>" + "".join(rows) + "</table>")


def show_shortcuts(parent: QWidget | None) -> QDialog:
    dlg = QDialog(parent)
    dlg.setWindowTitle("Keyboard shortcuts")
    dlg.setObjectName("shortcutsDialog")
    lay = QVBoxLayout(dlg)
    label = QLabel(shortcuts_html())
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName("Keyboard shortcuts")
    lay.addWidget(label)
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
