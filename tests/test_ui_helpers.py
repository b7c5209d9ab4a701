"""Shared helpers of the window tests (no tests here): projects built in-process, prompts answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diptych.core.align import align
from diptych.core.ingest import document_from_text, read_document
from diptych.core.project import Article, ClaimSpan, Project, ProjectLink
from diptych.core.text import Document
from diptych.ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "resources" / "samples" / "reference-003.txt"
REVIEW = ROOT / "resources" / "samples" / "review-000.txt"


def open_window(qtbot, project: Project | None = None, path: Path | None = None,
                size: tuple[int, int] = (1300, 850)) -> MainWindow:
    """A shown, active window, with ``project`` set or the project file at ``path`` opened."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    if path is not None:
        assert w.session.open_project(str(path))
    elif project is not None:
        w.set_project(project, None)
    return w


def press(qtbot, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where a person's keyboard would send it: to the focused widget."""
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def sample_project() -> Project:
    return Project.from_alignment(align(read_document(REFERENCE), read_document(REVIEW)))


def project_from_texts(left: str, right: str) -> Project:
    return Project.from_alignment(align(document_from_text(left, "left.txt"), document_from_text(right, "right.txt")))


def lines_project(left_lines: list[str], right_lines: list[str], pairs: list[tuple[int, int]]) -> Project:
    """One claim per line, linked as ``pairs`` (left index, right index) say."""

    def article(lines: list[str], name: str) -> Article:
        text = "\n".join(lines) + "\n"
        claims, pos = [], 0
        for k, line in enumerate(lines):
            claims.append(ClaimSpan(k, pos, pos + len(line)))
            pos += len(line) + 1
        return Article(Document(text, name), claims)

    links = [ProjectLink(a, b, 0.9) for a, b in pairs]
    return Project(article(left_lines, "left.txt"), article(right_lines, "right.txt"), links)


def review_state(p: Project) -> dict[str, object]:
    """What a reviewer would compare: claims, links and every review, in plain values."""
    return {
        "left": [(c.id, c.start, c.end) for c in p.claims("left")],
        "right": [(c.id, c.start, c.end) for c in p.claims("right")],
        "links": sorted((lk.left, lk.right, lk.origin) for lk in p.links),
        "reviews": {cid: (r.verdict, r.not_a_claim, r.note) for cid, r in sorted(p.reviews.items())},
    }


@pytest.fixture(autouse=True)
def no_blocking_prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal prompts answer at once in tests (a modal loop would hang the run); returns their log."""
    asked: list[str] = []
    from diptych.ui import main_window, session

    def save_changes(_parent: object, name: str) -> str:
        asked.append(f"save {name}")
        return "discard"

    def confirm(_parent: object, message: str, detail: str = "", yes: str = "OK") -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(session, "ask_save_changes", save_changes)
    monkeypatch.setattr(main_window, "ask_confirm", confirm)
    monkeypatch.setattr(session, "ask_confirm", confirm)
    monkeypatch.setattr(session, "ask_recover",
                        lambda _p, name, when, **_kw: asked.append(f"recover {name}") or "recover")
    return asked
