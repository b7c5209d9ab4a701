"""A finished batch read back for triage: its summary rows, and for a batch with one reference the
claim matrix (reference claims × reviews, each cell the verdict of the review claims linked to that
reference claim, or ∅ when the review leaves it out).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diptych.core.batch import SUMMARY_FIELDS
from diptych.core.batch_run import SUMMARY_CSV, SUMMARY_JSONL, json_lines
from diptych.core.errors import DiptychError
from diptych.core.export import neutralise_cell
from diptych.core.project_file import ProjectFileError, load_project
from diptych.core.storage import atomic_write_bytes

OMITTED = "∅"
SEVERITY = ("altered", "unsupported", "consistent")  # a cell shows the first of these it has
INT_FIELDS = ("reference_claims", "review_claims", "links", "consistent", "altered", "unsupported", "check")
FLOAT_FIELDS = ("reference_coverage", "elapsed_s")
SUMMARY_MAX_BYTES = 256 * 1024 * 1024


class CorpusError(DiptychError):
    """A folder or file that is not a batch Diptych can show; one line for the user."""


@dataclass
class Batch:
    folder: Path
    rows: list[dict[str, Any]]

    def project_path(self, row: dict[str, Any]) -> Path | None:
        name = row.get("project") or ""
        if row.get("error") or not name or os.path.basename(name) != name:
            return None
        return self.folder / name

    def reference(self) -> str | None:
        """The sha256 of the one reference of every pair that succeeded (None for several)."""
        shas = {r["reference_sha256"] for r in self.rows if not r.get("error") and r.get("reference_sha256")}
        return next(iter(shas)) if len(shas) == 1 else None


def _number(value: Any, kind: type) -> Any:
    if value in ("", None):
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


def load_batch(path: str | os.PathLike[str]) -> Batch:
    """A batch from its folder, its summary.jsonl or its summary.csv."""
    p = Path(path)
    if p.is_dir():
        p = p / SUMMARY_JSONL if (p / SUMMARY_JSONL).is_file() else p / SUMMARY_CSV
    if not p.is_file():
        raise CorpusError(f"has no {SUMMARY_JSONL} or {SUMMARY_CSV} (not a batch folder)", p.parent)
    try:
        with p.open("rb") as f:
            data = f.read(SUMMARY_MAX_BYTES + 1)
    except OSError as e:
        raise CorpusError(f"cannot be read ({e.strerror or e})", p) from None
    if len(data) > SUMMARY_MAX_BYTES:
        raise CorpusError("is too large for a batch summary", p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError("is not a batch summary (not UTF-8 text)", p) from None
    raw: list[dict[str, Any]] = []
    if p.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if "id" not in (reader.fieldnames or []):
            raise CorpusError("is not a batch summary (no 'id' column)", p)
        for record in reader:  # cells the CSV guards against spreadsheet formulas are read back as written
            raw.append({k: (v[1:] if isinstance(v, str) and v[:2] in ("'=", "'+", "'-", "'@") else v)
                        for k, v in record.items() if k})
    else:
        for n, obj in json_lines(text, CorpusError, p):
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                raise CorpusError(f"line {n} is not a row of a batch summary", p)
            raw.append(obj)
    rows = []
    for r in raw:
        row: dict[str, Any] = {k: ("" if r.get(k) is None else str(r.get(k))) for k in SUMMARY_FIELDS}
        for k in INT_FIELDS:
            row[k] = _number(r.get(k), int)
        for k in FLOAT_FIELDS:
            row[k] = _number(r.get(k), float)
        rows.append(row)
    return Batch(p.parent, rows)


@dataclass
class ClaimMatrix:
    """``cells[i][j]``: the verdict of review ``pairs[j]``'s claims linked to reference claim ``i``.

    ``details[i][j]`` are the texts of those review claims; ``claim_ids`` the reference claims' ids
    (for opening a pair at that claim)."""

    reference_claims: list[str] = field(default_factory=list)
    claim_ids: list[int] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    projects: list[Path] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)
    details: list[list[list[str]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # pairs whose project could not be used, with why

    def count(self, i: int, verdict: str) -> int:
        return sum(1 for c in self.cells[i] if c == verdict)


def claim_matrix(batch: Batch, progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ClaimMatrix:
    """The claim matrix of a one-reference batch from its projects (an error for several references).

    Reference claims are matched by their place in the text, so a project whose reference claims
    were split or merged by hand still shows the claims it shares with the others."""
    sha = batch.reference()
    if sha is None:
        raise CorpusError("the claim matrix needs a batch whose pairs share one reference")
    m = ClaimMatrix()
    spans: dict[tuple[int, int], int] = {}
    ok = [r for r in batch.rows if batch.project_path(r) is not None]
    columns: list[dict[tuple[int, int], tuple[str, list[str]]]] = []
    for n, row in enumerate(ok):
        if cancelled is not None and cancelled():
            raise CorpusError("cancelled")
        if progress is not None:
            progress(n / max(1, len(ok)))
        path = batch.project_path(row)
        assert path is not None
        try:
            project = load_project(path)
        except ProjectFileError as e:
            m.skipped.append(f"{row['id']}: {e}")
            continue
        left = project.document("left")
        if left.sha256 != sha:
            m.skipped.append(f"{row['id']}: {path.name} has another reference")
            continue
        if not spans:
            for c in project.claims("left"):
                spans[(c.start, c.end)] = len(m.reference_claims)
                m.reference_claims.append(" ".join(c.text(left.text).split()))
                m.claim_ids.append(c.id)
        right = project.document("right")
        column: dict[tuple[int, int], tuple[str, list[str]]] = {}
        for c in project.claims("left"):
            verdicts, texts = [], []
            for rid in project.partners("left", c.id):
                v = project.effective_verdict(rid)
                if v is None:  # marked not a claim
                    continue
                verdicts.append(v)
                texts.append(" ".join(project.claim("right", rid).text(right.text).split()))
            cell = next((v for v in SEVERITY if v in verdicts), OMITTED)
            column[(c.start, c.end)] = (cell, texts)
        columns.append(column)
        m.pairs.append(row["id"])
        m.projects.append(path)
    m.cells = [[""] * len(columns) for _ in m.reference_claims]
    m.details = [[[] for _ in columns] for _ in m.reference_claims]
    for j, column in enumerate(columns):
        for span, (cell, texts) in column.items():
            i = spans.get(span)
            if i is not None:
                m.cells[i][j], m.details[i][j] = cell, texts
    if progress is not None:
        progress(1.0)
    return m


def matrix_rows(m: ClaimMatrix) -> list[list[str]]:
    head = ["reference claim", "text", "altered in", "omitted in", *m.pairs]
    return [head] + [[str(i + 1), text, str(m.count(i, "altered")), str(m.count(i, OMITTED)), *m.cells[i]]
                     for i, text in enumerate(m.reference_claims)]


def export_matrix_csv(m: ClaimMatrix, path: str | os.PathLike[str]) -> None:
    """The matrix as UTF-8 CSV (with a byte-order mark for spreadsheets), written atomically."""
    buf = io.StringIO(newline="")
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(
        [[neutralise_cell(c) for c in row] for row in matrix_rows(m)])
    try:
        atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))
    except OSError as e:
        raise CorpusError(f"cannot be written ({e.strerror or e})", path) from None
