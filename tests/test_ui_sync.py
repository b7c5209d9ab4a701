"""Synchronised scrolling follows the links (also crossing ones), has no echo, and can be turned off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from diptych.ui.main_window import MainWindow
from diptych.ui.sync import calc_syncpoint, ordered_chain
from test_ui_helpers import lines_project, no_blocking_prompts, open_window, sample_project  # noqa: F401

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


def test_crossing_links_follow_the_order_kept_half_and_the_toggle_stops_syncing(qtbot) -> None:
    # the review article tells the second half first: one half of the links keeps the order
    pairs = [(k, (k + N // 2) % N) for k in range(N)]
    w = make_window(qtbot, pairs)
    chain = w.sync.chain()
    assert len(chain) == N // 2, "the panes follow the links of one half, which keep the order"
    li, ri = chain[len(chain) // 2]
    w.left.verticalScrollBar().setValue(0)
    top, bottom = w.left.claim_yrange(li)
    w.left.verticalScrollBar().setValue(int((top + bottom) / 2 - 0.5 * w.left.viewport().height()))
    r_top, r_bottom = w.right.claim_yrange(ri)
    ry = sync_y(w.right, w.right.verticalScrollBar().value())
    assert r_top - 2 <= ry <= r_bottom + 2, "the partner sits at the sync point of the other pane"
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


def wheel(pane, steps: int) -> None:
    """A mouse-wheel turn of ``steps`` notches over ``pane`` (negative: down the article)."""
    vp = pane.viewport()
    pos = QPointF(vp.width() / 2, vp.height() / 2)
    ev = QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)


def scroll_through(qtbot, src, dst) -> tuple[list[int], list[int]]:
    """Wheel ``src`` down to its end and back up to its top; the other pane's positions seen."""
    down, up = [dst.verticalScrollBar().value()], []
    sb = src.verticalScrollBar()
    for _ in range(400):
        if sb.value() >= sb.maximum():
            break
        wheel(src, -1)
        down.append(dst.verticalScrollBar().value())
    assert sb.value() == sb.maximum()
    up.append(dst.verticalScrollBar().value())
    for _ in range(400):
        if sb.value() <= 0:
            break
        wheel(src, 1)
        up.append(dst.verticalScrollBar().value())
    assert sb.value() == 0
    return down, up


@pytest.mark.timeout(60)
@pytest.mark.parametrize("side", ["left", "right"])
def test_on_the_reordered_sample_the_other_pane_only_follows(qtbot, side) -> None:
    w = open_window(qtbot, sample_project(), size=(1100, 560))
    qtbot.waitUntil(lambda: w.left.layout_done() and w.right.layout_done(), timeout=5000)
    links = [(w.left.index_of(lk.left), w.right.index_of(lk.right)) for lk in w.project.links]
    crossing = [a for a in links for b in links if a[0] < b[0] and a[1] > b[1]]
    assert crossing, "the sample review tells some passages in another order"
    src, dst = (w.left, w.right) if side == "left" else (w.right, w.left)
    assert dst.verticalScrollBar().maximum() > 0
    down, up = scroll_through(qtbot, src, dst)
    assert all(b >= a for a, b in zip(down, down[1:], strict=False)), f"the other pane moved back up: {down}"
    assert down[-1] == dst.verticalScrollBar().maximum(), "the other pane reaches its end with this one"
    assert len(set(down)) > 5, "the other pane follows along the way"
    assert all(b <= a for a, b in zip(up, up[1:], strict=False)), f"the other pane moved back down: {up}"
    assert up[-1] == 0, "both panes are back at the top"


def test_the_chain_keeps_the_heaviest_order_keeping_links() -> None:
    # three links in order and one long passage told first in the review
    pairs = [(0, 1), (1, 2), (2, 3), (3, 0)]
    assert [pairs[k] for k in ordered_chain(pairs, [1, 1, 1, 1])] == [(0, 1), (1, 2), (2, 3)]
    assert [pairs[k] for k in ordered_chain(pairs, [1, 1, 1, 10])] == [(3, 0)]
    # a claim linked twice keeps one of its links only
    assert len(ordered_chain([(0, 0), (0, 1), (1, 2)], [1, 1, 1])) == 2


@pytest.mark.timeout(60)
def test_a_long_pair_is_measured_once_laid_out_so_the_first_scroll_does_not_measure_it(qtbot, monkeypatch) -> None:
    # two articles long enough to be laid out in idle slices (past SMALL_ARTICLE units each)
    from diptych.ui import sync as sync_module

    n = 1400
    left = [f"Reference sentence {k} says something about topic {k} in a few more words than that." for k in range(n)]
    right = [f"Review sentence {k} repeats topic {k} and adds a short remark of its own." for k in range(n)]
    assert sum(map(len, left)) > sync_module.SMALL_ARTICLE and sum(map(len, right)) > sync_module.SMALL_ARTICLE
    w = open_window(qtbot, lines_project(left, right, [(k, k) for k in range(0, n, 7)]), size=(1200, 800))
    qtbot.waitUntil(lambda: w.left.layout_done() and w.right.layout_done(), timeout=30000)

    def measured_as_shown() -> bool:  # the idle measurement ran after the last slice and any later change of height
        shown = (w.sync._doc_height(w.left), w.sync._doc_height(w.right), float(w.left.viewport().width()),
                 float(w.right.viewport().width()))
        return w.sync._knots_key == shown

    qtbot.waitUntil(measured_as_shown, timeout=10000)
    measured: list[int] = []
    original = sync_module.SyncScroller._build_knots

    def counted(self, which: int):  # type: ignore[no-untyped-def]
        measured.append(which)
        return original(self, which)

    monkeypatch.setattr(sync_module.SyncScroller, "_build_knots", counted)
    sb = w.left.verticalScrollBar()
    sb.setValue(sb.maximum() // 2)
    assert measured == [], "the first scroll measured the whole pair"
    assert w.right.verticalScrollBar().value() > 0, "the other pane followed"
