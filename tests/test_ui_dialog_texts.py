"""Every question the window asks names its buttons by the labels they carry, and each button does
what the question says it does. The prompts here are the real message boxes, answered by a timer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from diptych.core.project_file import save_project
from diptych.ui.dialogs import ask_confirm, ask_recover, ask_save_changes
from project_helpers import small_project
from test_ui_helpers import open_window, sample_project


def answer_box(pick: Callable[[QMessageBox], str], seen: list[QMessageBox]) -> None:
    """When the next message box is up: note it, then click the button whose label ``pick`` names."""

    def poll(left: int = 300) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box)
            label = pick(box)
            next(b for b in box.buttons() if b.text() == label).click()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def labels(box: QMessageBox) -> list[str]:
    return [b.text().replace("&", "") for b in box.buttons()]


def named_in_text(box: QMessageBox) -> list[str]:
    """The button names the message quotes (“…”)."""
    return re.findall(r"“([^”]+)”", box.text() + " " + box.informativeText())


def test_recovery_prompt_names_its_three_buttons_and_each_does_what_it_says(qtbot) -> None:
    answers = {"Recover autosave": "recover", "Open the saved file": "keep", "Discard autosave": "discard"}
    for label, expected in answers.items():
        seen: list[QMessageBox] = []
        answer_box(lambda _b, label=label: label, seen)
        assert ask_recover(None, "review.diptych", "2024-05-01 10:00") == expected
        box = seen[0]
        assert sorted(labels(box)) == sorted(answers)
        assert sorted(named_in_text(box)) == sorted(answers)
        assert "No keeps" not in box.informativeText()


def test_recovery_of_a_never_saved_review_offers_no_saved_file(qtbot) -> None:
    seen: list[QMessageBox] = []
    answer_box(lambda _b: "Not now", seen)
    assert ask_recover(None, "an unsaved review", "2024-05-01 10:00", saved=False) == "keep"
    assert sorted(labels(seen[0])) == ["Discard autosave", "Not now", "Recover autosave"]
    assert sorted(named_in_text(seen[0])) == ["Discard autosave", "Not now", "Recover autosave"]
    assert "saved file" not in seen[0].informativeText()


def test_save_changes_prompt_names_its_buttons(qtbot) -> None:
    for label, expected in (("Save", "save"), ("Don't save", "discard"), ("Cancel", "cancel")):
        seen: list[QMessageBox] = []
        answer_box(lambda _b, label=label: label, seen)
        assert ask_save_changes(None, "review.diptych") == expected
        assert sorted(labels(seen[0])) == ["Cancel", "Don't save", "Save"]
        assert set(named_in_text(seen[0])) <= set(labels(seen[0])) and "Don't save" in named_in_text(seen[0])


def test_confirm_button_says_what_it_does(qtbot) -> None:
    seen: list[QMessageBox] = []
    answer_box(lambda _b: "Swap and link again", seen)
    assert ask_confirm(None, "Swap?", "detail", yes="Swap and link again")
    assert sorted(labels(seen[0])) == ["Cancel", "Swap and link again"]
    answer_box(lambda _b: "Cancel", seen)
    assert not ask_confirm(None, "Swap?", "detail", yes="Swap and link again")


def test_the_window_questions_name_their_own_buttons(qtbot, tmp_path: Path) -> None:
    """Swap with review work, and saving over a file another program changed: the real prompts."""
    w = open_window(qtbot, sample_project())
    p = w.project
    assert p is not None
    p.set_note(p.claims("right")[0].id, "checked")  # review work: swapping asks first
    seen: list[QMessageBox] = []
    answer_box(lambda box: next(t for t in labels(box) if t != "Cancel"), seen)
    w.swap_sides()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    box = seen[0]
    assert "Cancel" in labels(box) and "OK" not in labels(box)
    assert named_in_text(box) and set(named_in_text(box)) <= set(labels(box))
    qtbot.waitUntil(lambda: w.jobs.job is None, timeout=30000)

    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    w2 = open_window(qtbot, path=path)
    path.write_bytes(path.read_bytes() + b"\n")  # another program changed the file meanwhile
    seen2: list[QMessageBox] = []
    answer_box(lambda _b: "Cancel", seen2)
    assert not w2.session.save_to(path)
    assert "Replace the file" in labels(seen2[0])
    assert set(named_in_text(seen2[0])) <= set(labels(seen2[0])) | {"File ▸ Save as…"}
