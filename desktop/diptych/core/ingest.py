"""Readers per format (txt/md, html, docx, pdf) and the one typed input error.

Every failure to read an article raises :class:`InputError` whose ``str()`` is a single line a
person can act on. Heavy readers (trafilatura, python-docx, pypdf, charset-normalizer) are imported
only when a file needs them, so plain-text work starts fast.
"""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path
from typing import Any

from diptych.core.errors import DiptychError
from diptych.core.limits import (
    UNPACKED_FACTOR,
    TextBudget,
    check_docx,
    check_pdf_pages,
    check_regular,
    read_regular,
)
from diptych.core.readers import ReadOptions, extensions, reader_for, register_reader
from diptych.core.text import Document, normalise_text

CELL_SEPARATOR = " | "  # between the cells of a table row

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

class InputError(DiptychError):
    """A file or text Diptych cannot read; ``str(err)`` is one line for the user."""


def max_bytes_default() -> int:
    env = os.environ.get("DIPTYCH_MAX_BYTES", "")
    return int(env) if env.isdigit() and int(env) > 0 else DEFAULT_MAX_BYTES



def read_document(path: str | os.PathLike[str], max_bytes: int | None = None, *,
                  word_extras: bool = False) -> Document:
    """Read an article file into a normalised :class:`Document`; ``word_extras`` adds a Word
    document's headers, footers and footnotes to its text."""
    p = Path(path)
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    check_regular(p, InputError)  # a folder, a FIFO, a device: refused before it is opened
    reader = reader_for(p)
    if reader is None:
        known = ", ".join(sorted(extensions()))
        raise InputError(f"unknown file type '{p.suffix.lower()}' (Diptych reads {known})", p)
    data = read_regular(p, limit, InputError)
    text, encoding = reader.read(data, p, ReadOptions(limit, word_extras))
    text = normalise_text(text)
    if not text.strip():
        raise InputError("contains no text", p)
    return Document(text, str(p), reader.name, encoding)


def document_from_text(text: str, name: str | None = None) -> Document:
    """A document from pasted text (clipboard)."""
    text = normalise_text(text)
    if not text.strip():
        raise InputError("the pasted text is empty")
    if "\x00" in text:
        raise InputError("the pasted text contains binary data")
    return Document(text, name, "txt", None)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace mean this is not prose."""
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return "\x00" in sample or bad > max(2, len(sample) // 200)


def decode_text(data: bytes, path: str | os.PathLike[str] | None = None) -> tuple[str, str]:
    """Decode bytes of a text file: BOM, then strict UTF-8, then charset-normalizer."""
    if not data.strip():
        raise InputError("is empty", path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}",
                                 path) from None
            if _looks_binary(text):
                raise InputError("looks like a binary file, not text", path)
            return text, enc.replace("-sig", "")
    if b"\x00" in data[:65536]:
        raise InputError("looks like a binary file, not text", path)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError("looks like a binary file, or uses an unknown text encoding", path) from None
        # Short Western texts are often guessed as a Baltic or Central European code page; cp1252
        # (a superset of printable Latin-1) wins when it reads the bytes about as cleanly.
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None and best.encoding != "cp1252" and western.chaos <= best.chaos + 0.1:
            best = western
        text, encoding = str(best), best.encoding
    if _looks_binary(text):
        raise InputError("looks like a binary file, not text", path)
    return text, encoding


@register_reader("txt", "plain text", (".txt", ".text", ""))
def _read_txt(data: bytes, path: Path, _options: ReadOptions) -> tuple[str, str | None]:
    return decode_text(data, path)


@register_reader("md", "Markdown", (".md", ".markdown"))
def _read_md(data: bytes, path: Path, _options: ReadOptions) -> tuple[str, str | None]:
    return _read_markdown(data, path)


@register_reader("html", "HTML", (".html", ".htm", ".xhtml"))
def _read_html_file(data: bytes, path: Path, _options: ReadOptions) -> tuple[str, str | None]:
    return _read_html(data, path)


@register_reader("docx", "Word", (".docx",))
def _read_docx_file(data: bytes, path: Path, options: ReadOptions) -> tuple[str, str | None]:
    check_docx(data, path, options.limit, InputError)
    return _read_docx(data, path, options.word_extras), None


@register_reader("pdf", "PDF", (".pdf",))
def _read_pdf_file(data: bytes, path: Path, _options: ReadOptions) -> tuple[str, str | None]:
    return _read_pdf(data, path), None


def _read_markdown(data: bytes, path: Path) -> tuple[str, str]:
    from diptych.core.markdown import markdown_to_text

    source, encoding = decode_text(data, path)
    try:
        return markdown_to_text(normalise_text(source)), encoding
    except RecursionError:
        raise InputError("the Markdown is nested too deeply", path) from None


def _read_html(data: bytes, path: Path) -> tuple[str, str | None]:
    html, encoding = decode_text(data, path)
    return extract_html_text(html, path), encoding


def extract_html_text(html: str, path: str | os.PathLike[str] | None = None) -> str:
    """The article text of an HTML page (trafilatura's main-text extraction)."""
    try:
        import logging

        import trafilatura
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise InputError(f"HTML support is missing ({e})", path) from None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its notices are not for the user
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_recall=True, deduplicate=False)
    except Exception as e:  # trafilatura/lxml raise many types on broken markup
        raise InputError(f"the HTML could not be parsed ({type(e).__name__})", path) from None
    if not text or not text.strip():
        raise InputError("no article text was found in this HTML page", path)
    return str(text)


def _read_docx(data: bytes, path: Path, extras: bool = False) -> str:
    """Paragraphs and table rows in document order (a row is one line of its cells joined by
    " | "); with ``extras``, the headers first and the footnotes and footers last."""
    try:
        import docx
        from docx.table import Table
    except ImportError as e:  # pragma: no cover
        raise InputError(f"Word support is missing ({e})", path) from None
    try:
        d = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in d.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_docx_rows(block))
            else:
                lines.append(block.text)
        if extras:
            heads, feet = _docx_headers_footers(d)
            lines = heads + lines + _docx_footnotes(d) + feet
    except Exception:
        raise InputError("is not a readable Word (.docx) document", path) from None
    return "\n".join(lines)


def _docx_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # a merged cell is given once per grid column
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells))
    return rows


def _docx_headers_footers(d: Any) -> tuple[list[str], list[str]]:
    heads: list[str] = []
    feet: list[str] = []
    for section in d.sections:
        for part, out in ((section.header, heads), (section.footer, feet)):
            if part.is_linked_to_previous:
                continue
            text = [p.text for p in part.paragraphs if p.text.strip()]
            if text and text != out[-len(text):]:
                out.extend(text)
    return heads, feet


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_footnotes(d: Any) -> list[str]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    out = []
    for rel in d.part.rels.values():
        if rel.reltype != RT.FOOTNOTES or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iter(f"{_W}footnote"):
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paras = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in note.iter(f"{_W}p")]
            text = " ".join(x.strip() for x in paras if x.strip())
            if text:
                out.append(text)
    return out


def _read_pdf(data: bytes, path: Path) -> str:
    try:
        import logging

        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as e:  # pragma: no cover
        raise InputError(f"PDF support is missing ({e})", path) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("is an encrypted PDF", path)
        check_pdf_pages(reader, path, InputError)
        budget = TextBudget(UNPACKED_FACTOR * max_bytes_default(), path, InputError)
        pages = [budget.take(page.extract_text() or "") for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, Exception):
        raise InputError("is not a readable PDF", path) from None
    return "\n\n".join(p.strip("\n") for p in pages)
