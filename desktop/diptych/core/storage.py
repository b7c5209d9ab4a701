"""Atomic file writes: a temporary file in the same folder, fsync, then ``os.replace``.

Killing the process at any moment leaves either the old file or the new one, whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

_UMASK = os.umask(0o022)  # read the process umask once (setting it back at once)
os.umask(_UMASK)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes | Sequence[bytes]) -> None:
    """Replace ``path`` with ``data`` atomically; a device or pipe (``/dev/stdout``) is written to.

    ``data`` may be a sequence of chunks, written one after the other (a large file is then never
    joined into one block: that copy holds the interpreter lock)."""
    chunks = (data,) if isinstance(data, bytes) else data
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        with open(target, "wb") as f:  # a device, a FIFO: there is nothing to replace
            for chunk in chunks:
                f.write(chunk)
        return
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates the file 0600; keep an existing file's mode, else the usual one for new files
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_UMASK
            os.chmod(tmp, mode)
        os.replace(tmp, target)
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


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
