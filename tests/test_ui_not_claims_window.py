"""In the window: Enter on a navigation line marks it not a claim, the status bar's unsupported
share leaves such lines out, and View ▸ Legend opens the legend."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from diptych.core.not_claims import not_a_claim_kind
from test_ui_helpers import (  # noqa: F401
    Key,
    no_blocking_prompts,
    open_window,
    press,
    sample_project,
)


def test_enter_on_a_navigation_line_marks_it_not_a_claim(qtbot) -> None:
    p = sample_project()
    w = open_window(qtbot, p)
    nav = [c.id for c in p.claims("right") if not_a_claim_kind(p.review(c.id).suggestion, p.claim_text("right", c.id))]
    assert nav  # the sample review has "Read more" lines and an embedded post's byline
    share_before = w.coverage_label.text()
    assert "unsupported claims: " in share_before
    cid = nav[0]
    w.select_claim("right", cid)
    w.table.setFocus()
    qtbot.waitUntil(lambda: w.current["right"] == cid, timeout=3000)
    press(qtbot, Key.Key_Return)
    assert p.review(cid).not_a_claim and p.review(cid).verdict is None
    press(qtbot, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo brings it back
    assert not p.review(cid).not_a_claim


def test_status_share_leaves_out_lines_that_are_not_claims(qtbot) -> None:
    p = sample_project()
    w = open_window(qtbot, p)
    c = p.counts()
    raw = f"unsupported claims: {c['review_unsupported']:.0%}"
    assert raw not in w.coverage_label.text()  # the raw share counted navigation lines and posts
    assert "unsupported claims: " in w.coverage_label.text()


def test_view_legend_opens_the_legend(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    w.act["legend"].trigger()
    dialogs = [d for d in w.findChildren(QDialog) if d.windowTitle() == "Legend" and d.isVisible()]
    assert dialogs
    dialogs[0].close()
