"""Batch figures: one reference against many generated reviews (the sample review rewritten, each
with a few planted edits), as ``diptych batch`` runs them.

    .venv/bin/python bench/bench_batch.py [--reviews 1000] [--reviews-one N] [--no-dask]

Reports the wall time and pairs/s of ``--jobs 1`` and ``--jobs 2`` (and the scaling efficiency),
the rerun of the finished batch (every pair skipped), the same batch on a Dask LocalCluster of two
worker processes on 127.0.0.1 (its summary compared byte for byte with ``--jobs 2``'s, times left
out), and the peak resident memory of the batch process. Each batch runs as its own
``python -m diptych batch`` process; its wall time includes starting Python. ``--reviews-one``
runs ``--jobs 1`` on fewer reviews (pairs/s is what is compared).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
REFERENCE = SAMPLES / "reference-003.txt"
REVIEW = SAMPLES / "review-000.txt"
NAMES = ("Bruce", "Hooker", "Landau", "Bilawal", "Modi")
WEEKDAYS = ("Monday", "Wednesday", "Thursday", "Friday", "Saturday")


def rewrite(text: str, rng: random.Random) -> str:
    """The review with two to four planted edits: a number, a weekday, a name, a negation, a dropped
    or an added sentence."""
    lines = text.split("\n")
    for edit in rng.sample(("number", "weekday", "name", "negation", "drop", "add"), rng.randint(2, 4)):
        k = rng.randrange(len(lines))
        line = lines[k]
        if edit == "number" and re.search(r"\d+", line):
            lines[k] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), line, count=1)
        elif edit == "weekday":
            lines = [x.replace("Tuesday", rng.choice(WEEKDAYS)) for x in lines]
        elif edit == "name":
            old, new = rng.sample(NAMES, 2)
            lines[k] = line.replace(old, new)
        elif edit == "negation" and " is " in line:
            lines[k] = line.replace(" is ", " is not ", 1)
        elif edit == "drop" and line.strip():
            del lines[k]
        elif edit == "add":
            lines.insert(k, f"Officials said {rng.randint(3, 90)} observers would join the talks next month.")
    return "\n".join(lines)


def make_reviews(folder: Path, n: int, seed: int = 17) -> list[Path]:
    rng = random.Random(seed)
    base = REVIEW.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        p = folder / f"outlet-{k:04d}.txt"
        p.write_text(rewrite(base, rng), encoding="utf-8")
        out.append(p)
    return out


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB of the batch process, its standard output)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "diptych", "batch", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _hwm_kb(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    out, _ = proc.communicate(timeout=3600)
    t.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {out}")
    return wall, peak[0] / 1024, out.strip()


def without_times(folder: Path) -> tuple[list[str], list[list[str]]]:
    """summary.jsonl and summary.csv with the elapsed_s field taken out of every row."""
    rows = []
    for line in (folder / "summary.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row.pop("elapsed_s")
        rows.append(json.dumps(row, ensure_ascii=False))
    with (folder / "summary.csv").open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    col = table[0].index("elapsed_s")
    cut = [r[:col] + r[col + 1:] for r in table]
    return rows, cut


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reviews", type=int, default=1000)
    ap.add_argument("--reviews-one", type=int, help="reviews of the --jobs 1 run (default: --reviews)")
    ap.add_argument("--no-dask", action="store_true")
    a = ap.parse_args()
    n, n1 = a.reviews, a.reviews_one or a.reviews
    tmp = Path(tempfile.mkdtemp(prefix="diptych-bench-batch-"))
    try:
        reviews = [str(p) for p in make_reviews(tmp / "in", n)]
        base = ["--reference", str(REFERENCE)]
        figures: dict[str, object] = {"reviews": n}

        t1, m1, _ = run([*base, *reviews[:n1], "-o", str(tmp / "one"), "--jobs", "1"])
        r1 = n1 / t1
        print(f"--jobs 1: {n1} pairs in {t1:.1f} s = {r1:.1f} pairs/s, peak {m1:.0f} MB")
        t2, m2, _ = run([*base, *reviews, "-o", str(tmp / "two"), "--jobs", "2"])
        r2 = n / t2
        print(f"--jobs 2: {n} pairs in {t2:.1f} s = {r2:.1f} pairs/s, peak {m2:.0f} MB; "
              f"scaling efficiency {r2 / r1 / 2:.0%}")
        tr, mr, out = run([*base, *reviews, "-o", str(tmp / "two"), "--jobs", "2"])
        print(f"rerun of the finished batch: {tr:.1f} s ({tr / t2:.0%} of the first run): {out}")
        figures.update(jobs1_pairs=n1, jobs1_s=round(t1, 2), jobs1_pairs_per_s=round(r1, 1),
                       jobs2_s=round(t2, 2), jobs2_pairs_per_s=round(r2, 1), scaling=round(r2 / r1 / 2, 3),
                       rerun_s=round(tr, 2), rerun_share=round(tr / t2, 3), peak_mb=round(max(m1, m2, mr), 1))
        if not a.no_dask:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None, silence_logs=50) as cluster:
                td, md, _ = run([*base, *reviews, "-o", str(tmp / "dask"), "--scheduler", cluster.scheduler_address])
            rd = n / td
            same = without_times(tmp / "dask") == without_times(tmp / "two")
            print(f"Dask LocalCluster, 2 workers: {n} pairs in {td:.1f} s = {rd:.1f} pairs/s "
                  f"({rd / r2 - 1:+.0%} against --jobs 2), peak {md:.0f} MB; summary the same apart from times: {same}")
            figures.update(dask_s=round(td, 2), dask_pairs_per_s=round(rd, 1), dask_vs_jobs2=round(rd / r2 - 1, 3),
                           dask_same_summary=same, dask_peak_mb=round(md, 1))
        print(json.dumps(figures))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
