"""Installs Diptych into the current user's Linux desktop (XDG base directories), and removes it again.

What goes where, under ``$XDG_DATA_HOME`` (default ``~/.local/share``):

- ``applications/org.diptych.Diptych.desktop``, with an absolute ``Exec=`` path to the running
  installation (a venv or a bundle is not on ``PATH``);
- ``mime/packages/org.diptych.Diptych.xml``: the ``application/x-diptych-project`` type;
- ``metainfo/org.diptych.Diptych.metainfo.xml``: the AppStream description;
- ``icons/hicolor/<size>/{apps,mimetypes}/``: the application and document icons.

Then the MIME database, the desktop-entry cache and (if the user has one) the icon cache are rebuilt
with the freedesktop tools when they are installed. Uninstalling removes exactly these files, the
folders that became empty, and the generated caches when nothing else of the user's remains in them.
The templates and icons come from ``resources/linux`` and ``resources/icons`` (see diptych.resources).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from diptych.core.errors import DiptychError
from diptych.core.storage import atomic_write_bytes
from diptych.resources import resource_path

APP_ID = "org.diptych.Diptych"
MIME_TYPE = "application/x-diptych-project"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_THEME = "hicolor"


class IntegrationError(DiptychError):
    """The desktop integration cannot be installed or removed (one line for the user)."""


@dataclass
class Outcome:
    """What an install or uninstall did: files touched, caches refreshed, tools that were missing."""

    data_home: Path
    files: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    missing_tools: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)


def data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (as the spec demands), else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The absolute command that starts this installation of Diptych's window.

    A frozen bundle runs its own executable; an installed package (venv or not) its ``diptych-app``
    launcher, which sits next to the interpreter; a bare source checkout ``python -m diptych``.
    The interpreter path is not resolved: a venv's ``bin/python`` symlink is what selects the venv.
    """
    executable = Path(os.path.abspath(sys.executable))
    if getattr(sys, "frozen", False):
        return [str(executable)]
    suffix = ".exe" if sys.platform == "win32" else ""
    for name in ("diptych-app", "diptych"):
        script = executable.parent / f"{name}{suffix}"
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [str(executable), "-m", "diptych"]


_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`=%")


def exec_quote(arg: str) -> str:
    """One argument of a desktop entry's ``Exec=`` key (Desktop Entry Specification, "The Exec key").

    Arguments with reserved characters are double-quoted, with ``"`` `` ` `` ``$`` and ``\\``
    backslash-escaped inside the quotes; ``%`` is doubled. The result is then escaped once more as a
    desktop-entry string value (``\\`` becomes ``\\\\``), as the spec requires.
    """
    if "\n" in arg or "\r" in arg:
        raise IntegrationError(f"cannot put a path with a line break in a desktop entry: {arg!r}")
    text = arg.replace("%", "%%")
    if any(c in _EXEC_RESERVED for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in text)
        text = f'"{inner}"'
    return text.replace("\\", "\\\\")


def desktop_entry(template: str, command: list[str]) -> str:
    """The desktop entry with ``Exec=`` and ``TryExec=`` pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(exec_quote(a) for a in command) + " %F"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _icon_files(kind: str) -> list[tuple[Path, str]]:
    """(source, path under icons/hicolor) for every size of the application or document icon."""
    theme = resource_path("icons", ICON_THEME)
    if not theme.is_dir():
        return []
    return sorted((p, p.relative_to(theme).as_posix()) for p in theme.glob(f"*/{kind}/*") if p.is_file())


def planned_files() -> list[tuple[Path, Path]]:
    """(source, destination relative to the data home) of every file the integration installs."""
    linux = resource_path("linux")
    plan = [
        (linux / DESKTOP_FILE, Path("applications") / DESKTOP_FILE),
        (linux / f"{APP_ID}.mime.xml", Path("mime") / "packages" / f"{APP_ID}.xml"),
        (linux / f"{APP_ID}.metainfo.xml", Path("metainfo") / f"{APP_ID}.metainfo.xml"),
    ]
    for kind in ("apps", "mimetypes"):
        plan += [(src, Path("icons") / ICON_THEME / rel) for src, rel in _icon_files(kind)]
    missing = [str(src) for src, _ in plan if not src.is_file()]
    if missing or len(plan) == 3:
        raise IntegrationError(
            f"the desktop files are missing from this installation ({missing[0] if missing else 'icons'}); "
            "reinstall Diptych")
    return plan


def _run_tool(outcome: Outcome, *argv: str) -> None:
    tool = shutil.which(argv[0])
    if tool is None:
        outcome.missing_tools.append(argv[0])
        return
    done = subprocess.run([tool, *argv[1:]], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:200]
        raise IntegrationError(f"{argv[0]} failed ({done.returncode}): {detail}")
    outcome.refreshed.append(argv[0])


def refresh_caches(home: Path, outcome: Outcome) -> None:
    """Rebuild what the desktop reads instead of the files themselves."""
    if (home / "mime" / "packages").is_dir():
        _run_tool(outcome, "update-mime-database", str(home / "mime"))
    if (home / "applications").is_dir():
        _run_tool(outcome, "update-desktop-database", "-q", str(home / "applications"))
    icons = home / "icons" / ICON_THEME
    if icons.is_dir():
        os.utime(icons)  # a newer folder tells icon loaders to rescan it
        if (icons / "icon-theme.cache").is_file():
            _run_tool(outcome, "gtk-update-icon-cache", "--quiet", "--force", "--ignore-theme-index", str(icons))


def install(home: Path | None = None, command: list[str] | None = None) -> Outcome:
    if sys.platform in ("win32", "darwin"):
        raise IntegrationError("install-desktop is for Linux desktops; on Windows and macOS use the installer")
    home = home or data_home()
    command = command or launch_command()
    outcome = Outcome(data_home=home, command=command)
    plan = planned_files()  # fails before anything is written
    for src, rel in plan:
        dest = home / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if rel.name == DESKTOP_FILE:
            data = desktop_entry(src.read_text(encoding="utf-8"), command).encode("utf-8")
        else:
            data = src.read_bytes()
        atomic_write_bytes(dest, data)
        os.chmod(dest, 0o644)
        outcome.files.append(dest)
    refresh_caches(home, outcome)
    return outcome


def _prune_empty(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) ``stop`` while they are empty."""
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _has_files(folder: Path, pattern: str) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob(pattern))


def uninstall(home: Path | None = None) -> Outcome:
    home = home or data_home()
    outcome = Outcome(data_home=home)
    plan = planned_files()
    for _, rel in plan:
        dest = home / rel
        if dest.is_file() or dest.is_symlink():
            dest.unlink()
            outcome.files.append(dest)
    for _, rel in plan:
        _prune_empty((home / rel).parent, home)
    refresh_caches(home, outcome)
    # Caches generated from sources that are all gone are Diptych's leftovers, not the user's data.
    mime = home / "mime"
    if mime.is_dir() and not _has_files(mime / "packages", "*"):
        shutil.rmtree(mime)
    apps = home / "applications"
    if apps.is_dir() and not _has_files(apps, "*.desktop"):
        (apps / "mimeinfo.cache").unlink(missing_ok=True)
        _prune_empty(apps, home)
    return outcome
