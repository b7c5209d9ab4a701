"""Files by identity: two names of one file (a symlink, ``x/../p``, a hard link) are the same file.

Every output Diptych writes is compared with its inputs this way before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from diptych.core.errors import DiptychError


def resolved(path: str | os.PathLike[str]) -> str:
    """The path with every symlink and ``..`` resolved (of the file a link points at)."""
    return os.path.normcase(os.path.realpath(path))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` name one file (``os.path.samefile`` when both exist)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return resolved(a) == resolved(b)


def refuse_overwrite(output: str | os.PathLike[str], inputs: Iterable[tuple[str, str | os.PathLike[str] | None]],
                     error: type[DiptychError]) -> None:
    """Raise ``error`` when ``output`` is one of ``inputs`` (pairs of what it is and its path)."""
    for what, path in inputs:
        if path and same_file(output, path):
            raise error(f"the output would overwrite {what} itself", output)


__all__ = ["refuse_overwrite", "resolved", "same_file"]
