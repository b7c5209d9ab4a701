"""Cross-lingual figures: the English-German review pairs of tests/data/crossling (link F1, verdict
accuracy, planted number and date changes caught) and 1,000 x 1,000 sentences of two languages
(seconds and peak memory of a whole `diptych align`).

    .venv/bin/python bench/bench_crossling.py [--pairs-only]

Scored like ``score_alignment.py pair``: each claim is mapped to the gold sentences it covers
(overlap at least half of the shorter span), a link stands for every pair of sentences it covers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "crossling"
PAIRS = ("flood", "jobs", "strike", "museum")


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
    return [[g for g, (s, e) in enumerate(gold)
             if min(b, e) - max(a, s) > 0 and (min(b, e) - max(a, s)) * 2 >= min(b - a, e - s)]
            for a, b in claims]


def gold_sentences(name: str) -> tuple[dict, str, str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The gold of one pair, its two texts and the spans of its left and right sentences."""
    gold = json.loads((DATA / f"{name}-labels.json").read_text(encoding="utf-8"))
    lt = (DATA / gold["left_file"]).read_text(encoding="utf-8")
    rt = (DATA / gold["right_file"]).read_text(encoding="utf-8")
    line_starts = [0] + [i + 1 for i, ch in enumerate(lt) if ch == "\n" and i + 1 < len(lt)]
    if "left_sentences" in gold:
        lstarts = [lt.index(p) for p in gold["left_sentences"]]
    else:
        lstarts = [m.end() for m in re.finditer(r"[.!?][”\"’]?[ \t]+(?=[“\"A-Z])", lt)]
    lstarts += [lt.index(p) for c in gold["claims"] for p in c["left"]] + line_starts
    lspans = [s for s in _spans(lt, lstarts) if s[1] > s[0]]
    rspans = _spans(rt, [rt.index(c["right"]) for c in gold["claims"]])
    return gold, lt, rt, lspans, rspans


def score(name: str, contract: dict) -> dict:
    """Link precision, recall, F1, verdict accuracy and planted changes caught for one pair."""
    gold, lt, rt, lspans, rspans = gold_sentences(name)
    lindex = {s: k for k, (s, _) in enumerate(lspans)}
    rindex = {s: k for k, (s, _) in enumerate(rspans)}
    want = {(lindex[lt.index(p)], rindex[rt.index(c["right"])]) for c in gold["claims"] for p in c["left"]}
    lc, rc = _cover(contract["left"]["claims"], lspans), _cover(contract["right"]["claims"], rspans)
    got = {(gl, gr) for k in contract["links"] for gl in lc[k["left"]] for gr in rc[k["right"]]}
    tp = len(got & want)
    p, r = tp / max(1, len(got)), tp / max(1, len(want))
    verdicts = {v["right"]: v["verdict"] for v in contract["verdicts"]}
    claims = contract["right"]["claims"]
    hits = planted = caught = 0
    wrong = []
    for c in gold["claims"]:
        s, e = rspans[rindex[rt.index(c["right"])]]
        best = max(range(len(claims)), key=lambda k: min(claims[k][1], e) - max(claims[k][0], s))
        v = verdicts.get(best, "none")
        hits += v == c["verdict"]
        if v != c["verdict"]:
            wrong.append(f"{c['right'][:28]}: {c['verdict']} -> {v}")
        if c.get("planted"):
            planted += 1
            caught += v == "altered"
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if tp else 0.0, "tp": tp, "pred": len(got),
            "gold": len(want), "accuracy": hits / len(gold["claims"]), "claims": len(gold["claims"]),
            "planted": planted, "caught": caught, "wrong": wrong, "split": gold["split"]}


def run_pair(name: str, extra: tuple[str, ...] = ()) -> dict:
    gold = json.loads((DATA / f"{name}-labels.json").read_text(encoding="utf-8"))
    out = subprocess.run([sys.executable, "-m", "diptych", "align", str(DATA / gold["left_file"]),
                          str(DATA / gold["right_file"]), *extra], capture_output=True, text=True, check=True)
    return score(name, json.loads(out.stdout))


def big_run(n: int) -> tuple[float, float, int, float]:
    """Seconds, peak resident MB, links and CPU seconds of one `diptych align` on n English x n German sentences
    (the pairs' sentences with a running number, so that every line is another sentence)."""
    en, de = [], []
    for name in PAIRS:
        gold, lt, rt, lspans, rspans = gold_sentences(name)
        (en if gold["left_file"].endswith("-en.txt") else de).extend(lt[s:e] for s, e in lspans)
        (en if gold["right_file"].endswith("-en.txt") else de).extend(rt[s:e] for s, e in rspans)
    with tempfile.TemporaryDirectory() as d:
        lp, rp = Path(d, "left.txt"), Path(d, "right.txt")
        lp.write_text("\n".join(f"{k}: {en[k % len(en)]}" for k in range(n)) + "\n", encoding="utf-8")
        rp.write_text("\n".join(f"{k}: {de[k % len(de)]}" for k in range(n)) + "\n", encoding="utf-8")
        # cli.main, not the entry point: that leaves the process as soon as align is done
        code = ("import resource, sys; from diptych.cli import main\n"
                "main(['align', '--one-per-line', sys.argv[1], sys.argv[2], '-o', sys.argv[3]])\n"
                "print(max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)), "
                "sum(resource.getrusage(r).ru_utime + resource.getrusage(r).ru_stime "
                "for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))")
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, str(lp), str(rp), str(Path(d, "out.json"))],
                             capture_output=True, text=True, check=True)
        secs = time.perf_counter() - t0
        links = len(json.loads(Path(d, "out.json").read_text(encoding="utf-8"))["links"])
    peak_kb, cpu = out.stdout.split()[-2:]
    return secs, int(peak_kb) / 1024, links, float(cpu)


def main() -> int:
    for name in PAIRS:
        s = run_pair(name)
        print(f"{name:7s} ({s['split']:8s}) links P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f} "
              f"(tp={s['tp']} pred={s['pred']} gold={s['gold']})  verdict accuracy={s['accuracy']:.3f} "
              f"({round(s['accuracy'] * s['claims'])}/{s['claims']})  planted caught {s['caught']}/{s['planted']}")
        for w in s["wrong"]:
            print(f"    {w}")
    if "--pairs-only" not in sys.argv:
        secs, mb, links, cpu = big_run(1000)
        print(f"1000 x 1000 sentences, English x German: {secs:.1f} s ({cpu:.1f} s of CPU), peak {mb:.0f} MB, "
              f"{links} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
