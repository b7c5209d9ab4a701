"""The user's cache directory, where ready-to-load copies of the packaged models are kept.

Each copy is named after the installed files it was made from, so an upgrade (or another install)
is read anew. When a new copy is written, the older copies of the same model are removed: they
would otherwise pile up, tens of megabytes each, one per install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path


def folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("diptych", appauthor=False))


def keep_only(current: Path, prefix: str) -> None:
    """Remove the other entries of ``current``'s folder whose names start with ``prefix`` (never a
    link, never what a link points to)."""
    with contextlib.suppress(OSError):
        for old in current.parent.iterdir():
            if old.name == current.name or not old.name.startswith(prefix) or old.is_symlink():
                continue
            with contextlib.suppress(OSError):
                if old.is_dir():
                    shutil.rmtree(old)
                else:
                    os.unlink(old)
