"""Long work off the UI thread: reading and linking run in a QThread that reports progress and can be
cancelled; the result reaches the UI thread through a queued signal and is applied there in one step.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from diptych.core.errors import DiptychError
from diptych.core.link import LinkCancelled
from diptych.linkserver.server import LinkFailed, PairNotRead

Task = Callable[[Callable[[str, float], None], Callable[[], bool]], Any]


class Job(QThread):
    """Runs ``task(progress, cancelled)`` in a thread. Emits exactly one of done/failed/cancelled."""

    progressed = Signal(str, float)
    done = Signal(object)
    failed = Signal(str, str)  # one-line message, details
    was_cancelled = Signal()
    not_read = Signal(object)  # a PairNotRead: one or both files could not be read (after failed)

    def __init__(self, task: Task, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task = task
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.task(self.progressed.emit, self._cancel.is_set)
        except LinkCancelled:
            self.was_cancelled.emit()
        except LinkFailed as e:
            if isinstance(e, PairNotRead):
                self.not_read.emit(e)
            self.failed.emit(e.message, e.details)
        except DiptychError as e:
            self.failed.emit(str(e), traceback.format_exc())
        except Exception as e:  # any failure is shown in a dialog, never a crash
            self.failed.emit(f"Linking failed: {type(e).__name__}: {e}".splitlines()[0], traceback.format_exc())
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit()
            else:
                self.done.emit(result)
