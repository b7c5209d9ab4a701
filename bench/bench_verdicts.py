"""Verdict figures: accuracy and binary balanced accuracy on the hand-labelled news claims
(tests/data/verdict-claims.json: tuning, held-out and final parts) and the sample pair, and how well the
confidence ranks right suggestions above wrong ones (AUC, medians).

    .venv/bin/python bench/bench_verdicts.py [--show]

Each gold sentence takes the verdict of the claim that overlaps it most, as the scorer's
``verdicts`` and ``pair`` modes do.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

from diptych.core.align import align
from diptych.core.ingest import document_from_text, read_document
from diptych.core.text import Document
from diptych.core.verdict import needs_check

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "tests" / "data" / "verdict-claims.json"
SAMPLES = ROOT / "resources" / "samples"
GOLD = ROOT / "tests" / "data" / "sample-pair-gold-standard.json"
PARTS = ("tune", "heldout", "final", "final2", "final3", "final4", "final5", "final6", "final7", "final8", "final9",
         "final10", "final11", "final12", "final13", "final14", "final15", "final16", "final17", "final18", "final19",
         "pair")
"""The parts scored here. A newer part of the file is not run until it is named here: it stays
unseen until its first score is taken."""
FIT = ("tune", "heldout", "final", "final2", "final3", "final4", "final5", "final6", "final7", "final8", "final9",
       "final10", "pair")
"""The parts the confidence's constants are fitted on (those the checks were tuned on too); final11
and final12, the newest, are evaluation parts only."""


def _best(claims: list, s: int, e: int) -> int:  # type: ignore[type-arg]
    return max(range(len(claims)), key=lambda k: min(claims[k].end, e) - max(claims[k].start, s))


def judged(left, right, spans: list[tuple[int, int, str]]) -> list[tuple[str, str, float, list[str]]]:  # type: ignore[no-untyped-def]
    """(gold, suggested, confidence, reasons) for each gold span of the right text."""
    a = align(left, right)
    best = {}
    for lk in a.links:
        best[lk.right] = max(best.get(lk.right, 0.0), lk.score)
    out = []
    for s, e, gold in spans:
        k = _best(a.right_claims, s, e)
        sg = a.suggestions[k]
        out.append((gold, sg.verdict, sg.confidence if sg.confidence is not None else 1.0,
                    [r.text for r in sg.reasons], right.text[s:e], best.get(k, 0.0)))
    return out


def auc(rows: list, col: int = 2) -> float:  # type: ignore[type-arg]
    right = [r[col] for r in rows if r[0] == r[1]]
    wrong = [r[col] for r in rows if r[0] != r[1]]
    if not right or not wrong:
        return float("nan")
    wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    return wins / (len(right) * len(wrong))


def summary(name: str, rows: list) -> str:  # type: ignore[type-arg]
    ok = [g == v for g, v, *_ in rows]
    cons = [g == v for g, v, *_ in rows if g == "consistent"]
    flag = [v != "consistent" for g, v, *_ in rows if g != "consistent"]
    bacc = (sum(cons) / max(1, len(cons)) + sum(flag) / max(1, len(flag))) / 2
    right = [c for g, v, c, *_ in rows if g == v]
    wrong = [c for g, v, c, *_ in rows if g != v]
    checks = sum(needs_check(r[2]) for r in rows)
    med = (f"median confidence right={statistics.median(right):.2f} wrong={statistics.median(wrong):.2f}"
           if right and wrong else "")
    return (f"{name:21s} n={len(rows):3d} accuracy={sum(ok) / len(rows):.3f} binary_BAcc={bacc:.3f} "
            f"AUC={auc(rows):.3f} (link score alone {auc(rows, 5):.3f}) {med} check={checks}")


Spans = list[tuple[int, int, str]]  # (start, end, gold verdict) of each labelled sentence


def labelled_pairs() -> Iterator[tuple[str, Document, Document, Spans]]:
    """Every labelled pair of :data:`PARTS` as (part, reference, review, spans): the news claims' parts, then the
    sample pair as part "pair" (each gold claim runs to the start of the next one)."""
    for p in json.loads(CLAIMS.read_text(encoding="utf-8")):
        if p["split"] not in PARTS:
            continue
        left, right = document_from_text(p["article"], "article.txt"), document_from_text(p["summary"], "summary.txt")
        spans, pos = [], 0
        for sent in p["sentences"]:
            s = p["summary"].index(sent["text"], pos)
            pos = s + len(sent["text"])
            spans.append((s, pos, sent["verdict"]))
        yield p["split"], left, right, spans
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    left, right = read_document(SAMPLES / gold["left_file"]), read_document(SAMPLES / gold["right_file"])
    starts = sorted(right.text.index(c["right"]) for c in gold["claims"])
    spans = []
    for c in gold["claims"]:
        s = right.text.index(c["right"])
        nxt = [x for x in starts if x > s]
        spans.append((s, nxt[0] if nxt else len(right.text), c["verdict"]))
    yield "pair", left, right, spans


def collect(show: bool = False) -> dict[str, list]:  # type: ignore[type-arg]
    """The judged rows of every labelled part named in :data:`PARTS` and the sample pair."""
    sets: dict[str, list] = {p: [] for p in PARTS}  # type: ignore[type-arg]
    for split, left, right, spans in labelled_pairs():
        rows = judged(left, right, spans)
        sets.setdefault(split, []).extend(rows)
        if show:
            for g, v, c, r, t, _ in rows:
                print(f"{'  ' if g == v else '✗ '}{split[:6]:6s} {g[:4]}→{v[:4]} {c:.2f} {t[:70]!r} {r}")
    return sets


def main() -> None:
    sets = collect("--show" in sys.argv)
    names = {"tune": "claims (tuning)", "heldout": "claims (held-out)", "pair": "sample pair"}
    for part, rows in sets.items():
        if rows:
            print(summary(names.get(part, f"claims ({part})"), rows))
    print(summary("fit parts (tune..final10, pair)", [r for p in FIT for r in sets[p]]))
    print(summary("all", [r for rows in sets.values() for r in rows]))


if __name__ == "__main__":
    main()
