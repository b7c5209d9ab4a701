"""Markdown articles read as a reader sees them: no marks in the claims, blocks as paragraphs,
links keep their text (and a bare link line its target), code verbatim, exact offsets."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diptych.core.align import AlignOptions, align
from diptych.core.embeds import navigation_claims
from diptych.core.ingest import read_document
from diptych.core.markdown import markdown_to_text
from diptych.core.project import Project
from diptych.core.segment import segment

ARTICLE = """# Council *approves* the budget

The council voted **7 to 2** on Tuesday, the [city's website](https://city.example/vote) says.
The vote came after a long
debate.

- Votes for: 7
- Votes against: 2

> "We had no choice," the mayor said.

```
total = 7 + 2
  print(total)
```

[Read more](https://example.org/budget)

| Party | Seats |
|---|---|
| Greens | 4 |
"""


def test_markdown_article_reads_without_marks(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(ARTICLE, encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "md"
    assert doc.text == (
        "Council approves the budget\n\n"
        "The council voted 7 to 2 on Tuesday, the city's website says. The vote came after a long debate.\n\n"
        "Votes for: 7\n\nVotes against: 2\n\n"
        "\"We had no choice,\" the mayor said.\n\n"
        "total = 7 + 2\n  print(total)\n\n"
        "Read more: https://example.org/budget\n\n"
        "Party | Seats\nGreens | 4")


def test_markdown_read_more_link_is_a_navigation_line(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(ARTICLE, encoding="utf-8")
    doc = read_document(p)
    claims = segment(doc.text, language="en")
    nav = navigation_claims(doc.text, claims)
    assert [claims[i].text(doc.text) for i in sorted(nav)] == ["Read more: https://example.org/budget"]


def test_a_link_inside_a_sentence_keeps_only_its_text() -> None:
    assert markdown_to_text("See [the report](https://x.example/r) for details.") == "See the report for details."
    assert markdown_to_text("Plain <https://x.example/r>") == "Plain https://x.example/r"
    assert markdown_to_text("![a chart](chart.png)\n\nText.") == "Text."


def test_markdown_project_claims_quote_the_shown_text(tmp_path: Path) -> None:
    (tmp_path / "ref.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "rev.md").write_text(ARTICLE.replace("7 to 2", "8 to 1"), encoding="utf-8")
    project = Project.from_alignment(align(read_document(tmp_path / "ref.md"), read_document(tmp_path / "rev.md"),
                                           AlignOptions(language="en")))
    texts = [project.claim_text("right", c.id) for c in project.claims("right")]
    assert "The council voted 8 to 1 on Tuesday, the city's website says." in texts
    assert not any(mark in t for t in texts for mark in ("**", "# ", "](", "> ", "- V"))


# ----- generated Markdown -------------------------------------------------------------------------
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéßABCDEFGHXYZ", min_size=1, max_size=8)
_WORDS = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)


@st.composite
def _inline(draw: st.DrawFn) -> tuple[str, str]:
    """(markdown, plain) of one inline piece."""
    words = draw(_WORDS)
    kind = draw(st.sampled_from(["plain", "em", "strong", "link", "code", "strike"]))
    if kind == "em":
        return f"*{words}*", words
    if kind == "strong":
        return f"**{words}**", words
    if kind == "strike":
        return f"~~{words}~~", words
    if kind == "link":
        return f"[{words}](https://example.org/{draw(_WORD)})", words
    if kind == "code":
        return f"`{words}`", words
    return words, words


@st.composite
def _sentence(draw: st.DrawFn) -> tuple[str, str]:
    pieces = draw(st.lists(_inline(), min_size=2, max_size=5))
    return " ".join(m for m, _ in pieces) + ".", " ".join(p for _, p in pieces) + "."


@st.composite
def _block(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["heading", "paragraph", "item", "ordered", "quote", "code", "table", "link"]))
    if kind == "table":
        rows = draw(st.lists(st.lists(_WORDS, min_size=2, max_size=2), min_size=1, max_size=3))
        head = draw(st.lists(_WORD, min_size=2, max_size=2))
        md = "\n".join([f"| {head[0]} | {head[1]} |", "|---|---|"] + [f"| {a} | *{b}* |" for a, b in rows])
        return md, "\n".join([f"{head[0]} | {head[1]}"] + [f"{a} | {b}" for a, b in rows])
    if kind == "link":
        words, target = draw(_WORDS), f"https://example.org/{draw(_WORD)}"
        return f"[{words}]({target})", f"{words}: {target}"
    if kind == "code":
        lines = draw(st.lists(st.tuples(st.integers(0, 4), _WORDS), min_size=1, max_size=4))
        body = "\n".join(" " * n + w + " * 2" for n, w in lines)
        return f"```\n{body}\n```", body
    md, plain = draw(_sentence())
    if kind == "paragraph":
        more_md, more_plain = draw(_sentence())
        return f"{md}\n{more_md}", f"{plain} {more_plain}"  # a soft break is a space
    prefix = {"heading": "#" * draw(st.integers(1, 6)) + " ", "item": "- ", "ordered": "1. ", "quote": "> "}[kind]
    return prefix + md, plain


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block(), min_size=1, max_size=8))
def test_generated_markdown_reads_exactly(blocks: list[tuple[str, str]]) -> None:
    source = "\n\n".join(m for m, _ in blocks) + "\n"
    text = markdown_to_text(source)
    assert text == "\n\n".join(p for _, p in blocks)
    claims = segment(text, language="en")
    # the claims cover every character of the shown text but the white space between them
    assert "".join("".join(c.text(text).split()) for c in claims) == "".join(text.split())
    for claim in claims:
        quoted = claim.text(text)
        assert "**" not in quoted and "](" not in quoted and "~~" not in quoted and "`" not in quoted


def test_front_matter_is_not_part_of_the_article() -> None:
    source = "---\ntitle: Budget\ndate: 2025-06-01\n---\n\n# Council votes\n\nText.\n\n---\n\nAfter a rule.\n"
    assert markdown_to_text(source) == "Council votes\n\nText.\n\nAfter a rule."
    assert markdown_to_text("---\n\nNot front matter.\n") == "Not front matter."


def test_a_paragraph_of_many_links_reads_in_linear_time() -> None:
    import time

    began = time.monotonic()
    text = markdown_to_text("[a](https://x.example/b) " * 20000)
    assert text == " ".join(["a"] * 20000)
    assert time.monotonic() - began < 10  # about 1 s; checking each link's place anew took minutes
