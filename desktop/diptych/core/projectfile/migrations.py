"""Upgrades of older schema versions, registered with :func:`register_migration` (one per step)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from diptych.core.projectfile.schema import SCHEMA_VERSION, ProjectFileError

# ----- migrations ---------------------------------------------------------------------------------
Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: ``MIGRATIONS[n]`` turns a schema ``n`` document into a schema ``n + 1`` document.
MIGRATIONS: dict[int, Migration] = {}


def register_migration(from_version: int) -> Callable[[Migration], Migration]:
    def wrap(fn: Migration) -> Migration:
        MIGRATIONS[from_version] = fn
        return fn

    return wrap


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (development files) had no orphans list and called the reviews ``verdicts``."""
    out = dict(data)
    if "verdicts" in out and "reviews" not in out:
        out["reviews"] = out.pop("verdicts")
    out.setdefault("orphans", [])
    out["schema_version"] = 1
    return out


MIGRATIONS[0] = _migrate_0_to_1


@register_migration(1)
def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 stored an article's path as it was given (relative to the folder Diptych ran in);
    schema 2 stores it relative to the project file, with the absolute path as a fallback, and a
    snapshot of an article fetched from a URL, and a merged project's optional ``sources`` and
    ``reviews[].adjudication``. A schema-1 path is kept as the relative one."""
    out = dict(data)
    articles = out.get("articles")
    if isinstance(articles, dict):
        out["articles"] = {side: _article_1_to_2(a) for side, a in articles.items()}
    out["schema_version"] = 2
    return out


def _article_1_to_2(article: Any) -> Any:
    if not isinstance(article, dict):
        return article
    a = dict(article)
    path = a.get("path")
    a.setdefault("absolute_path", path if isinstance(path, str) and os.path.isabs(path) else None)
    a.setdefault("snapshot", None)
    return a


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a parsed project document to :data:`SCHEMA_VERSION` (refusing newer ones)."""
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectFileError("has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(f"was saved by a newer Diptych (project schema {version}; this version "
                               f"reads up to {SCHEMA_VERSION}); update Diptych to open it")
    if version < 0:
        raise ProjectFileError(f"has an invalid schema_version {version}")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProjectFileError(f"project schema {version} can no longer be read")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data
