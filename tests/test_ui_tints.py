"""The tints of linked passages follow the verdict, not the raw link score: a reversal that shares
every word but one is not tinted as a near copy, in the panes, the gutter or the legend."""

from __future__ import annotations

import pytest

from diptych.ui.legend import ITEMS
from diptych.ui.style import current_theme
from test_ui_helpers import Key, lines_project, open_window, press

pytestmark = pytest.mark.timeout(60)

LEFT = ["Councillor Maria Lopez opposed the plan to close the library.",
        "The library opened in 1962 and lends about 40,000 books a year."]
RIGHT = ["Councillor Maria Lopez backed the plan to close the library.",
         "The library opened in 1962 and lends about 40,000 books a year."]


def _window(qtbot):  # type: ignore[no-untyped-def]
    p = lines_project(LEFT, RIGHT, [])
    p.add_link(0, 0, 0.95, "auto")  # nearly every word shared: a strong link score
    p.add_link(1, 1, 1.0, "auto")
    return p, open_window(qtbot, p)


def _tint(pane, cid: int) -> str | None:  # type: ignore[no-untyped-def]
    return pane.claims[pane.index_of(cid)].tint


def test_a_reversal_on_a_strong_link_is_tinted_changed_in_both_panes_and_the_gutter(qtbot) -> None:
    p, w = _window(qtbot)
    assert p.review(0).suggestion.verdict == "altered"
    assert _tint(w.right, 0) == "changed" and _tint(w.left, 0) == "changed"
    bands = {(g.left, g.right): g.strength for g in w.gutter.links}
    assert bands == {(0, 0): "changed", (1, 1): "identical"}
    assert _tint(w.right, 1) == "identical" and _tint(w.left, 1) == "identical"
    # the painters use the theme's colour for that key, and the legend explains it with the same one
    th = current_theme()
    assert th.strength["changed"] != th.strength["minor edit"]
    assert any(k == "tint_changed" for k, _t, _p in ITEMS)


def test_a_confirmed_verdict_retints_the_passage_at_once(qtbot) -> None:
    p, w = _window(qtbot)
    w.select_claim("right", 0)
    w.table.setFocus()
    qtbot.waitUntil(lambda: w.current["right"] == 0, timeout=3000)
    press(qtbot, Key.Key_C)  # the reviewer overrules the suggestion: consistent
    assert p.review(0).verdict == "consistent"
    assert _tint(w.right, 0) == "paraphrase" and _tint(w.left, 0) == "paraphrase"
    assert {(g.left, g.right): g.strength for g in w.gutter.links}[(0, 0)] == "paraphrase"
    w.undo_stack.undo()
    assert p.review(0).verdict is None and _tint(w.right, 0) == "changed"
