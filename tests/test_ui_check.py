"""Suggestions to check in the window: a distinct badge, a list filter, changed words highlighted,
a status-bar count, Enter that leaves them unconfirmed, and link labels that match the verdict."""

from __future__ import annotations

from PySide6.QtCore import Qt

from diptych.core.verdict import needs_check
from diptych.ui.check import CHECK_FILTER, check_icon, is_check
from diptych.ui.claims_model import COL_LINK, COL_SUGGESTED, ClaimIdRole
from test_ui_helpers import (  # noqa: F401
    Key,
    lines_project,
    no_blocking_prompts,
    open_window,
    press,
    sample_project,
)


def _select(qtbot, w, cid: int) -> None:
    w.select_claim("right", cid)
    w.table.setFocus()
    qtbot.waitUntil(lambda: w.current["right"] == cid, timeout=3000)


def test_enter_leaves_a_suggestion_to_check_unconfirmed(qtbot) -> None:
    p = sample_project()
    w = open_window(qtbot, p)
    unsure = [c.id for c in p.claims("right") if is_check(p.review(c.id))]
    sure = [c.id for c in p.claims("right") if not is_check(p.review(c.id))]
    assert unsure and sure
    assert f"{len(unsure)} to check" in w.counts_label.text()

    cid = unsure[0]
    _select(qtbot, w, cid)
    row = w.claims_model.row_of(cid)
    cell = w.claims_model.index(row, COL_SUGGESTED)
    assert cell.data().startswith("Check: ")
    assert cell.data(Qt.ItemDataRole.DecorationRole).cacheKey() == check_icon().cacheKey()
    assert "Check" in w.panel.suggestion.text() and "Enter accepts" not in w.panel.suggestion.text()
    press(qtbot, Key.Key_Return)
    assert p.review(cid).verdict is None and w.current["right"] == cid  # not confirmed, not moved on
    assert "needs a check" in w.statusBar().currentMessage()
    press(qtbot, Key.Key_A)  # the reviewer decides
    assert p.review(cid).verdict == "altered"
    assert f"{len(unsure) - 1} to check" in w.counts_label.text()

    other = sure[0]
    _select(qtbot, w, other)
    suggested = p.review(other).suggestion.verdict
    press(qtbot, Key.Key_Return)
    assert p.review(other).verdict == suggested  # a sure suggestion is still accepted by Enter


def test_the_check_filter_lists_exactly_the_suggestions_to_check(qtbot) -> None:
    p = sample_project()
    w = open_window(qtbot, p)
    w.filter_combo.setCurrentText(CHECK_FILTER)
    shown = [w.proxy.index(k, 0).data(ClaimIdRole) for k in range(w.proxy.rowCount())]
    assert shown and sorted(shown) == sorted(c.id for c in p.claims("right") if needs_check(p.review(c.id).suggestion))


def test_changed_words_of_a_suggestion_to_check_are_highlighted(qtbot) -> None:
    left = ["The council met on Monday to discuss the budget."]
    right = ["Councillors gathered on Monday and talked about spending."]
    p = lines_project(left, right, [])
    p.add_link(0, 0, 0.52, "auto")  # a weak link: its suggestion is unsure
    assert is_check(p.review(0)), p.review(0).suggestion
    w = open_window(qtbot, p)
    _select(qtbot, w, 0)
    text = p.claim_text("right", 0)
    marked = {text[m.start:m.end] for m in w.right.marks if m.kind == "check"}
    assert {"gathered", "talked", "spending"} <= marked and "Monday" not in marked


def test_a_changed_pair_is_never_labelled_identical(qtbot) -> None:
    p = lines_project(["We are thrilled with the result."], ["We are not thrilled with the result."], [])
    p.add_link(0, 0, 1.0, "auto")
    w = open_window(qtbot, p)
    _select(qtbot, w, 0)
    label = w.claims_model.index(0, COL_LINK).data()
    assert not label.startswith(("identical", "minor edit")) and "negation" in label
    assert "identical" not in w.panel.link.text()
    q = lines_project(["“We are thrilled.”"], ['"We are  thrilled."'], [])
    q.add_link(0, 0, 1.0, "auto")
    w.set_project(q, None)
    assert w.claims_model.index(0, COL_LINK).data().startswith("identical")
