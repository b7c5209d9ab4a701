"""The hand-labelled news claims of tests/data/verdict-claims.json, read as the scorer's `verdicts`
mode reads them: each labelled sentence is judged by the review claim that overlaps it most."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diptych.core.align import Alignment, align
from diptych.core.ingest import document_from_text

PAIRS: list[dict[str, Any]] = json.loads((Path(__file__).parent / "data" / "verdict-claims.json")
                                         .read_text(encoding="utf-8"))


def labelled_claims(split: str) -> Iterator[tuple[dict[str, Any], Alignment, int, int]]:
    """(the labelled sentence, its pair's alignment, the claim that overlaps it most, the pair's
    number) for each labelled sentence of ``split``, in order."""
    for n, p in enumerate(PAIRS):
        if p["split"] != split:
            continue
        a = align(document_from_text(p["article"], "article.txt"), document_from_text(p["summary"], "summary.txt"))
        pos = 0
        for sent in p["sentences"]:
            s = p["summary"].index(sent["text"], pos)
            pos = e = s + len(sent["text"])
            k = max(range(len(a.right_claims)),
                    key=lambda k: min(a.right_claims[k].end, e) - max(a.right_claims[k].start, s))
            yield sent, a, k, n
