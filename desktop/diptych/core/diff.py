"""Word-level differences of a linked pair, for the window's inline diff.

Words (and single punctuation marks) are compared case-insensitively with rapidfuzz's Levenshtein
opcodes; every span is in code points of the texts given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")


@dataclass(frozen=True)
class DiffOp:
    """``a[a_start:a_end]`` became ``b[b_start:b_end]``; ``tag`` is equal, replace, insert or delete."""

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(case-folded token, start, end) for each word or punctuation mark of ``text``."""
    return [(m.group().casefold(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_diff(a: str, b: str) -> list[DiffOp]:
    """The word-level edit script turning ``a`` into ``b``, covering every token of both."""
    from rapidfuzz.distance import Levenshtein

    ta, tb = tokens(a), tokens(b)
    ops = []
    for op in Levenshtein.opcodes([t for t, _, _ in ta], [t for t, _, _ in tb]):
        a0 = ta[op.src_start][1] if op.src_start < len(ta) else len(a)
        a1 = ta[op.src_end - 1][2] if op.src_end > op.src_start else a0
        b0 = tb[op.dest_start][1] if op.dest_start < len(tb) else len(b)
        b1 = tb[op.dest_end - 1][2] if op.dest_end > op.dest_start else b0
        ops.append(DiffOp(op.tag, a0, a1, b0, b1))
    return ops


def word_diff_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Code-point spans of the words that differ, in ``a`` and in ``b``."""
    left, right = [], []
    for op in word_diff(a, b):
        if op.tag == "equal":
            continue
        if op.a_end > op.a_start:
            left.append((op.a_start, op.a_end))
        if op.b_end > op.b_start:
            right.append((op.b_start, op.b_end))
    return left, right
