"""Markdown as the plain text a reader sees, parsed by markdown-it-py (CommonMark, with tables).

Each heading, paragraph, list item, block quote paragraph, code block and table becomes a paragraph
of its own (blocks are separated by a blank line). Emphasis marks, heading and list markers, quote
marks and HTML tags vanish; a link keeps its text, and a paragraph that is nothing but a link keeps
its target too (``[Read more](url)`` is shown as ``Read more: url``, so it is recognised as a
navigation line). Code blocks stay verbatim, line by line; a table row is one line of its cells
joined by `` | `` (as in Word tables). Soft line breaks inside a paragraph become spaces, hard
breaks stay line breaks. Images are left out, and so is a YAML front matter block (``---`` …
``---`` at the very start, as static-site generators write a page's title and date).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from diptych.core.ingest import CELL_SEPARATOR

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n[\w-]+[ \t]*:[^\n]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(html: str) -> str:
    p = _HtmlText()
    p.feed(html)
    p.close()
    return " ".join(" ".join(p.parts).split())


def _inline(children: list[Any], whole_paragraph: bool = False, md: Any = None) -> str:
    out: list[str] = []
    for t in children:
        if t.type in ("text", "code_inline"):
            out.append(t.content)
        elif t.type == "softbreak":
            out.append(" ")
        elif t.type == "hardbreak":
            out.append("\n")
        # emphasis, strike-through, link marks, inline HTML tags and images leave no text
    text = "".join(out)
    if whole_paragraph:
        links = [t for t in children if t.type == "link_open"]
        if len(links) == 1 and not _text_outside_links(children).strip():
            href = str(links[0].attrGet("href") or "")
            if md is not None:
                href = md.normalizeLinkText(href)  # shown as written, not percent-encoded
            label = text.strip()
            if href and label and href not in label:
                text = f"{label} {href}" if label.endswith((":", "|")) else f"{label}: {href}"
    return text


def _text_outside_links(children: list[Any]) -> str:
    out = []
    depth = 0
    for t in children:
        if t.type == "link_open":
            depth += 1
        elif t.type == "link_close":
            depth -= 1
        elif depth == 0 and t.type in ("text", "code_inline"):
            out.append(t.content)
    return "".join(out)


def _clean(block: str) -> str:
    return "\n".join(line.strip() for line in block.strip().split("\n"))


def markdown_to_text(source: str) -> str:
    """The text of a Markdown document as Diptych shows it (see the module's description)."""
    md = _parser()
    tokens = md.parse(_FRONT_MATTER.sub("", source, count=1))
    blocks: list[str] = []
    row: list[str] | None = None
    rows: list[str] = []
    parent: list[str] = []
    for t in tokens:
        if t.nesting == 1:
            parent.append(t.type)
        elif t.nesting == -1 and parent:
            parent.pop()
        if t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            if any(cell for cell in row):
                rows.append(CELL_SEPARATOR.join(row))
            row = None
        elif t.type == "table_close":
            if rows:
                blocks.append("\n".join(rows))
            rows = []
        elif t.type == "inline":
            if row is not None:
                row.append(" ".join(_inline(t.children or []).split()))
            else:
                whole = bool(parent) and parent[-1] == "paragraph_open"
                blocks.append(_clean(_inline(t.children or [], whole_paragraph=whole, md=md)))
        elif t.type in ("fence", "code_block"):
            blocks.append(t.content.rstrip("\n"))
        elif t.type == "html_block":
            blocks.append(_html_text(t.content))
    return "\n\n".join(b for b in blocks if b.strip())
