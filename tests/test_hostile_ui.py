"""Hostile text in the window: markup in an article, a project, a lock file or an error is shown as
text, and nothing it names is ever opened (a FIFO it points at would hang the window)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip

from diptych.core.align import AlignOptions, align
from diptych.core.project import Orphan, Project, Provenance, Review
from diptych.core.project_file import save_project
from diptych.core.text import Document
from diptych.core.verdict import Reason, Suggestion
from diptych.ui.main_window import MainWindow
from test_ui_helpers import no_blocking_prompts  # noqa: F401

pytestmark = pytest.mark.timeout(90)


_WATCHER = """
import os, sys, time
fifo, marker = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        time.sleep(0.002)
        continue
    open(marker, "w").close()
    os.close(fd)
"""


class FifoWatch:
    """A FIFO that reports whether anything opened it for reading: a separate process keeps trying
    to open it for writing without blocking, which succeeds only while a reader has it open (it then
    lets the reader go with an empty read, so even a failing run ends)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "trap.fifo"
        self.marker = folder / "trap.opened"
        os.mkfifo(self.path)
        self._proc = subprocess.Popen([sys.executable, "-c", _WATCHER, str(self.path), str(self.marker)])

    @property
    def opened(self) -> bool:
        return self.marker.exists()

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(10)


def _markup(fifo: Path) -> str:
    return f'<img src="{fifo}"><b>bold</b>'


def hostile_project(fifo: Path):
    bad = _markup(fifo)
    left = (f"The mayor resigned on Friday {bad}. She gave no reason.\n"
            "The council will vote on a successor in May.\n")
    right = (f"The mayor resigned on Friday {bad}. The council votes on a successor in May.\n"
             f"Turnout was 14 percent {bad}.\n")
    # a file name cannot hold the FIFO's absolute path; the window's folder is the FIFO's
    name = f"<img src='{fifo.name}'>.txt"
    p = Project.from_alignment(align(Document.from_raw(left, "ref" + name), Document.from_raw(right, name),
                                     AlignOptions(language="en")))
    for side in ("left", "right"):
        p.set_provenance(side, Provenance(f"https://example.org/{bad}", bad, bad, bad))  # type: ignore[arg-type]
    p.set_reviewer(bad)
    for c in p.claims("right"):
        n = c.end - c.start
        reason = Reason(bad, f"{bad} → {bad}", True, bad, bad, ((0, min(5, n)),), ((0, 0, 3),))
        p.reviews[c.id] = Review(Suggestion("altered", (reason,)), None, False, f"note {bad}\nline two")
    p.orphans.append(Orphan("right", 999, bad, bad, bad, 0, len(bad), (),
                            Review(Suggestion("altered", (Reason(bad, bad),)), "altered", False, bad)))
    return p


def _labels_are_safe(root: QApplication | object, needle: str) -> int:
    """Every label of every top-level widget: never left to guess its format, and the hostile text,
    where it shows, shows as text. Returns how many labels carried it."""
    carried = 0
    for top in QApplication.topLevelWidgets():
        for label in top.findChildren(QLabel):
            if not label.text():
                continue
            if needle in label.text() or "&lt;img" in label.text():
                carried += 1
            if label.textFormat() == Qt.TextFormat.PlainText:
                continue
            qt_own = label.objectName().startswith(("qt_", "qtooltip"))  # tooltips, message box parts
            assert qt_own or label.textFormat() == Qt.TextFormat.RichText, \
                f"{label.objectName() or type(label).__name__} guesses the format of {label.text()[:80]!r}"
            if label.textFormat() == Qt.TextFormat.RichText or QtGui_Qt.mightBeRichText(label.text()):
                assert needle not in label.text(), f"markup from data in rich text: {label.text()[:80]!r}"
    return carried


def _show_every_tooltip(qtbot, view, needle: str) -> int:
    """Ask the view for the tooltip of every cell (what hovering does) and render each one."""
    model = view.model()
    shown = 0
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            view.scrollTo(index)
            rect = view.visualRect(index)
            if not rect.isValid():
                continue
            pos = rect.center()
            QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos,
                                                               view.viewport().mapToGlobal(pos)))
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if tip:
                assert needle not in tip
                QToolTip.showText(view.viewport().mapToGlobal(pos), tip, view.viewport())
                shown += 1
            QApplication.processEvents()
    QToolTip.hideText()
    return shown


def test_hostile_article_and_project_never_open_what_their_markup_names(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_blocking_prompts: list[str]) -> None:  # noqa: F811
    monkeypatch.chdir(tmp_path)
    watch = FifoWatch(tmp_path)
    needle = "<img"
    try:
        # an article: a plain .txt with markup in its sentences and in its name
        article = tmp_path / "article.txt"
        article.write_text(f"First sentence {_markup(watch.path)} here.\nSecond line.\n", encoding="utf-8")
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.open_side("left", str(article))
        qtbot.wait(50)
        # a project whose every free-text field holds markup
        path = tmp_path / "hostile.diptych"
        save_project(hostile_project(watch.path), path)
        # a lock file of a live process (the test runner's parent) whose owner name holds markup
        lock = tmp_path / ".hostile.diptych.lock"
        lock.write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(), "user": _markup(watch.path),
                                    "since": _markup(watch.path), "token": "other"}), encoding="utf-8")
        assert w.session.open_project(str(path))
        qtbot.waitUntil(lambda: w.project is not None, timeout=10000)
        boxes = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
        assert boxes, "the lock warning is shown"
        assert any("&lt;img" not in b.text() and needle in b.text() for b in boxes)  # the owner, literally
        for b in boxes:
            b.close()
        # every claim selected: the panel shows reason kinds, texts, notes; the panes mark reasons
        p = w.project
        assert p is not None
        for c in p.claims("right"):
            w.select_claim("right", c.id)
            QApplication.processEvents()
            assert needle in w.panel.note.toPlainText()
            # escaped inside the panel's own rich text (the reasons, and the notes under their toggle)
            assert "&lt;img" in w.panel.suggestion.text() + w.panel.notes.text()
            for pane in w.panes.values():
                for m in pane.marks:
                    if m.tip:
                        assert needle not in m.tip
                        QToolTip.showText(pane.viewport().mapToGlobal(QPoint(40, 40)), m.tip, pane.viewport())
                        QApplication.processEvents()
        for c in p.claims("left"):
            w.select_claim("left", c.id)
            QApplication.processEvents()
        tips = sum(_show_every_tooltip(qtbot, view, needle) for view in (w.table, w.omissions, w.orphans))
        assert tips >= len(p.claims("right"))
        for action in w.findChildren(type(w.recent_menu.menuAction())):
            assert needle not in action.toolTip()
        w.recent.fill()
        # an error dialog whose message carries data (the format value of a file)
        bad_file = tmp_path / "bad.diptych"
        bad_file.write_text(json.dumps({"format": f"<img src='{watch.path.name}'>"}), encoding="utf-8")
        assert not w.session.open_project(str(bad_file))
        errors = [b for b in w.findChildren(QMessageBox) if b.objectName() == "errorDialog"]
        assert errors and needle in errors[-1].text()
        w.statusBar().showMessage(_markup(watch.path))
        assert _labels_are_safe(QApplication.instance(), needle) >= 3  # panes' headers, link, boxes...
        w.grab()  # paint everything once more
        QApplication.processEvents()
        for b in w.findChildren(QMessageBox):
            b.close()
        w.session.mark_clean()
    finally:
        watch.stop()
    assert not watch.opened, "something opened the FIFO the markup names"


def test_save_and_autosave_failures_are_shown_and_the_autosave_keeps_running(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from diptych.core.project_file import autosave_path, load_project
    from project_helpers import small_project

    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.session.open_project(str(path))
    p = w.project
    assert p is not None
    first = p.claims("right")[0].id
    w.panel.commit_note()
    p.set_note(first, "half a character: \ud800")  # text no file can hold (a broken clipboard, say)
    w.session.mark_modified()
    w.session.autosave_in_background()
    qtbot.waitUntil(lambda: not w.session.autosaving, timeout=10000)
    assert "Autosave failed" in w.statusBar().currentMessage()
    assert "surrogate" in w.statusBar().currentMessage()
    before = path.read_bytes()
    assert not w.session.save_to(path)
    assert "Not saved" in w.statusBar().currentMessage()
    errors = [b for b in w.findChildren(QMessageBox) if b.objectName() == "errorDialog"]
    assert errors and "surrogate" in errors[-1].text()
    assert path.read_bytes() == before
    for b in errors:
        b.close()
    # the reviewer fixes the note: the next timed autosave works
    p.set_note(first, "a whole note")
    w.session.autosave_in_background()
    qtbot.waitUntil(lambda: not w.session.autosaving, timeout=10000)
    found = [f for f in tmp_path.iterdir() if f.name.endswith(".autosave")] or [autosave_path(str(path))]
    assert load_project(found[0]).review(first).note == "a whole note"
    w.session.mark_clean()


def test_a_pane_marks_nothing_outside_its_text(qtbot) -> None:
    from diptych.ui.text_pane import Mark, TextPane

    pane = TextPane("right")
    qtbot.addWidget(pane)
    pane.set_text("A short text.")
    pane.set_marks([Mark(2, 2**40, "reason", "far"), Mark(2**31, 2**63, "diff"), Mark(-5, 3, "find")])
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in pane.extraSelections()]
    assert spans == [(2, 13), (13, 13), (0, 3)]
