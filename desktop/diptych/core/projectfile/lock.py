"""The lock file beside a project: one window edits it at a time."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import uuid
from pathlib import Path
from typing import Any

from diptych.core.limits import read_regular
from diptych.core.projectfile.codec import _now
from diptych.core.projectfile.schema import ProjectFileError
from diptych.core.storage import atomic_write_bytes


# ----- lock ---------------------------------------------------------------------------------------
def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class ProjectLock:
    """A lock file (``.NAME.diptych.lock``) that tells another window or process the project is open.

    Advisory: :meth:`acquire` returns a description of the other owner instead of raising, so the
    window can ask the user; ``acquire(force=True)`` takes the lock anyway. Locks of processes that
    no longer run on this host are taken over.
    """

    _held_here: set[str] = set()  # lock files held by this process (another window of this Diptych)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        p = Path(os.path.realpath(path))  # one lock per file, whatever link or name opened it
        self.project_path = p
        self.path = p.with_name(f".{p.name}.lock")
        self.token = uuid.uuid4().hex
        self.held = False

    def _owner(self) -> dict[str, Any] | None:
        try:
            raw = read_regular(self.path, 4096, ProjectFileError, "lock file")
            info = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, ProjectFileError):
            return None
        return info if isinstance(info, dict) else None

    def _describe(self, info: dict[str, Any]) -> str | None:
        """A description of a live other owner, or None when the lock is stale or ours."""
        if info.get("token") == self.token:
            return None
        pid, host = info.get("pid"), info.get("host")
        here = socket.gethostname()
        if not isinstance(pid, int) or isinstance(pid, bool):
            return None
        if host == here:
            if pid == os.getpid():
                if str(self.path.absolute()) in ProjectLock._held_here:
                    return "another window of this Diptych"
                return None
            if not _pid_alive(pid):
                return None
        user = info.get("user") or "someone"
        since = info.get("since") or ""
        return f"{user}, process {pid} on {host or 'another computer'}" + (f", since {since}" if since else "")

    def acquire(self, force: bool = False) -> str | None:
        """Take the lock; if another live owner holds it, return who (and take nothing)."""
        if self.held:
            return None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(), "since": _now(),
                "token": self.token}
        payload = json.dumps(info).encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = self._owner()
            other = self._describe(owner) if owner is not None else None
            if other is not None and not force:
                return other
            try:
                # stale, ours or forced: take it over
                atomic_write_bytes(self.path, payload, special_ok=False, follow_links=False)
            except OSError:
                return None
        except OSError:
            return None  # a read-only folder: nothing to lock, nobody to warn
        else:
            try:
                os.write(fd, payload)
            finally:
                os.close(fd)
        self.held = True
        ProjectLock._held_here.add(str(self.path.absolute()))
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        ProjectLock._held_here.discard(str(self.path.absolute()))
        owner = self._owner()
        if owner is not None and owner.get("token") == self.token:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return ""
