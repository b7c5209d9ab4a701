"""Ids of running windows ("PID-HEX"): each window's autosave file carries its id, so two windows on
one project never overwrite or remove each other's autosave. Light to import (no pydantic)."""

from __future__ import annotations

import os
import uuid

_live: set[str] = set()  # ids of this process's open windows


def new_instance() -> str:
    """An id for one window: this process's id and a random part."""
    instance = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    _live.add(instance)
    return instance


def end_instance(instance: str) -> None:
    _live.discard(instance)


def live_here(instance: str) -> bool:
    return instance in _live


__all__ = ["end_instance", "live_here", "new_instance"]
