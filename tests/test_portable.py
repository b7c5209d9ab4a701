"""Portable projects: article locations relative to the project file (absolute as a fallback), and
exports that resolve them from the project file, never from the folder Diptych runs in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from diptych.core.project_file import load_project, save_project
from project_helpers import LEFT, RIGHT, small_project


def diptych(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diptych", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _sources(jsonld: Path) -> set[str]:
    doc = json.loads(jsonld.read_text(encoding="utf-8"))
    return {t["source"] for a in doc["first"]["items"] for t in a["target"]}


def _make_review(tmp_path: Path) -> Path:
    """A review folder with its articles in a subfolder, created from the folder above it."""
    folder = tmp_path / "desk" / "case-17"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "reference.txt").write_text(LEFT, encoding="utf-8")
    (folder / "articles" / "review.txt").write_text(RIGHT, encoding="utf-8")
    made = diptych(tmp_path / "desk", "project", "create", "case-17/articles/reference.txt",
                   "case-17/articles/review.txt", "-o", "case-17/review.diptych", "--language", "en")
    assert made.returncode == 0, made.stderr
    return folder


def test_project_stores_locations_relative_to_itself(tmp_path: Path) -> None:
    folder = _make_review(tmp_path)
    data = json.loads((folder / "review.diptych").read_text(encoding="utf-8"))
    right = data["articles"]["right"]
    assert right["path"] == "articles/review.txt"
    assert right["absolute_path"] == str(folder / "articles" / "review.txt")


def test_moved_with_its_articles_and_exported_from_a_third_folder(tmp_path: Path) -> None:
    folder = _make_review(tmp_path)
    moved = tmp_path / "archive" / "2025" / "case-17"
    moved.parent.mkdir(parents=True)
    shutil.move(str(folder), str(moved))
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    out = elsewhere / "review.jsonld"
    done = diptych(elsewhere, "export", str(moved / "review.diptych"), "--format", "jsonld", "-o", "review.jsonld")
    assert done.returncode == 0, done.stderr
    sources = _sources(out)
    assert sources == {(moved / "articles" / "review.txt").as_uri(), (moved / "articles" / "reference.txt").as_uri()}
    for uri in sources:
        assert Path(uri.removeprefix("file://")).is_file()
    shown = diptych(elsewhere, "project", "show", str(moved / "review.diptych"))
    assert shown.returncode == 0 and "review.txt" in shown.stdout
    project = load_project(moved / "review.diptych")
    assert project.document("right").path == str(moved / "articles" / "review.txt")
    # saved again in its new place, the relative location stays and the absolute one follows
    save_project(project, moved / "review.diptych")
    right = json.loads((moved / "review.diptych").read_text(encoding="utf-8"))["articles"]["right"]
    assert right["path"] == "articles/review.txt" and right["absolute_path"] == str(moved / "articles" / "review.txt")


def test_a_project_moved_alone_finds_its_articles_where_they_were(tmp_path: Path) -> None:
    folder = _make_review(tmp_path)
    alone = tmp_path / "mail" / "review.diptych"
    alone.parent.mkdir()
    shutil.move(str(folder / "review.diptych"), str(alone))
    project = load_project(alone)
    assert project.document("left").path == str(folder / "articles" / "reference.txt")


def test_jsonld_source_is_the_url_when_the_article_has_one(tmp_path: Path) -> None:
    from diptych.core.export import export_jsonld
    from diptych.core.project import Provenance

    p = small_project()
    p.set_provenance("right", Provenance(url="https://news.example/story"))
    export_jsonld(p, tmp_path / "a.jsonld")
    sources = _sources(tmp_path / "a.jsonld")
    assert "https://news.example/story" in sources
    assert not any("review.txt" in s for s in sources)


def test_schema_1_file_opens_with_its_path_beside_the_project(tmp_path: Path) -> None:
    folder = _make_review(tmp_path)
    data = json.loads((folder / "review.diptych").read_text(encoding="utf-8"))
    data["schema_version"] = 1
    for side in ("left", "right"):
        del data["articles"][side]["absolute_path"], data["articles"][side]["snapshot"]
    old = folder / "old.diptych"
    old.write_text(json.dumps(data), encoding="utf-8")
    project = load_project(old)
    assert project.document("right").path == str(folder / "articles" / "review.txt")
    assert project.articles["right"].snapshot is None
    assert [c.id for c in project.claims("right")] == [c["id"] for c in data["articles"]["right"]["claims"]]


def test_pasted_text_keeps_its_name_and_is_no_file(tmp_path: Path) -> None:
    from diptych.core.align import AlignOptions, align
    from diptych.core.export import export_jsonld
    from diptych.core.ingest import document_from_text
    from diptych.core.project import Project

    p = Project.from_alignment(align(document_from_text(LEFT, "Pasted reference"),
                                     document_from_text(RIGHT, "Pasted review article"), AlignOptions(language="en")))
    save_project(p, tmp_path / "pasted.diptych")
    left = json.loads((tmp_path / "pasted.diptych").read_text(encoding="utf-8"))["articles"]["left"]
    assert left["path"] == "Pasted reference" and left["absolute_path"] is None
    q = load_project(tmp_path / "pasted.diptych")
    assert q.document("left").path == "Pasted reference" and q.document("left").name == "Pasted reference"
    export_jsonld(q, tmp_path / "p.jsonld")
    assert _sources(tmp_path / "p.jsonld") == {f"urn:sha256:{q.document(s).sha256}" for s in ("left", "right")}
