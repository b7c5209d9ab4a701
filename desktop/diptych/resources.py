"""Where Diptych's resources (icons, sample pair, stylesheets) are, in every install mode.

Looked up in order: a frozen bundle (``sys._MEIPASS/resources``), a source checkout or editable
install (``<repo>/resources``), then ``$DIPTYCH_RESOURCES``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent.parent / "resources")
    if os.environ.get("DIPTYCH_RESOURCES"):
        candidates.insert(0, Path(os.environ["DIPTYCH_RESOURCES"]))
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_pair() -> tuple[Path, Path]:
    samples = resource_path("samples")
    return samples / "reference-003.txt", samples / "review-000.txt"
