"""A project to and from the file: JSON with its texts, validation, load, atomic save."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from diptych import __version__
from diptych.core.align import AlignOptions
from diptych.core.limits import read_regular
from diptych.core.link import LinkOptions
from diptych.core.project import (
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
from diptych.core.projectfile.migrations import migrate
from diptych.core.projectfile.schema import (
    DEFAULT_MAX_PROJECT_BYTES,
    PROJECT_FORMAT,
    QUOTE_CONTEXT,
    SCHEMA_VERSION,
    ArticleModel,
    LinkModel,
    OptionsModel,
    ProjectFileError,
    ProjectModel,
    ReasonModel,
    ReviewModel,
    Scalar,
    _one_line,
)
from diptych.core.storage import atomic_write_bytes
from diptych.core.text import Document, sha256_text
from diptych.core.verdict import Reason, Suggestion


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
    from diptych.core.projectfile.autosave import discard_autosave  # autosave writes through this module

    discard_autosave(str(p), instance=instance)
