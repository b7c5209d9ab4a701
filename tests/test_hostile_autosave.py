"""One autosave per window: two windows on one project never overwrite or remove each other's
autosave, recovery offers every autosave newer than the project, only "Discard" removes one, and
the headless modes never wait on a prompt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from diptych.core.project_file import (
    autosave_path,
    find_recoveries,
    load_project,
    save_project,
    write_autosave,
)
from diptych.ui import session
from diptych.ui.dialogs import ask_recover
from diptych.ui.main_window import MainWindow
from project_helpers import small_project
from test_ui_helpers import no_blocking_prompts  # noqa: F401

pytestmark = pytest.mark.timeout(120)


def _window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def _ended_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leave(w: MainWindow) -> None:
    w.session.mark_clean()
    w.close()


def test_two_windows_on_one_project_keep_their_own_autosaves(qtbot, tmp_path: Path,
                                                             no_blocking_prompts: list[str]) -> None:  # noqa: F811
    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    a = _window(qtbot)
    assert a.session.open_project(str(path))
    b = _window(qtbot)
    assert b.session.open_project(str(path))
    warned = [m for m in b.findChildren(QMessageBox) if m.isVisible() and "already open elsewhere" in m.text()]
    assert warned, "the second window is warned"
    first = a.project.claims("right")[0].id
    a.project.set_note(first, "A's unsaved note")
    b.project.set_note(first, "B's unsaved note")
    a.session.mark_modified()
    b.session.mark_modified()
    where_a, where_b = a.session.autosave(), b.session.autosave()
    assert where_a and where_b and where_a != where_b
    assert load_project(where_a).review(first).note == "A's unsaved note"
    assert load_project(where_b).review(first).note == "B's unsaved note"
    assert b.session.save()  # B's save removes B's autosave only
    assert not where_b.exists() and where_a.exists()
    assert load_project(where_a).review(first).note == "A's unsaved note"
    # A saves over the file B wrote meanwhile: asked first, never silently
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9, path.stat().st_mtime_ns + 10**9))
    assert a.session.save()
    assert any("changed by another window" in q for q in no_blocking_prompts)
    assert not where_a.exists()
    for m in warned:
        m.close()
    _leave(a)
    _leave(b)


def _crashed_autosaves(path: Path) -> list[Path]:
    """Autosaves of two ended windows and of an older Diptych, all newer than the project."""
    out = []
    for k, instance in enumerate([f"{_ended_pid()}-aaaa1111", f"{_ended_pid()}-bbbb2222", None]):
        p = small_project()
        p.set_reviewer(f"crashed {k}")
        where = write_autosave(p, path, instance)
        t = path.stat().st_mtime_ns + (k + 1) * 10**9
        os.utime(where, ns=(t, t))
        out.append(where)
    return out


def test_recovery_offers_every_autosave_and_only_discard_removes_one(qtbot, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    saves = _crashed_autosaves(path)
    assert set(find_recoveries(path)) == set(saves)
    asked: list[str] = []
    monkeypatch.setattr(session, "ask_recover", lambda _p, name, when, **_kw: asked.append(name) or "keep")
    w = _window(qtbot)
    assert w.session.open_project(str(path))
    assert len(asked) == 3 and all(s.exists() for s in saves)  # closing the prompt keeps each one
    assert w.project.reviewer == ""
    _leave(w)
    answers = iter(["discard", "recover"])  # newest first: the older Diptych's, then window b's
    monkeypatch.setattr(session, "ask_recover", lambda _p, name, when, **_kw: next(answers))
    w = _window(qtbot)
    assert w.session.open_project(str(path))
    assert not saves[2].exists()  # discarded on purpose
    assert w.project.reviewer == "crashed 1" and w.isWindowModified()
    assert saves[0].exists()  # not offered after the recovery: still there for later
    assert w.session.autosave() is not None and not saves[1].exists()  # the window's own autosave holds it now
    _leave(w)


def test_escape_or_closing_the_recovery_prompt_keeps_the_autosave(qtbot) -> None:
    def press_escape() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press_escape)
            return
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(50, press_escape)
    assert ask_recover(None, "review.diptych", "2024-05-01 10:00") == "keep"

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_it)
            return
        box.close()

    QTimer.singleShot(50, close_it)
    assert ask_recover(None, "review.diptych", "2024-05-01 10:00") == "keep"

    def discard() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, discard)
            return
        next(b for b in box.buttons() if b.text() == "Discard autosave").click()

    QTimer.singleShot(50, discard)
    assert ask_recover(None, "review.diptych", "2024-05-01 10:00") == "discard"


@pytest.mark.parametrize("mode", ["--smoke-test", "--screenshot"])
def test_headless_modes_never_wait_on_the_recovery_prompt(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    saves = _crashed_autosaves(path)
    args = [mode] + ([str(tmp_path / "shot.png")] if mode == "--screenshot" else []) + [str(path)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "diptych", *args], env=env, capture_output=True, text=True,
                          timeout=90)
    assert proc.returncode == 0, proc.stderr
    assert all(s.exists() for s in saves)


def test_the_autosave_interval_is_set_by_the_environment(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPTYCH_AUTOSAVE_SECONDS", "3")
    w = _window(qtbot)
    assert w.session.autosave_timer.interval() == 3000 and w.session.autosave_timer.isActive()
    w.close()


def test_each_window_names_its_own_autosave_file(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    names = {autosave_path(path, "1-a"), autosave_path(path, "1-b"), autosave_path(path)}
    assert len(names) == 3 and all(n.parent == tmp_path for n in names)
