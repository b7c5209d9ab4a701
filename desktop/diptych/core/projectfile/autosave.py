"""Autosave and recovery: each window's own autosave file beside its project (or in the data folder)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

from diptych.core.instances import live_here
from diptych.core.project import (
    Project,
)
from diptych.core.projectfile.codec import _unencodable, project_chunks
from diptych.core.projectfile.lock import _pid_alive
from diptych.core.projectfile.schema import APP_NAME, AUTOSAVE_SUFFIX, PROJECT_SUFFIX, ProjectFileError
from diptych.core.storage import atomic_write_bytes


# ----- autosave and recovery ----------------------------------------------------------------------
# Each running window autosaves to a file of its own, named by an instance id ("PID-HEX"), so two
# windows on one project never overwrite or remove each other's autosave. A file without an
# instance id is an older Diptych's autosave: offered for recovery like the others.
def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "autosave"


def _real(project_path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(project_path))


def _tag(instance: str | None) -> str:
    return f".{instance}" if instance else ""


def _fallback_autosave_path(project_path: str, instance: str | None = None) -> Path:
    """Where the autosave of a project in a read-only folder goes (the user's data dir)."""
    real = _real(project_path)
    digest = hashlib.sha256(str(real).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return _data_dir() / f"{digest}-{real.name}{_tag(instance)}{AUTOSAVE_SUFFIX}"


def autosave_path(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> Path:
    """The autosave side file: ``.NAME.diptych.INSTANCE.autosave`` next to the project (the file a
    link points at), or, for a project never saved, ``untitled-INSTANCE.diptych.autosave`` in the
    user's data directory. Without ``instance``, the name an older Diptych used."""
    if project_path is None or str(project_path) == "":
        return _data_dir() / f"untitled-{instance or os.getpid()}{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"
    p = _real(project_path)
    return p.with_name(f".{p.name}{_tag(instance)}{AUTOSAVE_SUFFIX}")


def _instance_alive(instance: str) -> bool:
    """Whether the window that writes autosaves under ``instance`` still runs (on this host)."""
    if live_here(instance):
        return True
    pid_text = instance.split("-", 1)[0]
    pid = int(pid_text) if pid_text.isdigit() else 0
    if pid == os.getpid():
        return False  # this process, but no window of it has that id any more
    return _pid_alive(pid)


def _instance_of(name: str, prefix: str) -> str | None:
    """The instance id in an autosave file name after ``prefix`` (None for an older Diptych's)."""
    middle = name[len(prefix):-len(AUTOSAVE_SUFFIX)]
    return middle[1:] if middle.startswith(".") and middle[1:] else None


def _all_autosaves(project_path: str | os.PathLike[str] | None) -> list[tuple[Path, str | None]]:
    """Every autosave file of a project (or of unsaved reviews), with its instance id."""
    out: list[tuple[Path, str | None]] = []
    if project_path is None or str(project_path) == "":
        for f in _data_dir().glob(f"untitled-*{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"):
            inst = f.name[len("untitled-"):-len(PROJECT_SUFFIX + AUTOSAVE_SUFFIX)]
            out.append((f, inst))
        return out
    side = autosave_path(project_path)
    fallback = _fallback_autosave_path(str(project_path))
    for legacy in (side, fallback):
        out.append((legacy, None))
        stem = legacy.name[:-len(AUTOSAVE_SUFFIX)]
        with contextlib.suppress(OSError):
            for f in legacy.parent.glob(f"{glob_escape(stem)}.*{AUTOSAVE_SUFFIX}"):
                tag = _instance_of(f.name, stem)
                if tag is not None and "." not in tag:
                    out.append((f, tag))
    return out


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)


def _candidates(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> list[Path]:
    if project_path is None or str(project_path) == "":
        return [autosave_path(None, instance)]
    return [autosave_path(project_path, instance), _fallback_autosave_path(str(project_path), instance)]


def write_autosave(project: Project, project_path: str | os.PathLike[str] | None,
                   instance: str | None = None) -> Path:
    """Write the project's current state to its autosave file (atomically); returns where.

    ``instance`` names the window's own autosave file. The project's own ``modified`` time is left
    alone. A project in a folder that cannot be written is autosaved in the user's data directory.
    """
    base = Path(os.path.realpath(project_path)).parent if project_path else None
    first, *rest = _candidates(project_path, instance)
    try:
        data = project_chunks(project, base=base)
    except UnicodeEncodeError as e:
        raise ProjectFileError(f"cannot be autosaved: the review {_unencodable(e)}", first) from None
    try:
        first.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(first, data, special_ok=False, follow_links=False)
        return first
    except OSError as e:
        if not rest:
            raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", first) from None
    fallback = rest[0]
    try:
        fallback.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(fallback, data, special_ok=False, follow_links=False)
    except OSError as e:
        raise ProjectFileError(f"cannot be autosaved ({e.strerror or e})", fallback) from None
    return fallback


def find_recoveries(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> list[Path]:
    """Every autosave to offer after a crash, newest first: newer than the project file (any, for
    unsaved reviews), regular and not empty, and not written by a window that still runs (other
    than ``instance``, this window's own)."""
    try:
        project_mtime = Path(project_path).stat().st_mtime_ns if project_path else None
    except OSError:
        project_mtime = None
    found: list[tuple[int, Path]] = []
    seen: set[Path] = set()
    for cand, inst in _all_autosaves(project_path):
        if cand in seen:
            continue
        seen.add(cand)
        if inst is not None and inst != instance and _instance_alive(inst):
            continue
        try:
            st = cand.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
            continue
        if project_mtime is not None and st.st_mtime_ns < project_mtime:
            continue
        found.append((st.st_mtime_ns, cand))
    return [p for _, p in sorted(found, key=lambda x: x[0], reverse=True)]


def find_recovery(project_path: str | os.PathLike[str] | None, instance: str | None = None) -> Path | None:
    """The newest autosave to offer (see :func:`find_recoveries`), or None."""
    found = find_recoveries(project_path, instance)
    return found[0] if found else None


def discard_autosave(project_path: str | os.PathLike[str] | None, autosave: Path | None = None,
                     instance: str | None = None) -> None:
    """Remove one window's autosave file(s) of a project (``instance``; without it, an older
    Diptych's), or, with ``autosave``, exactly that file (one the user chose to discard)."""
    for cand in ([autosave] if autosave is not None else _candidates(project_path, instance)):
        with contextlib.suppress(FileNotFoundError, OSError):
            cand.unlink()
