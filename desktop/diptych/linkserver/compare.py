"""Comparing two reviews in a separate process (no Qt here), forked from the link server.

Reading two 10 MB project files validates them in calls that hold the interpreter lock for a third
of a second each; in a thread of the window's process the window would wait that long for its next
event. The process reads both reviews, compares them and builds the merged project, and sends back
the merged project and the :class:`~diptych.core.agree.Pairing` in parts of :data:`PART` items
(unpickling a 1 MB pair's merged project whole holds the lock for about 110 ms). Where there is no
forkserver (Windows), :func:`compare_files` works in the calling thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from diptych.core.agree import Pairing, compare, load_reviews, merged_project, pairing
from diptych.core.errors import DiptychError
from diptych.core.project import SIDES, Article, Project
from diptych.linkserver.server import LinkFailed, _context

PART = 1000


def compare_here(path_a: Path, path_b: Path,
                 progress: Callable[[str, float], None] | None = None) -> tuple[Project, Pairing]:
    progress = progress or (lambda _s, _f: None)
    progress("Reading the two reviews", 0.1)
    a, b, sources = load_reviews(path_a, path_b)
    progress("Pairing the claims of the two reviews", 0.5)
    cmp = compare(a, b, (path_a.name, path_b.name))
    progress("Preparing the merged review", 0.8)
    return merged_project(cmp, sources), pairing(cmp)


def _parts(items: list[Any]) -> list[list[Any]]:
    return [items[k:k + PART] for k in range(0, len(items), PART)] or [[]]


def _job(conn: Connection, path_a: Path, path_b: Path) -> None:
    def progress(stage: str, fraction: float) -> None:
        conn.send(("progress", stage, fraction))

    try:
        merged, pair = compare_here(path_a, path_b, progress)
    except DiptychError as e:
        conn.send(("error", str(e), traceback.format_exc()))
        conn.close()
        return
    except Exception as e:  # reported to the window as one line
        conn.send(("error", f"Comparing failed: {type(e).__name__}: {e}".splitlines()[0], traceback.format_exc()))
        conn.close()
        return
    for side in SIDES:
        for part in _parts(merged.articles[side].claims):
            conn.send(("claims", side, part))
    for part in _parts(merged.links):
        conn.send(("links", part))
    for part in _parts(list(merged.reviews.items())):
        conn.send(("reviews", part))
    for part in _parts(pair.units):
        conn.send(("units", part))
    for part in _parts(list(pair.choices.items())):
        conn.send(("choices", part))
    articles = {s: Article(merged.articles[s].document, [], merged.articles[s].provenance) for s in SIDES}
    conn.send(("done", articles, merged.options, merged.reviewer, merged.generator, merged.orphans,
               merged.sources, pair.agreement))
    conn.close()


def compare_files(path_a: Path, path_b: Path, progress: Callable[[str, float], None],
                  cancelled: Callable[[], bool]) -> tuple[Project, Pairing] | None:
    """The merged project and the pairing of two review files (None when ``cancelled()``);
    :class:`LinkFailed` carries a refusal (different pairs, not a project) as its one line."""
    ctx = _context()
    if ctx is None:
        return compare_here(path_a, path_b, progress)
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_job, args=(send, path_a, path_b), daemon=True, name="diptych-compare")
    proc.start()
    send.close()
    claims: dict[str, list[Any]] = {s: [] for s in SIDES}
    got: dict[str, list[Any]] = {"links": [], "reviews": [], "units": [], "choices": []}
    try:
        while True:
            if cancelled():
                return None
            if not receive.poll(0.05):
                if not proc.is_alive() and not receive.poll():
                    raise LinkFailed("Comparing stopped unexpectedly (its process ended)", f"exit code {proc.exitcode}")
                continue
            try:
                msg = receive.recv()
            except EOFError:
                raise LinkFailed("Comparing stopped unexpectedly (its process ended)",
                                 f"exit code {proc.exitcode}") from None
            kind = msg[0]
            if kind == "progress":
                progress(msg[1], msg[2])
            elif kind == "error":
                raise LinkFailed(msg[1], msg[2])
            elif kind == "claims":
                claims[msg[1]] += msg[2]
            elif kind in got:
                got[kind] += msg[1]
            else:
                articles, options, reviewer, generator, orphans, sources, agreement = msg[1:]
                for s in SIDES:
                    articles[s].claims = claims[s]
                merged = Project(articles["left"], articles["right"], got["links"], dict(got["reviews"]), options,
                                 reviewer, "", "", generator, orphans, sources)
                return merged, Pairing(got["units"], agreement, dict(got["choices"]))
    finally:
        receive.close()
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
