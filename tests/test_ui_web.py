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


def window(qtbot) -> MainWindow:  # noqa: ANN001
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _menu_action(w: MainWindow, *names: str):  # noqa: ANN202
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == names[0])
    for name in names[1:]:
        found = next(a for a in menu.actions() if a.text().replace("&", "").startswith(name))
        if found.menu() is None:
            return found
        menu = found.menu()
    raise AssertionError(names)


def test_file_export_claimreview(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    w = window(qtbot)
    p = sample_project()
    first = p.claims("right")[0].id
    p.set_verdict(first, "altered")
    w.set_project(p, None)
    qtbot.waitUntil(lambda: w.project is not None, timeout=5000)
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
