"""Hostile-input classes, tried one at a time: for each class, N projects with values of that class
put into random fields (strings, or numbers for "huge numbers"), loaded, shown, exported and saved as
``tests/test_hostile_fuzz.check`` does. Prints tries, refusals, loads and failures per class.

    .venv/bin/python bench/hostile_classes.py [N]
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import test_hostile_fuzz as fz

CLASSES = {"markup": fz.MARKUP, "lone surrogates": fz.SURROGATES, "control characters": fz.CONTROLS,
           "bidi controls": fz.BIDI, "huge numbers": fz.HUGE}


def one(rng: random.Random, values: list, numbers: bool) -> bytes:
    doc = json.loads(json.dumps(fz.GOOD))
    for _ in range(rng.randint(1, 4)):
        if numbers:
            fz._put(doc, rng.choice(fz.NUMBERS), rng.choice(values))
        else:
            path = rng.choice(fz.STRINGS)
            value = "".join(rng.choice(values) for _ in range(rng.randint(1, 4)))
            if len(path) == 3 and path[0] == "articles" and path[2] == "text":
                value = doc["articles"][path[1]]["text"] + value
            fz._put(doc, path, value)
    fz._reseal(doc)
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(12)
    print(f"{'class':20s} {'tries':>6s} {'refused':>8s} {'loaded':>7s} {'failures':>9s} {'s':>6s}")
    for name, values in CLASSES.items():
        counts = {"refused": 0, "loaded": 0, "failures": 0}
        started = time.perf_counter()
        for _ in range(n):
            data = one(rng, values, name == "huge numbers")
            try:
                counts[fz.check(data)] += 1
            except Exception:  # counted and shown
                counts["failures"] += 1
                traceback.print_exc(limit=3)
        print(f"{name:20s} {n:6d} {counts['refused']:8d} {counts['loaded']:7d} {counts['failures']:9d} "
              f"{time.perf_counter() - started:6.1f}")


if __name__ == "__main__":
    main()
