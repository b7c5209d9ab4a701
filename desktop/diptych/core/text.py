"""The text model: a normalised `Document` and `Claim` spans over it.

Offsets everywhere in core are Python code points into `Document.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def normalise_text(raw: str) -> str:
    """Newlines to ``\\n`` and a leading BOM removed; nothing else changes."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article as Diptych reads it.

    ``text`` is already normalised (see :func:`normalise_text`); build documents with
    :meth:`from_raw` unless the text is known to be normalised.
    """

    text: str
    path: str | None = None
    format: str = "txt"
    encoding: str | None = "utf-8"
    sha256: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_text(self.text))

    @classmethod
    def from_raw(cls, raw: str, path: str | None = None, format: str = "txt",
                 encoding: str | None = "utf-8") -> Document:
        return cls(normalise_text(raw), path, format, encoding)

    @property
    def name(self) -> str:
        if not self.path:
            return "Untitled"
        return self.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True, order=True)
class Claim:
    """A half-open span ``[start, end)`` of code points in a document's text."""

    start: int
    end: int

    def text(self, doc_text: str) -> str:
        return doc_text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start
