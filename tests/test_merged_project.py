"""The merged project: who decided each claim and both sources survive a save; v1 files still open;
the CSV and HTML exports show the settled verdict with both reviewers' originals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from diptych.core.agree import compare, file_sha256, load_reviews, merged_project
from diptych.core.export import CSV_COLUMNS, MERGED_COLUMNS, export_csv, to_html
from diptych.core.project_file import SCHEMA_VERSION, load_project, project_to_json, save_project
from project_helpers import edited_project
from test_agree import two_reviews


def _merged(tmp_path: Path):
    a, b, _auto = two_reviews()
    pa, pb = tmp_path / "ada.diptych", tmp_path / "bea.diptych"
    save_project(a, pa)
    save_project(b, pb)
    a, b, sources = load_reviews(pa, pb)
    cmp = compare(a, b)
    return merged_project(cmp, sources, "Cleo"), cmp, (pa, pb)


def test_merged_project_round_trip_keeps_deciders_and_sources(tmp_path: Path) -> None:
    m, _cmp, (pa, pb) = _merged(tmp_path)
    out = tmp_path / "merged.diptych"
    save_project(m, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert [s["sha256"] for s in data["sources"]] == [file_sha256(pa), file_sha256(pb)]
    by_claim = {r["claim"]: r for r in data["reviews"]}
    assert by_claim[0]["verdict"] == "altered" and by_claim[0]["adjudication"] == {
        "decided_by": "both", "a": "altered", "b": "altered"}
    assert by_claim[7]["verdict"] is None and by_claim[7]["adjudication"] == {
        "decided_by": None, "a": "unsupported", "b": "altered"}
    q = load_project(out)
    assert project_to_json(q) == project_to_json(m)
    assert q.reviews == m.reviews and q.sources == m.sources and q.reviewer == "Cleo"
    # the background save's copy keeps them too
    assert m.copy_for_save().sources == m.sources


def test_schema_1_file_opens_unchanged(tmp_path: Path) -> None:
    p = edited_project()
    data = project_to_json(p)
    assert "sources" not in data and all("adjudication" not in r for r in data["reviews"])
    data["schema_version"] = 1
    old = tmp_path / "old.diptych"
    old.write_text(json.dumps(data), encoding="utf-8")
    q = load_project(old)
    assert q.reviews == p.reviews and q.links == p.links and q.sources == []
    assert all(r.adjudication is None for r in q.reviews.values())
    assert project_to_json(q) == dict(data, schema_version=2)


def test_exports_show_the_settled_verdict_with_both_originals(tmp_path: Path) -> None:
    m, _cmp, (pa, _pb) = _merged(tmp_path)
    out = tmp_path / "merged.csv"
    export_csv(m, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == CSV_COLUMNS + MERGED_COLUMNS
    assert [rows[k][c] for k in (0, 7, 8, 27) for c in ("verdict", "verdict_a", "verdict_b", "decided_by")] == [
        "altered", "altered", "altered", "both",
        "", "unsupported", "altered", "pending",
        "not a claim", "not a claim", "not a claim", "both",
        "consistent", "", "consistent", "B"]
    page = to_html(m)
    assert "Merged from two reviews" in page and file_sha256(pa) in page
    assert "<th>A: Ada</th><th>B: Bea</th><th>decided by</th>" in page
    # a project that is not merged exports as before
    plain = tmp_path / "plain.csv"
    export_csv(edited_project(), plain)
    with plain.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == CSV_COLUMNS
    assert "Merged from" not in to_html(edited_project())
