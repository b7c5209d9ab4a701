"""The recently opened projects, newest first, in the user's config folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from diptych.core.limits import read_regular
from diptych.core.projectfile.schema import APP_NAME, ProjectFileError
from diptych.core.storage import atomic_write_bytes


# ----- recent files -------------------------------------------------------------------------------
class RecentFiles:
    """Up to ``limit`` recently opened project paths, newest first, in the user's config dir."""

    def __init__(self, store: str | os.PathLike[str] | None = None, limit: int = 10) -> None:
        if store is None:
            from platformdirs import user_config_dir

            store = Path(user_config_dir(APP_NAME, appauthor=False)) / "recent.json"
        self.store = Path(store)
        self.limit = limit

    def _read(self) -> list[str]:
        try:
            data = json.loads(read_regular(self.store, 1_000_000, ProjectFileError, "list").decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, ProjectFileError):
            return []
        paths = data.get("paths") if isinstance(data, dict) else None
        return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []

    def _write(self, paths: list[str]) -> None:
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.store, json.dumps({"format": "diptych.recent", "paths": paths},
                                                      ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError:
            pass  # a recent list is a convenience; never fail an open or a save over it

    def add(self, path: str | os.PathLike[str]) -> None:
        p = str(Path(path).absolute())
        paths = [p] + [x for x in self._read() if x != p]
        self._write(paths[:self.limit])

    def paths(self) -> list[str]:
        """The list, pruned of files that no longer exist."""
        return [p for p in self._read() if Path(p).is_file()][:self.limit]

    def clear(self) -> None:
        self._write([])
