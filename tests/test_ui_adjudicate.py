"""Adjudication in the window: compare two reviews, settle every disagreement by keys, save the merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from diptych.core.agree import compare, file_sha256, pending, to_text
from diptych.core.project_file import load_project, save_project
from diptych.ui.claims_model import DISAGREE
from test_agree import two_reviews
from test_ui_helpers import SHIFT, Key, no_blocking_prompts, open_window, press  # noqa: F401


@pytest.fixture
def reviews(tmp_path: Path) -> tuple[Path, Path]:
    a, b, _auto = two_reviews()
    pa, pb = tmp_path / "ada.diptych", tmp_path / "bea.diptych"
    save_project(a, pa)
    save_project(b, pb)
    return pa, pb


@pytest.fixture(autouse=True)
def _log_of_this_test() -> object:
    """The error log opens once per process, in the first test's home: closed again after these
    tests (which show errors), so that a later test finds its own log."""
    yield
    from diptych.ui import dialogs

    for handler in list(dialogs.log.handlers):
        dialogs.log.removeHandler(handler)
        handler.close()
    dialogs._log_ready = False


def _compare(qtbot, w, pb: Path) -> None:
    with qtbot.waitSignal(w.adjudication.ready, timeout=30000):
        w.adjudication.compare_with(pb)


def test_adjudication_by_keys_ends_in_a_merged_project(qtbot, reviews: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    pa, pb = reviews
    before = (pa.read_bytes(), pb.read_bytes())
    w = open_window(qtbot, path=pa, size=(1500, 950))
    file_menu = w.menuBar().actions()[0].menu()
    assert "Compare with another review…" in [a.text() for a in file_menu.actions()]
    from diptych.ui.actions import shortcuts_html

    for action in (w.adjudication.a_take_a, w.adjudication.a_take_b, w.adjudication.a_next):
        assert f"<code>{action.shortcut().toString()}</code>" in shortcuts_html()
    _compare(qtbot, w, pb)
    p = w.project
    assert p is not None and p.sources and w.session.path is None and w.isWindowModified()
    # the filter shows the five disagreements; the first one waiting is the current claim
    assert w.filter_combo.currentText() == DISAGREE and w.proxy.rowCount() == 5
    assert w.current["right"] == 1 and QApplication.focusWidget() is w.table
    panel = w.adjudication.panel
    assert panel.isVisible()
    assert panel.columns["A"].decision.text() == "Altered" and panel.columns["B"].decision.text() == "Consistent"
    assert panel.columns["A"].note.text() == "Note: A: the date is right"
    assert panel.columns["B"].note.text() == "Note: B: the spokesman is misquoted"
    assert "5 disagreements, 5 claims to settle" in panel.summary.text()

    press(qtbot, Key.Key_A, SHIFT)  # claim 1: A's
    assert p.review(1).verdict == "altered" and p.review(1).adjudication.decided_by == "A"
    assert p.review(1).note == "A: the date is right" and w.current["right"] == 7
    press(qtbot, Key.Key_B, SHIFT)  # claim 7: B's
    assert p.review(7).verdict == "altered" and p.review(7).adjudication.decided_by == "B"
    assert w.current["right"] == 9
    press(qtbot, Key.Key_U)  # claim 9: decided anew
    assert p.review(9).verdict == "unsupported" and not p.review(9).not_a_claim
    assert p.review(9).adjudication.decided_by == "adjudicator" and w.current["right"] == 12
    # claim 12 (B split it): B's, through the panel's button
    assert "in part" in panel.columns["B"].pairing.text()
    panel.buttons["B"].click()
    assert p.review(12).verdict == "altered" and w.current["right"] == 16
    # claim 16: B's decision brings B's links (B removed the link to reference passage 9); undo puts back
    assert sorted(p.partners("right", 16)) == [6, 9]
    press(qtbot, Key.Key_B, SHIFT)
    assert p.review(16).adjudication.decided_by == "B" and sorted(p.partners("right", 16)) == [6]
    assert pending(p) == []
    w.undo_stack.undo()
    assert p.review(16).verdict is None and p.review(16).adjudication.decided_by is None
    assert sorted(p.partners("right", 16)) == [6, 9] and pending(p) == [16]
    press(qtbot, Key.Key_D)
    assert w.current["right"] == 16
    press(qtbot, Key.Key_A, SHIFT)
    assert p.review(16).verdict == "consistent" and p.review(16).adjudication.decided_by == "A"
    assert pending(p) == [] and "0 claims to settle" in panel.summary.text()
    press(qtbot, Key.Key_D)
    assert "Every claim is settled" in w.statusBar().currentMessage()

    # the report has the figures of `diptych agree`
    dlg = w.adjudication.show_report()
    assert dlg is not None
    expected = to_text(compare(load_project(pa), load_project(pb), ("ada.diptych", "bea.diptych")).agreement)
    assert dlg.text.toPlainText() == expected
    dlg.close()

    # never over A or B; a new file is fine
    assert w.adjudication.suggested_name() == tmp_path / "ada-merged.diptych"
    assert not w.session.save_to(pa) and not w.session.save_to(pb)
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            assert "save the merged review as a new file" in box.text()
            box.close()
    assert (pa.read_bytes(), pb.read_bytes()) == before
    merged = tmp_path / "merged.diptych"
    assert w.session.save_to(merged) and not w.isWindowModified()

    m = load_project(merged)
    decided = {cid: (m.review(cid).verdict, m.review(cid).not_a_claim, m.review(cid).adjudication.decided_by)
               for cid in (0, 1, 7, 8, 9, 12, 16, 25, 27)}
    assert decided == {0: ("altered", False, "both"), 1: ("altered", False, "A"), 7: ("altered", False, "B"),
                       8: (None, True, "both"), 9: ("unsupported", False, "adjudicator"),
                       12: ("altered", False, "B"), 16: ("consistent", False, "A"),
                       25: ("unsupported", False, "A"), 27: ("consistent", False, "B")}
    assert (m.review(7).adjudication.a, m.review(7).adjudication.b) == ("unsupported", "altered")
    assert [(s.role, s.reviewer, s.name, s.sha256) for s in m.sources] == [
        ("A", "Ada", "ada.diptych", file_sha256(pa)), ("B", "Bea", "bea.diptych", file_sha256(pb))]
    assert sorted(m.partners("right", 16)) == [6, 9]
    assert (pa.read_bytes(), pb.read_bytes()) == before

    # another project ends the comparison: the panel and the filter go
    w.session.open_project(pa)
    assert not panel.isVisible() and w.filter_combo.findText(DISAGREE) < 0
    w.close()


def test_compare_refuses_a_review_of_another_pair(qtbot, reviews: tuple[Path, Path], tmp_path: Path) -> None:
    from project_helpers import small_project

    pa, _pb = reviews
    other = tmp_path / "other.diptych"
    save_project(small_project(), other)
    w = open_window(qtbot, path=pa)
    shown = w.project
    w.adjudication.compare_with(other)
    qtbot.waitUntil(lambda: w.jobs.job is None, timeout=30000)
    boxes = [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
    assert boxes and "review different articles" in boxes[0].text()
    assert w.project is shown and not w.adjudication.panel.isVisible()
    for b in boxes:
        b.close()
    w.close()


def test_compare_from_the_menu_saves_this_review_first_and_a_merge_reopens_with_its_filter(
        qtbot, reviews: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from diptych.ui import adjudicate

    pa, pb = reviews
    w = open_window(qtbot, path=pa)
    w.select_claim("right", 27)
    press(qtbot, Key.Key_U)  # A now reviews claim 27 too: an unsaved edit
    assert w.isWindowModified()
    asked: list[str] = []
    monkeypatch.setattr(adjudicate.QFileDialog, "getOpenFileName",
                        lambda _parent, title, folder, _filter: (asked.append(title), (str(pb), ""))[1])
    with qtbot.waitSignal(w.adjudication.ready, timeout=30000):
        w.adjudication.a_compare.trigger()
    assert asked == ["Compare with another review of the same pair"]
    assert load_project(pa).review(27).verdict == "unsupported"  # saved before it was compared
    p = w.project
    assert p is not None and p.review(27).adjudication.a == "unsupported"
    assert p.review(27).adjudication.b == "consistent" and p.review(27).verdict is None
    assert pending(p) == [1, 7, 9, 12, 16, 27]
    assert w.proxy.rowCount() == 6
    merged = tmp_path / "settled.diptych"
    assert w.session.save_to(merged)

    # reopened later: no comparison, but the filter still finds the claims the reviewers disagree on
    w.session.open_project(merged)
    assert not w.adjudication.panel.isVisible() and not w.adjudication.a_take_a.isEnabled()
    w.filter_combo.setCurrentText(DISAGREE)
    assert w.filter_combo.currentText() == DISAGREE and w.proxy.rowCount() == 6
    w.close()
