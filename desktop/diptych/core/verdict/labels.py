"""What the window says about a linked pair: a link label that never contradicts the verdict, and
the words of a claim that changed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from diptych.core.verdict.checks import Suggestion, _Left, _words
from diptych.core.verdict.lexicon import ALL as LEX
from diptych.core.verdict.meaning import _content, _counterpart

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                         "‹": "'", "›": "'", "`": "'", "´": "'"})


LOOSE_SCORE = 0.5
"""The lowest score a link is accepted with: the linker gives it to links it makes by position in an
alignment gap (see :mod:`diptych.core.link`), whose words may say little."""


def normalised(text: str) -> str:
    """``text`` with its whitespace collapsed and its quotation marks made plain."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def _content_words(text: str) -> Counter[str]:
    return Counter(w for w, _, _ in _words(text) if _content(w) or w in LEX.negations or w[-3:] in ("n't", "n’t"))


def link_label(right_text: str, left_texts: Sequence[str], score: float, suggestion: Suggestion | None = None) -> str:
    """"identical" only for the same text (after whitespace and quote normalisation); "minor edit"
    only when the content words are the same; a pair with a major reason names it; a pair on the
    weakest accepted link (:data:`LOOSE_SCORE`: a loose match in an alignment gap) is a "loose
    match"; any other pair is a "paraphrase"."""
    if any(normalised(t) == normalised(right_text) for t in left_texts) and left_texts:
        return "identical"
    major = [r for r in (suggestion.reasons if suggestion else ()) if r.major]
    if major:
        return f"changed: {major[0].text}"
    if score <= LOOSE_SCORE:
        return "loose match"
    same = score >= 0.8 and _content_words(right_text) == sum((_content_words(t) for t in left_texts), Counter())
    return "minor edit" if same else "paraphrase"


def changed_spans(right_text: str, left_texts: Sequence[str]) -> list[tuple[int, int]]:
    """Code-point spans of the claim's content words that have no counterpart in the linked texts."""
    if not left_texts:
        return []
    left = _Left(left_texts)
    return [(s, e) for w, s, e in _words(right_text)
            if (_content(w) or w in LEX.negations) and not _counterpart(w, left)
            and not re.fullmatch(r"\d+", w)]
