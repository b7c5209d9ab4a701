"""Exports of a review: CSV (one row per review claim), W3C Web Annotation JSON-LD, an HTML report,
schema.org ClaimReview JSON-LD.

Every export is written atomically (temporary file, fsync, rename). CSV cells that a spreadsheet
would run as a formula are neutralised; all article text in the HTML report is escaped.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diptych import __version__
from diptych.core.errors import DiptychError
from diptych.core.project import Project, Review, Side
from diptych.core.storage import atomic_write_bytes
from diptych.core.verdict import VERDICTS

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CSV_COLUMNS = ["claim", "text", "verdict", "suggested_verdict", "reasons", "linked_reference_text", "note",
               "status"]

ExportFn = Callable[[Project, "str | os.PathLike[str]"], None]


@dataclass(frozen=True)
class Exporter:
    name: str  # for --format and the window's menu ids
    label: str  # the menu entry
    help: str  # for the command's help
    extension: str  # of the file written, with the dot
    suffixes: tuple[str, ...]  # output names the command takes for this format without --format
    write: ExportFn


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str, label: str, help: str, extension: str,  # the field's name
                      suffixes: tuple[str, ...] = ()) -> Callable[[ExportFn], ExportFn]:
    """Decorator: ``write(project, path)`` exports a project as format ``name``; the command's
    choices and help, and the window's Export menu, are derived from the registry."""

    def register(write: ExportFn) -> ExportFn:
        EXPORTERS[name] = Exporter(name, label, help, extension, suffixes, write)
        return write

    return register
QUOTE_CONTEXT = 32
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_WIDE_FORMULA_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝ ＋ － ＠
MERGED_COLUMNS = ["verdict_a", "verdict_b", "decided_by"]  # added for a merged project


class ExportError(DiptychError):
    """An export that cannot be written; one line for the user."""


def _write(path: str | os.PathLike[str], data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as e:
        raise ExportError(f"{Path(path).name}: cannot be written ({e.strerror or e})") from None


# ----- CSV ----------------------------------------------------------------------------------------
def neutralise_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before ``= + - @`` (also their full-width
    forms, and after leading spaces or line breaks, which spreadsheets may trim), tab or carriage return."""
    if value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(_FORMULA_STARTS + _WIDE_FORMULA_STARTS):
        return "'" + value
    return value


def _status(r: Review) -> str:
    if r.not_a_claim:
        return "not a claim"
    return "reviewed" if r.verdict else "unreviewed"


def _decision_text(d: str | None) -> str:
    return "not a claim" if d == "not_a_claim" else (d or "")


def _originals(r: Review) -> list[str]:
    """A merged project's cells: both reviewers' decisions and who settled the claim."""
    adj = r.adjudication
    if adj is None:
        return ["", "", ""]
    return [_decision_text(adj.a), _decision_text(adj.b), adj.decided_by or "pending"]


def csv_rows(project: Project) -> list[list[str]]:
    """The CSV rows (header first), cells already neutralised."""
    merged = bool(project.sources)
    rows = [list(CSV_COLUMNS) + (MERGED_COLUMNS if merged else [])]
    for k, c in enumerate(project.claims("right"), start=1):
        r = project.review(c.id)
        refs = [project.claim_text("left", lid) for lid in sorted(
            project.partners("right", c.id), key=lambda i: project.index_of("left", i))]
        rows.append([str(k), project.claim_text("right", c.id), "not a claim" if r.not_a_claim else (r.verdict or ""),
                     r.suggestion.verdict, "; ".join(x.text for x in r.suggestion.reasons), "\n".join(refs),
                     r.note, _status(r)] + (_originals(r) if merged else []))
    for o in project.orphans:
        if o.side == "right":
            rv = o.review or Review()
            rows.append(["", o.quote, rv.verdict or "", rv.suggestion.verdict,
                         "; ".join(x.text for x in rv.suggestion.reasons), "", rv.note,
                         "orphan (not found in the corrected text)"] + (_originals(rv) if merged else []))
    return [[neutralise_cell(cell) for cell in row] for row in rows]


@register_exporter("csv", "CSV (spreadsheet)…", "csv", ".csv", (".csv",))
def export_csv(project: Project, path: str | os.PathLike[str]) -> None:
    """UTF-8 CSV (with a byte-order mark, so spreadsheets read the encoding right)."""
    buf = io.StringIO(newline="")
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(csv_rows(project))
    _write(path, buf.getvalue().encode("utf-8-sig"))


# ----- JSON-LD (W3C Web Annotation) ---------------------------------------------------------------
def article_source(project: Project, side: Side) -> str:
    """The article's URL when it has one, else its file IRI, else a content IRI."""
    art = project.articles[side]
    web = ("http://", "https://")
    if art.provenance.url.startswith(web):
        return art.provenance.url
    if art.snapshot is not None and art.snapshot.url.startswith(web):
        return art.snapshot.url
    if art.document.path and art.document.path.startswith(web):
        return art.document.path
    if art.document.path:
        location = Path(art.document.path)
        if location.is_absolute() or location.exists():  # not the name of pasted text
            try:
                return location.absolute().as_uri()
            except ValueError:
                pass
    return f"urn:sha256:{art.document.sha256}"


def _target(project: Project, side: Side, claim_id: int) -> dict[str, Any]:
    c = project.claim(side, claim_id)
    text = project.document(side).text
    return {
        "type": "SpecificResource",
        "source": article_source(project, side),
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[c.start:c.end],
             "prefix": text[max(0, c.start - QUOTE_CONTEXT):c.start], "suffix": text[c.end:c.end + QUOTE_CONTEXT]},
            {"type": "TextPositionSelector", "start": c.start, "end": c.end},
        ],
    }


def _iso(stamp: str) -> str | None:
    return stamp if len(stamp) >= 19 and stamp[4] == "-" and stamp[10] == "T" else None


def to_jsonld(project: Project) -> dict[str, Any]:
    """An AnnotationCollection: one annotation per review claim that is a claim, with its verdict."""
    ns = uuid.uuid5(uuid.NAMESPACE_URL, "diptych:" + project.document("left").sha256
                    + project.document("right").sha256)
    generator = {"type": "Software", "name": f"Diptych {__version__}"}
    items: list[dict[str, Any]] = []
    for c in project.claims("right"):
        r = project.review(c.id)
        if r.not_a_claim:
            continue
        verdict = r.verdict or r.suggestion.verdict
        body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "assessing", "value": verdict,
                                       "format": "text/plain", "language": "en"}]
        if not r.verdict:
            body.append({"type": "TextualBody", "purpose": "tagging", "value": "suggested, not yet confirmed"})
        for reason in r.suggestion.reasons:
            body.append({"type": "TextualBody", "purpose": "describing", "value": reason.text})
        if r.note:
            body.append({"type": "TextualBody", "purpose": "commenting", "value": r.note})
        lefts = sorted(project.partners("right", c.id), key=lambda i: project.index_of("left", i))
        anno: dict[str, Any] = {
            "id": f"urn:uuid:{uuid.uuid5(ns, f'right:{c.id}')}",
            "type": "Annotation",
            "motivation": "assessing",
            "body": body,
            "target": [_target(project, "right", c.id)] + [_target(project, "left", lid) for lid in lefts],
            "generator": generator,
        }
        if project.reviewer and r.verdict:
            anno["creator"] = {"type": "Person", "name": project.reviewer}
        if _iso(project.modified):
            anno["modified"] = project.modified
        items.append(anno)
    doc: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{ns}",
        "type": "AnnotationCollection",
        "label": f"Diptych review of {project.document('right').name} against {project.document('left').name}",
        "total": len(items),
        "generator": generator,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if _iso(project.created):
        doc["created"] = project.created
    return doc


@register_exporter("jsonld", "Web Annotation JSON-LD…", "jsonld (Web Annotation)", ".jsonld", (".jsonld", ".json"))
def export_jsonld(project: Project, path: str | os.PathLike[str]) -> None:
    _write(path, (json.dumps(to_jsonld(project), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


# ----- HTML report --------------------------------------------------------------------------------
_CSS = """
:root { --consistent: #d8f0dc; --altered: #fde2b8; --unsupported: #f8c9c9; --unreviewed: #e6e6ef;
        --ink: #1d1d24; --linked: #e8eef8; --muted: #5c5c6a; --rule: #c9c9d4; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Serif", Georgia, serif; color: var(--ink); margin: 2rem auto; max-width: 1200px;
       padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .6rem;
     border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
.meta { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #f2f2f6; }
.counts td { text-align: right; } .counts td:first-child { text-align: left; }
.texts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.texts section { border: 1px solid var(--rule); padding: .6rem .8rem; }
.texts h3 { margin: 0 0 .5rem; font-size: 1rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { border-radius: 2px; padding: 0 1px; color: inherit; }
mark.consistent { background: var(--consistent); } mark.altered { background: var(--altered); }
mark.unsupported { background: var(--unsupported); } mark.unreviewed { background: var(--unreviewed); }
mark.reference { background: var(--linked); }
mark.omission { background: none; text-decoration: underline dotted #b33; }
mark.not-a-claim { background: none; color: var(--muted); }
sup.n { font: 600 .65rem/1 sans-serif; color: var(--muted); margin-right: 1px; }
.badge { display: inline-block; padding: 0 .35rem; border-radius: 3px; font: 600 .8rem/1.5 sans-serif; }
.badge.consistent { background: var(--consistent); } .badge.altered { background: var(--altered); }
.badge.unsupported { background: var(--unsupported); } .badge.none { background: var(--unreviewed); }
.legend span { margin-right: 1rem; } .small { font-size: .85rem; color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; padding: 0; }
  .texts { gap: .6rem; } .texts section { break-inside: auto; }
  tr, mark { break-inside: avoid; } h2 { break-after: avoid; }
  mark, .badge, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _highlighted(project: Project, side: Side, classes: dict[int, str], prefix: str) -> str:
    text = project.document(side).text
    out: list[str] = []
    pos = 0
    for k, c in enumerate(project.claims(side), start=1):
        out.append(_e(text[pos:c.start]))
        cls = classes.get(c.id, "")
        out.append(f'<mark class="{cls}" id="{prefix}{c.id}"><sup class="n">{prefix.upper()}{k}</sup>'
                   f"{_e(text[c.start:c.end])}</mark>")
        pos = max(pos, c.end)
    out.append(_e(text[pos:]))
    return "".join(out)


def _rows(cells: Iterable[Iterable[str]]) -> str:
    return "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)


def to_html(project: Project) -> str:
    counts = project.counts()
    right_cls: dict[int, str] = {}
    for c in project.claims("right"):
        r = project.review(c.id)
        right_cls[c.id] = "not-a-claim" if r.not_a_claim else (r.verdict or "unreviewed")
    omitted = set(project.omissions())
    left_cls = {c.id: "omission" if c.id in omitted else "reference" for c in project.claims("left")}
    left_name, right_name = project.document("left").name, project.document("right").name

    prov_rows = []
    for side, label in (("left", "Reference"), ("right", "Review article")):
        art = project.articles[side]  # type: ignore[index]
        pv = art.provenance
        url = (f'<a href="{_e(pv.url)}">{_e(pv.url)}</a>' if pv.url.startswith(("http://", "https://"))
               else _e(pv.url))
        prov_rows.append([label, _e(art.document.name), _e(pv.outlet), url, _e(pv.published), _e(pv.retrieved),
                          f'<span class="small">{_e(art.document.sha256[:16])}…</span>'])

    per = counts["verdicts"]
    count_rows = [["Review claims", str(counts["claims"])],
                  ["Reviewed (verdict confirmed)", f"{counts['reviewed']} / {counts['claims']}"],
                  *[[f"— {v}", str(per.get(v, 0))] for v in VERDICTS],
                  ["Marked “not a claim”", str(counts["not_a_claim"])],
                  ["Links", str(counts["links"])],
                  ["Reference claims with no link (omissions)", str(counts["omissions"])],
                  ["Orphaned annotations", str(len(project.orphans))]]

    merged = bool(project.sources)
    claim_rows = []
    for k, c in enumerate(project.claims("right"), start=1):
        r = project.review(c.id)
        verdict = "not a claim" if r.not_a_claim else (r.verdict or "")
        badge = f'<span class="badge {_e(verdict or "none")}">{_e(verdict or "unreviewed")}</span>'
        refs = "<br>".join(
            f'<a href="#l{lid}">L{project.index_of("left", lid) + 1}</a> {_e(project.claim_text("left", lid))}'
            for lid in sorted(project.partners("right", c.id), key=lambda i: project.index_of("left", i)))
        claim_rows.append([f'<a href="#r{c.id}">R{k}</a>', _e(project.claim_text("right", c.id)), badge,
                           _e(r.suggestion.verdict) + "".join(f"<br><span class=\"small\">{_e(x.text)}</span>"
                                                              for x in r.suggestion.reasons),
                           refs or '<span class="small">—</span>', _e(r.note).replace("\n", "<br>")]
                          + ([_e(x) for x in _originals(r)] if merged else []))

    orphan_html = ""
    if project.orphans:
        orows = [[_e(o.side), _e(o.quote), _e((o.review.verdict or "") if o.review else ""),
                  _e(o.review.note if o.review else ""), str(len(o.links))] for o in project.orphans]
        orphan_html = ("<h2>Orphaned annotations</h2><p class=\"small\">Annotations whose text was not found "
                       "in a corrected article; kept in the project.</p><table><tr><th>side</th><th>quote</th>"
                       "<th>verdict</th><th>note</th><th>links</th></tr>" + _rows(orows) + "</table>")

    merged_html = ""
    merged_heads = ""
    if merged:
        srows = [[_e(x.role), _e(x.reviewer), _e(x.name), f'<span class="small">{_e(x.sha256)}</span>']
                 for x in project.sources]
        merged_html = ("<h2>Merged from two reviews</h2><p class=\"small\">Each claim's verdict was settled by "
                       "reviewer A, reviewer B, both (they agreed) or the adjudicator"
                       + (f" ({_e(project.reviewer)})" if project.reviewer else "") + ".</p>"
                       "<table><tr><th>review</th><th>reviewer</th><th>file</th><th>sha256 of the file</th></tr>"
                       + _rows(srows) + "</table>")
        names = {x.role: x.reviewer or x.role for x in project.sources}
        merged_heads = (f"<th>A: {_e(names.get('A', 'A'))}</th><th>B: {_e(names.get('B', 'B'))}</th>"
                        "<th>decided by</th>")
    title = f"Diptych review: {right_name} against {left_name}"
    reviewer = f" · reviewer {_e(project.reviewer)}" if project.reviewer else ""
    stamp = f" · saved {_e(project.modified)}" if project.modified else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Diptych {_e(__version__)}">
<title>{_e(title)}</title>
<style>{_CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="meta">{counts['reviewed']} of {counts['claims']} review claims reviewed{reviewer}{stamp}
 · made with Diptych {_e(__version__)}</p>
<h2>Counts</h2>
<table class="counts" style="max-width:32rem">{_rows(count_rows)}</table>
<h2>Provenance</h2>
<table><tr><th></th><th>file</th><th>outlet</th><th>URL</th><th>published</th><th>retrieved</th><th>sha256</th></tr>
{_rows(prov_rows)}</table>
{merged_html}
<h2>Texts</h2>
<p class="legend small"><span><span class="badge consistent">consistent</span></span>
<span><span class="badge altered">altered</span></span><span><span class="badge unsupported">unsupported</span></span>
<span><span class="badge none">unreviewed</span></span><span><span class="badge" style="background:var(--linked)">linked reference claim</span></span>
<span>dotted underline: reference claim with no link (omission)</span></p>
<div class="texts">
<section><h3>Reference · {_e(left_name)}</h3><div class="text">{_highlighted(project, "left", left_cls, "l")}</div></section>
<section><h3>Review article · {_e(right_name)}</h3><div class="text">{_highlighted(project, "right", right_cls, "r")}</div></section>
</div>
<h2>Claims of the review article</h2>
<table><tr><th>#</th><th>claim</th><th>verdict</th><th>suggested</th><th>linked reference</th><th>note</th>{merged_heads}</tr>
{_rows(claim_rows)}</table>
{orphan_html}
</body></html>
"""


@register_exporter("html", "HTML report…", "html", ".html", (".html", ".htm"))
def export_html(project: Project, path: str | os.PathLike[str]) -> None:
    _write(path, to_html(project).encode("utf-8"))


@register_exporter("claimreview", "ClaimReview JSON-LD (schema.org)…", "claimreview (schema.org ClaimReview JSON-LD)",
                   ".claimreview.jsonld")
def export_claimreview(project: Project, path: str | os.PathLike[str]) -> None:
    """schema.org ClaimReview JSON-LD (see :mod:`diptych.core.claimreview`)."""
    from diptych.core.claimreview import to_claimreview

    _write(path, (json.dumps(to_claimreview(project), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def export(project: Project, path: str | os.PathLike[str], fmt: str) -> None:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportError(f"unknown export format '{fmt}' (use {', '.join(EXPORTERS)})")
    exporter.write(project, path)


FORMATS = tuple(EXPORTERS)
