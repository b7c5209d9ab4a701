"""File ▸ Open URL…: the dialog that asks for two web addresses, and the fetching step of the
linking job (run in the job's thread, never the window's); File ▸ Fetch … again.

A fetch runs in a thread of its own that the job watches every 50 ms, so Cancel takes effect at
once even while a server is silent; the abandoned fetch ends by its own timeout.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from diptych.core.fetch import Fetched, fetch_article, is_url
from diptych.core.link import LinkCancelled
from diptych.core.project import Side
from diptych.core.text import Document

Source = str | Document


def valid_address(text: str) -> bool:
    from urllib.parse import urlsplit

    text = text.strip()
    if not text.lower().startswith(("http://", "https://")):
        return False
    try:
        return bool(urlsplit(text).hostname)
    except ValueError:
        return False


class OpenUrlDialog(QDialog):
    """Two addresses (reference, review article) and whether to keep the pages' HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openUrlDialog")
        self.setWindowTitle("Open URL")
        self.setMinimumWidth(620)
        intro = QLabel("Diptych fetches both pages, keeps the article text of each and links them. The project "
                       "keeps a snapshot of every page (its address, the time, its fingerprint and its text), "
                       "so reopening the review never fetches again.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.left = QLineEdit()
        self.right = QLineEdit()
        for edit, name in ((self.left, "Reference address"), (self.right, "Review article address")):
            edit.setPlaceholderText("https://…")
            edit.setAccessibleName(name)
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._check)
        self.keep_html = QCheckBox("Keep each page's HTML in the project (larger file)")
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("openUrlHint")
        form = QFormLayout()
        form.addRow("&Reference:", self.left)
        form.addRow("Review &article:", self.right)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Fetch and link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.keep_html)
        box.addWidget(self.hint)
        box.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        problems = [name for edit, name in ((self.left, "reference"), (self.right, "review article"))
                    if not valid_address(edit.text())]
        ok = not problems
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.hint.setText("" if ok else f"Give the {' and the '.join(problems)} as an http:// or https:// address.")

    def accept(self) -> None:
        if valid_address(self.left.text()) and valid_address(self.right.text()):
            super().accept()

    def addresses(self) -> tuple[str, str]:
        return self.left.text().strip(), self.right.text().strip()


def _watched(work: Callable[[], Any], cancelled: Callable[[], bool]) -> Any:
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as e:  # handed to the job's thread below
            box["error"] = e

    t = threading.Thread(target=run, name="diptych-fetch", daemon=True)
    t.start()
    while t.is_alive():
        if cancelled():
            raise LinkCancelled()
        t.join(0.05)
    if "error" in box:
        raise box["error"]
    return box["result"]


def fetch_sources(left: Source, right: Source, keep_html: bool, progress: Callable[[str, float], None],
                  cancelled: Callable[[], bool], word_extras: bool = False
                  ) -> tuple[Source, Source, dict[Side, Fetched | None]]:
    """Fetch the sides given as web addresses; with ``word_extras``, read Word files here with their
    headers, footers and footnotes; other files and documents pass through unchanged."""
    out: list[Source] = []
    fetched: dict[Side, Fetched | None] = {}
    for side, source in (("left", left), ("right", right)):
        if word_extras and isinstance(source, str) and source.lower().endswith(".docx"):
            from diptych.core.ingest import read_document

            source = read_document(source, word_extras=True)
        if isinstance(source, str) and is_url(source):
            label = "reference" if side == "left" else "review article"

            def report(stage: str, fraction: float, label: str = label) -> None:
                progress(f"{stage} ({label})", fraction)

            f = _watched(functools.partial(fetch_article, source, keep_html=keep_html, progress=report,
                                           cancelled=cancelled), cancelled)
            out.append(f.document)
            fetched[side] = f  # type: ignore[index]
        else:
            out.append(source)
            fetched[side] = None  # type: ignore[index]
    return out[0], out[1], fetched


def _refetch(url: str, keep_html: bool, progress: Callable[[str, float], None],
             cancelled: Callable[[], bool]) -> Fetched:
    """The page at ``url`` as it is now (in the job's thread)."""
    result: Fetched = _watched(lambda: fetch_article(url, keep_html=keep_html, progress=progress,
                                                     cancelled=cancelled), cancelled)
    return result


def show_dialog(window: Any) -> OpenUrlDialog:
    """Open the dialog (window-modal, not blocking); accepting it fetches and links the pair."""
    dlg = OpenUrlDialog(window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.url_dialog = dlg

    def accepted() -> None:
        if window.session.maybe_save():
            window.keep_page_html = dlg.keep_html.isChecked()
            window.start_linking(*dlg.addresses())

    dlg.accepted.connect(accepted)
    dlg.finished.connect(lambda _r: setattr(window, "url_dialog", None))
    dlg.open()
    return dlg


def fetch_again(window: Any, side: Side) -> None:
    """Fetch an article's page again in a job with progress and cancel, then re-anchor."""
    from diptych.ui.dialogs import show_error
    from diptych.ui.worker import Job

    page = window.project.articles[side].snapshot if window.project is not None else None
    if page is None or window.jobs.job is not None:
        return
    url, keep_html = page.url, page.html is not None
    job = Job(lambda progress, cancelled: _refetch(url, keep_html, progress, cancelled), window)
    job.done.connect(lambda fetched: _fetched_again(window, side, fetched))
    job.failed.connect(lambda message, details: show_error(window, message, details))
    job.was_cancelled.connect(lambda: window.statusBar().showMessage("Fetching cancelled", 5000))
    window.jobs.run(job, "Fetching…")


def _fetched_again(window: Any, side: Side, fetched: Fetched) -> None:
    """Re-anchor the review onto the page's new text, as for a corrected text (one undo step)."""
    import traceback
    from dataclasses import replace

    from diptych.core.anchor import reanchor
    from diptych.core.errors import DiptychError
    from diptych.ui import commands
    from diptych.ui.dialogs import show_error

    project = window.project
    if project is None:
        return
    try:
        new, orphans = reanchor(project, side, fetched.document)
    except DiptychError as e:
        show_error(window, str(e), traceback.format_exc())
        return
    art = new.articles[side]
    art.provenance = replace(project.articles[side].provenance, retrieved=fetched.provenance.retrieved)
    art.snapshot = fetched.snapshot
    same = fetched.document.text == project.document(side).text
    window.session.push(commands.ReplaceText(project, side, new))
    kept = f"; {len(orphans)} could not be placed and are kept in the Unplaced tab" if orphans else ""
    window.statusBar().showMessage("The article text is unchanged" if same
                                   else f"Fetched again: the text changed{kept}",
                                   10000)
