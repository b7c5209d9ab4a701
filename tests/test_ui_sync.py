"""Synchronised scrolling follows the links (also crossing ones), has no echo, and can be turned off."""

from __future__ import annotations

from diptych.ui.main_window import MainWindow
from diptych.ui.sync import calc_syncpoint
from test_ui_helpers import lines_project, no_blocking_prompts, open_window  # noqa: F401

N = 80


def make_window(qtbot, pairs: list[tuple[int, int]]) -> MainWindow:
    left = [f"Reference sentence {k} says something about topic {k} in a few words." for k in range(N)]
    # the review article has a long extra passage every tenth line, so line numbers do not match
    right = []
    for k in range(N):
        right.append(f"Review sentence {k} repeats topic {k}.")
        if k % 10 == 3:
            right.append("An added paragraph that the reference never had, long enough to wrap over "
                         "several lines in the pane and push everything below it further down. " * 3)
    idx = [i for i, t in enumerate(right) if t.startswith("Review")]
    p = lines_project(left, right, [(a, idx[b]) for a, b in pairs])
    w = open_window(qtbot, p, size=(1200, 800))
    return w


def sync_y(pane, value: int) -> float:
    sb = pane.verticalScrollBar()
    return value + calc_syncpoint(value, pane.viewport().height(), sb.maximum()) * pane.viewport().height()


def test_syncpoint_runs_from_top_to_bottom() -> None:
    assert calc_syncpoint(0, 500, 5000) == 0.0
    assert calc_syncpoint(2500, 500, 5000) == 0.5
    assert calc_syncpoint(5000, 500, 5000) == 1.0


def test_scrolling_one_pane_brings_the_partner_to_the_same_height(qtbot) -> None:
    w = make_window(qtbot, [(k, k) for k in range(N)])
    for target in (30, 55):
        left_idx = w.left.index_of(target)
        top, bottom = w.left.claim_yrange(left_idx)
        page = w.left.viewport().height()
        w.left.verticalScrollBar().setValue(int((top + bottom) / 2 - 0.5 * page))
        v = w.left.verticalScrollBar().value()
        y = sync_y(w.left, v)
        assert w.left.index_at_doc_y(y) == left_idx
        rid = w.project.partners("left", target)[0]
        r_top, r_bottom = w.right.claim_yrange(w.right.index_of(rid))
        ry = sync_y(w.right, w.right.verticalScrollBar().value())
        assert r_top - 2 <= ry <= r_bottom + 2, "the partner sits at the sync point of the other pane"
        assert w.left.verticalScrollBar().value() == v, "no echo back into the scrolled pane"


def test_crossing_links_are_followed_and_the_toggle_stops_syncing(qtbot) -> None:
    # the review article tells the second half first
    pairs = [(k, (k + N // 2) % N) for k in range(N)]
    w = make_window(qtbot, pairs)
    target = 10  # linked to review claim 50: far down in the right pane
    top, bottom = w.left.claim_yrange(w.left.index_of(target))
    w.left.verticalScrollBar().setValue(int((top + bottom) / 2 - 0.5 * w.left.viewport().height()))
    rid = w.project.partners("left", target)[0]
    r_top, r_bottom = w.right.claim_yrange(w.right.index_of(rid))
    ry = sync_y(w.right, w.right.verticalScrollBar().value())
    assert r_top - 2 <= ry <= r_bottom + 2
    assert w.gutter.visible_links(), "bands are drawn for the visible links"
    w.act["sync"].trigger()  # off
    before = w.right.verticalScrollBar().value()
    w.left.verticalScrollBar().setValue(w.left.verticalScrollBar().value() + 300)
    assert w.right.verticalScrollBar().value() == before
    w.act["sync"].trigger()  # on again
    w.left.verticalScrollBar().setValue(w.left.verticalScrollBar().value() + 10)
    assert w.right.verticalScrollBar().value() != before


def test_clicking_a_claim_scrolls_the_other_pane_to_its_partner(qtbot) -> None:
    w = make_window(qtbot, [(k, (k + N // 2) % N) for k in range(N)])
    w.act["sync"].setChecked(False)
    w.select_claim("right", w.right.claims[-1].id)
    lid = w.current["left"]
    assert lid is not None
    top, bottom = w.left.claim_yrange(w.left.index_of(lid))
    v = w.left.verticalScrollBar().value()
    assert v <= top and bottom <= v + w.left.viewport().height()
