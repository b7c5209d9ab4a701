"""The ``.diptych`` project file: schema, load, atomic save, migrations, autosave, lock, recent files.

One UTF-8 JSON file (see ``docs/project-format.md``). Loading parses JSON only (nothing in a file can
run code), upgrades older schema versions through :data:`MIGRATIONS`, validates everything with
pydantic models, checks the embedded texts against their sha256 and refuses anything else with a
one-line :class:`ProjectFileError`. Saving writes a temporary file in the same folder, fsyncs it and
renames it over the old one, so the file on disk is always a whole old or a whole new project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from diptych import __version__
from diptych.core.align import AlignOptions
from diptych.core.errors import DiptychError
from diptych.core.link import LinkOptions
from diptych.core.project import (
    ORIGINS,
    SIDES,
    Article,
    ClaimSpan,
    Orphan,
    Project,
    ProjectLink,
    Provenance,
    Review,
    Side,
)
from diptych.core.storage import atomic_write_bytes
from diptych.core.text import Document, sha256_text
from diptych.core.verdict import VERDICTS, Reason, Suggestion

PROJECT_FORMAT = "diptych.project"
SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".diptych"
AUTOSAVE_SUFFIX = ".autosave"
DEFAULT_MAX_PROJECT_BYTES = 256 * 1024 * 1024
QUOTE_CONTEXT = 32  # code points of prefix and suffix stored with every quote
APP_NAME = "diptych"


class ProjectFileError(DiptychError):
    """A project file Diptych cannot read or write; ``str(err)`` is one line for the user."""


# ----- migrations ---------------------------------------------------------------------------------
Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: ``MIGRATIONS[n]`` turns a schema ``n`` document into a schema ``n + 1`` document.
MIGRATIONS: dict[int, Migration] = {}


def register_migration(from_version: int) -> Callable[[Migration], Migration]:
    def wrap(fn: Migration) -> Migration:
        MIGRATIONS[from_version] = fn
        return fn

    return wrap


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (development files) had no orphans list and called the reviews ``verdicts``."""
    out = dict(data)
    if "verdicts" in out and "reviews" not in out:
        out["reviews"] = out.pop("verdicts")
    out.setdefault("orphans", [])
    out["schema_version"] = 1
    return out


MIGRATIONS[0] = _migrate_0_to_1


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a parsed project document to :data:`SCHEMA_VERSION` (refusing newer ones)."""
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectFileError("has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(f"was saved by a newer Diptych (project schema {version}; this version "
                               f"reads up to {SCHEMA_VERSION}); update Diptych to open it")
    if version < 0:
        raise ProjectFileError(f"has an invalid schema_version {version}")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProjectFileError(f"project schema {version} can no longer be read")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


# ----- schema -------------------------------------------------------------------------------------
NonNeg = Annotated[int, Field(ge=0)]
Scalar = str | int | float | bool | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class QuoteModel(_Model):
    exact: str
    prefix: str = ""
    suffix: str = ""


class ClaimModel(_Model):
    id: NonNeg
    start: NonNeg
    end: NonNeg
    quote: QuoteModel


class ProvenanceModel(_Model):
    url: str = ""
    outlet: str = ""
    published: str = ""
    retrieved: str = ""


class ArticleModel(_Model):
    text: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str | None = None
    format: str = "txt"
    encoding: str | None = None
    provenance: ProvenanceModel = ProvenanceModel()
    claims: list[ClaimModel]

    @model_validator(mode="after")
    def _check(self) -> ArticleModel:
        if sha256_text(self.text) != self.sha256:
            raise ValueError("the embedded text does not match its sha256 (the file was altered)")
        seen: set[int] = set()
        n = len(self.text)
        prev_end = 0
        for c in self.claims:
            if c.id in seen:
                raise ValueError(f"claim id {c.id} appears twice")
            seen.add(c.id)
            if not c.start <= c.end <= n:
                raise ValueError(f"claim {c.id} lies outside the text")
            if c.start < prev_end:
                raise ValueError(f"claim {c.id} overlaps the claim before it")
            prev_end = c.end
            if self.text[c.start:c.end] != c.quote.exact:
                raise ValueError(f"claim {c.id} does not match its quote")
        return self


class LinkModel(_Model):
    left: NonNeg
    right: NonNeg
    score: float = Field(ge=0.0, le=1.0, allow_inf_nan=False)
    origin: Literal[ORIGINS] = "auto"  # type: ignore[valid-type]


Pair = Annotated[list[NonNeg], Field(min_length=2, max_length=2)]
Triple = Annotated[list[NonNeg], Field(min_length=3, max_length=3)]


class ReasonModel(_Model):
    kind: str
    text: str
    major: bool = True
    left: str = ""
    right: str = ""
    right_spans: list[Pair] = []  # (start, end) in the review claim's text
    left_spans: list[Triple] = []  # (index among the linked reference claims, start, end)


class SuggestionModel(_Model):
    verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    reasons: list[ReasonModel] = []
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None  # optional: files before it lack it


class ReviewModel(_Model):
    claim: NonNeg
    suggestion: SuggestionModel
    verdict: Literal[VERDICTS] | None = None  # type: ignore[valid-type]
    not_a_claim: bool = False
    note: str = ""


class OrphanModel(_Model):
    side: Literal["left", "right"]
    claim_id: NonNeg
    quote: QuoteModel
    start: NonNeg = 0
    end: NonNeg = 0
    links: list[LinkModel] = []
    review: ReviewModel | None = None


class OptionsModel(_Model):
    one_per_line: bool = False
    language: str | None = None
    link: dict[str, Scalar] = {}


class ArticlesModel(_Model):
    left: ArticleModel
    right: ArticleModel


class ProjectModel(_Model):
    format: Literal["diptych.project"]
    schema_version: Literal[1]
    generator: str = ""
    created: str = ""
    modified: str = ""
    reviewer: str = ""
    options: OptionsModel = OptionsModel()
    articles: ArticlesModel
    links: list[LinkModel]
    reviews: list[ReviewModel]
    orphans: list[OrphanModel] = []

    @model_validator(mode="after")
    def _check(self) -> ProjectModel:
        left_ids = {c.id for c in self.articles.left.claims}
        right_ids = {c.id for c in self.articles.right.claims}
        pairs: set[tuple[int, int]] = set()
        for lk in self.links:
            if lk.left not in left_ids or lk.right not in right_ids:
                raise ValueError(f"link {lk.left}-{lk.right} names a claim that does not exist")
            if (lk.left, lk.right) in pairs:
                raise ValueError(f"link {lk.left}-{lk.right} appears twice")
            pairs.add((lk.left, lk.right))
        reviewed: set[int] = set()
        for r in self.reviews:
            if r.claim not in right_ids:
                raise ValueError(f"review of claim {r.claim} names a claim that does not exist")
            if r.claim in reviewed:
                raise ValueError(f"claim {r.claim} is reviewed twice")
            reviewed.add(r.claim)
        taken = {"left": set(left_ids), "right": set(right_ids)}
        for o in self.orphans:
            if o.claim_id in taken[o.side]:
                raise ValueError(f"orphan {o.side} claim {o.claim_id} has the id of another claim")
            taken[o.side].add(o.claim_id)
        return self


def _one_line(e: ValidationError) -> str:
    errs = e.errors(include_url=False)
    first = errs[0]
    where = ".".join(str(x) for x in first.get("loc", ()))
    msg = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    more = f" (and {len(errs) - 1} more problem{'s' if len(errs) > 2 else ''})" if len(errs) > 1 else ""
    return f"is not a valid Diptych project: {where + ': ' if where else ''}{msg}{more}"


# ----- model <-> JSON -----------------------------------------------------------------------------
def _quote(text: str, start: int, end: int) -> dict[str, str]:
    return {"exact": text[start:end], "prefix": text[max(0, start - QUOTE_CONTEXT):start],
            "suffix": text[end:end + QUOTE_CONTEXT]}


def _link_json(lk: ProjectLink) -> dict[str, Any]:
    return {"left": lk.left, "right": lk.right, "score": round(float(lk.score), 6), "origin": lk.origin}


def _review_json(claim_id: int, r: Review) -> dict[str, Any]:
    return {
        "claim": claim_id,
        "suggestion": {"verdict": r.suggestion.verdict,
                       "reasons": [_reason_json(x) for x in r.suggestion.reasons],
                       **({} if r.suggestion.confidence is None else {"confidence": r.suggestion.confidence})},
        "verdict": r.verdict,
        "not_a_claim": r.not_a_claim,
        "note": r.note,
    }


def _reason_json(r: Reason) -> dict[str, Any]:
    known = set(ReasonModel.model_fields)
    return {k: [list(x) for x in v] if isinstance(v, tuple | list) else v
            for k, v in dataclasses.asdict(r).items() if k in known}


def _options_json(opts: AlignOptions) -> dict[str, Any]:
    link = {k: v for k, v in dataclasses.asdict(opts.link).items()
            if v is None or isinstance(v, str | int | float | bool)}
    return {"one_per_line": opts.one_per_line, "language": opts.language, "link": link}


def project_to_json(project: Project) -> dict[str, Any]:
    """The project as a JSON-ready dict of the current schema."""
    articles: dict[str, Any] = {}
    for side in SIDES:
        art = project.articles[side]
        doc = art.document
        articles[side] = {
            "text": doc.text,
            "sha256": sha256_text(doc.text),
            "path": doc.path,
            "format": doc.format,
            "encoding": doc.encoding,
            "provenance": dataclasses.asdict(art.provenance),
            "claims": [{"id": c.id, "start": c.start, "end": c.end, "quote": _quote(doc.text, c.start, c.end)}
                       for c in art.claims],
        }
    return {
        "format": PROJECT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generator": f"Diptych {__version__}",
        "created": project.created,
        "modified": project.modified,
        "reviewer": project.reviewer,
        "options": _options_json(project.options),
        "articles": articles,
        "links": [_link_json(lk) for lk in project.links],
        "reviews": [_review_json(c.id, project.reviews[c.id]) for c in project.claims("right")
                    if c.id in project.reviews],
        "orphans": [{
            "side": o.side, "claim_id": o.claim_id,
            "quote": {"exact": o.quote, "prefix": o.prefix, "suffix": o.suffix},
            "start": o.start, "end": o.end,
            "links": [_link_json(lk) for lk in o.links],
            "review": None if o.review is None else _review_json(o.claim_id, o.review),
        } for o in project.orphans],
    }


def _known(cls: Any, values: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in values.items() if k in names}


def _review_from(m: ReviewModel) -> Review:
    reasons = tuple(Reason(**_known(Reason, {k: tuple(tuple(x) for x in v) if isinstance(v, list) else v
                                             for k, v in r.model_dump().items()}))
                    for r in m.suggestion.reasons)
    return Review(Suggestion(m.suggestion.verdict, reasons, m.suggestion.confidence), m.verdict, m.not_a_claim,
                  m.note)


def _link_from(m: LinkModel) -> ProjectLink:
    return ProjectLink(m.left, m.right, m.score, m.origin)


def _options_from(m: OptionsModel) -> AlignOptions:
    try:
        link = LinkOptions(**_known(LinkOptions, dict(m.link)))
        return AlignOptions(**_known(AlignOptions, {"one_per_line": m.one_per_line, "language": m.language,
                                                    "link": link}))
    except (TypeError, ValueError) as e:
        raise ProjectFileError(f"has invalid linker options ({e})") from None


def project_from_json(data: dict[str, Any]) -> Project:
    """Validate (and migrate) a parsed project document into a :class:`Project`."""
    if not isinstance(data, dict):
        raise ProjectFileError("is not a Diptych project (not a JSON object)")
    fmt = data.get("format")
    if fmt != PROJECT_FORMAT:
        shown = fmt if isinstance(fmt, str) and len(fmt) < 60 else "missing"
        raise ProjectFileError(f"is not a Diptych project (format is {shown!r}, expected {PROJECT_FORMAT!r})")
    data = migrate(dict(data))
    try:
        m = ProjectModel.model_validate(data)
    except ValidationError as e:
        raise ProjectFileError(_one_line(e)) from None
    arts: dict[Side, Article] = {}
    for side in SIDES:
        a: ArticleModel = getattr(m.articles, side)
        doc = Document(a.text, a.path, a.format, a.encoding, a.sha256)
        arts[side] = Article(doc, [ClaimSpan(c.id, c.start, c.end) for c in a.claims],
                             Provenance(**a.provenance.model_dump()))
    orphans = [Orphan(o.side, o.claim_id, o.quote.exact, o.quote.prefix, o.quote.suffix, o.start, o.end,
                      tuple(_link_from(lk) for lk in o.links),
                      None if o.review is None else _review_from(o.review)) for o in m.orphans]
    reviews = {r.claim: _review_from(r) for r in m.reviews}
    return Project(arts["left"], arts["right"], [_link_from(lk) for lk in m.links], reviews,
                   _options_from(m.options), m.reviewer, m.created, m.modified,
                   m.generator or f"Diptych {__version__}", orphans)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a project file")


def parse_project(data: bytes) -> Project:
    """A project from the bytes of a ``.diptych`` file (messages without the file name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ProjectFileError("is empty")
    if b"\x00" in data[:65536]:
        raise ProjectFileError("is not a Diptych project (binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectFileError("is not a Diptych project (not UTF-8 text)") from None
    if not text.lstrip().startswith("{"):
        raise ProjectFileError("is not a Diptych project (not a JSON object)")
    try:
        parsed = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        truncated = e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated")
        where = "truncated" if truncated else f"broken at line {e.lineno}, column {e.colno}"
        raise ProjectFileError(f"is not a valid Diptych project (the JSON is {where})") from None
    except (ValueError, RecursionError) as e:
        raise ProjectFileError(f"is not a valid Diptych project ({str(e)[:80] or 'nested too deeply'})") from None
    try:
        return project_from_json(parsed)
    except RecursionError:
        raise ProjectFileError("is not a valid Diptych project (nested too deeply)") from None


def max_project_bytes() -> int:
    env = os.environ.get("DIPTYCH_MAX_PROJECT_BYTES", "")
    return int(env) if env.isdigit() and int(env) > 0 else DEFAULT_MAX_PROJECT_BYTES


def load_project(path: str | os.PathLike[str], max_bytes: int | None = None) -> Project:
    """Read a ``.diptych`` (or autosave) file; every failure is a one-line :class:`ProjectFileError`."""
    p = Path(path)
    limit = max_bytes if max_bytes is not None else max_project_bytes()
    try:
        if p.is_dir():
            raise ProjectFileError("is a folder, not a project file", p)
        size = p.stat().st_size
        if size > limit:
            raise ProjectFileError(f"is {size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB project limit", p)
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise ProjectFileError("no such file", p) from None
    except OSError as e:
        raise ProjectFileError(f"cannot be read ({e.strerror or e})", p) from None
    if len(data) > limit:
        raise ProjectFileError("is over the project size limit", p)
    try:
        return parse_project(data)
    except ProjectFileError as e:
        raise ProjectFileError(str(e), p) from None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def project_chunks(project: Project, size: int = 1 << 16) -> list[bytes]:
    """The project file's bytes in pieces of about ``size`` (never joined into one block)."""
    out: list[bytes] = []
    buf: list[str] = []
    held = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(project_to_json(project)):
        buf.append(piece)
        held += len(piece)
        if held >= size:
            out.append("".join(buf).encode("utf-8"))
            buf, held = [], 0
            time.sleep(0)  # a save in a background thread lets the window's thread run between pieces
    buf.append("\n")
    out.append("".join(buf).encode("utf-8"))
    return out


def dumps_project(project: Project) -> bytes:
    return b"".join(project_chunks(project))


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    """Write the project atomically (temp file, fsync, rename); sets ``modified`` (and ``created``).

    The autosave side file of ``path`` is removed after a successful save.
    """
    p = Path(path)
    old_created, old_modified = project.created, project.modified
    project.modified = _now()
    project.created = project.created or project.modified
    try:
        atomic_write_bytes(p, project_chunks(project))
    except OSError as e:
        project.created, project.modified = old_created, old_modified
        raise ProjectFileError(f"cannot be saved ({e.strerror or e})", p) from None
    except BaseException:
        project.created, project.modified = old_created, old_modified
        raise
    discard_autosave(str(p))


# ----- autosave and recovery ----------------------------------------------------------------------
def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "autosave"


def _fallback_autosave_path(project_path: str) -> Path:
    """Where the autosave of a project in a read-only folder goes (the user's data dir)."""
    absolute = str(Path(project_path).absolute())
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return _data_dir() / f"{digest}-{Path(project_path).name}{AUTOSAVE_SUFFIX}"


def autosave_path(project_path: str | os.PathLike[str] | None) -> Path:
    """The autosave side file: ``.NAME.diptych.autosave`` next to the project, or, for a project
    never saved, ``untitled-PID.diptych.autosave`` in the user's data directory (one per running
    Diptych, so two windows on unsaved reviews never overwrite each other's autosave)."""
    if project_path is None or str(project_path) == "":
        return _data_dir() / f"untitled-{os.getpid()}{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"
    p = Path(project_path)
    return p.with_name(f".{p.name}{AUTOSAVE_SUFFIX}")


def _orphaned_untitled() -> list[Path]:
    """Autosaves of never-saved reviews whose Diptych is no longer running (or this one's)."""
    out = []
    for f in _data_dir().glob(f"untitled*{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"):
        pid_text = f.name[len("untitled-"):-len(PROJECT_SUFFIX + AUTOSAVE_SUFFIX)]
        pid = int(pid_text) if pid_text.isdigit() else 0
        if pid == os.getpid() or not _pid_alive(pid):
            out.append(f)
    return out


def _candidates(project_path: str | os.PathLike[str] | None) -> list[Path]:
    if project_path is None or str(project_path) == "":
        return [autosave_path(None)]
    return [autosave_path(project_path), _fallback_autosave_path(str(project_path))]


def write_autosave(project: Project, project_path: str | os.PathLike[str] | None) -> Path:
    """Write the project's current state to its autosave file (atomically); returns where.

    The project's own ``modified`` time is left alone. A project in a folder that cannot be written
    is autosaved in the user's data directory instead.
    """
    data = project_chunks(project)
    first, *rest = _candidates(project_path)
    try:
        first.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(first, data)
        return first
    except OSError as e:
        if not rest:
            raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", first) from None
    fallback = rest[0]
    try:
        fallback.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(fallback, data)
    except OSError as e:
        raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", fallback) from None
    return fallback


def find_recovery(project_path: str | os.PathLike[str] | None) -> Path | None:
    """An autosave to offer after a crash: newer than the project file (any, for an unsaved one)."""
    try:
        project_mtime = Path(project_path).stat().st_mtime_ns if project_path else None
    except OSError:
        project_mtime = None
    best: tuple[int, Path] | None = None
    unsaved = project_path is None or str(project_path) == ""
    for cand in (_orphaned_untitled() if unsaved else _candidates(project_path)):
        try:
            st = cand.stat()
        except OSError:
            continue
        if not cand.is_file() or st.st_size == 0:
            continue
        if project_mtime is not None and st.st_mtime_ns < project_mtime:
            continue
        if best is None or st.st_mtime_ns > best[0]:
            best = (st.st_mtime_ns, cand)
    return None if best is None else best[1]


def discard_autosave(project_path: str | os.PathLike[str] | None, autosave: Path | None = None) -> None:
    """Remove the autosave file(s) of a project (after a save, or when the user declines recovery);
    with ``autosave``, exactly that file (an offered autosave of another, ended Diptych)."""
    for cand in ([autosave] if autosave is not None else _candidates(project_path)):
        with contextlib.suppress(FileNotFoundError, OSError):
            cand.unlink()


# ----- lock ---------------------------------------------------------------------------------------
def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class ProjectLock:
    """A lock file (``.NAME.diptych.lock``) that tells another window or process the project is open.

    Advisory: :meth:`acquire` returns a description of the other owner instead of raising, so the
    window can ask the user; ``acquire(force=True)`` takes the lock anyway. Locks of processes that
    no longer run on this host are taken over.
    """

    _held_here: set[str] = set()  # lock files held by this process (another window of this Diptych)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        p = Path(path)
        self.project_path = p
        self.path = p.with_name(f".{p.name}.lock")
        self.token = uuid.uuid4().hex
        self.held = False

    def _owner(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()[:4096]
            info = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        return info if isinstance(info, dict) else None

    def _describe(self, info: dict[str, Any]) -> str | None:
        """A description of a live other owner, or None when the lock is stale or ours."""
        if info.get("token") == self.token:
            return None
        pid, host = info.get("pid"), info.get("host")
        here = socket.gethostname()
        if not isinstance(pid, int) or isinstance(pid, bool):
            return None
        if host == here:
            if pid == os.getpid():
                if str(self.path.absolute()) in ProjectLock._held_here:
                    return "another window of this Diptych"
                return None
            if not _pid_alive(pid):
                return None
        user = info.get("user") or "someone"
        since = info.get("since") or ""
        return f"{user}, process {pid} on {host or 'another computer'}" + (f", since {since}" if since else "")

    def acquire(self, force: bool = False) -> str | None:
        """Take the lock; if another live owner holds it, return who (and take nothing)."""
        if self.held:
            return None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(), "since": _now(),
                "token": self.token}
        payload = json.dumps(info).encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = self._owner()
            other = self._describe(owner) if owner is not None else None
            if other is not None and not force:
                return other
            try:
                atomic_write_bytes(self.path, payload)  # stale, ours or forced: take it over
            except OSError:
                return None
        except OSError:
            return None  # a read-only folder: nothing to lock, nobody to warn
        else:
            try:
                os.write(fd, payload)
            finally:
                os.close(fd)
        self.held = True
        ProjectLock._held_here.add(str(self.path.absolute()))
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        ProjectLock._held_here.discard(str(self.path.absolute()))
        owner = self._owner()
        if owner is not None and owner.get("token") == self.token:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return ""


# ----- recent files -------------------------------------------------------------------------------
class RecentFiles:
    """Up to ``limit`` recently opened project paths, newest first, in the user's config dir."""

    def __init__(self, store: str | os.PathLike[str] | None = None, limit: int = 10) -> None:
        if store is None:
            from platformdirs import user_config_dir

            store = Path(user_config_dir(APP_NAME, appauthor=False)) / "recent.json"
        self.store = Path(store)
        self.limit = limit

    def _read(self) -> list[str]:
        try:
            data = json.loads(self.store.read_bytes()[:1_000_000].decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return []
        paths = data.get("paths") if isinstance(data, dict) else None
        return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []

    def _write(self, paths: list[str]) -> None:
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.store, json.dumps({"format": "diptych.recent", "paths": paths},
                                                      ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError:
            pass  # a recent list is a convenience; never fail an open or a save over it

    def add(self, path: str | os.PathLike[str]) -> None:
        p = str(Path(path).absolute())
        paths = [p] + [x for x in self._read() if x != p]
        self._write(paths[:self.limit])

    def paths(self) -> list[str]:
        """The list, pruned of files that no longer exist."""
        return [p for p in self._read() if Path(p).is_file()][:self.limit]

    def clear(self) -> None:
        self._write([])


__all__ = [
    "MIGRATIONS", "PROJECT_FORMAT", "SCHEMA_VERSION", "ProjectFileError", "ProjectLock", "RecentFiles",
    "autosave_path", "discard_autosave", "dumps_project", "find_recovery", "load_project", "migrate",
    "parse_project", "project_from_json", "project_to_json", "register_migration", "save_project",
    "write_autosave",
]
