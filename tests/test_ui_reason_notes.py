"""The claim panel: the reasons that decide the verdict in view, the minor notes under a toggle that
is shut by default and keeps the reviewer's choice from claim to claim."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_ui_helpers import open_window, sample_project


@pytest.mark.timeout(60)
def test_notes_are_shut_by_default_and_open_with_the_keyboard(qtbot) -> None:
    p = sample_project()
    with_notes = [c.id for c in p.claims("right") if p.review(c.id).suggestion.reason_groups()[1]]
    without = [c.id for c in p.claims("right") if not p.review(c.id).suggestion.reason_groups()[1]]
    assert len(with_notes) >= 2 and without
    w = open_window(qtbot, p)
    panel = w.panel
    first = with_notes[0]
    w.select_claim("right", first)
    QApplication.processEvents()
    deciding, notes = p.review(first).suggestion.reason_groups()
    assert panel.notes_toggle.isVisible() and panel.notes_toggle.text() == f"Notes ({len(notes)})"
    assert not panel.notes.isVisible(), "notes are shut by default"
    assert all(r.text not in panel.suggestion.text() for r in notes if r.text not in {d.text for d in deciding})
    panel.notes_toggle.setFocus()
    qtbot.keyClick(panel.notes_toggle, Qt.Key.Key_Space)
    assert panel.notes.isVisible()
    assert all(r.text.replace("'", "&#x27;") in panel.notes.text() or r.text in panel.notes.text() for r in notes)
    # the next claim with notes shows them open: the reviewer's choice stays
    w.select_claim("right", with_notes[1])
    QApplication.processEvents()
    assert panel.notes.isVisible()
    # a claim without notes shows no toggle
    w.select_claim("right", without[0])
    QApplication.processEvents()
    assert not panel.notes_toggle.isVisible() and not panel.notes.isVisible()
    w.select_claim("right", first)
    QApplication.processEvents()
    panel.notes_toggle.setFocus()
    qtbot.keyClick(panel.notes_toggle, Qt.Key.Key_Space)
    assert not panel.notes.isVisible()
