"""The window's ways to articles from the web and to published fact-checks: File ▸ Export ▸
ClaimReview and File ▸ Open URL…"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from diptych.ui import main_window
from diptych.ui.main_window import MainWindow
from test_ui_helpers import sample_project


def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _menu_action(w: MainWindow, *names: str):
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == names[0])
    for name in names[1:]:
        found = next(a for a in menu.actions() if a.text().replace("&", "").startswith(name))
        if found.menu() is None:
            return found
        menu = found.menu()
    raise AssertionError(names)


def test_file_export_claimreview(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window(qtbot)
    p = sample_project()
    first = p.claims("right")[0].id
    p.set_verdict(first, "altered")
    w.set_project(p, None)
    qtbot.waitUntil(lambda: w.project is not None, timeout=5000)
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "File")
    file_menu.aboutToShow.emit()
    # articles from files: nothing to fetch
    assert not any(a.isEnabled() for a in (w.act["fetch_again_left"], w.act["fetch_again_right"]))
    out = tmp_path / "published.jsonld"
    asked: list[str] = []
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (asked.append(a[2]), (str(out), ""))[1])
    _menu_action(w, "File", "Export", "ClaimReview").trigger()
    assert asked and asked[0].endswith(".claimreview.jsonld")
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert [(g["claimReviewed"], g["reviewRating"]["alternateName"]) for g in graph] == [
        (p.claim_text("right", first), "altered")]
    w.close()
    QApplication.processEvents()


# ----- File ▸ Open URL… ---------------------------------------------------------------------------
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # noqa: E402

from web_server import PARAGRAPHS, serving  # noqa: E402


def _open_url_dialog(qtbot, w: MainWindow):
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.url_dialog is not None and w.url_dialog.isVisible(), timeout=3000)
    return w.url_dialog


def test_open_url_fetches_off_the_window_thread_and_keeps_snapshots(qtbot) -> None:
    w = window(qtbot)
    with serving() as web:
        dlg = _open_url_dialog(qtbot, w)
        ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and "http" in dlg.hint.text()
        qtbot.keyClicks(dlg.left, web.url("/moved"))
        assert not ok.isEnabled()
        qtbot.keyClicks(dlg.right, "ftp://127.0.0.1/x")
        assert not ok.isEnabled() and "review article" in dlg.hint.text()
        dlg.right.clear()
        qtbot.keyClicks(dlg.right, web.url("/article"))
        assert ok.isEnabled() and dlg.hint.text() == ""
        dlg.keep_html.setChecked(True)
        qtbot.keyClick(dlg.right, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.project is not None, timeout=30000)
    p = w.project
    assert p is not None
    right = p.articles["right"]
    assert right.snapshot is not None and right.snapshot.final_url == web.url("/article")
    assert right.snapshot.html is not None and right.provenance.outlet == "City Gazette"
    assert p.articles["left"].snapshot is not None and p.articles["left"].snapshot.url == web.url("/moved")
    assert PARAGRAPHS[0] in w.right.toPlainText()
    assert "cookies" not in w.right.toPlainText()
    w.close()


def test_open_url_failure_is_one_line_and_cancel_stops_a_slow_page(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window(qtbot)
    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _p, message, details="": shown.append(message))
    with serving() as web:
        dlg = _open_url_dialog(qtbot, w)
        qtbot.keyClicks(dlg.left, web.url("/article"))
        qtbot.keyClicks(dlg.right, web.url("/missing"))
        qtbot.keyClick(dlg.right, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(shown), timeout=30000)
        assert shown == [f"{web.url('/missing')}: HTTP 404 Not Found"] and w.project is None

        dlg = _open_url_dialog(qtbot, w)
        qtbot.keyClicks(dlg.left, web.url("/article"))
        qtbot.keyClicks(dlg.right, web.url("/slow"))
        qtbot.keyClick(dlg.right, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.jobs.job is not None and "Fetching" in w.jobs.label.text(), timeout=10000)
        assert w.jobs.cancel_button.isVisible()
        import time

        began = time.monotonic()
        w.jobs.cancel_button.click()
        qtbot.waitUntil(lambda: w.jobs.job is None, timeout=5000)
        assert time.monotonic() - began < 1.0
        assert w.project is None and len(shown) == 1
    assert not [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
    w.close()


def test_fetch_again_reanchors_the_review_onto_the_changed_page_and_undoes(qtbot) -> None:
    w = window(qtbot)
    with serving() as web:
        w.start_linking(web.url("/article"), web.url("/moved"))
        qtbot.waitUntil(lambda: w.project is not None and w.jobs.job is None, timeout=30000)
        p = w.project
        assert p is not None
        kept = next(c.id for c in p.claims("right") if p.claim_text("right", c.id) == PARAGRAPHS[1])
        p.set_verdict(kept, "consistent")
        before = p.articles["right"].snapshot
        assert before is not None
        menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "File")
        menu.aboutToShow.emit()
        assert w.act["fetch_again_left"].isEnabled() and w.act["fetch_again_right"].isEnabled()
        web.article = web.article.replace("seven votes to two", "eight votes to one")
        w.act["fetch_again_right"].trigger()
        qtbot.waitUntil(lambda: w.jobs.job is None and w.project.articles["right"].snapshot is not before,
                        timeout=30000)
    after = w.project.articles["right"].snapshot
    assert after is not None and after.sha256 != before.sha256 and after.url == before.url
    texts = [w.project.claim_text("right", c.id) for c in w.project.claims("right")]
    assert any("eight votes to one" in t for t in texts)
    assert w.project.review(kept).verdict == "consistent"  # the unchanged claim kept its verdict
    assert "eight votes to one" in w.right.toPlainText()
    w.undo_stack.undo()
    assert w.project.articles["right"].snapshot is before
    assert "seven votes to two" in w.project.document("right").text
    w.close()


def test_window_from_the_command_line_on_two_urls(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "diptych", *args], capture_output=True, text=True, env=env,
                              timeout=120)

    with serving() as web:
        shot = tmp_path / "shot.png"
        done = run("--screenshot", str(shot), web.url("/article"), web.url("/moved"), "--size", "1000x700")
        assert done.returncode == 0, done.stderr
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        failed = run("--screenshot", str(tmp_path / "no.png"), web.url("/article"), web.url("/missing"))
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
    assert "HTTP 404 Not Found" in failed.stderr and not (tmp_path / "no.png").exists()
