"""Two halves of independent work on two cores, by ``os.fork`` (batch runs only); or work for later
done on the second core meanwhile (:func:`background`).

The caller says when it may fork: a command-line run and a linking job (the window's link server's
process) are single-threaded, while a process with other threads (the window's, or a test's) must
not fork. Without ``os.fork`` (Windows), with one core, or
for little work, the halves run one after the other in this process. A child that fails or dies
only costs time: its half is then computed here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@functools.cache
def _die_with_parent() -> Callable[[], object]:
    """A call that makes this process die with its parent (Linux ``prctl(PR_SET_PDEATHSIG)``), or one
    that does nothing elsewhere; looked up once, in the parent, so no child pays for it."""
    try:
        import ctypes
        import signal

        prctl = ctypes.CDLL(None, use_errno=True).prctl
        return lambda: prctl(1, int(signal.SIGKILL))
    except (OSError, AttributeError):
        return lambda: None


def _in_child(parent: int, die_with_parent: Callable[[], object]) -> None:
    """First thing in a forked child: it dies with its parent, so a linking process the window stops
    leaves no half at work; a parent already gone ends the child at once."""
    with contextlib.suppress(Exception):
        die_with_parent()
    if os.getppid() != parent:
        os._exit(1)


def _can_fork(fork: bool) -> bool:
    return fork and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def in_halves(n: int, part: Callable[[int, int], list[T]], fork: bool, min_items: int = 2000) -> list[T]:
    """``part(0, n)`` computed as ``part(0, mid) + part(mid, n)``, the second half in a forked child
    when ``fork`` allows it and there is enough work. ``part`` must not depend on the other half."""
    if not _can_fork(fork) or n < min_items:
        return part(0, n)
    mid = n // 2
    first, second = alongside(lambda: part(0, mid), lambda: part(mid, n), fork)
    return first + second


def alongside(here: Callable[[], T], there: Callable[[], R], fork: bool) -> tuple[T, R]:
    """``(here(), there())``, ``there`` in a forked child meanwhile when ``fork`` allows it (see
    :func:`background`); the child is stopped if ``here`` fails."""
    other = background(there, fork)
    try:
        mine = here()
    except BaseException:
        other.close()
        raise
    return mine, other.result()


def every_other(n: int, work: Callable[[Sequence[int]], list[T]], fork: bool, min_items: int = 2000) -> list[T]:
    """``work(range(n))``, or, as :func:`in_halves` allows it, ``work`` of the even indices here and
    of the odd ones in a forked child: neighbouring items cost about the same, while the two halves
    of a long article may not (scoring 10,000 distinct lines took 0.18 s of CPU in the first half
    and 0.33 s in the second). ``work`` gets its indices in increasing order; only the one computed
    here starts at 0."""
    if not fork or n < min_items:
        return work(range(n))
    even, odd = in_halves(2, lambda lo, hi: [work(range(k, n, 2)) for k in range(lo, hi)], fork, min_items=0)
    out = [*even, *odd]  # every slot is overwritten below
    out[0::2], out[1::2] = even, odd
    return out


class Pending(Generic[T]):
    """The result of :func:`background`: ``result()`` waits for the child, or computes the work here
    when there is no child or it failed; ``close()`` stops a child whose result is not wanted."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, read_end: int | None = None) -> None:
        self._work, self._pid, self._read_end = work, pid, read_end

    def result(self) -> T:
        if self._pid is None or self._read_end is None:
            return self._work()
        with os.fdopen(self._read_end, "rb") as src:
            data = src.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = self._read_end = None
        if status != 0 or not data:
            return self._work()
        got: T = pickle.loads(data)
        return got

    def close(self) -> None:
        if self._pid is not None and self._read_end is not None:
            os.close(self._read_end)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
            self._pid = self._read_end = None


def background(work: Callable[[], T], fork: bool) -> Pending[T]:
    """``work()`` started now in a forked child (when ``fork`` allows it, as for :func:`in_halves`),
    to be collected later with ``result()``: work the caller needs later, done on the second core
    while this one does something else. Without a child, ``result()`` does the work then."""
    if not _can_fork(fork):
        return Pending(work)
    parent, die_with_parent = os.getpid(), _die_with_parent()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        code = 1
        try:
            _in_child(parent, die_with_parent)
            os.close(read_end)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return Pending(work, pid, read_end)
