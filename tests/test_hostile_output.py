"""What Diptych prints and exports cannot be turned against the reader: control characters in
``project show`` are escaped, spreadsheet formulas in a CSV are neutralised."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.export import export_csv, neutralise_cell
from diptych.core.project import Provenance
from diptych.core.project_file import save_project
from project_helpers import small_project

pytestmark = pytest.mark.timeout(60)

ESC = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
BIDI = "\u202egnp.exe"


def test_project_show_escapes_control_characters_in_every_one_line_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = small_project()
    p.set_reviewer(f"Mallory{ESC}\nreviewed: 99/99")
    p.set_provenance("left", Provenance(f"https://x.example/{BIDI}", f"Wire\r\n{ESC}", "2024\u20281", ""))
    folder = tmp_path / "a\x1b[1mb\nc"
    folder.mkdir()
    path = folder / "p.diptych"
    save_project(p, path)
    doc = json.loads(path.read_bytes())
    doc["generator"] = f"Diptych{ESC}"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["project", "show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out and "\u2028" not in out
    assert out.count("\n") == len(out.splitlines())  # every line is a line Diptych wrote
    assert "\\x1b[31m" in out and "\\u202e" in out and "Mallory" in out and "Diptych\\x1b]0;owned" in out
    assert not any(line.startswith("reviewed: 99/99") for line in out.splitlines())


def test_project_show_prints_a_file_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    raw = os.fsencode(tmp_path) + b"/bad-\xff.diptych"
    save_project(small_project(), os.fsdecode(raw))
    assert main(["project", "show", os.fsdecode(raw)]) == 0
    assert "bad-\\udcff.diptych" in capsys.readouterr().out


@pytest.mark.parametrize("cell", [" =1+1", "  +cmd|' /C calc'!A0", "\n=HYPERLINK(\"x\")", "\u00a0@SUM(A1)",
                                  "\uff1d1+1", "=1+1", "-2+3", "\t=1"])
def test_csv_neutralises_formulas_after_leading_whitespace_too(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain text", "x = 1", "41 → 14", ""])
def test_csv_leaves_ordinary_text_alone(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_an_exported_note_with_a_padded_formula_reads_back_as_text(tmp_path: Path) -> None:
    p = small_project()
    first = p.claims("right")[0].id
    p.set_note(first, " =1+1")
    out = tmp_path / "r.csv"
    export_csv(p, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert any("' =1+1" in row for row in rows)
