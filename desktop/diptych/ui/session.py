"""The review session: the project on screen, its file, its undo stack and whether it has unsaved
changes; opening, saving and autosaving (in threads for long reviews), the lock and the recovery
of autosaves. The window listens to its signals and asks it to open, save or drop the review.

The project file module (pydantic) is imported lazily: never on the window's start-up path.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from diptych.core.errors import DiptychError
from diptych.core.instances import end_instance, new_instance
from diptych.core.project import Change, Project
from diptych.ui.dialogs import ask_confirm, ask_recover, ask_save_changes, show_error, warn_locked

PROJECT_FILTER = "Diptych projects (*.diptych)"
BACKGROUND_SAVE_CHARS = 200_000  # from this many characters of text, the Save action writes in a thread


def disk_state(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def warm_up() -> None:
    """Import the project file module (pydantic: about 0.17 s) off the UI thread, before the first
    autosave needs it."""
    threading.Thread(target=importlib.import_module, args=("diptych.core.project_file",),
                     name="diptych-warm-up", daemon=True).start()


class ReviewSession(QObject):
    """One window's review and its file. ``dialogs`` is the widget its prompts are shown over."""

    modified_changed = Signal(bool)  # the review has (or no longer has) unsaved changes
    path_changed = Signal()  # the review's file (its name in the title) changed
    message = Signal(str, int)  # a status line (plain text) and how long to show it, in ms
    opened = Signal(object, object)  # a project read from a file (project, path): to be shown
    open_failed = Signal(str)
    project_changed = Signal()  # a project is on screen now, or none (clear/adopt)
    # from the writing threads: what the write returned (None on failure), error message, details
    _autosaved = Signal(object, str, str)
    _saved = Signal(object, str, str)

    def __init__(self, dialogs: QWidget) -> None:
        super().__init__(dialogs)
        self._dialogs = dialogs
        self.instance = new_instance()  # names this window's own autosave files
        self.headless = False  # --smoke-test / --screenshot: never wait on a modal prompt
        self.project: Project | None = None
        self.path: Path | None = None
        self.lock: Any = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _c: self._emit_modified())
        # before a save: each returns False to refuse the file, or a name to suggest
        self.save_guards: list[Callable[[Path], bool]] = []
        self.name_hints: list[Callable[[], Path | None]] = []
        self._dirty = False  # unsaved changes that are not on the undo stack (a recovered autosave)
        self._disk_state: tuple[int, int] | None = None  # the file as this session last read or wrote it
        self._changes = 0  # project changes so far: a background save knows whether edits came after it
        self._autosave_thread: threading.Thread | None = None
        self._save_thread: threading.Thread | None = None
        self._autosaved.connect(self._autosave_done)
        self._saved.connect(self._save_done)
        self.autosave_timer = QTimer(self)
        secs = os.environ.get("DIPTYCH_AUTOSAVE_SECONDS", "60")
        self.autosave_timer.setInterval(max(1, int(secs) if secs.isdigit() else 60) * 1000)
        self.autosave_timer.timeout.connect(self.autosave_in_background)
        self.autosave_timer.start()

    # ----- the project and its state -------------------------------------------------------------
    def clear(self, path: Path | None) -> None:
        """No project (one is about to be shown from ``path``, or none): a fresh undo stack."""
        if self.project is not None:
            self.project.unsubscribe(self._count_change)
        self.project = None
        self.path = path
        self.undo_stack.clear()
        self._dirty = False
        self.project_changed.emit()

    def adopt(self, project: Project) -> None:
        """``project`` is on screen: edits go to it from now on."""
        self.project = project
        project.subscribe(self._count_change)
        self.path_changed.emit()
        self._emit_modified()
        self.project_changed.emit()

    def _count_change(self, _change: Change) -> None:
        self._changes += 1

    def push(self, cmd: QUndoCommand) -> bool:
        """Push an undo command; a command whose edit the project refused leaves no trace."""
        self.undo_stack.push(cmd)
        failure = getattr(cmd, "failure", None)
        if failure:
            self.message.emit(failure, 6000)
            return False
        return True

    def is_modified(self) -> bool:
        return self.project is not None and (not self.undo_stack.isClean() or self._dirty)

    def mark_modified(self) -> None:
        """Changes the undo stack does not hold (a merged review, a recovered autosave) are unsaved."""
        self._dirty = True
        self._emit_modified()

    def mark_clean(self) -> None:
        """The review as it is counts as saved (or its changes as dropped)."""
        self.undo_stack.setClean()
        self._dirty = False
        self._emit_modified()

    def has_review_work(self) -> bool:
        p = self.project
        return p is not None and (any(r.reviewed or r.note for r in p.reviews.values())
                                  or not self.undo_stack.isClean())

    def forget_path(self) -> None:
        """The review is no longer the file's (swapped sides): Save asks for a name."""
        self.path = None
        self.path_changed.emit()

    def _emit_modified(self) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the stack's last signal while the window is destroyed
            return
        self.modified_changed.emit(self.is_modified())

    # ----- opening --------------------------------------------------------------------------------
    def open_project(self, path: str | os.PathLike[str]) -> bool:
        """Read a project file (offering a newer autosave of it), lock it and have it shown."""
        try:
            from diptych.core.project_file import (
                ProjectLock,
                RecentFiles,
                discard_autosave,
                find_recoveries,
                load_project,
            )

            project = load_project(path)
        except DiptychError as e:
            show_error(self._dialogs, str(e), traceback.format_exc())
            self.open_failed.emit(str(e))
            return False
        except OSError as e:
            show_error(self._dialogs, f"{Path(path).name}: {e.strerror or e}", traceback.format_exc())
            self.open_failed.emit(str(e))
            return False
        recovered: Path | None = None
        for rec in [] if self.headless else find_recoveries(path):
            answer = self._ask_recover(Path(path).name, rec)
            if answer == "recover":
                try:
                    project = load_project(rec)
                    recovered = rec
                    break
                except DiptychError as e:
                    show_error(self._dialogs, f"The autosave cannot be read: {e}", traceback.format_exc())
            elif answer == "discard":
                discard_autosave(path, rec)  # only what the user chose to discard
        self.release_lock()
        lock = ProjectLock(path)
        try:
            owner = lock.acquire()
        except (OSError, DiptychError):
            owner = None
        if owner:
            warn_locked(self._dialogs, Path(path).name, owner)
        else:
            self.lock = lock
        self.opened.emit(project, Path(path))
        self._disk_state = disk_state(Path(path))
        self._dirty = recovered is not None
        self._emit_modified()
        if recovered is not None and self.autosave() is not None:
            discard_autosave(path, recovered)  # this window's own autosave now holds the review
        RecentFiles().add(path)
        return True

    def _ask_recover(self, name: str, autosave: Path, saved: bool = True) -> str:
        """'recover', 'discard' or 'keep' (closing the prompt keeps the autosave)."""
        try:
            when = datetime.fromtimestamp(autosave.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except OSError:
            return "keep"
        answer = ask_recover(self._dialogs, name, when, saved=saved)
        return answer if answer in ("recover", "discard") else "keep"

    def offer_unsaved_recovery(self) -> None:
        """At start without files: an autosave of a never-saved review is offered."""
        try:
            from diptych.core.project_file import discard_autosave, find_recoveries, load_project
        except ImportError:
            return
        for rec in [] if self.headless else find_recoveries(None):
            answer = self._ask_recover("an unsaved review", rec, saved=False)
            if answer == "recover":
                try:
                    self.opened.emit(load_project(rec), None)
                    self.mark_modified()
                except DiptychError as e:
                    show_error(self._dialogs, f"The autosave cannot be read: {e}", traceback.format_exc())
                    continue
                if self.autosave() is not None:  # this window's own autosave now holds the review
                    discard_autosave(None, rec)
                return
            if answer == "discard":
                discard_autosave(None, rec)

    # ----- saving ---------------------------------------------------------------------------------
    def save(self, background: bool = False) -> bool:
        """Save to the project's file (asking for one first). ``background`` (the Save action): a
        long review is written in a thread, and the window says when it is done."""
        if self.project is None:
            return False
        if self.path is None:
            return self.save_as(background)
        return self.save_to(self.path, background)

    def save_as(self, background: bool = False) -> bool:
        if self.project is None:
            return False
        hints = [h for h in (hint() for hint in self.name_hints) if h is not None]
        suggested = self.path or (hints[0] if hints else None) or Path(
            Path(self.project.document("right").name).stem + ".diptych")
        path, _ = QFileDialog.getSaveFileName(self._dialogs, "Save the review", str(suggested), PROJECT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".diptych"):
            path += ".diptych"
        return self.save_to(Path(path), background)

    def save_to(self, path: Path, background: bool = False) -> bool:
        """Write the project to ``path``. With ``background`` and a long review (writing a 1 MB pair
        takes 0.6-0.9 s), a thread writes a copy and :meth:`_save_done` finishes; returns True once
        the save has started."""
        assert self.project is not None
        if not all(guard(path) for guard in self.save_guards):
            return False
        self.wait_for_autosave()
        self.wait_for_save()
        from diptych.core.project_file import save_project

        if not self._may_replace(path):
            return False
        instance = self.instance
        text = sum(len(self.project.document(s).text) for s in ("left", "right"))
        if background and text >= BACKGROUND_SAVE_CHARS:
            copy, changes = self.project.copy_for_save(), self._changes

            def write() -> tuple[Path, int, str, str]:
                save_project(copy, path, instance)
                return path, changes, copy.created, copy.modified

            self.message.emit(f"Saving {path.name}…", 0)
            self._save_thread = self._start_writer("diptych-save", write, self._saved)
            return True
        try:
            save_project(self.project, path, instance)
        except (DiptychError, OSError, ValueError) as e:
            self.message.emit(f"Not saved: {e}", 8000)
            show_error(self._dialogs, str(e), traceback.format_exc())
            return False
        self._after_save(path, clean=True)
        return True

    @staticmethod
    def _start_writer(name: str, write: Callable[[], Any], done: Any) -> threading.Thread:
        """Run ``write`` (a save from a copy of the project) in a thread; ``done`` carries its result.

        Meanwhile the interpreter switches threads every 0.5 ms instead of 5 (each of the window's
        many short calls into Qt may wait that long for the lock), and the collector stays off (the
        file's short-lived objects would set off full collections that hold the lock)."""

        def work() -> None:
            interval = sys.getswitchinterval()
            sys.setswitchinterval(min(interval, 0.0005))
            gc.disable()
            try:
                result = write()
            except Exception as e:  # any failure is reported; the thread never dies silently
                done.emit(None, str(e) or type(e).__name__, traceback.format_exc())
            else:
                done.emit(result, "", "")
            finally:
                gc.enable()
                sys.setswitchinterval(interval)

        thread = threading.Thread(target=work, name=name, daemon=True)
        thread.start()
        return thread

    def _save_done(self, result: Any, message: str, details: str) -> None:
        if self._save_thread is not None:
            self._save_thread.join()
            self._save_thread = None
        if message:
            self.message.emit(f"Not saved: {message}", 8000)
            show_error(self._dialogs, message, details)
            return
        path, changes, created, modified = result
        if self.project is not None:
            self.project.created, self.project.modified = created, modified
        # edits made while the thread wrote are not in the file: the review stays modified
        self._after_save(path, clean=changes == self._changes)

    @property
    def saving(self) -> threading.Thread | None:
        """The thread writing a background save, while it writes."""
        return self._save_thread

    @property
    def autosaving(self) -> bool:
        return self._autosave_thread is not None

    def wait_for_save(self) -> None:
        """Let a background save finish and take its result (before closing, or another save)."""
        if self._save_thread is not None:
            self._save_thread.join()
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
            if self._save_thread is not None:  # the result was not delivered: do it here
                self._save_thread = None

    def _after_save(self, path: Path, clean: bool) -> None:
        """The file is written: it is the review's file now (locked); the autosave of the file it had
        before is dropped."""
        from diptych.core.project_file import ProjectLock, RecentFiles, discard_autosave

        if self.path != path:
            discard_autosave(self.path, instance=self.instance)
            self.release_lock()
            lock = ProjectLock(path)
            with contextlib.suppress(OSError, DiptychError):
                if not lock.acquire():
                    self.lock = lock
        # (save_project has removed this window's autosave of ``path`` already)
        self.path = path
        self._disk_state = disk_state(path)
        if clean:
            self.undo_stack.setClean()
            self._dirty = False
        else:
            self._dirty = True
        self._emit_modified()
        self.path_changed.emit()
        RecentFiles().add(path)
        self.message.emit(f"Saved {path.name}" + ("" if clean else " (edits made meanwhile are not saved yet)"), 4000)

    def _may_replace(self, path: Path) -> bool:
        """Before saving over the project's file: if another window or program changed it since this
        window read or wrote it, the reviewer decides (never a silent overwrite)."""
        if self.path is None or path != self.path or self._disk_state is None:
            return True
        now = disk_state(path)
        if now is None or now == self._disk_state:
            return True
        return ask_confirm(self._dialogs, f"{path.name} was changed by another window or program since you "
                                          "opened it. Replace it with this review?",
                           "“Replace the file” writes this review over it; “Cancel” keeps the file as it is "
                           "(File ▸ Save as… writes this review to another file).", yes="Replace the file")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current review (saved, discarded, or nothing to lose)."""
        self.wait_for_save()
        if not self.is_modified():
            return True
        name = self.path.name if self.path else "this review"
        answer = ask_save_changes(self._dialogs, name)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.wait_for_autosave()
            with contextlib.suppress(ImportError, OSError):
                from diptych.core.project_file import discard_autosave

                discard_autosave(self.path, instance=self.instance)
            self.mark_clean()
            return True
        return False

    # ----- autosave -------------------------------------------------------------------------------
    def autosave_in_background(self) -> None:
        """The timer's autosave: the UI thread only copies the project (about 20 ms on a 1 MB pair);
        writing it (about 0.8 s there) happens in a thread, so the reviewer never waits for it."""
        if (self.project is None or not self.is_modified() or self._autosave_thread is not None
                or self._save_thread is not None):
            return
        copy, path, instance = self.project.copy_for_save(), self.path, self.instance

        def write() -> Path:
            from diptych.core.project_file import write_autosave  # warmed up in a thread at start

            return write_autosave(copy, path, instance)

        self._autosave_thread = self._start_writer("diptych-autosave", write, self._autosaved)

    def _autosave_done(self, _result: Any, message: str, details: str) -> None:
        if self._autosave_thread is not None:
            self._autosave_thread.join()
            self._autosave_thread = None
        if message:
            self._autosave_failed(message, details)

    def _autosave_failed(self, message: str, details: str) -> None:
        self.message.emit(f"Autosave failed: {message}", 8000)
        from diptych.ui.dialogs import log_error

        log_error(f"autosave failed: {message}", details)

    def wait_for_autosave(self) -> None:
        """Let a background autosave finish, before a save, a discard or closing replaces its file."""
        if self._autosave_thread is not None:
            self._autosave_thread.join()
            self._autosave_thread = None

    def autosave(self) -> Path | None:
        """Write the autosave file now (when the review has unsaved changes); returns where."""
        self.wait_for_autosave()
        if self.project is None or not self.is_modified():
            return None
        try:
            from diptych.core.project_file import write_autosave

            return write_autosave(self.project, self.path, self.instance)
        except (DiptychError, OSError, ValueError) as e:
            self._autosave_failed(str(e), traceback.format_exc())
            return None

    # ----- exports --------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.project is None:
            return
        from diptych.core.export import EXPORTERS

        ext = EXPORTERS[fmt].extension
        base = self.path.stem if self.path else Path(self.project.document("right").name).stem
        path, _ = QFileDialog.getSaveFileName(self._dialogs, "Export", f"{base}{ext}", f"*{Path(ext).suffix}")
        if not path:
            return
        self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        assert self.project is not None
        try:
            from diptych.core.export import ExportError, export
            from diptych.core.paths import refuse_overwrite

            refuse_overwrite(path, [("the project file", self.path),
                                    ("the reference article", self.project.document("left").path),
                                    ("the review article", self.project.document("right").path)],
                             ExportError)
            export(self.project, path, fmt)
        except (DiptychError, OSError) as e:
            show_error(self._dialogs, str(e), traceback.format_exc())
            return False
        self.message.emit(f"Exported {Path(path).name}", 4000)
        return True

    # ----- the end --------------------------------------------------------------------------------
    def release_lock(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(OSError, DiptychError):
                self.lock.release()
            self.lock = None

    def close(self) -> None:
        """The window closes (its review saved or dropped): writers done, lock and autosaves released."""
        self.autosave_timer.stop()
        self.wait_for_autosave()
        self.wait_for_save()
        self.release_lock()
        end_instance(self.instance)
        if self.project is not None:
            self.project.unsubscribe(self._count_change)
