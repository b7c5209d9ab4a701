"""`diptych agree A B`: the figures as text, JSON and HTML; a merged project; exit code 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.agree import compare, file_sha256, pending
from diptych.core.project_file import load_project, save_project
from project_helpers import small_project
from test_agree import two_reviews


@pytest.fixture
def reviews(tmp_path: Path) -> tuple[Path, Path]:
    a, b, _auto = two_reviews()
    pa, pb = tmp_path / "ada.diptych", tmp_path / "bea.diptych"
    save_project(a, pa)
    save_project(b, pb)
    return pa, pb


def test_json_on_stdout_has_the_figures_of_the_core(reviews: tuple[Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    pa, pb = reviews
    capsys.readouterr()
    assert main(["agree", str(pa), str(pb), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ag = compare(load_project(pa), load_project(pb)).agreement
    for key in ("raw_agreement", "kappa", "kappa_per_verdict", "alpha", "confusion"):
        assert out[key] == ag.to_json()[key]
    assert out["raw_agreement"] == pytest.approx(0.8)
    assert set(out["links"]) >= {"precision", "recall", "f1"}
    assert out["links"]["f1"] == pytest.approx(40 / 43)
    assert out["reviewed"] == {"a": 27, "b": 28, "common": 25}
    assert out["reviewers"] == {"a": "Ada", "b": "Bea"} and out["meaningful"] is True
    assert out["files"] == {"a": "ada.diptych", "b": "bea.diptych"}


def test_text_and_html_reports_and_a_merged_project(reviews: tuple[Path, Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    pa, pb = reviews
    before = (pa.read_bytes(), pb.read_bytes())
    capsys.readouterr()
    assert main(["agree", str(pa), str(pb)]) == 0
    text = capsys.readouterr().out
    assert "Raw agreement" in text and "80.0%" in text and "Krippendorff's α (nominal)" in text
    merged = tmp_path / "merged.diptych"
    assert main(["agree", str(pa), str(pb), "--format", "html", "-o", str(tmp_path / "r.html"),
                 "--merged", str(merged)]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Cohen&#x27;s κ" in page and "0.725" in page
    m = load_project(merged)
    assert pending(m) == [1, 7, 9, 12, 16]
    assert [(s.role, s.reviewer, s.sha256) for s in m.sources] == [
        ("A", "Ada", file_sha256(pa)), ("B", "Bea", file_sha256(pb))]
    assert m.review(27).adjudication.decided_by == "B"
    assert (pa.read_bytes(), pb.read_bytes()) == before
    # the merged project is always a new file
    assert main(["agree", str(pa), str(pb), "--merged", str(merged)]) == 2


def test_bad_inputs_give_one_line_and_exit_2(reviews: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pa, pb = reviews
    before = (pa.read_bytes(), pb.read_bytes())
    other = tmp_path / "other.diptych"
    save_project(small_project(), other)
    notes = tmp_path / "notes.diptych"
    notes.write_text("just some notes\n", encoding="utf-8")
    copy = tmp_path / "copy.diptych"
    copy.write_bytes(pa.read_bytes())
    cases = [
        ([str(pa), str(other)], "review different articles"),
        ([str(pa), str(notes)], "notes.diptych: is not a Diptych project"),
        ([str(pa), str(pa)], "given twice"),
        ([str(pa), str(tmp_path / "." / "ada.diptych")], "given twice"),
        ([str(pa), str(copy)], "the same review"),
        ([str(pa), str(tmp_path / "missing.diptych")], "no such file"),
        ([str(pa), str(pb), "-o", str(pa)], "would overwrite a review"),
        ([str(pa), str(pb), "--merged", str(pb)], "would overwrite a review"),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(["agree", *argv]) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("diptych: error: ") and message in lines[0], lines
    assert (pa.read_bytes(), pb.read_bytes()) == before
