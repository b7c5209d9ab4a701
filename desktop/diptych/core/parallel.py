"""Two halves of independent work on two cores, by ``os.fork`` (batch runs only).

The caller says when it may fork: a command-line run is single-threaded, while a process with other
threads (the window's, or a test's) must not fork. Without ``os.fork`` (Windows), with one core, or
for little work, the halves run one after the other in this process. A child that fails or dies
only costs time: its half is then computed here.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_halves(n: int, part: Callable[[int, int], list[T]], fork: bool, min_items: int = 2000) -> list[T]:
    """``part(0, n)`` computed as ``part(0, mid) + part(mid, n)``, the second half in a forked child
    when ``fork`` allows it and there is enough work. ``part`` must not depend on the other half."""
    if not fork or n < min_items or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return part(0, n)
    mid = n // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(part(mid, n), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        first = part(0, mid)
    except BaseException:
        os.close(read_end)
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read_end, "rb") as src:
        data = src.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return first + part(mid, n)
    second: list[T] = pickle.loads(data)
    return first + second
