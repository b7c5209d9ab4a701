"""Compare sentence segmenters on the DEplain dev sentences and the sample pair: accuracy and speed.

Each DEplain document's gold sentences are joined with spaces into one paragraph; a segmenter scores
the share of gold sentences it returns exactly (sentence-level recall) and the share of its
sentences that are gold (precision). Speed is measured on about 1 MB of the sample pair.

    .venv/bin/python bench/bench_segmenters.py [../shared/data/deplain-dev/gold.json]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "deplain-dev" / "gold.json"


def segmenters():
    import sentencex

    from diptych.core.segment import segment

    out = {
        "diptych (sentencex + quotes)": lambda lang, t: [c.text(t) for c in segment(t, language=lang)],
        "sentencex": lambda lang, t: [s.strip() for s in sentencex.segment(lang, t) if s.strip()],
    }
    try:
        import pysbd  # the comparison only: not a dependency of Diptych
    except ImportError:
        print("pysbd is not installed (`.venv/bin/pip install pysbd` to compare it too)")
        return out
    sbd = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("de", "en")}
    out["pysbd"] = lambda lang, t: [s.strip() for s in sbd[lang].segment(t) if s.strip()]
    return out


def main() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = [[" ".join(s.split()) for s in gold[k][side]] for k in sorted(gold, key=int)
            for side in ("src_sents", "tgt_sents")]
    sample = "\n".join((ROOT / "resources" / "samples" / n).read_text(encoding="utf-8")
                       for n in ("reference-003.txt", "review-000.txt"))
    big = sample * (1_000_000 // len(sample) + 1)
    print(f"{'segmenter':30s} {'recall':>7s} {'precision':>9s} {'s per MB':>9s}")
    for name, fn in segmenters().items():
        hit = pred = total = 0
        for sents in docs:
            got = fn("de", " ".join(sents))
            gold_set = set(sents)
            hit += sum(1 for s in got if s in gold_set)
            pred += len(got)
            total += len(sents)
        t0 = time.perf_counter()
        fn("en", big)
        secs = (time.perf_counter() - t0) / (len(big) / 1_000_000)
        print(f"{name:30s} {hit / total:7.3f} {hit / pred:9.3f} {secs:9.2f}")


if __name__ == "__main__":
    main()
