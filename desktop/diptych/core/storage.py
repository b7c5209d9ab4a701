"""Atomic file writes: a temporary file in the same folder, fsync, then ``os.replace``.

Killing the process at any moment leaves either the old file or the new one, whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FIFO_WAIT_SECONDS = 5.0  # how long a write to a named pipe waits for a reader
STALE_TEMP_SECONDS = 3600  # without advisory locks, a temporary file this old is a killed save's
_UMASK = os.umask(0o022)  # read the process umask once (setting it back at once)
os.umask(_UMASK)


def _open_special(target: Path, wait: float = FIFO_WAIT_SECONDS) -> int:
    """A descriptor for writing to a device or a FIFO; a FIFO nobody reads within ``wait`` seconds
    is refused (``ENXIO``) instead of hanging the writer. Writes then block as usual."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(target, flags)
            break
        except OSError as e:
            if e.errno != errno.ENXIO or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def _lock_temp(fd: int) -> None:
    """Hold an exclusive lock on a temporary file while it is written (so a sweep sees it is alive)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _abandoned(path: Path) -> bool:
    """True when no running save holds ``path`` (a temporary file left by a killed save)."""
    if fcntl is None:  # no advisory locks: only old files are taken for abandoned
        try:
            return time.time() - path.stat().st_mtime > STALE_TEMP_SECONDS
        except OSError:
            return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def sweep_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files killed saves of ``target`` left in its folder; returns them."""
    t = Path(target)
    folder = t.parent if str(t.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(t.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        names = [e.name for e in os.scandir(folder) if pattern.fullmatch(e.name)]
    except OSError:
        return []
    for name in names:
        cand = folder / name
        if _abandoned(cand):
            with contextlib.suppress(OSError):
                cand.unlink()
                removed.append(cand)
    return removed


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes | Sequence[bytes], *,
                       special_ok: bool = True, follow_links: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically.

    A symbolic link is followed: its target is replaced and the link stays (with ``follow_links``
    False, as for a side file such as a lock or an autosave, the link itself is replaced). A device or a FIFO
    (``/dev/stdout``) is written to when ``special_ok``, and refused otherwise (a project, an
    autosave or a lock is only ever a regular file). Temporary files a killed save of the same file
    left behind are swept after a successful write.

    ``data`` may be a sequence of chunks, written one after the other (a large file is then never
    joined into one block: that copy holds the interpreter lock)."""
    chunks = (data,) if isinstance(data, bytes) else data
    target = Path(os.path.realpath(path)) if follow_links else Path(os.path.abspath(path))
    try:
        st: os.stat_result | None = os.stat(target) if follow_links else os.lstat(target)
    except OSError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        st = None  # a side file's link: replaced by the file, its target untouched
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        if not special_ok:
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with open(_open_special(target), "wb") as f:  # a device, a FIFO: there is nothing to replace
            for chunk in chunks:
                f.write(chunk)
        return
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    _lock_temp(fd)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
            # mkstemp creates the file 0600; keep an existing file's mode, else the usual one for new files
            with contextlib.suppress(OSError):
                mode = st.st_mode & 0o7777 if st is not None else 0o666 & ~_UMASK
                os.chmod(tmp, mode)
            os.replace(tmp, target)  # still locked: a sweep never takes a file being written
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    sweep_temporaries(target)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
