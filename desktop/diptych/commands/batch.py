"""``diptych batch --reference REF REVIEW… -o OUTDIR`` and ``diptych batch MANIFEST -o OUTDIR``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from diptych.commands import sources
from diptych.core.batch import BatchOptions
from diptych.core.batch_run import BatchError, default_jobs, plan_manifest, plan_reference, run_batch

EXIT_FAILED_PAIRS = 1
_LISTED_FAILURES = 10


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Review many pairs: one reference against many reviews (--reference REF REVIEW...), or the pairs "
        "of a manifest (a .csv or .jsonl file with 'reference' and 'review' columns and an optional 'id'; "
        "paths relative to the manifest). Writes one .diptych project per pair and summary.csv + "
        "summary.jsonl into OUTDIR. A pair that fails is a row with an error (exit code 1 at the end); "
        "run it again to finish an interrupted batch: pairs already done are skipped.")
    p.add_argument("inputs", nargs="*", metavar="MANIFEST | REVIEW",
                   help="a manifest, or with --reference the articles under review")
    p.add_argument("--reference", metavar="REF", help="the one reference every review is checked against")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the folder for the projects and summaries")
    p.add_argument("--jobs", type=int, metavar="N",
                   help=f"pairs reviewed at once on this machine (default: the cores, {default_jobs()})")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="review on a Dask cluster (needs diptych[cluster])")
    p.add_argument("--one-per-line", action="store_true", help="every non-empty line is one claim")
    p.add_argument("--language", metavar="CODE", help="language code (default: detected from each text)")
    p.add_argument("--max-size", type=float, metavar="MB", help="largest article to read (default 20 MB)")
    sources.add_no_model(p)


class _Report:
    """A progress bar with the time left on a terminal; a plain line now and then otherwise."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, failed: int) -> None:
        if total == 0:
            return
        if self.tty:
            if self.bar is None:
                import tqdm

                tqdm.tqdm.monitor_interval = 0  # no monitor thread
                try:
                    size = os.get_terminal_size(sys.stderr.fileno())
                    known = size.columns > 0 and size.lines > 0
                except OSError:
                    known = False
                # a terminal that tells no size (a bare pty) gets one rather than a hidden bar
                self.bar = tqdm.tqdm(total=total, unit="pair", file=sys.stderr, dynamic_ncols=known,
                                     ncols=None if known else 100, nrows=None if known else 24)
            self.bar.set_postfix_str(f"{failed} failed" if failed else "", refresh=False)
            self.bar.update(done - self.bar.n)
            return
        now = time.perf_counter()
        if done == 0:
            return
        if done < total and now - self.last < 5 and done % max(1, total // 10):
            return
        self.last = now
        elapsed = now - self.t0
        rate = done / elapsed if elapsed > 0 else 0.0
        left = f", about {(total - done) / rate:.0f} s left" if rate and done < total else ""
        failures = f" ({failed} failed)" if failed else ""
        print(f"batch: {done}/{total} pairs{failures}, {rate:.1f} pairs/s{left}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise BatchError("--jobs must be 1 or more")
    if args.jobs is not None and args.scheduler:
        raise BatchError("--jobs is for this machine; with --scheduler the cluster's workers decide")
    if args.scheduler and "://" not in args.scheduler:
        raise BatchError(f"--scheduler takes an address like tcp://HOST:PORT, not '{args.scheduler}'")
    if args.max_size is not None and args.max_size <= 0:
        raise BatchError("--max-size must be more than 0")
    options = BatchOptions(args.one_per_line, args.language,
                           int(args.max_size * 1024 * 1024) if args.max_size else None, model=not args.no_model)
    if args.reference is not None:
        planned = plan_reference(args.reference, args.inputs, options)
    elif len(args.inputs) == 1:
        planned = plan_manifest(args.inputs[0], options)
    else:
        raise BatchError("give one manifest, or --reference REF and the reviews")
    report = _Report()
    try:
        outcome = run_batch(planned, args.output, args.jobs, args.scheduler, report)
    except KeyboardInterrupt:
        report.close()
        print("diptych: batch interrupted; the pairs done are kept, run the same command again to go on",
              file=sys.stderr)
        raise
    finally:
        report.close()
    print(f"{outcome.summary}: {len(outcome.rows)} pairs ({outcome.done} reviewed now, {outcome.skipped} "
          f"done before, {outcome.failed} failed) in {outcome.seconds:.1f} s")
    failures = [r for r in outcome.rows if r.get("error")]
    for r in failures[:_LISTED_FAILURES]:
        print(f"diptych: pair {r['id']}: {r['error']}", file=sys.stderr)
    if len(failures) > _LISTED_FAILURES:
        print(f"diptych: {len(failures) - _LISTED_FAILURES} more failed pairs in {outcome.summary}", file=sys.stderr)
    return EXIT_FAILED_PAIRS if failures else 0
