"""`diptych project create|show` and `diptych export`: files written, summaries, exit code 2 on bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.project_file import SCHEMA_VERSION, load_project


@pytest.fixture
def created(tmp_path: Path, reference_path: Path, review_path: Path) -> Path:
    out = tmp_path / "review.diptych"
    assert main(["project", "create", str(reference_path), str(review_path), "-o", str(out), "--language", "en",
                 "--reviewer", "Ada"]) == 0
    return out


def test_create_show_and_export_every_format(created: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             review_path: Path) -> None:
    p = load_project(created)
    assert p.reviewer == "Ada" and p.document("right").text == review_path.read_text(encoding="utf-8")
    assert len(p.claims("right")) > 10 and p.links
    capsys.readouterr()
    assert main(["project", "show", str(created)]) == 0
    shown = capsys.readouterr().out
    counts = p.counts()
    assert f"reviewed:  0/{counts['claims']}" in shown
    assert f"links:     {len(p.links)} ({len(p.links)} auto, 0 manual)" in shown
    assert f"review:    review-000.txt ({len(p.claims('right'))} claims" in shown
    for fmt, name in (("csv", "out.csv"), ("jsonld", "out.jsonld"), ("html", "out.html")):
        assert main(["export", str(created), "--format", fmt, "-o", str(tmp_path / name)]) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(p.claims("right"))
    assert json.loads((tmp_path / "out.jsonld").read_text())["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert "review-000.txt" in (tmp_path / "out.html").read_text()
    assert main(["export", str(created), "-o", str(tmp_path / "guessed.html")]) == 0  # format from the name


def test_one_per_line_option(tmp_path: Path) -> None:
    left, right = tmp_path / "l.txt", tmp_path / "r.txt"
    left.write_text("One. Two.\nThree.\n")
    right.write_text("One. Two.\nFour.\n")
    out = tmp_path / "p.diptych"
    assert main(["project", "create", str(left), str(right), "-o", str(out), "--one-per-line"]) == 0
    p = load_project(out)
    assert [p.claim_text("left", c.id) for c in p.claims("left")] == ["One. Two.", "Three."]
    assert p.options.one_per_line


def test_create_refuses_to_overwrite_unless_forced(created: Path, reference_path: Path, review_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = created.read_bytes()
    capsys.readouterr()
    assert main(["project", "create", str(reference_path), str(review_path), "-o", str(created)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert created.read_bytes() == before
    assert main(["project", "create", str(reference_path), str(review_path), "-o", str(created), "--force",
                 "--language", "en"]) == 0
    assert load_project(created).reviewer == ""


@pytest.mark.parametrize("content, message", [
    (b'{"format": "diptych.project", "schema_version": 1, "arti', "truncated"),
    (b'{"format": "something.else", "schema_version": 1}', "not a Diptych project"),
    (json.dumps({"format": "diptych.project", "schema_version": SCHEMA_VERSION + 5}).encode(), "newer Diptych"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_project_exits_2_with_one_line_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              content: bytes, message: str) -> None:
    bad = tmp_path / "bad.diptych"
    bad.write_bytes(content)
    out = tmp_path / "out.csv"
    for argv in (["project", "show", str(bad)], ["export", str(bad), "--format", "csv", "-o", str(out)]):
        capsys.readouterr()
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith("diptych: error: bad.diptych: ") and message in captured.err
        assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert not out.exists() and bad.read_bytes() == content


def test_hash_mismatch_exits_2(created: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(created.read_text())
    data["articles"]["right"]["sha256"] = "0" * 64
    created.write_text(json.dumps(data))
    out = tmp_path / "out.html"
    out.write_text("previous export")
    assert main(["export", str(created), "--format", "html", "-o", str(out)]) == 2
    assert "sha256" in capsys.readouterr().err
    assert out.read_text() == "previous export"


def test_bad_article_and_bad_names_exit_2(tmp_path: Path, reference_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["project", "create", str(reference_path), str(binary), "-o", str(tmp_path / "p.diptych")]) == 2
    assert "binary" in capsys.readouterr().err and not (tmp_path / "p.diptych").exists()
    assert main(["project", "create", str(reference_path), str(reference_path), "-o", str(tmp_path / "p.json")]) == 2
    assert ".diptych" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.diptych"), "-o", str(tmp_path / "o.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.diptych"), "-o", str(tmp_path / "o.xyz")]) == 2
    assert "--format" in capsys.readouterr().err
