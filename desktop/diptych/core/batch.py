"""Batch review: one reference against many reviews, or a manifest of pairs, one project per pair.

:func:`review_pair` is the one pure per-pair function: a :class:`PairTask` (both articles as paths
or as documents already read, the options) in, a :class:`PairResult` (the project file's bytes and
a summary row) out. It never raises for a bad pair: a missing, binary or unreadable article becomes
a row whose ``error`` says why. Local processes (:func:`review_pair_to_file`, which writes the project
itself) and Dask workers (which send the bytes back to be written where the batch runs) call it
alike; :mod:`diptych.core.batch_run` plans, resumes and runs a whole batch.

A worker process reads, segments and keeps the reference once per batch: the reference's claims are
cached by the sha256 of its text (a file is read again only when its size or time changes).
"""

from __future__ import annotations

import dataclasses
import os
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diptych.core.align import AlignOptions, align
from diptych.core.errors import DiptychError
from diptych.core.ingest import InputError, read_document
from diptych.core.project import Project
from diptych.core.project_file import project_chunks, save_project
from diptych.core.segment import segment
from diptych.core.text import Claim, Document
from diptych.core.verdict import Suggestion, needs_check

SUMMARY_FIELDS = (
    "id", "reference", "reference_sha256", "review", "review_sha256", "project", "options",
    "reference_claims", "review_claims", "links", "consistent", "altered", "unsupported", "check",
    "reference_coverage", "top_reasons", "elapsed_s", "error",
)
TOP_REASONS = 3
NOT_CLAIMS = frozenset(("embed", "navigation"))  # reason kinds of lines that are not the article's claims
_CACHE_SIZE = 8  # references kept per worker process (a manifest may name several)


@dataclass(frozen=True)
class BatchOptions:
    """What changes a batch's projects (a project made with other options is made again)."""

    one_per_line: bool = False
    language: str | None = None
    max_bytes: int | None = None  # largest article read; changes no project
    model: bool = True  # the sentence encoder may link a review in another language

    def align_options(self) -> AlignOptions:
        return AlignOptions(one_per_line=self.one_per_line, language=self.language, model=self.model)

    def label(self) -> str:
        """The options as the summary shows them (and compares them on a rerun); ``model=no`` only
        when the encoder is turned off, so summaries written before it existed still match."""
        return (f"one_per_line={'yes' if self.one_per_line else 'no'};language={self.language or 'auto'}"
                + ("" if self.model else ";model=no"))


@dataclass(frozen=True)
class PairTask:
    """One pair to review. ``reference``/``review`` are paths or documents already read;
    ``*_location`` are what the summary names them; ``project`` is the project's file name."""

    pair_id: str
    reference: str | Document | None
    review: str | Document
    reference_location: str
    review_location: str
    project: str
    options: BatchOptions = field(default_factory=BatchOptions)


@dataclass
class PairResult:
    row: dict[str, Any]
    data: list[bytes] | None = None  # the project file (None after an error, or once written)

    @property
    def ok(self) -> bool:
        return not self.row["error"]


# ----- the reference, once per worker -------------------------------------------------------------
_stat_sha: dict[tuple[str, int, int], str] = {}
_references: dict[tuple[str, bool, str | None], tuple[Document, list[Claim]]] = {}
stats = Counter[str]()  # "reference_reads", "reference_segmentations": what the cache saved


def _reference(source: str | Document, options: BatchOptions) -> tuple[Document, list[Claim]]:
    """The reference document and its claims, from this process's cache when it has them."""
    if isinstance(source, Document):
        doc: Document | None = source
        sha = source.sha256
    else:
        try:
            st = os.stat(source)
            stat_key: tuple[str, int, int] | None = (os.path.abspath(source), st.st_size, st.st_mtime_ns)
        except OSError:
            stat_key = None
        cached = _stat_sha.get(stat_key) if stat_key is not None else None
        if cached is not None:
            doc, sha = None, cached
        else:
            doc = read_article(source, options)
            stats["reference_reads"] += 1
            sha = doc.sha256
            if stat_key is not None:
                _remember(_stat_sha, stat_key, sha)
    key = (sha, options.one_per_line, options.language)
    got = _references.get(key)
    if got is None:
        if doc is None:  # known by its time and size but no longer cached: read it again
            doc = read_article(str(source), options)
            stats["reference_reads"] += 1
        got = (doc, segment(doc.text, options.language, options.one_per_line))
        stats["reference_segmentations"] += 1
        _remember(_references, key, got)
    doc, claims = got
    if not isinstance(source, Document) and doc.path != source:  # the same text under another name
        doc = dataclasses.replace(doc, path=source)
    return doc, claims


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    cache.pop(key, None)
    cache[key] = value
    while len(cache) > _CACHE_SIZE:
        del cache[next(iter(cache))]


# ----- one pair -----------------------------------------------------------------------------------
def check_count(suggestions: Iterable[Suggestion]) -> int:
    """How many suggestions the window marks "check" (the same threshold, :data:`CHECK_THRESHOLD`)."""
    return sum(1 for s in suggestions if needs_check(s))


def top_reasons(suggestions: Iterable[Suggestion], n: int = TOP_REASONS) -> str:
    """The most frequent kinds of reason among altered and unsupported claims, each counted once a
    claim (``"unlinked 6; name 5; date 2"``); embedded posts and navigation lines are no claims."""
    kinds = Counter(k for s in suggestions if s.verdict != "consistent"
                    for k in {r.kind for r in s.reasons if r.major} - NOT_CLAIMS)
    return "; ".join(f"{k} {c}" for k, c in sorted(kinds.items(), key=lambda kc: (-kc[1], kc[0]))[:n])


def empty_row(task: PairTask, error: str = "") -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(SUMMARY_FIELDS, "")
    row.update(id=task.pair_id, reference=task.reference_location, review=task.review_location,
               project=task.project, options=task.options.label(), error=error)
    return row


def summary_row(project: Project, task: PairTask, elapsed: float | None) -> dict[str, Any]:
    """The summary row of a pair's project (suggested verdicts; a confirmed one wins)."""
    counted = [c.id for c in project.claims("right") if not project.reviews[c.id].not_a_claim]
    verdicts = Counter(project.effective_verdict(cid) for cid in counted)
    suggestions = [project.reviews[cid].suggestion for cid in counted]
    counts = project.counts()
    row = empty_row(task)
    row.update(
        reference_sha256=project.document("left").sha256, review_sha256=project.document("right").sha256,
        reference_claims=len(project.claims("left")), review_claims=len(counted), links=len(project.links),
        consistent=verdicts["consistent"], altered=verdicts["altered"], unsupported=verdicts["unsupported"],
        check=check_count(suggestions), reference_coverage=round(counts["reference_covered"], 4),
        top_reasons=top_reasons(suggestions), elapsed_s="" if elapsed is None else round(elapsed, 3))
    return row


def _error_text(e: BaseException) -> str:
    if isinstance(e, DiptychError):
        return str(e)
    if isinstance(e, OSError):
        return " ".join(f"{Path(e.filename).name + ': ' if e.filename else ''}{e.strerror or e}".split())
    return f"internal error: {type(e).__name__}: {' '.join(str(e).split())}"[:300]


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(location: str) -> bool:
    return bool(_URL.match(location))


def read_article(source: str, options: BatchOptions) -> Document:
    """An article of a pair from its file (the one place a batch reads one)."""
    if is_url(source):
        raise InputError(f"{source[:80]}: a batch reads files; save the page and give its file")
    return read_document(source, options.max_bytes)


def build_project(task: PairTask, reference: Document | None = None) -> tuple[Project, float]:
    """Read, link and suggest: the pair's project and the seconds it took. Raises on a bad pair."""
    t0 = time.perf_counter()
    source = reference if reference is not None else task.reference
    if source is None:
        raise DiptychError("no reference given")
    left, left_claims = _reference(source, task.options)
    right = task.review if isinstance(task.review, Document) else read_article(task.review, task.options)
    project = Project.from_alignment(align(left, right, task.options.align_options(), left_claims=left_claims))
    return project, time.perf_counter() - t0


def review_pair(task: PairTask, reference: Document | None = None) -> PairResult:
    """The pure per-pair function: the project's bytes and its summary row, or an error row.

    ``reference`` overrides ``task.reference`` (a Dask worker receives it once per batch)."""
    t0 = time.perf_counter()
    try:
        project, elapsed = build_project(task, reference)
        project.created = project.modified = _now()
        data = project_chunks(project)
    except Exception as e:
        row = empty_row(task, _error_text(e))
        row["elapsed_s"] = round(time.perf_counter() - t0, 3)
        return PairResult(row)
    return PairResult(summary_row(project, task, time.perf_counter() - t0), data)


def review_pairs(tasks: list[PairTask], reference: Document | None = None) -> list[PairResult]:
    """:func:`review_pair` for each task, in order (a cluster task carries a few pairs)."""
    return [review_pair(t, reference) for t in tasks]


def review_pair_to_file(task: PairTask, outdir: str) -> dict[str, Any]:
    """:func:`review_pair` for a local worker: the project is written (atomically) into ``outdir``
    here, and only the row travels back."""
    t0 = time.perf_counter()
    try:
        project, _ = build_project(task)
        save_project(project, Path(outdir) / task.project)
    except Exception as e:
        row = empty_row(task, _error_text(e))
        row["elapsed_s"] = round(time.perf_counter() - t0, 3)
        return row
    return summary_row(project, task, time.perf_counter() - t0)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
