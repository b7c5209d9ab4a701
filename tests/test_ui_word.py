"""The window reads a Word file's headers, footers and footnotes only when File ▸ Read Word headers,
footers and footnotes is checked."""

from __future__ import annotations

from pathlib import Path

import docx

from diptych.ui.main_window import MainWindow


def test_word_extras_follow_the_menu_toggle(qtbot, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("The council voted on the budget.")
    d.sections[0].footer.paragraphs[0].text = "Printed by the City Gazette"
    d.save(tmp_path / "a.docx")
    (tmp_path / "b.txt").write_text("The council voted on the budget.\n", encoding="utf-8")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    for checked in (False, True):
        w.act["word_extras"].setChecked(checked)
        before = w.project
        w.start_linking(str(tmp_path / "a.docx"), str(tmp_path / "b.txt"))
        qtbot.waitUntil(lambda b=before: w.project not in (None, b) and w.jobs.job is None, timeout=30000)
        assert ("Printed by the City Gazette" in w.project.document("left").text) is checked
        assert ("Printed by the City Gazette" in w.left.toPlainText()) is checked
    w.close()
