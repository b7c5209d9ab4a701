"""Word documents: tables are kept in document order, headers, footers and footnotes on request."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from diptych.core.align import AlignOptions, align
from diptych.core.ingest import read_document
from diptych.core.project import Project

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>Source: the council minutes of 4 May.</w:t></w:r></w:p>'
             '</w:footnote></w:footnotes>')


def _vote_document() -> docx.Document:
    d = docx.Document()
    d.add_paragraph("The council voted on the budget.")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Votes", "Count"), ("Votes for", "7"), ("Votes against", "2")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    d.add_paragraph("The budget passed.")
    return d


def test_table_rows_are_lines_between_the_paragraphs(tmp_path: Path) -> None:
    _vote_document().save(tmp_path / "a.docx")
    assert read_document(tmp_path / "a.docx").text == (
        "The council voted on the budget.\nVotes | Count\nVotes for | 7\nVotes against | 2\nThe budget passed.")


def test_a_merged_cell_is_read_once(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Result of the vote"
    t.cell(0, 2).text = "May"
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "for", "7", ""
    d.save(tmp_path / "m.docx")
    assert read_document(tmp_path / "m.docx").text == "Result of the vote | May\nfor | 7 | "


def test_table_row_is_a_claim_the_linker_compares(tmp_path: Path) -> None:
    _vote_document().save(tmp_path / "ref.docx")
    changed = _vote_document()
    changed.tables[0].cell(1, 1).text = "9"
    changed.save(tmp_path / "rev.docx")
    project = Project.from_alignment(align(read_document(tmp_path / "ref.docx"), read_document(tmp_path / "rev.docx"),
                                           AlignOptions(language="en")))
    texts = {project.claim_text("right", c.id): c.id for c in project.claims("right")}
    assert "Votes for | 9" in texts
    (left_id,) = project.partners("right", texts["Votes for | 9"])
    assert project.claim_text("left", left_id) == "Votes for | 7"


def test_headers_footers_and_footnotes_only_when_asked(tmp_path: Path) -> None:
    d = _vote_document()
    d.sections[0].header.paragraphs[0].text = "City Gazette"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    notes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode("utf-8"), d.part.package)
    d.part.relate_to(notes, RT.FOOTNOTES)
    d.save(tmp_path / "x.docx")
    plain = read_document(tmp_path / "x.docx").text
    assert "City Gazette" not in plain and "Page 1" not in plain and "council minutes" not in plain
    full = read_document(tmp_path / "x.docx", word_extras=True).text
    assert full == ("City Gazette\n" + plain + "\nSource: the council minutes of 4 May.\nPage 1")


def test_command_line_reads_word_extras_only_with_the_flag(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    d = _vote_document()
    d.sections[0].footer.paragraphs[0].text = "Printed by the City Gazette"
    d.save(tmp_path / "a.docx")
    (tmp_path / "b.txt").write_text("The budget passed.\n", encoding="utf-8")

    def claims(*flags: str) -> list[str]:
        out = subprocess.run([sys.executable, "-m", "diptych", "align", str(tmp_path / "a.docx"),
                              str(tmp_path / "b.txt"), "--language", "en", *flags],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        text = read_document(tmp_path / "a.docx", word_extras=bool(flags)).text
        return [text[a:b] for a, b in json.loads(out.stdout)["left"]["claims"]]

    assert "Votes for | 7" in claims() and "Printed by the City Gazette" not in claims()
    assert claims("--word-extras")[-1] == "Printed by the City Gazette"
