"""The article readers, by format: each declares its name, what it reads and its file extensions.

A reader is registered with :func:`register_reader` (the readers themselves are in
``core/ingest.py``); the window's Open dialogs (:func:`dialog_filter`) and the commands' help
(:func:`formats_help`) are derived from the registry, so a new format is added in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReadOptions:
    limit: int  # bytes: the file's, and what a packed format may unpack to (times its factor)
    word_extras: bool = False  # a Word document's headers, footers and footnotes too


# (the file's bytes, its path, the options) -> (the text, the encoding it was decoded from, if text)
ReadFn = Callable[[bytes, Path, ReadOptions], tuple[str, str | None]]


@dataclass(frozen=True)
class Reader:
    name: str  # the document's format as stored in the project ("txt", "md", ...)
    label: str  # for people: "Markdown"
    extensions: tuple[str, ...]  # lower case, with the dot ("" for a file without one)
    read: ReadFn


_READERS: dict[str, Reader] = {}


def register_reader(name: str, label: str, extensions: tuple[str, ...]) -> Callable[[ReadFn], ReadFn]:
    """Decorator: ``read`` reads files of ``extensions`` as format ``name``."""

    def register(read: ReadFn) -> ReadFn:
        for other in _READERS.values():
            taken = set(other.extensions) & set(extensions)
            if taken and other.name != name:
                raise ValueError(f"{', '.join(sorted(taken))} already read by the {other.name} reader")
        _READERS[name] = Reader(name, label, extensions, read)
        return read

    return register


def readers() -> list[Reader]:
    from diptych.core import ingest  # noqa: F401 - registers the readers

    return list(_READERS.values())


def reader_for(path: str | Path) -> Reader | None:
    ext = Path(path).suffix.lower()
    return next((r for r in readers() if ext in r.extensions), None)


def extensions() -> list[str]:
    return [e for r in readers() for e in r.extensions if e]


def dialog_filter() -> str:
    """The Open dialogs' filter: ``Articles (*.txt *.md …)``."""
    return "Articles (" + " ".join(f"*{e}" for e in extensions()) + ")"


def formats_help() -> str:
    """For the commands' help: ``txt, md, html, docx, pdf``."""
    return ", ".join(r.name for r in readers())
