"""Badges in the review article's margin: two claims that start on one line get two badges, one
below the other, never drawn over each other, and a click on either picks its own claim."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from test_ui_helpers import open_window, sample_project


@pytest.mark.timeout(60)
def test_claims_sharing_a_line_get_badges_that_do_not_overlap(qtbot) -> None:
    p = sample_project()
    w = open_window(qtbot, p, size=(1600, 1000))
    pane = w.right
    margin = pane.margin
    shared = None
    for _ in range(40):  # scroll through the article until two claims start on one line
        rects = pane.badge_rects(margin.width())
        for (k1, r1), (k2, r2) in zip(rects, rects[1:], strict=False):
            assert r1.bottom() < r2.top(), f"badges of claims {k1} and {k2} overlap"
            if pane.claim_yrange(k1)[0] == pane.claim_yrange(k2)[0]:
                shared = (k2, r2)
        if shared:
            break
        pane.verticalScrollBar().setValue(pane.verticalScrollBar().value() + pane.viewport().height() // 2)
        QApplication.processEvents()
    assert shared is not None, "the sample pair has two claims starting on one line"
    k, rect = shared
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    assert w.current["right"] == pane.claims[k].id
