"""The one base class of errors that reach the user as a single line."""

from __future__ import annotations

import os
from pathlib import Path


class DiptychError(Exception):
    """A failure caused by input the user gave; ``str()`` is one line they can act on.

    With ``path``, the line starts with the file's name ("notes.txt: is empty").
    """

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None) -> None:
        message = " ".join(str(message).split())
        if path is not None:
            message = f"{Path(path).name}: {message}"
        super().__init__(message)
        self.path = None if path is None else str(path)
