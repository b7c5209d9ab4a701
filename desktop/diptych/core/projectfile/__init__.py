"""The ``.diptych`` project file, one module per concern.

- :mod:`.schema`: the format's constants, :class:`ProjectFileError`, the pydantic models;
- :mod:`.migrations`: upgrades of older schema versions, registered with ``@register_migration``;
- :mod:`.codec`: a project to and from JSON, load (JSON only, validated, texts checked against their
  sha256) and atomic save (temporary file, fsync, rename);
- :mod:`.autosave`: each window's own autosave file, recovery;
- :mod:`.lock`: the lock file beside a project;
- :mod:`.recent`: the recently opened projects.

See ``docs/project-format.md``. ``diptych.core.project_file`` re-exports the same names.
"""

from __future__ import annotations

from diptych.core.instances import end_instance, new_instance
from diptych.core.projectfile.autosave import (
    autosave_path,
    discard_autosave,
    find_recoveries,
    find_recovery,
    glob_escape,
    write_autosave,
)
from diptych.core.projectfile.codec import (
    check_text_values,
    dumps_project,
    is_url,
    load_project,
    max_project_bytes,
    parse_project,
    project_chunks,
    project_from_json,
    project_to_json,
    save_project,
)
from diptych.core.projectfile.lock import ProjectLock
from diptych.core.projectfile.migrations import MIGRATIONS, Migration, migrate, register_migration
from diptych.core.projectfile.recent import RecentFiles
from diptych.core.projectfile.schema import (
    APP_NAME,
    AUTOSAVE_SUFFIX,
    DEFAULT_MAX_PROJECT_BYTES,
    PROJECT_FORMAT,
    PROJECT_SUFFIX,
    QUOTE_CONTEXT,
    SCHEMA_VERSION,
    ProjectFileError,
)

__all__ = [
    "APP_NAME", "AUTOSAVE_SUFFIX", "DEFAULT_MAX_PROJECT_BYTES", "MIGRATIONS", "PROJECT_FORMAT", "PROJECT_SUFFIX",
    "QUOTE_CONTEXT", "SCHEMA_VERSION", "Migration", "ProjectFileError", "ProjectLock", "RecentFiles",
    "autosave_path", "check_text_values", "discard_autosave", "dumps_project", "end_instance", "find_recoveries",
    "find_recovery", "glob_escape", "is_url", "load_project", "max_project_bytes", "migrate", "new_instance",
    "parse_project", "project_chunks", "project_from_json", "project_to_json", "register_migration",
    "save_project", "write_autosave",
]
