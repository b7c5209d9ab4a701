"""The sample pair against its careful gold (tests/data/sample-pair-gold-standard.json), scored like
``score_alignment.py pair``: per sentence link F1 and verdict accuracy over every review claim."""

from __future__ import annotations

import json
import re
from pathlib import Path

from diptych.core.align import align, to_contract
from diptych.core.text import Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "sample-pair-gold-standard.json"
SAMPLES = ROOT / "resources" / "samples"


def _spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    starts = sorted(set(starts))
    out = []
    for k, s in enumerate(starts):
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        if k + 1 < len(starts):
            e = min(e, starts[k + 1])
        out.append((s, s + len(text[s:e].rstrip())))
    return out


def _cover(claims: list[list[int]], gold: list[tuple[int, int]]) -> list[list[int]]:
    out = []
    for a, b in claims:
        out.append([g for g, (s, e) in enumerate(gold)
                    if min(b, e) - max(a, s) > 0 and (min(b, e) - max(a, s)) * 2 >= min(b - a, e - s)])
    return out


def _score() -> tuple[float, float]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    lt = (SAMPLES / gold["left_file"]).read_text(encoding="utf-8")
    rt = (SAMPLES / gold["right_file"]).read_text(encoding="utf-8")
    rstarts = [rt.index(c["right"]) for c in gold["claims"]]
    line_starts = [0] + [i + 1 for i, ch in enumerate(lt) if ch == "\n" and i + 1 < len(lt)]
    sent_starts = [m.end() for m in re.finditer(r"[.!?][”\"’]?[ \t]+(?=[“\"A-Z])", lt)]
    lspans = _spans(lt, [lt.index(p) for c in gold["claims"] for p in c["left"]] + line_starts + sent_starts)
    lindex = {s: k for k, (s, _) in enumerate(lspans)}
    rspans = _spans(rt, rstarts)
    rindex = {s: k for k, (s, _) in enumerate(rspans)}
    want = {(lindex[lt.index(p)], rindex[rt.index(c["right"])]) for c in gold["claims"] for p in c["left"]}
    res = to_contract(align(Document.from_raw(lt), Document.from_raw(rt)))
    lc, rc = _cover(res["left"]["claims"], lspans), _cover(res["right"]["claims"], rspans)
    got = {(gl, gr) for k in res["links"] for gl in lc[k["left"]] for gr in rc[k["right"]]}
    tp = len(got & want)
    p, r = tp / len(got), tp / len(want)
    f1 = 2 * p * r / (p + r) if tp else 0.0
    verdicts = {v["right"]: v["verdict"] for v in res["verdicts"]}
    claims = res["right"]["claims"]
    hits = 0
    for c in gold["claims"]:
        s, e = rspans[rindex[rt.index(c["right"])]]
        best = max(range(len(claims)), key=lambda k: min(claims[k][1], e) - max(claims[k][0], s))
        hits += verdicts[best] == c["verdict"]
    return f1, hits / len(gold["claims"])


def test_gold_names_every_review_claim_with_a_known_verdict() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    rt = (SAMPLES / gold["right_file"]).read_text(encoding="utf-8")
    assert len(gold["claims"]) == 28
    assert all(rt.count(c["right"]) == 1 for c in gold["claims"])
    assert {c["verdict"] for c in gold["claims"]} == {"consistent", "altered", "unsupported"}
    assert all(bool(c["left"]) == (c["verdict"] != "unsupported") for c in gold["claims"])


def test_sample_pair_links_and_verdicts_reach_the_targets() -> None:
    # the targets: link F1 >= 0.90, verdict accuracy >= 0.93
    f1, accuracy = _score()
    assert f1 >= 0.90, f"link F1 {f1:.3f}"
    assert accuracy >= 0.93, f"verdict accuracy {accuracy:.3f}"
