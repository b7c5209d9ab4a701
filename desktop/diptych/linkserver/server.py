"""Reading and linking a pair in a separate process (no Qt here: the process never loads it).

In a thread of the window's process, linking shares the interpreter lock with the UI thread: every
event the window handles while linking slows the linker, and the linker's bytecode delays every
event. A process has neither problem and runs on its own core. Jobs are forked from a small link
server started with the window (``multiprocessing``'s forkserver), which has already imported the
linker and loaded the language model, so a job starts in milliseconds and pays no set-up. In the
frozen bundle the server is the bundle's executable started again (its launcher calls
``multiprocessing.freeze_support()``). Where there is no forkserver (Windows),
:func:`align_pair` links in the calling thread.

The sentence encoder (a cross-lingual pair) is loaded by the job that needs it, never by the server
or the window. The sentence embeddings a job computed come back with its result and are handed to
the next job, so linking again (a side replaced, the sides swapped) embeds only new claims.
"""

from __future__ import annotations

import multiprocessing
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

from diptych.core.align import Alignment, AlignOptions, align
from diptych.core.errors import DiptychError
from diptych.core.ingest import read_document
from diptych.core.link import LinkCancelled
from diptych.core.text import Document

Source = str | Document
WARM_MODULE = "diptych.linkserver.warm"
# The result travels in parts of this many items: unpickling it whole holds the interpreter lock
# for ~50 ms on a 1 MB pair, and the window's thread would wait that long for its next event.
PART = 1000
_PARTS = ("left_claims", "right_claims", "links", "suggestions")
PROGRESS_SECONDS = 0.1  # the linking process tells its progress this often at most
# the shares of the progress bar: the linking process's work, then receiving its result (the
# window's thread builds the project in the rest)
LINK_SHARE, RECEIVE_SHARE = 0.9, 0.04
_COUNTS = re.compile(r"\d[\d,]*")  # the counts in a stage's name ("Linking 3,412 of 8,410 claims")
last_job_peak_mb = 0.0  # peak resident memory of the last linking process (figures in bench/)
MAX_EMBEDDINGS = 50_000  # sentence embeddings kept for the next jobs (2 KB each)
_embeddings: dict[str, bytes] = {}  # claim text -> float32 vector bytes, from earlier jobs


class LinkFailed(Exception):
    """The linking process failed: ``message`` is the one line for the user, ``details`` its traceback."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.message, self.details = message, details


class PairNotRead(LinkFailed):
    """One or both files of a pair could not be read. ``docs`` holds the side that was read (shown in
    its pane all the same); ``message`` says which one failed and why, in one line."""

    def __init__(self, failures: dict[str, str], docs: dict[str, Document], details: str) -> None:
        self.failures, self.docs = failures, docs
        names = {"left": "reference", "right": "review article"}
        if len(failures) == 2:
            message = (f"Neither article was opened: the reference ({failures['left']}) and the review article "
                       f"({failures['right']})")
        else:
            (bad, why), = failures.items()
            good = "right" if bad == "left" else "left"
            message = (f"The {names[bad]} was not opened ({why}); the {names[good]} is loaded: open another "
                       f"{names[bad]} to link them")
        super().__init__(message, details)

    def __reduce__(self) -> Any:  # travels from the linking process whole
        return (PairNotRead, (self.failures, self.docs, self.details))


def read_pair(left: Source, right: Source, progress: Callable[[str, float], None] | None = None
              ) -> tuple[Document, Document]:
    """Both sides as documents (paths are read); :class:`PairNotRead` when either cannot be."""
    docs: dict[str, Document] = {}
    failures: dict[str, str] = {}
    details: list[str] = []
    for side, source in (("left", left), ("right", right)):
        if isinstance(source, Document):
            docs[side] = source
            continue
        if progress is not None:
            progress("Reading the reference" if side == "left" else "Reading the review article",
                     0.0 if side == "left" else 0.01)
        try:
            docs[side] = read_document(source)
        except DiptychError as e:
            failures[side] = str(e)
            details.append(traceback.format_exc())
        except OSError as e:
            failures[side] = f"{source}: {e.strerror or e}"
            details.append(traceback.format_exc())
    if failures:
        raise PairNotRead(failures, docs, "\n".join(details))
    return docs["left"], docs["right"]


def _context() -> Any:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("forkserver")


def start_server() -> None:
    """Start the link server in the background (returns at once; it imports and warms up on its own)."""
    ctx = _context()
    if ctx is None:
        return
    from multiprocessing import forkserver

    ctx.set_forkserver_preload([WARM_MODULE])
    forkserver.ensure_running()


def read_and_align(left: Source, right: Source, opts: AlignOptions | None,
                   progress: Callable[[str, float], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, fork: bool = False) -> Alignment:
    progress = progress or (lambda _s, _f: None)
    progress("Reading", 0.0)
    ld, rd = read_pair(left, right, progress)
    return align(ld, rd, opts, progress=progress, cancelled=cancelled, fork=fork)


def _take_embeddings(known: dict[str, bytes]) -> None:
    if known:
        import numpy as np

        from diptych.core import encoder

        encoder.remember({t: np.frombuffer(b, dtype=np.float32) for t, b in known.items()})


def _new_embeddings(result: Alignment, known: dict[str, bytes]) -> dict[str, bytes]:
    """The embeddings this job computed for the pair's claims (none when the encoder was not used)."""
    if not result.model_used:
        return {}
    from diptych.core import encoder

    texts = ({c.text(result.left.text) for c in result.left_claims}
             | {c.text(result.right.text) for c in result.right_claims})
    return {t: v.tobytes() for t, v in encoder.cached(t for t in texts if t not in known).items()}


def _job(conn: Connection, left: Source, right: Source, opts: AlignOptions | None,
         known: dict[str, bytes] | None = None) -> None:
    """Runs in the linking process: progress messages, then exactly one of done/error."""
    last: list[Any] = [-1.0, ""]  # when the last message went, and its stage without the counts

    def progress(stage: str, fraction: float) -> None:
        now, what = time.monotonic(), _COUNTS.sub("#", stage)
        # ten messages a second at most, and a new stage at once
        if now - last[0] >= PROGRESS_SECONDS or what != last[1] or fraction >= 1.0:
            last[0], last[1] = now, what
            conn.send(("progress", stage, fraction))

    try:
        _take_embeddings(known or {})
        # the linking process runs one thread: a long pair may use the second core, as on the
        # command line (its forked helpers die with it when the window stops it)
        result = read_and_align(left, right, opts, progress, fork=True)
        fresh = _new_embeddings(result, known or {})
    except PairNotRead as e:
        conn.send(("unread", e))
    except DiptychError as e:
        conn.send(("error", str(e), traceback.format_exc()))
    except Exception as e:  # reported to the window as one line
        conn.send(("error", f"Linking failed: {type(e).__name__}: {e}".splitlines()[0], traceback.format_exc()))
    else:
        import resource  # Unix only, as the forkserver that runs this is

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send(("parts", sum(-(-len(getattr(result, name)) // PART) for name in _PARTS)))
        for name in _PARTS:
            items = getattr(result, name)
            for k in range(0, len(items), PART):
                conn.send(("part", name, items[k:k + PART]))
        vectors = list(fresh.items())
        for k in range(0, len(vectors), PART):
            conn.send(("embeddings", dict(vectors[k:k + PART])))
        empty: dict[str, Any] = {name: [] for name in _PARTS}
        conn.send(("done", replace(result, **empty), peak))
    conn.close()


def align_pair(left: Source, right: Source, opts: AlignOptions | None,
               progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> Alignment:
    """Read and link the pair in a linking process; :class:`LinkCancelled` when ``cancelled()``,
    :class:`LinkFailed` when the process reports an error or dies."""
    global last_job_peak_mb
    ctx = _context()
    if ctx is None:
        return read_and_align(left, right, opts, lambda stage, f: progress(stage, LINK_SHARE * f), cancelled)
    receive, send = ctx.Pipe(duplex=False)
    parts: dict[str, list[Any]] = {name: [] for name in _PARTS}
    expected, received, told = 1, 0, 0.0
    proc = ctx.Process(target=_job, args=(send, left, right, opts, dict(_embeddings)), daemon=True,
                       name="diptych-link")
    proc.start()
    send.close()
    try:
        while True:
            if cancelled():
                raise LinkCancelled()
            if not receive.poll(0.05):
                if not proc.is_alive() and not receive.poll():
                    raise LinkFailed("Linking stopped unexpectedly (the linking process ended)",
                                     f"exit code {proc.exitcode}")
                continue
            try:
                msg = receive.recv()
            except EOFError:
                raise LinkFailed("Linking stopped unexpectedly (the linking process ended)",
                                 f"exit code {proc.exitcode}") from None
            if msg[0] == "progress":
                progress(msg[1], LINK_SHARE * msg[2])
            elif msg[0] == "parts":
                expected = max(1, msg[1])
            elif msg[0] == "part":
                parts[msg[1]] += msg[2]
                received += 1
                now = time.monotonic()
                if now - told >= PROGRESS_SECONDS:
                    told = now
                    progress(f"Receiving the links and verdicts: part {received:,} of {expected:,}",
                             LINK_SHARE + RECEIVE_SHARE * received / expected)
            elif msg[0] == "embeddings":
                if len(_embeddings) + len(msg[1]) > MAX_EMBEDDINGS:
                    _embeddings.clear()
                _embeddings.update(msg[1])
            elif msg[0] == "error":
                raise LinkFailed(msg[1], msg[2])
            elif msg[0] == "unread":
                raise msg[1]
            else:
                last_job_peak_mb = msg[2]
                whole: Alignment = replace(msg[1], **parts)
                return whole
    finally:
        receive.close()
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
