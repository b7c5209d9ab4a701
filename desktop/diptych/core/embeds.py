"""Lines of scraped articles that are not the article's claims.

Embedded social-media posts (a tweet and its "— Name (@handle) date" line) quote someone else's
words. A post is a paragraph that carries a post link (``pic.twitter.com/…``,
``twitter.com/…/status/…``, ``x.com/…/status/…``, ``instagram.com/p/…``) or that is followed by a
post byline; the byline line itself belongs to the post.

Navigation lines ("Read more: …", "Also read: …", "Lesen Sie auch: …") point to other articles.

The linker leaves the claims of both unlinked, and the suggestion says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diptych.core.text import Claim

_POST_LINK = re.compile(
    r"(?:pic\.twitter\.com/\w+|(?:twitter|x)\.com/\w{1,30}/status/\d+|instagram\.com/(?:p|reel)/[\w-]+"
    r"|t\.co/\w{6,}|threads\.net/@[\w.]+/post/\w+|bsky\.app/profile/[\w.:-]+/post/\w+)",
    re.IGNORECASE)
# "— Murtaza Solangi (@murtazasolangi) June 11, 2025" / "- Name (@handle) 11. Juni 2025"
_POST_BYLINE = re.compile(r"^\s*[—–-]\s*[^\n()]{1,80}\(@\w{1,30}\)\s+[^\n]{0,40}\d{4}\s*$")


def is_post_byline(line: str) -> bool:
    """Whether ``line`` is the byline of an embedded post ("— Name (@handle) date")."""
    return "(@" in line and _POST_BYLINE.match(line) is not None


def embed_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the lines that belong to embedded posts."""
    if "(@" not in text and "/" not in text:
        return []  # the common case, decided in one pass
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.group().strip()]
    marked = [False] * len(lines)
    for k, (a, b) in enumerate(lines):
        # every byline has "(@" and every post link a "/": lines without them are skipped cheaply
        # (the case-insensitive patterns are slow to run over a whole article)
        has_at, has_slash = text.find("(@", a, b) >= 0, text.find("/", a, b) >= 0
        if not (has_at or has_slash):
            continue
        line = text[a:b]
        if has_at and _POST_BYLINE.match(line):
            marked[k] = True
            if k:
                marked[k - 1] = True
        elif has_slash and _POST_LINK.search(line):
            marked[k] = True
    return [span for span, m in zip(lines, marked, strict=True) if m]


_NAVIGATION = re.compile(
    r"^[^\S\n]*(?:read(?: more| also)?|also read|see also|related(?: stories| articles)?|more on this(?: story)?"
    r"|lesen sie (?:auch|mehr|hier)|mehr (?:dazu|zum thema)|auch interessant|weiterlesen)[^\S\n]*[:|][^\n]*",
    re.IGNORECASE | re.MULTILINE)


def navigation_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the navigation lines ("Read more: …") of ``text``."""
    if ":" not in text and "|" not in text:
        return []
    return [(m.start(), m.end()) for m in _NAVIGATION.finditer(text)]


def navigation_claims(text: str, claims: Sequence[Claim]) -> set[int]:
    """Indices of the claims that lie inside navigation lines."""
    return _claims_inside(navigation_spans(text), claims)


def embed_claims(text: str, claims: Sequence[Claim]) -> set[int]:
    """Indices of the claims that lie inside embedded posts."""
    return _claims_inside(embed_spans(text), claims)


def _claims_inside(spans: list[tuple[int, int]], claims: Sequence[Claim]) -> set[int]:
    if not spans:
        return set()
    out = set()
    k = 0
    for i, c in enumerate(claims):
        while k < len(spans) and spans[k][1] <= c.start:
            k += 1
        if k < len(spans) and spans[k][0] <= c.start and c.end <= spans[k][1]:
            out.add(i)
    return out
