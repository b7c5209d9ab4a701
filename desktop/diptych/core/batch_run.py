"""Running a batch: the plan, what an earlier run already did, local processes or a Dask cluster,
and the summary files.

Every pair finished is written at once: its project atomically, then its row appended (and flushed)
to ``summary.partial.jsonl``. Killed at any moment, even by SIGKILL, a batch has lost nothing it had
finished; run again, it skips every pair whose project exists with the same input hashes and options
and does the rest. At the end ``summary.csv`` and ``summary.jsonl`` are written (atomically) with
each input exactly once, in the order given, and the partial file is removed.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diptych.core.batch import (
    SUMMARY_FIELDS,
    BatchOptions,
    PairResult,
    PairTask,
    empty_row,
    is_url,
    read_article,
    review_pair_to_file,
    review_pairs,
    summary_row,
)
from diptych.core.errors import DiptychError
from diptych.core.export import neutralise_cell
from diptych.core.project import Project
from diptych.core.project_file import PROJECT_SUFFIX, ProjectFileError, load_project
from diptych.core.storage import atomic_write_bytes
from diptych.core.text import Document

SUMMARY_CSV = "summary.csv"
SUMMARY_JSONL = "summary.jsonl"
PARTIAL = "summary.partial.jsonl"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
MANIFEST_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ID_COLUMNS = ("id", "pair_id", "pair")
REFERENCE_COLUMNS = ("reference", "left", "source")
REVIEW_COLUMNS = ("review", "right", "article")
_SAFE = re.compile(r"[^\w.-]+")
_IN_FLIGHT = 4  # tasks queued per worker: enough to keep it busy, few enough to keep memory flat
_CHUNK = 8  # most pairs in one Dask task
CONNECT_TIMEOUT = "10s"

Progress = Callable[[int, int, int], None]  # (pairs done, pairs to do, pairs failed)


class BatchError(DiptychError):
    """A bad manifest, bad options or an output folder that cannot be used (exit code 2)."""


def json_lines(text: str, error: type[DiptychError], path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """The parsed non-empty lines of a JSON Lines text with their line numbers (a manifest, a
    summary); a line that is not JSON raises ``error`` naming it."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise error(f"line {n} is not valid JSON", path) from None
        yield n, obj


@dataclass
class Planned:
    """One input of the batch: a task, or a pair refused before it runs (``error``)."""

    task: PairTask
    error: str = ""


@dataclass
class Outcome:
    rows: list[dict[str, Any]]
    done: int = 0  # pairs reviewed by this run
    skipped: int = 0  # pairs an earlier run had finished
    failed: int = 0
    seconds: float = 0.0
    summary: Path = field(default_factory=Path)


# ----- the plan -----------------------------------------------------------------------------------
def _stem(path: str) -> str:
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def project_name(pair_id: str, taken: set[str]) -> str:
    """A file name for the pair's project: the id where it is a plain file name, else a cleaned id
    with a short hash of the id (so two ids never share a project)."""
    safe = _SAFE.sub("_", pair_id).strip("._")[:80]
    if safe != pair_id or not safe or safe.casefold() in taken:
        safe = f"{safe or 'pair'}-{hashlib.sha256(pair_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    taken.add(safe.casefold())
    return safe + PROJECT_SUFFIX


def _location(path: str, base: str | None = None) -> str:
    if is_url(path):
        return path
    p = os.path.expanduser(path) if base is None else path
    return os.path.abspath(p if base is None or os.path.isabs(p) else os.path.join(base, p))


def plan_reference(reference: str, reviews: Sequence[str], options: BatchOptions) -> list[Planned]:
    """One reference against many reviews; a review's id is its file name without the extension
    (``-2``, ``-3``... for a name met again)."""
    if not reviews:
        raise BatchError("give at least one review after the reference")
    ref = _location(reference)
    seen: dict[str, int] = {}
    taken: set[str] = set()
    out = []
    for review in reviews:
        stem = _stem(review) or "review"
        seen[stem] = seen.get(stem, 0) + 1
        pair_id = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
        while pair_id in seen and pair_id != stem:  # "a-2" given as a name too
            seen[stem] += 1
            pair_id = f"{stem}-{seen[stem]}"
        seen.setdefault(pair_id, 1)
        loc = _location(review)
        out.append(Planned(PairTask(pair_id, ref, loc, ref, loc, project_name(pair_id, taken), options)))
    return out


def _manifest_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row with lower-case column names) for every row of a CSV or JSON Lines file."""
    kind = MANIFEST_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise BatchError("a manifest is a .csv or .jsonl file", path)
    try:
        if path.is_dir():
            raise BatchError("is a folder, not a manifest", path)
        with path.open("rb") as f:
            data = f.read(MANIFEST_MAX_BYTES + 1)
    except FileNotFoundError:
        raise BatchError("no such manifest", path) from None
    except OSError as e:
        raise BatchError(f"cannot be read ({e.strerror or e})", path) from None
    if len(data) > MANIFEST_MAX_BYTES:
        raise BatchError(f"is over the {MANIFEST_MAX_BYTES >> 20} MB manifest limit", path)
    if b"\x00" in data:
        raise BatchError("looks like a binary file, not a manifest", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BatchError("is not UTF-8 text", path) from None
    if kind == "csv":
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
            _columns(header, path)
            for row in reader:
                values = {(k or "").strip().lower(): (v if isinstance(v, str) else "") for k, v in row.items()}
                if any(v.strip() for v in values.values()):
                    yield reader.line_num, values
        except csv.Error as e:
            raise BatchError(f"is not a valid CSV file ({e})", path) from None
        return
    for n, obj in json_lines(text, BatchError, path):
        if not isinstance(obj, dict):
            raise BatchError(f"line {n} is not a JSON object", path)
        values = {}
        for k, v in obj.items():
            if v is not None and not isinstance(v, str | int):
                raise BatchError(f"line {n}: '{str(k)[:40]}' is not a string", path)
            values[str(k).strip().lower()] = "" if v is None else str(v)
        _columns(list(values), path, n)
        yield n, values


def _columns(header: list[str], path: Path, line: int | None = None) -> None:
    for names in (REFERENCE_COLUMNS, REVIEW_COLUMNS):
        if not any(n in header for n in names):
            where = f"line {line} has" if line is not None else "the header has"
            have = ", ".join(h for h in header if h)[:120] or "nothing"
            raise BatchError(f"needs a '{names[0]}' column ({where}: {have})", path)


def _pick(row: dict[str, str], names: Sequence[str]) -> str:
    for n in names:
        if n in row:
            return row[n].strip()
    return ""


def plan_manifest(manifest: str, options: BatchOptions) -> list[Planned]:
    """The pairs of a manifest, paths relative to its folder. A row without a reference or a review,
    or with an id an earlier row has, is an error row; a manifest Diptych cannot read raises
    :class:`BatchError`."""
    path = Path(manifest)
    base = os.path.dirname(os.path.abspath(path))
    rows = list(_manifest_rows(path))
    if not rows:
        raise BatchError("lists no pairs", path)
    taken: set[str] = set()
    ids: dict[str, int] = {}
    auto: dict[str, int] = {}
    explicit = {_pick(r, ID_COLUMNS) for _, r in rows} - {""}
    out = []
    for line, row in rows:
        ref, rev, given = _pick(row, REFERENCE_COLUMNS), _pick(row, REVIEW_COLUMNS), _pick(row, ID_COLUMNS)
        if given:
            pair_id = given
        else:  # the review's name, unless another row already is (or claims) that id
            stem = _stem(rev) or f"line-{line}"
            auto[stem] = auto.get(stem, 0) + 1
            pair_id = stem if auto[stem] == 1 and stem not in explicit else f"{stem}-line-{line}"
        ref_loc = _location(ref, base) if ref else ""
        rev_loc = _location(rev, base) if rev else ""
        error = ""
        if pair_id in ids:
            error = f"line {line}: the id '{pair_id}' is also on line {ids[pair_id]}"
        elif not ref:
            error = f"line {line}: no reference given"
        elif not rev:
            error = f"line {line}: no review given"
        else:
            ids[pair_id] = line
        name = project_name(pair_id, taken) if not error else ""
        out.append(Planned(PairTask(pair_id, ref_loc or None, rev_loc, ref_loc, rev_loc, name, options), error))
    return out


# ----- what an earlier run did --------------------------------------------------------------------
def _read_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open("rb") as f:
            for line in f:
                with contextlib.suppress(ValueError):  # a line cut by a kill is simply not there
                    row = json.loads(line)
                    if isinstance(row, dict) and isinstance(row.get("id"), str):
                        yield row
    except OSError:
        return


def previous_rows(outdir: Path) -> dict[str, dict[str, Any]]:
    """The latest row of each pair id an earlier run wrote (summary first, then the partial file)."""
    rows: dict[str, dict[str, Any]] = {}
    for name in (SUMMARY_JSONL, PARTIAL):
        for row in _read_rows(outdir / name):
            rows[row["id"]] = row
    return rows


def _has_review_work(p: Project) -> bool:
    return (any(r.verdict or r.note or r.not_a_claim for r in p.reviews.values())
            or any(lk.origin != "auto" for lk in p.links) or bool(p.reviewer))


class _Inputs:
    """The documents of the inputs, read in this process only to tell whether a pair is done (the
    reference once)."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.refs: dict[str, Document | str] = {}

    def reference(self, path: str) -> Document:
        got = self.refs.get(path)
        if got is None:
            try:
                got = read_article(path, self.options)
            except DiptychError as e:
                got = str(e)
            if len(self.refs) > 64:
                self.refs.clear()
            self.refs[path] = got
        if isinstance(got, str):
            raise DiptychError(got)
        return got


def _finished(task: PairTask, prev: dict[str, Any] | None, outdir: Path,
              inputs: _Inputs) -> tuple[dict[str, Any] | None, str]:
    """(the row of a pair an earlier run finished, or None; why it may not be redone, or "")."""
    target = outdir / task.project
    if not target.is_file() or not isinstance(task.reference, str) or not isinstance(task.review, str):
        return None, ""
    try:
        ref = inputs.reference(task.reference)
        rev = read_article(task.review, task.options)
    except DiptychError:
        return None, ""  # run it: its error row says what is wrong now
    if (prev is not None and not prev.get("error") and prev.get("project") == task.project
            and prev.get("options") == task.options.label() and prev.get("reference") == task.reference_location
            and prev.get("review") == task.review_location
            and prev.get("reference_sha256") == ref.sha256 and prev.get("review_sha256") == rev.sha256):
        return prev, ""
    try:  # a project without a row of this batch (the run stopped right after writing it)
        project = load_project(target)
    except ProjectFileError:
        return None, ""
    if (project.document("left").sha256 == ref.sha256 and project.document("right").sha256 == rev.sha256
            and project.options == task.options.align_options()):
        return summary_row(project, task, None), ""
    if _has_review_work(project):
        return None, f"{task.project}: has review work made with other inputs or options; not overwritten"
    return None, ""


# ----- the summary files --------------------------------------------------------------------------
def _csv_cell(value: Any) -> Any:
    return neutralise_cell(value) if isinstance(value, str) else value


def write_summaries(outdir: Path, rows: Sequence[dict[str, Any]]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(SUMMARY_FIELDS)
    for row in rows:
        w.writerow([_csv_cell(row.get(k, "")) for k in SUMMARY_FIELDS])
    atomic_write_bytes(outdir / SUMMARY_CSV, buf.getvalue().encode("utf-8-sig"))
    atomic_write_bytes(outdir / SUMMARY_JSONL, [_jsonl(row).encode("utf-8") for row in rows])


def _jsonl(row: dict[str, Any]) -> str:
    return json.dumps({k: row.get(k, "") for k in SUMMARY_FIELDS}, ensure_ascii=False) + "\n"


class _Partial:
    """The partial summary: one line per finished pair, written and flushed at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.f = path.open("ab")

    def add(self, row: dict[str, Any]) -> None:
        self.f.write(_jsonl(row).encode("utf-8"))
        self.f.flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.fsync(self.f.fileno())
        self.f.close()


# ----- running ------------------------------------------------------------------------------------
def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_batch(planned: Sequence[Planned], outdir: str | os.PathLike[str], jobs: int | None = None,
              scheduler: str | None = None, progress: Progress | None = None) -> Outcome:
    """Review every planned pair not already done into ``outdir``; see the module's docstring."""
    t0 = time.perf_counter()
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise BatchError("is not a folder", out)
    client = connect(scheduler) if scheduler else None  # before anything is written
    try:
        return _run_batch(planned, out, jobs, client, progress, t0)
    finally:
        if client is not None:
            client.close()


def _run_batch(planned: Sequence[Planned], out: Path, jobs: int | None, client: Any,
               progress: Progress | None, t0: float) -> Outcome:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BatchError(f"cannot be made ({e.strerror or e})", out) from None
    for stale in out.glob(f".*{PROJECT_SUFFIX}.*.tmp"):  # a project half written when a run was killed
        with contextlib.suppress(OSError):
            stale.unlink()
    prev = previous_rows(out)
    rows: list[str | None] = [None] * len(planned)  # JSON lines, compact whatever the batch's size
    todo: list[int] = []
    skipped = 0
    inputs = _Inputs(planned[0].task.options) if planned else None
    for k, p in enumerate(planned):
        if p.error:
            rows[k] = _jsonl(empty_row(p.task, p.error))
            continue
        assert inputs is not None
        row, refusal = _finished(p.task, prev.get(p.task.pair_id), out, inputs)
        if refusal:
            rows[k] = _jsonl(empty_row(p.task, refusal))
        elif row is not None:
            rows[k] = _jsonl(row)
            skipped += 1
        else:
            todo.append(k)
    del prev, inputs
    try:
        partial = _Partial(out / PARTIAL)
    except OSError as e:
        raise BatchError(f"cannot be written ({e.strerror or e})", out) from None
    count = {"done": 0, "failed": 0}

    def finished(k: int, row: dict[str, Any]) -> None:
        partial.add(row)
        rows[k] = _jsonl(row)
        count["done"] += 1
        count["failed"] += bool(row.get("error"))
        if progress is not None:
            progress(count["done"], len(todo), count["failed"])

    if progress is not None:
        progress(0, len(todo), 0)
    try:
        tasks = [(k, planned[k].task) for k in todo]
        if client is not None:
            _run_dask(client, tasks, out, finished)
        else:
            _run_local(tasks, out, jobs or default_jobs(), finished)
    finally:
        partial.close()
    final = [json.loads(r) for r in rows if r is not None]
    if len(final) != len(planned):  # pragma: no cover - every path above fills its row
        raise RuntimeError("a pair of the batch has no row")
    write_summaries(out, final)
    with contextlib.suppress(OSError):
        (out / PARTIAL).unlink()
    return Outcome(final, done=len(todo), skipped=skipped,
                   failed=sum(1 for r in final if r.get("error")), seconds=time.perf_counter() - t0,
                   summary=out / SUMMARY_CSV)


Done = Callable[[int, dict[str, Any]], None]


def _run_local(tasks: list[tuple[int, PairTask]], out: Path, jobs: int, done: Done) -> None:
    if jobs <= 1 or len(tasks) <= 1:
        for k, task in tasks:
            done(k, review_pair_to_file(task, str(out)))
        return
    import multiprocessing

    # forkserver: the workers never inherit this process's threads (the progress bar's, a window's)
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":  # the workers start with the per-pair function's modules imported
        context.set_forkserver_preload(["diptych.core.batch"])
    queue = list(reversed(tasks))
    attempts: dict[int, int] = {}
    while queue:
        running: dict[Future[dict[str, Any]], tuple[int, PairTask]] = {}
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(queue)), mp_context=context)
        try:
            while queue or running:
                while queue and len(running) < jobs * _IN_FLIGHT:
                    k, task = queue[-1]
                    running[pool.submit(review_pair_to_file, task, str(out))] = (k, task)
                    queue.pop()
                ready, _ = wait(running, return_when=FIRST_COMPLETED)
                for f in ready:
                    k, task = running.pop(f)
                    try:
                        row = f.result()
                    except BrokenProcessPool:
                        # a worker died (killed, out of memory): its pairs go again, each twice at most
                        attempts[k] = attempts.get(k, 0) + 1
                        if attempts[k] >= 2:
                            done(k, empty_row(task, "the worker process reviewing this pair died"))
                        else:
                            queue.append((k, task))
                        continue
                    done(k, row)
        except BrokenProcessPool:
            pass
        finally:
            for f, (k, task) in running.items():  # left over by a broken pool: run them again
                f.cancel()
                queue.append((k, task))
            pool.shutdown(wait=True, cancel_futures=True)


def _keep(doc: Document) -> Document:
    return doc


def connect(address: str) -> Any:
    """A client of the Dask scheduler at ``address``; :class:`BatchError` when there is none."""
    try:
        from distributed import Client
    except ImportError:
        raise BatchError("--scheduler needs Dask: pip install 'diptych[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        why = " ".join(str(e).split())[:160] or type(e).__name__
        raise BatchError(f"cannot reach the Dask scheduler at {address} ({why})") from None


def _run_dask(client: Any, tasks: list[tuple[int, PairTask]], out: Path, done: Done) -> None:
    """The same pairs on a dask.distributed cluster: the articles are read here, the pure function
    runs on the workers, each result is written here as it arrives (a worker lost mid-pair is
    replaced by Dask, which runs its pairs again; a result is written once)."""
    from distributed import as_completed

    pending: dict[Any, list[tuple[int, PairTask]]] = {}
    try:
        opts = tasks[0][1].options if tasks else BatchOptions()
        inputs = _Inputs(opts)
        refs: dict[str, Any] = {}  # reference sha256 -> the future that holds it on the cluster
        cores = max(1, sum(client.ncores().values()))
        # a few pairs a task: a task costs the scheduler and this process a few milliseconds, about
        # what a pair of news articles costs a worker; a lost worker's tasks are run again whole
        size = max(1, min(_CHUNK, len(tasks) // (cores * 8)))
        window = cores * _IN_FLIGHT
        ac = as_completed(loop=client.loop)
        it = iter(tasks)
        carry: list[tuple[int, PairTask, Document]] = []  # a pair read that belongs to the next task

        def submit(group: list[tuple[int, PairTask, Document]]) -> None:
            ref = group[0][2]
            held = refs.get(ref.sha256)
            if held is None:  # a task, not scattered data: Dask can make it again on a new worker
                held = refs[ref.sha256] = client.submit(_keep, ref, pure=False)
            f = client.submit(review_pairs, [t for _, t, _ in group], held, pure=False,
                              key=f"diptych-pairs-{group[0][0]}-{os.urandom(4).hex()}")
            pending[f] = [(k, t) for k, t, _ in group]
            ac.add(f)

        def submit_next() -> bool:
            group, carry[:] = carry[:], []
            for k, task in it:
                try:
                    if not isinstance(task.reference, str):
                        raise DiptychError("no reference given")
                    ref = inputs.reference(task.reference)
                    rev = (task.review if isinstance(task.review, Document)
                           else read_article(task.review, task.options))
                except DiptychError as e:
                    done(k, empty_row(task, str(e)))
                    continue
                item = (k, dataclasses.replace(task, reference=None, review=rev), ref)
                if group and ref.sha256 != group[0][2].sha256:
                    carry.append(item)
                    break
                group.append(item)
                if len(group) >= size:
                    break
            if group:
                submit(group)
            return bool(group)

        while len(pending) < window and submit_next():
            pass
        for f in ac:
            pairs = pending.pop(f)
            try:
                results: list[PairResult] = f.result()
            except Exception as e:
                for k, task in pairs:
                    done(k, empty_row(task, f"the cluster could not review this pair ({type(e).__name__})"))
                results = []
            for (k, task), result in zip(pairs, results, strict=False):
                if result.data is not None:
                    try:
                        atomic_write_bytes(out / task.project, result.data)
                    except OSError as e:
                        result = PairResult(empty_row(task, f"{task.project}: cannot be written ({e.strerror or e})"))
                done(k, result.row)
            f.release()
            while len(pending) < window and submit_next():
                pass
    finally:
        for f in pending:  # an interrupted batch leaves nothing queued on the cluster
            f.cancel()
