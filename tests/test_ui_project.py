"""The window with project files: round trip, recovery after a crash, broken files, headless modes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from diptych.core.project_file import find_recovery, load_project, save_project
from diptych.ui.main_window import MainWindow
from test_ui_helpers import REFERENCE, REVIEW, no_blocking_prompts, review_state, sample_project  # noqa: F401

Key = Qt.Key


def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    return w


def review_some(qtbot, w: MainWindow) -> None:
    for key in (Key.Key_C, Key.Key_A, Key.Key_X, Key.Key_Return):
        qtbot.keyClick(QApplication.focusWidget(), key)
    w.panel.note.setFocus()
    qtbot.keyClicks(w.panel.note, "ask the outlet")
    qtbot.keyClick(w.panel.note, Key.Key_Escape)


def reviewing_a_saved_project(qtbot, tmp_path: Path) -> tuple[MainWindow, Path]:
    """A window with a saved project open and a few edits made since the save."""
    path = tmp_path / "review.diptych"
    save_project(sample_project(), path)
    w = window(qtbot)
    assert w.session.open_project(str(path))
    review_some(qtbot, w)
    return w, path


def test_create_edit_save_reopen_gives_the_same_review(qtbot, tmp_path: Path) -> None:
    w = window(qtbot)
    w.set_project(sample_project(), None)
    assert w.windowTitle().startswith("review-000.txt vs reference-003.txt")
    review_some(qtbot, w)
    assert w.isWindowModified()
    path = tmp_path / "review.diptych"
    assert w.session.save_to(path)
    assert not w.isWindowModified() and w.windowTitle().startswith("review.diptych")
    saved = review_state(w.project)
    w2 = window(qtbot)
    assert w2.session.open_project(str(path))
    assert review_state(w2.project) == saved
    assert not w2.isWindowModified()
    assert review_state(load_project(path)) == saved
    w2.close()
    w.close()


def test_recovery_offer_restores_unsaved_edits(qtbot, tmp_path: Path, no_blocking_prompts: list[str]) -> None:  # noqa: F811
    w, path = reviewing_a_saved_project(qtbot, tmp_path)
    edited = review_state(w.project)
    autosave = w.session.autosave()
    assert autosave is not None and autosave.is_file()
    os.utime(autosave, (path.stat().st_mtime + 5, path.stat().st_mtime + 5))
    assert find_recovery(path) is None  # the window that wrote it still runs
    assert find_recovery(path, w.session.instance) == autosave
    # the process "crashes": the window goes away without saving, the autosave stays
    w.session.mark_clean()
    w.close()
    w2 = window(qtbot)
    assert w2.session.open_project(str(path))
    assert "recover review.diptych" in no_blocking_prompts
    assert review_state(w2.project) == edited
    assert w2.isWindowModified()
    assert w2.session.save()
    assert find_recovery(path) is None and review_state(load_project(path)) == edited


def test_a_broken_project_shows_one_line_and_the_window_keeps_running(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "broken.diptych"
    bad.write_text('{"format": "diptych.project", "schema_version": 1, "left": ', encoding="utf-8")
    w = window(qtbot)
    assert not w.session.open_project(str(bad))
    boxes = [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
    assert boxes and "broken.diptych" in boxes[0].text() and "\n" not in boxes[0].text()
    assert any(b.text() == "Copy details" for b in boxes[0].buttons())
    assert w.project is None and w.isVisible()
    boxes[0].close()
    w.open_paths([str(tmp_path / "missing.txt")])
    boxes = [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
    assert boxes and "missing.txt" in boxes[0].text()
    from diptych.ui.dialogs import log_file

    assert "broken.diptych" in log_file().read_text(encoding="utf-8")
    for b in boxes:
        b.close()


def test_file_open_event_and_about_box(qtbot) -> None:
    from diptych.ui import app as app_module
    from diptych.ui.dialogs import about_html

    assert "LGPL" in about_html() and "download.qt.io" in about_html()
    qapp = app_module._application()
    w = window(qtbot)
    qapp._diptych_file_open.window = w
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        QApplication.sendEvent(qapp, QFileOpenEvent(str(REFERENCE)))
        QApplication.sendEvent(qapp, QFileOpenEvent(str(REVIEW)))
    assert w.project is not None and w.project.document("right").name == "review-000.txt"
    assert QEvent.Type.FileOpen  # the event type the filter handles
    qapp._diptych_file_open.window = None


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "diptych", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_screenshot_and_smoke_test_modes(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    r = run_cli("--screenshot", str(out), str(REFERENCE), str(REVIEW), "--size", "1200x800", tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert img.width() >= 1200 and img.height() >= 800
    bad = tmp_path / "bad.diptych"
    bad.write_bytes(b"\x00\x01binary")
    r = run_cli("--smoke-test", str(bad), tmp_path=tmp_path)
    assert r.returncode != 0 and r.stderr.count("\n") == 1 and "bad.diptych" in r.stderr


def test_timed_autosave_writes_in_the_background_what_was_there_when_it_started(qtbot, tmp_path: Path) -> None:
    w, path = reviewing_a_saved_project(qtbot, tmp_path)
    at_start = review_state(w.project)
    w.session.autosave_in_background()  # what the timer calls
    first = w.project.claims("right")[0].id
    w.project.set_note(first, "typed while the autosave was being written")
    qtbot.waitUntil(lambda: not w.session.autosaving, timeout=10000)
    recovered = load_project(find_recovery(path, w.session.instance) or path)
    assert review_state(recovered) == at_start
    assert recovered.reviews[first].note != "typed while the autosave was being written"
    w.session.mark_clean()
    w.close()



def test_ctrl_s_on_a_long_review_saves_in_the_background_and_keeps_later_edits_unsaved(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    import threading

    from diptych.core import project_file
    from diptych.ui import session
    from test_ui_helpers import CTRL, press

    monkeypatch.setattr(session, "BACKGROUND_SAVE_CHARS", 0)  # the sample pair counts as long
    gate = threading.Event()
    real_save = project_file.save_project

    def slow_save(project, path, instance=None) -> None:
        assert gate.wait(10)  # the file is being written while the reviewer goes on
        real_save(project, path, instance)

    monkeypatch.setattr(project_file, "save_project", slow_save)
    w, path = reviewing_a_saved_project(qtbot, tmp_path)
    saved_state = review_state(w.project)
    w.table.setFocus()
    press(qtbot, Key.Key_S, CTRL)
    assert w.session.saving is not None and w.isWindowModified()  # the window did not wait
    press(qtbot, Key.Key_U)  # a verdict while the save runs
    after = review_state(w.project)
    assert after != saved_state
    gate.set()
    qtbot.waitUntil(lambda: w.session.saving is None, timeout=10000)
    assert review_state(load_project(path)) == saved_state
    assert w.isWindowModified()  # the verdict given meanwhile is not in the file yet
    press(qtbot, Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: w.session.saving is None, timeout=10000)
    assert review_state(load_project(path)) == after and not w.isWindowModified()
    w.close()
