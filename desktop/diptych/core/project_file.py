"""The ``.diptych`` project file: the names of :mod:`diptych.core.projectfile`, where each concern
(schema, migrations, codec, autosave, lock, recent files) has its module."""

from __future__ import annotations

from diptych.core.projectfile import *  # noqa: F403
from diptych.core.projectfile import __all__  # noqa: F401
