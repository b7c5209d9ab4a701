"""Exports: CSV reads back without live formulas, JSON-LD expands offline as Web Annotations,
the HTML report escapes article text and shows both texts, the claims table and the counts."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyld import jsonld

from diptych.core.errors import DiptychError
from diptych.core.export import ANNO_CONTEXT, CSV_COLUMNS, export_csv, export_html, export_jsonld
from diptych.core.project import Project
from project_helpers import edited_project, small_project

CONTEXT = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text(encoding="utf-8"))
OA = "http://www.w3.org/ns/oa#"


def offline_loader(url: str, options: dict | None = None) -> dict:
    if url.rstrip("/") not in (ANNO_CONTEXT, ANNO_CONTEXT.replace("http:", "https:")):
        raise AssertionError(f"the JSON-LD asked for a document other than the Web Annotation context: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def hostile_project() -> Project:
    left = "=HYPERLINK(\"http://evil.example\",\"click\") is how it starts.\nThe mayor resigned on Friday.\n"
    right = ("-2+3 is a sum a spreadsheet would run.\n@SUM(A1:A9) looks like a formula too.\n"
             "The mayor resigned on Friday <script>alert('x')</script> & left.\n")
    p = small_project(left, right)
    ids = [c.id for c in p.claims("right")]
    p.set_note(ids[0], "=cmd|' /C calc'!A0")
    p.set_note(ids[1], "\tTabbed note")
    p.set_verdict(ids[2], "altered")
    return p


def exported_rows(p: Project, tmp_path: Path) -> list[dict[str, str]]:
    """The project exported to CSV and read back as a spreadsheet would."""
    out = tmp_path / "review.csv"
    export_csv(p, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_reads_back_with_expected_columns_and_no_live_formulas(tmp_path: Path) -> None:
    p = hostile_project()
    rows = exported_rows(p, tmp_path)
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(p.claims("right"))
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[0]["text"] == "'-2+3 is a sum a spreadsheet would run."
    assert rows[0]["note"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["note"] == "'\tTabbed note"
    assert rows[2]["verdict"] == "altered" and rows[2]["status"] == "reviewed"
    assert "<script>" in rows[2]["text"]  # CSV keeps the text as it is, only formulas are defused
    assert rows[2]["linked_reference_text"] == "The mayor resigned on Friday."


def test_csv_of_an_edited_review(tmp_path: Path) -> None:
    rows = exported_rows(edited_project(), tmp_path)
    by_text = {r["text"]: r for r in rows}
    turnout = by_text["Turnout at the last election was 14 percent."]
    assert turnout["verdict"] == "altered" and turnout["note"].endswith("second line")
    assert by_text["Read more: politics"]["verdict"] == "not a claim"
    assert [r["claim"] for r in rows] == [str(k) for k in range(1, len(rows) + 1)]


def _walk_keys(node: object, keys: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            keys.add(k)
            _walk_keys(v, keys)
    elif isinstance(node, list):
        for v in node:
            _walk_keys(v, keys)


def test_jsonld_is_web_annotation_and_expands_offline(tmp_path: Path) -> None:
    p = edited_project()
    out = tmp_path / "review.jsonld"
    export_jsonld(p, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    keys: set[str] = set()
    _walk_keys(doc, keys)
    undefined = {k for k in keys if not k.startswith("@") and k not in CONTEXT["@context"]}
    assert not undefined, f"terms the Web Annotation context does not define: {undefined}"

    expanded = jsonld.expand(doc, {"documentLoader": offline_loader})
    (collection,) = expanded
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    annos = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    counted = [c for c in p.claims("right") if not p.review(c.id).not_a_claim]
    assert len(annos) == len(counted)
    texts = {s: p.document(s).text for s in ("left", "right")}
    both_sides = 0
    for anno in annos:
        assert anno["@type"] == [OA + "Annotation"]
        assert anno[OA + "motivatedBy"] == [{"@id": OA + "assessing"}]
        targets = anno[OA + "hasTarget"]
        both_sides += len(targets) > 1
        for t in targets:
            sels = {s["@type"][0]: s for s in t[OA + "hasSelector"]}
            quote, pos = sels[OA + "TextQuoteSelector"], sels[OA + "TextPositionSelector"]
            start, end = int(pos[OA + "start"][0]["@value"]), int(pos[OA + "end"][0]["@value"])
            exact = quote[OA + "exact"][0]["@value"]
            assert exact in (texts["left"][start:end], texts["right"][start:end])
    assert both_sides >= 1
    first = annos[0]
    bodies = {b[OA + "hasPurpose"][0]["@id"]: b["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0]["@value"]
              for b in first[OA + "hasBody"]}
    assert bodies[OA + "assessing"] == "consistent"
    assert jsonld.to_rdf(doc, {"documentLoader": offline_loader, "format": "application/n-quads"})


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_escapes_article_text_and_is_self_contained(tmp_path: Path) -> None:
    p = hostile_project()
    p.set_reviewer("<b>Mallory</b>")
    out = tmp_path / "report.html"
    export_html(p, out)
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>Mallory</b>" not in page
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert "src=" not in page and "@import" not in page  # nothing is fetched when it is opened
    visible = "".join(parsed.text)
    assert "The mayor resigned on Friday <script>alert('x')</script> & left." in visible
    assert "=HYPERLINK" in visible and "Counts" in visible and "Provenance" in visible
    assert page.count('<mark class="altered"') == 1
    assert "1 of 3 review claims reviewed" in page


@pytest.mark.parametrize("export", [export_csv, export_jsonld, export_html])
def test_exports_never_leave_a_partial_file(tmp_path: Path, export) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DiptychError) as e:
        export(small_project(), blocker / "out")
    assert "\n" not in str(e.value)
    assert blocker.read_text() == "x" and list(tmp_path.iterdir()) == [blocker]
