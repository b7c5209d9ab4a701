"""Linker figures: quality on deplain-dev and the sample pair, speed against the naive baseline,
10,000 x 10,000 lines and peak memory. Needs ../shared (tools and data) beside the repository.

    .venv/bin/python bench/bench_linker.py [--quick]
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_alignment.py"
DEPLAIN = SHARED / "data" / "deplain-dev" / "gold.json"
CMD = f"{sys.executable} -m diptych align"


def scorer(*args: str) -> str:
    out = subprocess.run([sys.executable, str(SCORER), "--cmd", CMD, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return out.stdout


def figure(pattern: str, text: str) -> str:
    m = re.search(pattern, text)
    return m.group(1) if m else "?"


def _vary(lines: list[str], base: int) -> list[str]:
    """Lines from ``base`` on (the dev set repeated) made distinct, as if from other articles: in the
    n-th repeat every word but the function words starts with a mark of that repeat, so no repeat
    shares a word key with another, and word rarity within each stays that of the dev set."""
    from diptych.core.link import STOPWORDS

    out = lines[:base]
    for k, x in enumerate(lines[base:], start=base):
        mark = "q" + "abcdefghijklmnopqrstuvwxyz"[(k // base) % 26]
        out.append(" ".join(w if w.casefold() in STOPWORDS else mark + w for w in x.split()))
    return out


def big_run(lines: int, distinct: bool = False) -> tuple[float, float]:
    """Seconds and peak resident MB of one `diptych align --one-per-line` on lines x lines: the dev
    set's sentences repeated, or (``distinct``) with every repeat made another article's."""
    import json

    gold = json.loads(DEPLAIN.read_text(encoding="utf-8"))
    src = [" ".join(s.split()) for k in sorted(gold, key=int) for s in gold[k]["src_sents"]]
    tgt = [" ".join(s.split()) for k in sorted(gold, key=int) for s in gold[k]["tgt_sents"]]
    base_l, base_r = len(src), len(tgt)
    while len(src) < lines:
        src, tgt = src + src, tgt + tgt
    src, tgt = src[:lines], tgt[:lines]
    if distinct:
        src, tgt = _vary(src, base_l), _vary(tgt, base_r)
    with tempfile.TemporaryDirectory() as d:
        left, right = Path(d, "left.txt"), Path(d, "right.txt")
        left.write_text("\n".join(src) + "\n", encoding="utf-8")
        right.write_text("\n".join(tgt) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "diptych", "align", str(left), str(right), "--one-per-line",
                        "-o", str(Path(d, "out.json"))], check=True, cwd=ROOT)
        secs = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, peak_kb / 1024  # the largest child so far: call the largest run first


def main() -> int:
    if not SCORER.exists() or not DEPLAIN.exists():
        print(f"skipped: {SCORER} or {DEPLAIN} missing")
        return 0
    runs = [big_run(10_000, distinct=True) for _ in range(3)]  # timings on a shared machine vary
    times = sorted(t for t, _ in runs)
    print(f"10000x10000 distinct lines: {times[0]:.2f} / {times[1]:.2f} / {times[2]:.2f} s (three runs), "
          f"peak memory {max(mb for _, mb in runs):.0f} MB")
    secs, _ = big_run(10_000)
    print(f"10000x10000 lines (the dev set repeated, as the scorer's speed input): {secs:.2f} s")
    secs, _ = big_run(4000, distinct=True)
    print(f"4000x4000 distinct lines: {secs:.2f} s")
    pair = scorer("pair", "tests/data/sample-pair-gold-standard.json", "resources/samples")
    print(f"sample pair: link F1={figure(r'F1=([0-9.]+) verdict', pair)} "
          f"verdict accuracy={figure(r'verdict_accuracy=([0-9.]+)', pair)}")
    dep = scorer("deplain", str(DEPLAIN))
    print(f"deplain-dev: F1_changed={figure(r'F1_changed=([0-9.]+)', dep)} "
          f"(all links F1={figure(r'all +links: .*F1=([0-9.]+)', dep)})")
    if "--quick" not in sys.argv:
        speed = scorer("speed", str(DEPLAIN), "--lines", "4000")
        print(f"4000x4000 lines: linker {figure(r'linker +4000x4000 lines: ([0-9.]+) s', speed)} s, baseline "
              f"{figure(r'baseline +4000x4000 lines: ([0-9.]+) s', speed)} s, "
              f"speedup {figure(r'speedup_vs_baseline=([0-9.]+)', speed)}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
