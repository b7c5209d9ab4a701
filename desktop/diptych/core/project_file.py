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
import math
import os
import socket
import stat
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
from diptych.core.instances import end_instance, live_here, new_instance
from diptych.core.limits import read_regular
from diptych.core.link import LinkOptions
from diptych.core.project import (
    DECIDERS,
    DECISIONS,
    ORIGINS,
    SIDES,
    Adjudication,
    Article,
    ClaimSpan,
    Orphan,
    Project,
    ProjectLink,
    Provenance,
    Review,
    ReviewSource,
    Side,
    Snapshot,
)
from diptych.core.storage import atomic_write_bytes
from diptych.core.text import Document, sha256_text
from diptych.core.verdict import VERDICTS, Reason, Suggestion

PROJECT_FORMAT = "diptych.project"
SCHEMA_VERSION = 2
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


@register_migration(1)
def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 stored an article's path as it was given (relative to the folder Diptych ran in);
    schema 2 stores it relative to the project file, with the absolute path as a fallback, and a
    snapshot of an article fetched from a URL, and a merged project's optional ``sources`` and
    ``reviews[].adjudication``. A schema-1 path is kept as the relative one."""
    out = dict(data)
    articles = out.get("articles")
    if isinstance(articles, dict):
        out["articles"] = {side: _article_1_to_2(a) for side, a in articles.items()}
    out["schema_version"] = 2
    return out


def _article_1_to_2(article: Any) -> Any:
    if not isinstance(article, dict):
        return article
    a = dict(article)
    path = a.get("path")
    a.setdefault("absolute_path", path if isinstance(path, str) and os.path.isabs(path) else None)
    a.setdefault("snapshot", None)
    return a


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
MAX_OFFSET = 2**31 - 1  # ids, offsets and spans: larger ones are in no text Diptych can hold
NonNeg = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
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


class SnapshotModel(_Model):
    url: str
    final_url: str
    retrieved: str
    status: int = Field(ge=100, le=599)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str
    html: str | None = None
    encoding: str | None = None


class ArticleModel(_Model):
    text: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str | None = None  # relative to the project file's folder (or absolute, or a URL)
    absolute_path: str | None = None  # where the file was when the project was saved
    format: str = "txt"
    encoding: str | None = None
    provenance: ProvenanceModel = ProvenanceModel()
    snapshot: SnapshotModel | None = None
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


class AdjudicationModel(_Model):
    decided_by: Literal[DECIDERS] | None = None  # type: ignore[valid-type]
    a: Literal[DECISIONS] | None = None  # type: ignore[valid-type]
    b: Literal[DECISIONS] | None = None  # type: ignore[valid-type]


class ReviewModel(_Model):
    claim: NonNeg
    suggestion: SuggestionModel
    verdict: Literal[VERDICTS] | None = None  # type: ignore[valid-type]
    not_a_claim: bool = False
    note: str = ""
    adjudication: AdjudicationModel | None = None


class SourceModel(_Model):
    role: Literal["A", "B"]
    reviewer: str = ""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = ""


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
    schema_version: Literal[2]
    generator: str = ""
    created: str = ""
    modified: str = ""
    reviewer: str = ""
    options: OptionsModel = OptionsModel()
    articles: ArticlesModel
    links: list[LinkModel]
    reviews: list[ReviewModel]
    orphans: list[OrphanModel] = []
    sources: list[SourceModel] = Field(default=[], max_length=2)

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
            if o.start > o.end:
                raise ValueError(f"orphan {o.side} claim {o.claim_id} ends before it starts")
        sizes = {"left": len(self.articles.left.text), "right": len(self.articles.right.text)}
        for r in [*self.reviews, *(o.review for o in self.orphans if o.review is not None)]:
            for reason in r.suggestion.reasons:
                spans = [("right", a, b) for a, b in reason.right_spans]
                spans += [("left", a, b) for _k, a, b in reason.left_spans]
                for side, a, b in spans:
                    if not a <= b <= sizes[side]:
                        raise ValueError(f"a reason of claim {r.claim} marks a span ({a}, {b}) outside the text")
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
    out = {
        "claim": claim_id,
        "suggestion": {"verdict": r.suggestion.verdict,
                       "reasons": [_reason_json(x) for x in r.suggestion.reasons],
                       **({} if r.suggestion.confidence is None else {"confidence": r.suggestion.confidence})},
        "verdict": r.verdict,
        "not_a_claim": r.not_a_claim,
        "note": r.note,
    }
    if r.adjudication is not None:
        out["adjudication"] = dataclasses.asdict(r.adjudication)
    return out


def _reason_json(r: Reason) -> dict[str, Any]:
    known = set(ReasonModel.model_fields)
    return {k: [list(x) for x in v] if isinstance(v, tuple | list) else v
            for k, v in dataclasses.asdict(r).items() if k in known}


def _options_json(opts: AlignOptions) -> dict[str, Any]:
    link = {k: v for k, v in dataclasses.asdict(opts.link).items()
            if v is None or isinstance(v, str | int | float | bool)}
    return {"one_per_line": opts.one_per_line, "language": opts.language, "link": link}


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def _locations(path: str | None, base: Path | None) -> tuple[str | None, str | None]:
    """``(path, absolute_path)`` to store for an article at ``path``: relative to ``base`` (the
    project file's folder) and absolute; a URL is stored as it is."""
    if path is None or is_url(path):
        return path, None
    if not os.path.isabs(path) and not os.path.exists(path):
        return path, None  # a name (of pasted text), not a file
    absolute = os.path.abspath(path)
    if base is None:
        return absolute, absolute
    try:
        relative = Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive
        return absolute, absolute
    return relative, absolute


def _resolve(path: str | None, absolute: str | None, base: Path | None) -> str | None:
    """Where an article is now: next to the project file as it was saved, else where it was, else
    where it would be next to the project file."""
    if path is None:
        return absolute
    if is_url(path) or os.path.isabs(path):
        return path
    if base is None:
        return absolute or path
    beside = os.path.normpath(base / path)
    if os.path.exists(beside):
        return beside
    if absolute:
        return absolute if os.path.exists(absolute) else beside
    return path  # a name (of pasted text), or a file that is gone


def _snapshot_json(snap: Snapshot | None) -> dict[str, Any] | None:
    return None if snap is None else dataclasses.asdict(snap)


def _text_of_path(path: str | None) -> str | None:
    """A file name's bytes that are not UTF-8 (kept as lone surrogates) become U+FFFD in the file."""
    if path is None:
        return None
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unencodable(e: UnicodeEncodeError) -> str:
    return f"holds U+{ord(e.object[e.start]):04X}, a lone surrogate that is not text" \
        if isinstance(e.object, str) else "holds text that is not Unicode"


def project_to_json(project: Project, base: Path | None = None) -> dict[str, Any]:
    """The project as a JSON-ready dict of the current schema; article paths are stored relative
    to ``base`` (the folder of the project file) and absolute."""
    articles: dict[str, Any] = {}
    for side in SIDES:
        art = project.articles[side]
        doc = art.document
        path, absolute = _locations(doc.path, base)
        articles[side] = {
            "text": doc.text,
            "sha256": sha256_text(doc.text),
            "path": _text_of_path(path),
            "absolute_path": _text_of_path(absolute),
            "format": doc.format,
            "encoding": doc.encoding,
            "provenance": dataclasses.asdict(art.provenance),
            "snapshot": _snapshot_json(art.snapshot),
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
        **({"sources": [dataclasses.asdict(x) for x in project.sources]} if project.sources else {}),
    }


def _known(cls: Any, values: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in values.items() if k in names}


def _review_from(m: ReviewModel) -> Review:
    reasons = tuple(Reason(**_known(Reason, {k: tuple(tuple(x) for x in v) if isinstance(v, list) else v
                                             for k, v in r.model_dump().items()}))
                    for r in m.suggestion.reasons)
    adjudication = None if m.adjudication is None else Adjudication(**m.adjudication.model_dump())
    return Review(Suggestion(m.suggestion.verdict, reasons, m.suggestion.confidence), m.verdict, m.not_a_claim,
                  m.note, adjudication)


def _link_from(m: LinkModel) -> ProjectLink:
    return ProjectLink(m.left, m.right, m.score, m.origin)


def _check_option_types(values: dict[str, Scalar]) -> None:
    """Each known linker option has the type of its default (a number is a finite number)."""
    for f in dataclasses.fields(LinkOptions):
        if f.name not in values or f.default is dataclasses.MISSING:
            continue
        v, d = values[f.name], f.default
        if isinstance(d, bool):
            ok = isinstance(v, bool)
        elif isinstance(d, int | float):
            ok = isinstance(v, int | float) and not isinstance(v, bool) and _finite(v)
        elif d is None or isinstance(d, str):
            ok = v is None or isinstance(v, str)
        else:  # pragma: no cover - every option has a scalar default
            ok = True
        if not ok:
            raise ProjectFileError(f"is not a valid Diptych project: options.link.{f.name}: "
                                   f"{_shown(v)} is not a {type(d).__name__ if d is not None else 'text'}")


def _finite(v: float) -> bool:
    """A number a float can hold (a 400-digit integer cannot)."""
    try:
        return math.isfinite(float(v))
    except OverflowError:
        return False


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _options_from(m: OptionsModel) -> AlignOptions:
    _check_option_types(dict(m.link))
    try:
        link = LinkOptions(**_known(LinkOptions, dict(m.link)))
        return AlignOptions(**_known(AlignOptions, {"one_per_line": m.one_per_line, "language": m.language,
                                                    "link": link}))
    except (TypeError, ValueError) as e:
        raise ProjectFileError(f"has invalid linker options ({e})") from None


def project_from_json(data: dict[str, Any], base: Path | None = None) -> Project:
    """Validate (and migrate) a parsed project document into a :class:`Project`; article paths
    are resolved against ``base`` (the folder of the project file)."""
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
        doc = Document(a.text, _resolve(a.path, a.absolute_path, base), a.format, a.encoding, a.sha256)
        arts[side] = Article(doc, [ClaimSpan(c.id, c.start, c.end) for c in a.claims],
                             Provenance(**a.provenance.model_dump()),
                             None if a.snapshot is None else Snapshot(**a.snapshot.model_dump()))
    orphans = [Orphan(o.side, o.claim_id, o.quote.exact, o.quote.prefix, o.quote.suffix, o.start, o.end,
                      tuple(_link_from(lk) for lk in o.links),
                      None if o.review is None else _review_from(o.review)) for o in m.orphans]
    reviews = {r.claim: _review_from(r) for r in m.reviews}
    return Project(arts["left"], arts["right"], [_link_from(lk) for lk in m.links], reviews,
                   _options_from(m.options), m.reviewer, m.created, m.modified,
                   m.generator or f"Diptych {__version__}", orphans,
                   [ReviewSource(**x.model_dump()) for x in m.sources])


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a project file")


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(f"the key {_shown(k)} appears twice in one object")
        out[k] = v
    return out


def _where(path: list[str | int]) -> str:
    return ".".join(str(x) for x in path) or "the file"


def check_text_values(data: Any) -> None:
    """Every string (key or value) of a parsed document is text that can be written as UTF-8: a lone
    surrogate (``"\\ud800"`` in the JSON) is refused, with where it is."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            strings: list[tuple[str, list[str | int]]] = [(node, path)]
        elif isinstance(node, dict):
            strings = [(k, path) for k in node]
            stack.extend((v, [*path, k]) for k, v in node.items())
        elif isinstance(node, list):
            strings = []
            stack.extend((v, [*path, i]) for i, v in enumerate(node))
        else:
            continue
        for text, where in strings:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as e:
                code = ord(text[e.start])
                raise ProjectFileError(f"is not a valid Diptych project: {_where(where)}: holds U+{code:04X}, "
                                       "a lone surrogate that is not text") from None


def parse_project(data: bytes, base: Path | None = None) -> Project:
    """A project from the bytes of a ``.diptych`` file (messages without the file name); ``base``
    is the folder the file is in."""
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
        parsed = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as e:
        raise ProjectFileError(f"is not a valid Diptych project ({e})") from None
    except json.JSONDecodeError as e:
        truncated = e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated")
        where = "truncated" if truncated else f"broken at line {e.lineno}, column {e.colno}"
        raise ProjectFileError(f"is not a valid Diptych project (the JSON is {where})") from None
    except (ValueError, RecursionError) as e:
        raise ProjectFileError(f"is not a valid Diptych project ({str(e)[:80] or 'nested too deeply'})") from None
    check_text_values(parsed)
    try:
        return project_from_json(parsed, base)
    except RecursionError:
        raise ProjectFileError("is not a valid Diptych project (nested too deeply)") from None


def max_project_bytes() -> int:
    env = os.environ.get("DIPTYCH_MAX_PROJECT_BYTES", "")
    return int(env) if env.isdigit() and int(env) > 0 else DEFAULT_MAX_PROJECT_BYTES


def load_project(path: str | os.PathLike[str], max_bytes: int | None = None) -> Project:
    """Read a ``.diptych`` (or autosave) file; every failure is a one-line :class:`ProjectFileError`."""
    p = Path(path)
    limit = max_bytes if max_bytes is not None else max_project_bytes()
    data = read_regular(p, limit, ProjectFileError, "project file", "project")
    try:
        return parse_project(data, Path(os.path.realpath(p)).parent)
    except ProjectFileError as e:
        raise ProjectFileError(str(e), p) from None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def project_chunks(project: Project, size: int = 1 << 16, base: Path | None = None) -> list[bytes]:
    """The project file's bytes in pieces of about ``size`` (never joined into one block); ``base``
    is the folder the file goes to."""
    out: list[bytes] = []
    buf: list[str] = []
    held = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(project_to_json(project, base)):
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


def save_project(project: Project, path: str | os.PathLike[str], instance: str | None = None) -> None:
    """Write the project atomically (temp file, fsync, rename); sets ``modified`` (and ``created``).

    The autosave of ``instance`` (the saving window's; without it, an older Diptych's) is removed
    after a successful save; other windows' autosaves stay.
    """
    p = Path(path)
    old_created, old_modified = project.created, project.modified
    project.modified = _now()
    project.created = project.created or project.modified
    try:
        atomic_write_bytes(p, project_chunks(project, base=Path(os.path.realpath(p)).parent), special_ok=False)
    except UnicodeEncodeError as e:
        project.created, project.modified = old_created, old_modified
        raise ProjectFileError(f"cannot be saved: the review {_unencodable(e)}", p) from None
    except OSError as e:
        project.created, project.modified = old_created, old_modified
        raise ProjectFileError(f"cannot be saved ({e.strerror or e})", p) from None
    except BaseException:
        project.created, project.modified = old_created, old_modified
        raise
    discard_autosave(str(p), instance=instance)


# ----- autosave and recovery ----------------------------------------------------------------------
# Each running window autosaves to a file of its own, named by an instance id ("PID-HEX"), so two
# windows on one project never overwrite or remove each other's autosave. A file without an
# instance id is an older Diptych's autosave: offered for recovery like the others.
def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "autosave"


def _real(project_path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(project_path))


def _tag(instance: str | None) -> str:
    return f".{instance}" if instance else ""


def _fallback_autosave_path(project_path: str, instance: str | None = None) -> Path:
    """Where the autosave of a project in a read-only folder goes (the user's data dir)."""
    real = _real(project_path)
    digest = hashlib.sha256(str(real).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return _data_dir() / f"{digest}-{real.name}{_tag(instance)}{AUTOSAVE_SUFFIX}"


def autosave_path(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> Path:
    """The autosave side file: ``.NAME.diptych.INSTANCE.autosave`` next to the project (the file a
    link points at), or, for a project never saved, ``untitled-INSTANCE.diptych.autosave`` in the
    user's data directory. Without ``instance``, the name an older Diptych used."""
    if project_path is None or str(project_path) == "":
        return _data_dir() / f"untitled-{instance or os.getpid()}{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"
    p = _real(project_path)
    return p.with_name(f".{p.name}{_tag(instance)}{AUTOSAVE_SUFFIX}")


def _instance_alive(instance: str) -> bool:
    """Whether the window that writes autosaves under ``instance`` still runs (on this host)."""
    if live_here(instance):
        return True
    pid_text = instance.split("-", 1)[0]
    pid = int(pid_text) if pid_text.isdigit() else 0
    if pid == os.getpid():
        return False  # this process, but no window of it has that id any more
    return _pid_alive(pid)


def _instance_of(name: str, prefix: str) -> str | None:
    """The instance id in an autosave file name after ``prefix`` (None for an older Diptych's)."""
    middle = name[len(prefix):-len(AUTOSAVE_SUFFIX)]
    return middle[1:] if middle.startswith(".") and middle[1:] else None


def _all_autosaves(project_path: str | os.PathLike[str] | None) -> list[tuple[Path, str | None]]:
    """Every autosave file of a project (or of unsaved reviews), with its instance id."""
    out: list[tuple[Path, str | None]] = []
    if project_path is None or str(project_path) == "":
        for f in _data_dir().glob(f"untitled-*{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"):
            inst = f.name[len("untitled-"):-len(PROJECT_SUFFIX + AUTOSAVE_SUFFIX)]
            out.append((f, inst))
        return out
    side = autosave_path(project_path)
    fallback = _fallback_autosave_path(str(project_path))
    for legacy in (side, fallback):
        out.append((legacy, None))
        stem = legacy.name[:-len(AUTOSAVE_SUFFIX)]
        with contextlib.suppress(OSError):
            for f in legacy.parent.glob(f"{glob_escape(stem)}.*{AUTOSAVE_SUFFIX}"):
                tag = _instance_of(f.name, stem)
                if tag is not None and "." not in tag:
                    out.append((f, tag))
    return out


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)


def _candidates(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> list[Path]:
    if project_path is None or str(project_path) == "":
        return [autosave_path(None, instance)]
    return [autosave_path(project_path, instance), _fallback_autosave_path(str(project_path), instance)]


def write_autosave(project: Project, project_path: str | os.PathLike[str] | None,
                   instance: str | None = None) -> Path:
    """Write the project's current state to its autosave file (atomically); returns where.

    ``instance`` names the window's own autosave file. The project's own ``modified`` time is left
    alone. A project in a folder that cannot be written is autosaved in the user's data directory.
    """
    base = Path(os.path.realpath(project_path)).parent if project_path else None
    first, *rest = _candidates(project_path, instance)
    try:
        data = project_chunks(project, base=base)
    except UnicodeEncodeError as e:
        raise ProjectFileError(f"cannot be autosaved: the review {_unencodable(e)}", first) from None
    try:
        first.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(first, data, special_ok=False, follow_links=False)
        return first
    except OSError as e:
        if not rest:
            raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", first) from None
    fallback = rest[0]
    try:
        fallback.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(fallback, data, special_ok=False, follow_links=False)
    except OSError as e:
        raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", fallback) from None
    return fallback


def find_recoveries(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> list[Path]:
    """Every autosave to offer after a crash, newest first: newer than the project file (any, for
    unsaved reviews), regular and not empty, and not written by a window that still runs (other
    than ``instance``, this window's own)."""
    try:
        project_mtime = Path(project_path).stat().st_mtime_ns if project_path else None
    except OSError:
        project_mtime = None
    found: list[tuple[int, Path]] = []
    seen: set[Path] = set()
    for cand, inst in _all_autosaves(project_path):
        if cand in seen:
            continue
        seen.add(cand)
        if inst is not None and inst != instance and _instance_alive(inst):
            continue
        try:
            st = cand.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
            continue
        if project_mtime is not None and st.st_mtime_ns < project_mtime:
            continue
        found.append((st.st_mtime_ns, cand))
    return [p for _, p in sorted(found, key=lambda x: x[0], reverse=True)]


def find_recovery(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> Path | None:
    """The newest autosave to offer (see :func:`find_recoveries`), or None."""
    found = find_recoveries(project_path, instance)
    return found[0] if found else None


def discard_autosave(project_path: str | os.PathLike[str] | None, autosave: Path | None = None,
                     instance: str | None = None) -> None:
    """Remove one window's autosave file(s) of a project (``instance``; without it, an older
    Diptych's), or, with ``autosave``, exactly that file (one the user chose to discard)."""
    for cand in ([autosave] if autosave is not None else _candidates(project_path, instance)):
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
        p = Path(os.path.realpath(path))  # one lock per file, whatever link or name opened it
        self.project_path = p
        self.path = p.with_name(f".{p.name}.lock")
        self.token = uuid.uuid4().hex
        self.held = False

    def _owner(self) -> dict[str, Any] | None:
        try:
            raw = read_regular(self.path, 4096, ProjectFileError, "lock file")
            info = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, ProjectFileError):
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
                # stale, ours or forced: take it over
                atomic_write_bytes(self.path, payload, special_ok=False, follow_links=False)
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
            data = json.loads(read_regular(self.store, 1_000_000, ProjectFileError, "list").decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, ProjectFileError):
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
    "autosave_path", "discard_autosave", "dumps_project", "end_instance", "find_recoveries", "find_recovery",
    "load_project", "migrate", "new_instance",
    "parse_project", "project_from_json", "project_to_json", "register_migration", "save_project",
    "write_autosave",
]
