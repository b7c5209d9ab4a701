"""Shared test set-up: offscreen Qt, Qt warnings fail tests, paths to the sample pair."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/runtime-diptych-tests")
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
REFERENCE = SAMPLES / "reference-003.txt"
REVIEW = SAMPLES / "review-000.txt"
SHARED = ROOT.parent / "shared"

# Qt warnings fail tests (pyproject.toml: qt_log_level_fail = "WARNING"); these notices of the
# offscreen platform plugin are printed on every machine and say nothing about Diptych.
QT_NOTICES_IGNORED = [
    "does not support propagateSizeHints",  # offscreen plugin: no window manager
    "does not support raise",  # offscreen plugin: no window stacking
    "does not support grabbing the keyboard",  # offscreen plugin
    "QStandardPaths: XDG_RUNTIME_DIR",  # runtime dir permissions in CI containers
]


def pytest_configure(config: pytest.Config) -> None:
    for notice in QT_NOTICES_IGNORED:
        config.addinivalue_line("qt_log_ignore", notice)


@pytest.fixture
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture
def review_path() -> Path:
    return REVIEW


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, autosaves, logs and recent files of a test never touch the real user's."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                     ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    # the window's remembered layout (ui/layout_state.py): an INI file under the test's own home
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))
