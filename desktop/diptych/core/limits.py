"""Reading only what is safe to read: regular files, bounded reads, and limits on what a compressed
document unpacks to, checked before a parser sees it.

Articles, projects and lock files go through :func:`read_regular`: a folder, a FIFO, a device or a
socket is refused before it is opened (and again on the opened descriptor, so a file swapped in
between is caught), the file is opened without blocking (a FIFO never hangs the caller) and at most
``limit + 1`` bytes are read. A Word document's limits (:func:`check_docx`) apply to the sizes its
zip archive unpacks to and to its paragraph count; a PDF's (:func:`check_pdf_pages`,
:class:`TextBudget`) to its page count and the text it yields.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

from diptych.core.errors import DiptychError

UNPACKED_FACTOR = 5  # a .docx (or a PDF's text) may unpack to five times the article size limit (100 MB by default)
MAX_ZIP_MEMBERS = 10_000
MAX_DOCX_PARAGRAPHS = 50_000
MAX_PDF_PAGES = 2_000


def human(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, for the message (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: str | os.PathLike[str], error: type[DiptychError], noun: str = "file") -> os.stat_result:
    """The file's status, or ``error`` when it is missing or is not a regular file."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise error("no such file", p) from None
    except (OSError, ValueError) as e:
        raise error(f"cannot be read ({getattr(e, 'strerror', None) or e})", p) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise error(f"is {kind}, not a {noun}" if kind.startswith("a ") else f"is {kind}", p)
    return st


def read_regular(path: str | os.PathLike[str], limit: int, error: type[DiptychError], noun: str = "file",
                 limit_name: str = "") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises ``error`` (one line)."""
    p = Path(path)
    st = check_regular(p, error, noun)
    over = f"over the {human(limit)} {limit_name + ' ' if limit_name else ''}limit"
    if st.st_size > limit:
        raise error(f"is {human(st.st_size)}, {over}", p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise error(f"cannot be read ({e.strerror or e})", p) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:  # replaced between the look and the open
            raise error(f"is {kind}, not a {noun}" if kind.startswith("a ") else f"is {kind}", p)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as e:
        raise error(f"cannot be read ({e.strerror or e})", p) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # the file grew while we looked
        raise error(f"is {over}", p)
    return data


_PARAGRAPH = re.compile(rb"<w:p[\s>/]")


def check_docx(data: bytes, path: str | os.PathLike[str], limit: int, error: type[DiptychError]) -> None:
    """Refuse a Word document whose archive unpacks to more than ``UNPACKED_FACTOR * limit``
    bytes, holds too many members, or has more than :data:`MAX_DOCX_PARAGRAPHS` paragraphs — from the
    archive's directory and a bounded, streamed count, before python-docx parses anything. (The
    sizes in the directory bound what the zip reader will inflate: it stops at the declared size.)"""
    p = Path(path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise error("is not a readable Word (.docx) document", p) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise error(f"holds {len(infos):,} parts, over the {MAX_ZIP_MEMBERS:,} limit for Word documents", p)
        unpacked = sum(i.file_size for i in infos)
        budget = UNPACKED_FACTOR * limit
        if unpacked > budget:
            raise error(f"unpacks to {human(unpacked)}, over the {human(budget)} limit for Word documents", p)
        try:
            body = zf.getinfo("word/document.xml")
        except KeyError:
            return  # python-docx gives its own one-line refusal
        count, tail = 0, b""
        try:
            with zf.open(body) as f:
                while chunk := f.read(1 << 20):
                    window = tail + chunk
                    count += len(_PARAGRAPH.findall(window))
                    tail = window[-5:]
                    count -= len(_PARAGRAPH.findall(tail))  # counted again with the next chunk
                    if count > MAX_DOCX_PARAGRAPHS:
                        raise error(f"has over {MAX_DOCX_PARAGRAPHS:,} paragraphs, the limit for Word documents", p)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
            raise error("is not a readable Word (.docx) document", p) from None


def check_pdf_pages(reader: Any, path: str | os.PathLike[str], error: type[DiptychError]) -> None:
    """Refuse a PDF of more than :data:`MAX_PDF_PAGES` pages: first by the count its page tree
    declares (read without walking the tree), then by the pages the tree really holds."""
    try:
        declared = int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except Exception:  # a broken tree: the real count decides
        declared = 0
    count = declared if declared > MAX_PDF_PAGES else len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise error(f"has {count:,} pages, over the {MAX_PDF_PAGES:,} page limit for PDF documents", path)


class TextBudget:
    """Text a reader yields, page by page, up to ``limit`` characters (then ``error``)."""

    def __init__(self, limit: int, path: str | os.PathLike[str], error: type[DiptychError]) -> None:
        self.left, self.limit, self.path, self.error = limit, limit, path, error

    def take(self, text: str) -> str:
        self.left -= len(text)
        if self.left < 0:
            raise self.error(f"holds over {human(self.limit)} of text, the limit for an article", self.path)
        return text


__all__ = ["MAX_DOCX_PARAGRAPHS", "MAX_PDF_PAGES", "UNPACKED_FACTOR", "TextBudget", "check_docx", "check_pdf_pages",
           "check_regular",
           "read_regular"]
