"""ClaimReview export: one schema.org ClaimReview per confirmed verdict, expanded offline with the
bundled context and checked field by field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyld import jsonld

from diptych.core.claimreview import RATING_SCALE, bundled_context, offline_loader
from diptych.core.export import export_claimreview
from diptych.core.project import Project, Provenance
from diptych.core.project_file import save_project
from project_helpers import edited_project

S = "http://schema.org/"


def _value(node: dict, term: str) -> object:
    (v,) = node[S + term]
    return v.get("@value", v.get("@id")) if isinstance(v, dict) and ("@value" in v or "@id" in v) else v


def _expanded(p: Project, tmp_path: Path) -> tuple[dict, list[dict]]:
    out = tmp_path / "review.claimreview.jsonld"
    export_claimreview(p, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    return doc, jsonld.expand(doc, {"documentLoader": offline_loader})


def _walk_keys(node: object, keys: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            keys.add(k)
            _walk_keys(v, keys)
    elif isinstance(node, list):
        for v in node:
            _walk_keys(v, keys)


def test_one_claimreview_per_confirmed_verdict_field_by_field(tmp_path: Path) -> None:
    p = edited_project()
    p.modified = "2025-06-03T10:00:00Z"
    p.set_provenance("right", Provenance("https://news.example/mayor", "Daily Example", "2025-06-02", ""))
    doc, reviews = _expanded(p, tmp_path)
    assert doc["@context"] == "https://schema.org"
    keys: set[str] = set()
    _walk_keys(doc, keys)
    undefined = {k for k in keys if not k.startswith("@") and k not in bundled_context()["@context"]}
    assert not undefined, f"terms the bundled schema.org context does not define: {undefined}"

    confirmed = [c for c in p.claims("right") if p.review(c.id).verdict and not p.review(c.id).not_a_claim]
    assert len(reviews) == len(confirmed) == 2
    for review, claim in zip(reviews, confirmed, strict=True):
        r = p.review(claim.id)
        assert review["@type"] == [S + "ClaimReview"]
        assert _value(review, "claimReviewed") == p.claim_text("right", claim.id)
        (item,) = review[S + "itemReviewed"]
        assert item["@type"] == [S + "Claim"]
        (appearance,) = item[S + "appearance"]
        assert _value(appearance, "url") == "https://news.example/mayor"
        (publisher,) = appearance[S + "publisher"]
        assert _value(publisher, "name") == "Daily Example"
        (rating,) = review[S + "reviewRating"]
        assert rating["@type"] == [S + "Rating"]
        assert _value(rating, "alternateName") == r.verdict
        assert _value(rating, "ratingValue") == RATING_SCALE[r.verdict or ""]
        assert (_value(rating, "bestRating"), _value(rating, "worstRating")) == (3, 1)
        (author,) = review[S + "author"]
        assert author["@type"] == [S + "Person"] and _value(author, "name") == "Ada Reviewer"
        assert review[S + "datePublished"] == [{"@type": S + "Date", "@value": "2025-06-03"}]
        linked = sorted(p.partners("right", claim.id), key=lambda i: p.index_of("left", i))
        cited = review.get(S + "citation", [])
        assert [_value(c, "text") for c in cited] == [p.claim_text("left", lid) for lid in linked]
        assert all(_value(c, "url") == "https://example.org/a" for c in cited)
        if r.note:
            assert _value(review, "reviewBody") == r.note
    ratings = {_value(rv[S + "reviewRating"][0], "alternateName") for rv in reviews}
    assert ratings == {"consistent", "altered"}
    assert jsonld.to_rdf(doc, {"documentLoader": offline_loader, "format": "application/n-quads"})


def test_without_a_url_the_claim_appears_in_the_article_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from project_helpers import RIGHT

    monkeypatch.chdir(tmp_path)
    (tmp_path / "review.txt").write_text(RIGHT, encoding="utf-8")
    p = edited_project()
    _, reviews = _expanded(p, tmp_path)
    (appearance,) = reviews[0][S + "itemReviewed"][0][S + "appearance"]
    assert _value(appearance, "url") == (tmp_path / "review.txt").as_uri()


def test_unreviewed_project_has_no_claimreview(tmp_path: Path) -> None:
    from project_helpers import small_project

    doc, reviews = _expanded(small_project(), tmp_path)
    assert doc["@graph"] == [] and reviews == []


def test_loader_serves_only_the_schema_org_context() -> None:
    assert offline_loader("https://schema.org/")["document"] == bundled_context()
    with pytest.raises(ValueError):
        offline_loader("https://evil.example/context.jsonld")


def test_command_line_export(tmp_path: Path) -> None:
    save_project(edited_project(), tmp_path / "r.diptych")
    out = subprocess.run([sys.executable, "-m", "diptych", "export", str(tmp_path / "r.diptych"), "--format",
                          "claimreview", "-o", str(tmp_path / "r.json")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    graph = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["@graph"]
    assert [g["reviewRating"]["alternateName"] for g in graph] == ["consistent", "altered"]
