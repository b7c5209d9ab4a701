"""Keys and real prompts: go to claim N, Save/Discard/Cancel on closing, article details with undo, orphans.

Prompts here are the real message boxes and dialogs: a timer finds the modal widget once it is up
and answers it with keys or a click, as a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QWidget

from diptych.core.project_file import load_project, save_project
from diptych.ui.dialogs import ArticleDetailsDialog
from diptych.ui.main_window import MainWindow
from project_helpers import small_project
from test_ui_helpers import CTRL, SHIFT, Key, open_window, press, review_state, sample_project


def when_modal(answer: Callable[[QWidget], None], tries: int = 300) -> list[str]:
    """Answer the next modal widget (message box, input dialog) as soon as it is shown; returns the
    window titles of the prompts answered."""
    seen: list[str] = []

    def poll(left: int) -> None:
        box = QApplication.activeModalWidget()
        if box is not None and box.isVisible():
            seen.append(box.windowTitle())
            answer(box)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
    return seen


def test_ctrl_g_goes_to_claim_number_n(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    p = w.project
    assert p is not None
    rights = p.claims("right")
    assert w.current["right"] == rights[0].id

    def type_seven(box: QWidget) -> None:
        assert isinstance(box, QInputDialog)
        spin = box.focusWidget()  # the number field has the focus
        qtbot.keyClick(spin, Key.Key_A, CTRL)
        qtbot.keyClicks(spin, "7")
        qtbot.keyClick(spin, Key.Key_Return)

    seen = when_modal(type_seven)
    press(qtbot, Key.Key_G, CTRL)
    assert seen == ["Go to claim"]
    assert w.current["right"] == rights[6].id
    assert w.panel.title.text().startswith("<b>Claim 7</b>")
    # the pane holds the claim's partners as the current reference passage
    assert w.current["left"] in (p.partners("right", rights[6].id) or [None])


def _saved_window_with_an_edit(qtbot, tmp_path: Path) -> tuple[MainWindow, Path, bytes]:
    path = tmp_path / "review.diptych"
    save_project(sample_project(), path)
    before = path.read_bytes()
    w = open_window(qtbot, path=path)
    assert w.project is not None
    first = w.current["right"]
    assert first is not None
    press(qtbot, Key.Key_A)  # altered
    assert w.project.review(first).verdict == "altered"
    assert w.isWindowModified()
    return w, path, before


def _click(button_of: QMessageBox.StandardButton, qtbot) -> Callable[[QWidget], None]:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text().startswith("Save the changes to review.diptych")
        qtbot.mouseClick(box.button(button_of), Qt.MouseButton.LeftButton)

    return answer


def test_closing_with_unsaved_work_and_answering_save_writes_the_file(qtbot, tmp_path: Path) -> None:
    w, path, before = _saved_window_with_an_edit(qtbot, tmp_path)
    state = review_state(w.project)
    seen = when_modal(_click(QMessageBox.StandardButton.Save, qtbot))
    press(qtbot, Key.Key_Q, CTRL)
    assert len(seen) == 1
    assert not w.isVisible()
    assert path.read_bytes() != before
    assert review_state(load_project(path)) == state


def test_closing_with_unsaved_work_and_answering_discard_closes_without_writing(qtbot, tmp_path: Path) -> None:
    w, path, before = _saved_window_with_an_edit(qtbot, tmp_path)
    seen = when_modal(_click(QMessageBox.StandardButton.Discard, qtbot))
    press(qtbot, Key.Key_Q, CTRL)
    assert len(seen) == 1
    assert not w.isVisible()
    assert path.read_bytes() == before


def test_closing_with_unsaved_work_and_answering_cancel_keeps_the_window(qtbot, tmp_path: Path) -> None:
    w, path, before = _saved_window_with_an_edit(qtbot, tmp_path)

    def escape(box: QWidget) -> None:  # Esc is Cancel
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Key.Key_Escape)

    seen = when_modal(escape)
    press(qtbot, Key.Key_Q, CTRL)
    assert len(seen) == 1
    assert w.isVisible() and w.isWindowModified()
    assert path.read_bytes() == before
    # the edit is still there, and a second close can still save it
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    w.table.setFocus()
    seen = when_modal(_click(QMessageBox.StandardButton.Save, qtbot))
    qtbot.keyClick(w.table, Key.Key_Q, CTRL)
    assert len(seen) == 1 and not w.isVisible()
    assert any(r.verdict == "altered" for r in load_project(path).reviews.values())


def _details_dialog(qtbot, w: MainWindow) -> ArticleDetailsDialog:
    press(qtbot, Key.Key_I, CTRL)
    dlg = w.findChild(ArticleDetailsDialog)
    assert dlg is not None
    qtbot.waitExposed(dlg)
    return dlg


def _type(qtbot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)


def test_article_details_edit_is_one_undo_step_and_is_saved(qtbot, tmp_path: Path) -> None:
    w = open_window(qtbot, sample_project())
    p = w.project
    assert p is not None and p.reviewer == "" and p.articles["left"].provenance.outlet == ""
    dlg = _details_dialog(qtbot, w)
    _type(qtbot, dlg.reviewer, "Ada Reviewer")
    _type(qtbot, dlg.edits["left"]["url"], "https://example.org/original")
    _type(qtbot, dlg.edits["left"]["outlet"], "Example Wire")
    _type(qtbot, dlg.edits["left"]["published"], "18 March")  # not a date: the dialog says so and stays
    _type(qtbot, dlg.edits["right"]["retrieved"], "2024-03-20")
    qtbot.keyClick(dlg.edits["right"]["retrieved"], Key.Key_Return)
    assert dlg.isVisible() and dlg.error.isVisible() and "YYYY-MM-DD" in dlg.error.text()
    assert p.articles["left"].provenance.outlet == ""  # nothing applied yet
    _type(qtbot, dlg.edits["left"]["published"], "2024-03-18")
    qtbot.keyClick(dlg.edits["left"]["published"], Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)

    left, right = p.articles["left"].provenance, p.articles["right"].provenance
    assert (left.url, left.outlet, left.published) == ("https://example.org/original", "Example Wire", "2024-03-18")
    assert right.retrieved == "2024-03-20" and p.reviewer == "Ada Reviewer"
    assert "Example Wire" in w.headers["left"].text() and "2024-03-18" in w.headers["left"].text()
    assert w.isWindowModified()

    w.table.setFocus()
    press(qtbot, Key.Key_Z, CTRL)  # one step undoes the whole dialog
    assert p.reviewer == "" and p.articles["left"].provenance.outlet == ""
    assert p.articles["right"].provenance.retrieved == ""
    assert "Example Wire" not in w.headers["left"].text()
    press(qtbot, Key.Key_Z, CTRL | SHIFT)
    assert p.reviewer == "Ada Reviewer" and p.articles["left"].provenance.outlet == "Example Wire"

    path = tmp_path / "details.diptych"
    assert w.session.save_to(path)
    again = load_project(path)
    assert again.reviewer == "Ada Reviewer"
    assert again.articles["left"].provenance == p.articles["left"].provenance
    assert again.articles["right"].provenance.retrieved == "2024-03-20"


def test_article_details_cancel_changes_nothing(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    dlg = _details_dialog(qtbot, w)
    _type(qtbot, dlg.edits["right"]["outlet"], "Somewhere")
    qtbot.keyClick(dlg.edits["right"]["outlet"], Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)
    assert w.project is not None and w.project.articles["right"].provenance.outlet == ""
    assert not w.isWindowModified() and w.undo_stack.count() == 0


def test_orphans_tab_lists_what_a_corrected_text_lost(qtbot, tmp_path: Path) -> None:
    w = open_window(qtbot, small_project())
    p = w.project
    assert p is not None
    assert w.tabs.tabText(2) == "Unplaced (0)" and w.orphans_model.rowCount() == 0
    ids = {p.claim_text("right", c.id): c.id for c in p.claims("right")}
    council = ids["The council votes on a successor in May."]
    w.select_claim("right", council)
    w.table.setFocus()
    press(qtbot, Key.Key_C)
    w.select_claim("right", council)
    press(qtbot, Key.Key_E)
    qtbot.keyClicks(w.panel.note, "wire copy agrees")
    qtbot.keyClick(w.panel.note, Key.Key_Escape)
    assert p.review(council).verdict == "consistent" and p.review(council).note == "wire copy agrees"

    corrected = tmp_path / "review-v2.txt"
    corrected.write_text("Breaking news from the town hall.\nThe mayor resigned on Friday.\n"
                         "Turnout at the last elections was 14 per cent.\nRead more: politics\n", encoding="utf-8")

    def ok(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.text().startswith("Replace the review article")
        qtbot.keyClick(box, Key.Key_Return)

    seen = when_modal(ok)
    w.open_side("right", str(corrected))
    assert len(seen) == 1
    assert council not in {c.id for c in p.claims("right")}
    assert w.tabs.tabText(2) == "Unplaced (1)"
    m = w.orphans_model
    assert m.rowCount() == 1
    row = [m.index(0, c).data() for c in range(m.columnCount())]
    assert row == ["Review", "The council votes on a successor in May.", "Consistent", "wire copy agrees"]
    w.tabs.setCurrentIndex(2)
    assert w.orphans.isVisible()
    # replacing the text is one undo step: Ctrl+Z brings back the old text with its verdict and note
    w.tabs.setCurrentIndex(0)
    w.activateWindow()
    w.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.table, timeout=3000)
    press(qtbot, Key.Key_Z, CTRL)
    assert council in {c.id for c in p.claims("right")} and w.tabs.tabText(2) == "Unplaced (0)"
    assert p.review(council).note == "wire copy agrees" and "Breaking news" not in w.right.text
    press(qtbot, Key.Key_Z, CTRL | SHIFT)
    assert w.tabs.tabText(2) == "Unplaced (1)" and p.document("right").text.startswith("Breaking news")
    # the corrected text is unsaved work: closing asks, and Discard closes
    seen = when_modal(lambda box: qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard),  # type: ignore[attr-defined]
                                                   Qt.MouseButton.LeftButton))
    w.close()
    assert len(seen) == 1 and not w.isVisible()


def test_opening_pair_after_pair_keeps_one_document_per_pane(qtbot) -> None:
    # a replaced article's laid-out document is freed (it took about 70 MB per 1 MB article)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QTextDocument

    w = open_window(qtbot, sample_project())
    for _ in range(3):
        w.set_project(sample_project(), None)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert [len(p.findChildren(QTextDocument)) for p in (w.left, w.right)] == [1, 1]
    assert "President Donald Trump" in w.right.toPlainText()


def test_the_shortcuts_help_lists_every_key_the_window_answers_to(qtbot) -> None:
    """Pressing F1 opens the help; every shortcut of every menu action is in it (Ctrl+Alt+V too)."""
    import re

    w = open_window(qtbot, sample_project())
    press(qtbot, Key.Key_F1)
    qtbot.waitUntil(lambda: w.findChild(QWidget, "shortcutsDialog") is not None, timeout=5000)
    dlg = w.findChild(QWidget, "shortcutsDialog")
    text = next(lbl.text() for lbl in dlg.findChildren(QLabel) if lbl.accessibleName() == "Keyboard shortcuts")
    listed = {k.strip() for cell in re.findall(r"<code>(.*?)</code>", text) for k in re.split(r"  or  | / ", cell)}
    assert "Ctrl+Alt+V" in listed
    missing = [a.text() for a in w.findChildren(QAction) if a.shortcuts() and a.text()
               and not {s.toString() for s in a.shortcuts()} & listed]
    assert missing == []
    dlg.close()


def test_ctrl_f_finds_in_both_articles_steps_with_enter_and_closes_with_esc(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    p = w.project
    assert p is not None
    press(qtbot, Key.Key_F, CTRL)
    bar = w.findChild(QWidget, "findBar")
    assert bar is not None and bar.isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "Tammy Bruce")
    in_left = w.left.toPlainText().count("Tammy Bruce")
    in_right = w.right.toPlainText().count("Tammy Bruce")
    assert in_left and in_right
    assert bar.findChildren(QLabel)[-1].text() == f"{in_left + in_right} found"
    press(qtbot, Key.Key_Return)  # the first match: in the reference
    cur = w.left.textCursor()
    assert cur.selectedText() == "Tammy Bruce"
    assert w.current["left"] is not None and "Tammy Bruce" in p.claim_text("left", w.current["left"])
    for _ in range(in_left):  # past the reference's matches, into the review article's
        press(qtbot, Key.Key_Return)
    assert w.right.textCursor().selectedText() == "Tammy Bruce"
    press(qtbot, Key.Key_Return, SHIFT)  # back to the reference's last one
    assert w.left.textCursor().selectedText() == "Tammy Bruce"
    press(qtbot, Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is w.table


def test_undo_and_redo_are_offered_only_when_there_is_something_to_undo_or_redo(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    undo, redo = w.act["undo"], w.act["redo"]
    assert not undo.isEnabled() and not redo.isEnabled()  # a review just opened: nothing done yet
    press(qtbot, Key.Key_A)
    assert undo.isEnabled() and not redo.isEnabled()
    press(qtbot, Key.Key_Z, CTRL)
    assert not undo.isEnabled() and redo.isEnabled()
