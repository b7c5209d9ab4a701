"""The review window: two reading panes joined by connector bands, the claims table, the claim panel.

The window keeps no copy of the review: it shows the :class:`~diptych.core.project.Project`, listens
to its change events, and changes it only through undo commands (``ui/commands.py``).
"""

from __future__ import annotations

import functools
import gc
import importlib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from diptych.core import crossling
from diptych.core.diff import word_diff_spans
from diptych.core.errors import DiptychError
from diptych.core.export import EXPORTERS
from diptych.core.not_claims import status_counts
from diptych.core.project import SIDES, Change, ChangeKind, Project, Side
from diptych.core.readers import dialog_filter
from diptych.core.text import Document
from diptych.core.verdict import changed_spans
from diptych.linkserver import server as link_server
from diptych.linkserver.server import align_pair
from diptych.ui import action_state, commands, first_run
from diptych.ui.actions import ACTIONS, Actions
from diptych.ui.article_details import show_article_details
from diptych.ui.check import is_check
from diptych.ui.claim_panel import ClaimPanel
from diptych.ui.claims_model import (
    FILTERS,
    ClaimsFilter,
    ClaimsModel,
    OmissionsModel,
    OrphansModel,
)
from diptych.ui.claims_table import ClaimsTable, list_table
from diptych.ui.dialogs import (
    ask_confirm,
    show_about,
    show_error,
    show_shortcuts,
)
from diptych.ui.find_bar import FindBar
from diptych.ui.focus import FocusMark
from diptych.ui.gutter import Gutter
from diptych.ui.jobs import JobBar
from diptych.ui.layout_state import WindowLayout
from diptych.ui.legend import open_legend
from diptych.ui.pane_header import SIDE_TITLES, PaneHeader
from diptych.ui.plain import set_plain, status, tooltip
from diptych.ui.prepare import ViewData, gutter_links, pane_claims, prepare, review_badge
from diptych.ui.recent_menu import RecentMenu
from diptych.ui.review_edits import ReviewEdits
from diptych.ui.session import PROJECT_FILTER, ReviewSession, warm_up
from diptych.ui.style import VERDICT_LETTERS, badge_icon, clear_caches, theme
from diptych.ui.sync import SyncScroller
from diptych.ui.text_pane import Mark, TextPane
from diptych.ui.tints import retint
from diptych.ui.worker import Job

CROSSLINGUAL_NOTE = "Cross-lingual pair: linked by meaning, no word differences"


def _trigger_then(action: QAction, then: Callable[[], None], _checked: bool = False) -> None:
    action.trigger()
    then()


class MainWindow(QMainWindow):
    project_shown = Signal()  # a project is on screen (after linking or loading)
    claim_focus_changed = Signal()  # the current claims (or their state) changed
    link_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        link_server.start_server()  # warms up in its own process while the window is built
        warm_up()
        self.setObjectName("diptychWindow")
        self.session = ReviewSession(self)
        self.session.modified_changed.connect(self.setWindowModified)
        self.session.path_changed.connect(self._update_title)
        self.session.message.connect(lambda text, ms: self.statusBar().showMessage(status(text), ms))
        self.session.opened.connect(lambda project, path: self.set_project(project, path))
        self.session.open_failed.connect(self.link_failed)
        self.undo_stack = self.session.undo_stack
        self.docs: dict[str, Document | None] = {"left": None, "right": None}
        self.current: dict[str, int | None] = {"left": None, "right": None}
        self.active_side: Side = "right"
        self.advance = True
        self.keep_page_html = False  # Open URL: keep each fetched page's HTML in the project
        self.url_dialog: Any = None
        self._show_generation = 0
        self._build()
        self.edits = ReviewEdits(
            self.session, lambda: self.current, active_side=lambda: self.active_side, select=self.select_claim,
            neighbour=self.table.neighbour, show_in_table=self.table.show_claim,
            caret_offset=lambda side: self.panes[side].caret_offset(), focus_note=self.panel.note.setFocus,
            advance=lambda: self.advance, message=lambda text, ms: self.statusBar().showMessage(text, ms))
        self._build_actions()
        self.setAcceptDrops(True)
        self.layout_state.restore(toggle=self.act["claims_area"], options={"view/all_bands": self.act["all_bands"]})
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self.apply_theme())
        self._update_title()
        self._show_empty_state()

    @property
    def project(self) -> Project | None:
        """The review on screen (None until a project is fully shown)."""
        return self.session.project

    # ================================================================ building
    def _build(self) -> None:
        self.left = TextPane("left")
        self.right = TextPane("right")
        self.panes: dict[Side, TextPane] = {"left": self.left, "right": self.right}
        for side, pane in self.panes.items():
            pane.setAccessibleName(f"{SIDE_TITLES[side]} text")
            pane.setObjectName(f"{side}Pane")
            pane.claimActivated.connect(
                lambda cid, sel, s=side: self.select_claim(s, cid, from_pane=True, selecting=sel))
            pane.caretClaimChanged.connect(
                lambda cid, s=side: self.select_claim(s, cid, from_pane=True, selecting=True))
            pane.filesDropped.connect(lambda paths, s=side: self.open_dropped(s, paths))
            pane.contextRequested.connect(lambda menu, cid, s=side: self._pane_menu(s, menu, cid))
        self.gutter = Gutter(self.left, self.right)
        self.sync = SyncScroller(self.left, self.right)
        self.headers: dict[Side, PaneHeader] = {s: PaneHeader(s) for s in SIDES}
        self.focus_mark = FocusMark(self.panes, self.headers, lambda text: self.statusBar().showMessage(text, 4000),
                                    self)

        compare = QWidget()
        grid = QGridLayout(compare)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.headers["left"], 0, 0)
        grid.addWidget(self.headers["right"], 0, 2)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.gutter, 1, 1)
        grid.addWidget(self.right, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self.find_bar = FindBar(self.panes)
        self.find_bar.matches_changed.connect(self._update_marks)
        self.find_bar.found.connect(self._found)
        self.find_bar.closed.connect(lambda: self.table.setFocus())
        grid.addWidget(self.find_bar, 2, 0, 1, 3)

        # claims table + omissions
        self.claims_model = ClaimsModel(self)
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.claims_model)
        self.table: ClaimsTable = ClaimsTable(self.claims_model, self.proxy)
        self.table.claim_chosen.connect(lambda cid: self.select_claim("right", cid))

        self.filter_combo = QComboBox()
        self.filter_combo.addItems(list(FILTERS))
        self.filter_combo.setAccessibleName("Show claims")
        self.filter_combo.setToolTip("Show all claims, only unreviewed or reviewed ones, or one verdict")
        self.filter_combo.currentTextChanged.connect(self.proxy.set_state)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter claims and notes…")
        self.filter_edit.setAccessibleName("Filter claims by text")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_needle)
        claims_tab = QWidget()
        tl = QVBoxLayout(claims_tab)
        tl.setContentsMargins(6, 6, 6, 0)
        fr = QHBoxLayout()
        fr.addWidget(self.filter_combo)
        fr.addWidget(self.filter_edit, 1)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)  # counts only
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setAccessibleName("Review progress")
        # the counts go under the filter when the claims sit beside the articles (ui/layout_state.py)
        self.filter_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.filter_row.addLayout(fr, 1)
        self.filter_row.addWidget(self.counts_label)
        tl.addLayout(self.filter_row)
        tl.addWidget(self.table)

        self.omissions_model = OmissionsModel(self)
        self.omissions = list_table(self.omissions_model, "omissionsTable",
                                    "Unused reference sentences: no claim is linked to them",
                                    lambda cid: self.select_claim("left", cid, selecting=True))
        self.omissions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(claims_tab, "Claims")
        self.tabs.addTab(self.omissions, "Unused reference sentences")
        self.tabs.setTabToolTip(1, "Sentences of the reference no claim is linked to: what the review article "
                                   "leaves out")
        self.orphans_model = OrphansModel(self)
        self.orphans = list_table(self.orphans_model, "orphansTable",
                                  "Unplaced verdicts and notes: their sentence is no longer in a corrected text")
        self.orphans.setWordWrap(False)
        fm = self.fontMetrics()
        oh = self.orphans.horizontalHeader()
        oh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        oh.resizeSection(0, fm.horizontalAdvance("Reference") + 24)
        oh.resizeSection(2, fm.horizontalAdvance("(Unsupported suggested)") + 24)
        oh.resizeSection(3, fm.horizontalAdvance("A note of some length") + 24)
        oh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.orphans, "Unplaced")
        self.tabs.setTabToolTip(2, "Verdicts, notes and links whose sentence is no longer in a corrected text: "
                                   "kept, never dropped")

        self.panel: ClaimPanel = ClaimPanel()

        def note_edited(p: Project, cid: int, text: str) -> None:
            if p is self.project:
                self.session.push(commands.SetNote(p, cid, text))

        self.panel.note_edited.connect(note_edited)
        self.panel.left.connect(self.table.setFocus)
        # the claims area below the articles, or beside them on a short screen (ui/layout_state.py)
        self.layout_state = WindowLayout(self, compare, self.tabs, self.panel, self.table, self.filter_row)
        self.split = self.layout_state.outer
        self.setCentralWidget(self.split)

        # status bar: progress of linking with cancel; coverage
        self.jobs = JobBar(self.statusBar())
        self.coverage_label = set_plain(QLabel())
        self.coverage_label.setAccessibleName("Coverage")
        self.crosslingual = False  # the articles are in two languages: no word differences
        self.crossling_label = QLabel(CROSSLINGUAL_NOTE)
        self.crossling_label.setTextFormat(Qt.TextFormat.PlainText)
        self.crossling_label.setAccessibleName("Cross-lingual pair")
        self.crossling_label.hide()
        self.statusBar().addPermanentWidget(self.crossling_label)
        self.statusBar().addPermanentWidget(self.coverage_label)
        self.jobs.hide_while_running(self.coverage_label)  # while linking, the bar tells what runs

    def _build_actions(self) -> None:
        """The window's actions, menus and toolbar from the table in ``ui/actions.py``."""
        slots: dict[str, Callable[[], Any]] = {
            "open": self.open_dialog,
            "open_left": lambda: self.open_side_dialog("left"),
            "open_right": lambda: self.open_side_dialog("right"),
            # File ▸ Open URL… and Fetch … again (re-anchored, undoable): ui/open_url.py
            "open_url": lambda: importlib.import_module("diptych.ui.open_url").show_dialog(self),
            "fetch_again_left": lambda: importlib.import_module("diptych.ui.open_url").fetch_again(self, "left"),
            "fetch_again_right": lambda: importlib.import_module("diptych.ui.open_url").fetch_again(self, "right"),
            "word_extras": lambda: None,
            "open_batch": lambda: corpus.open_batch_dialog(self),
            "back_to_batch": lambda: corpus.back_to_batch(self),
            "paste_left": lambda: self.paste_side("left"),
            "paste_right": lambda: self.paste_side("right"),
            "save": lambda: self.session.save(background=True),
            "save_as": lambda: self.session.save_as(background=True),
            "details": lambda: show_article_details(self, self.session),
            **{f"export_{fmt}": functools.partial(self.session.export, fmt) for fmt in EXPORTERS},
            "quit": self.close,
            "find": self.find_bar.open_bar,
            "goto": self.go_to_claim_dialog,
            **{v: functools.partial(self.edits.set_verdict, v) for v in ("consistent", "altered", "unsupported")},
            "not_claim": self.edits.toggle_not_a_claim,
            "accept": self.edits.accept_suggestion,
            "clear": lambda: self.edits.set_verdict(None),
            "next": lambda: self.step(1),
            "prev": lambda: self.step(-1),
            "next_unreviewed": self.next_unreviewed,
            "note": self.edits.edit_note,
            "link": self.edits.add_link,
            "unlink": self.edits.remove_link,
            "split": self.edits.split_claim,
            "merge": self.edits.merge_claim,
            "sync": lambda: setattr(self.sync, "enabled", self.act["sync"].isChecked()),
            "advance": lambda: setattr(self, "advance", self.act["advance"].isChecked()),
            "swap": self.swap_sides,
            "claims_area": lambda: self.layout_state.show_claims(self.act["claims_area"].isChecked()),
            "all_bands": lambda: self.gutter.set_all_bands(self.act["all_bands"].isChecked()),
            "switch_pane": self.switch_pane,
            "focus_table": lambda: self.table.setFocus(),
            "legend": lambda: open_legend(self),
            "help": lambda: show_shortcuts(self),
            "about": lambda: show_about(self),
        }
        from diptych.ui import corpus  # File ▸ Open batch…, Back to batch

        self.corpus_window: corpus.CorpusWindow | None = None
        self.act = Actions()
        self.act.build(self, ACTIONS, slots, self.undo_stack)
        self.menus = self.act.build_menus(self, ACTIONS)
        self.menus["&File"].aboutToShow.connect(self._update_fetch_again)
        self.recent_menu = self.menus["recent"]
        self.recent = RecentMenu(self.recent_menu)
        self.recent.chosen.connect(lambda path: self.session.maybe_save() and self.session.open_project(path))
        from diptych.ui.adjudicate import install as install_adjudication

        self.adjudication = install_adjudication(self, self.menus["&File"], self.act["details"])
        self.act.build_toolbar(self, ACTIONS)
        action_state.install(self)  # each action enabled once it can act
        self.first_run = first_run.install(self)  # the empty window's getting-started panel
        for key, b in self.panel.buttons.items():
            action = self.act["not_claim" if key == "not_a_claim" else key]
            b.setText(("X" if key == "not_a_claim" else VERDICT_LETTERS[key]) + "  " + action.text().replace("&", ""))
            b.setToolTip(action.toolTip())
            b.setAccessibleName(action.text().replace("&", ""))
            b.setIcon(badge_icon(None if key == "not_a_claim" else key, True, key == "not_a_claim"))
            b.clicked.connect(functools.partial(_trigger_then, action, self.panel.refresh))

    # ================================================================ small helpers
    def _update_title(self) -> None:
        if self.session.path is not None:
            name = self.session.path.name
        elif self.project is not None:
            name = f"{self.project.document('right').name} vs {self.project.document('left').name}"
        else:
            name = "New review"
        self.setWindowTitle(f"{name}[*] — Diptych")

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        typing = isinstance(new, QLineEdit | QAbstractSpinBox) or (
            isinstance(new, QPlainTextEdit | QTextEdit) and not new.isReadOnly()) or (
            isinstance(new, QComboBox) and new.isEditable())
        self.act.set_typing(typing)

    def apply_theme(self) -> None:
        clear_caches()
        th = theme()
        for pane in self.panes.values():
            pane.apply_theme(th)
        self.gutter.apply_theme(th)
        for s in self.headers:
            self._set_header(s)
        self.table.viewport().update()
        self.panel.refresh()

    def _show_empty_state(self) -> None:
        self.left.empty_text = ("Reference article\n\nDrop a file here, or File ▸ Open reference (Ctrl+Shift+O),\n"
                                "or paste text with Ctrl+Alt+V.\n\nOpen a saved review with Ctrl+O.")
        self.right.empty_text = ("Article under review\n\nDrop a file here, or File ▸ Open review article "
                                 "(Ctrl+Alt+O),\nor paste text with Ctrl+Shift+V.\n\n"
                                 "Diptych splits it into claims (one sentence each),\nlinks each claim to the "
                                 "reference and suggests a verdict for it.")
        self.left.viewport().update()
        self.right.viewport().update()
        self._update_counts()

    # ================================================================ opening
    def open_paths(self, paths: list[str]) -> None:
        """What the command line and double-clicks give: one project, or one or two articles."""
        if not paths:
            return
        if len(paths) == 1 and paths[0].lower().endswith(".diptych"):
            self.session.open_project(paths[0])
            return
        if any(p.lower().endswith(".diptych") for p in paths):
            show_error(self, "Open a project on its own, not together with articles.")
            return
        if len(paths) >= 2:
            self.start_linking(paths[0], paths[1])
        else:
            self.open_side("left" if self.docs["left"] is None else "right", paths[0])

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open a project, or a reference and a review article", "",
                                                f"{PROJECT_FILTER};;{dialog_filter()};;All files (*)")
        if paths and self.session.maybe_save():
            self.open_paths(paths)

    def open_side_dialog(self, side: Side) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Open the {SIDE_TITLES[side].lower()}", "",
                                              f"{dialog_filter()};;All files (*)")
        if path:
            self.open_side(side, path)

    def _update_fetch_again(self) -> None:
        for side in SIDES:
            snapshot = self.project.articles[side].snapshot if self.project is not None else None
            self.act[f"fetch_again_{side}"].setEnabled(snapshot is not None)

    def open_dropped(self, side: Side, paths: list[str]) -> None:
        if len(paths) == 1 and paths[0].lower().endswith(".diptych"):
            if self.session.maybe_save():
                self.session.open_project(paths[0])
        elif len(paths) >= 2:
            self.start_linking(paths[0], paths[1])
        elif paths:
            self.open_side(side, paths[0])

    def open_side(self, side: Side, path: str) -> None:
        from diptych.core.ingest import read_document

        try:
            doc = read_document(path, word_extras=self.act["word_extras"].isChecked())
        except DiptychError as e:
            show_error(self, str(e), traceback.format_exc())
            return
        except OSError as e:
            show_error(self, f"{path}: {e.strerror or e}", traceback.format_exc())
            return
        self.set_side_document(side, doc)

    def paste_side(self, side: Side) -> None:
        from diptych.core.ingest import document_from_text

        try:
            doc = document_from_text(QGuiApplication.clipboard().text(), f"Pasted {SIDE_TITLES[side].lower()}")
        except DiptychError as e:
            show_error(self, str(e))
            return
        self.set_side_document(side, doc)

    def set_side_document(self, side: Side, doc: Document) -> None:
        if self.project is not None and self.session.has_review_work():
            if not ask_confirm(self, f"Replace the {SIDE_TITLES[side].lower()} and link again?",
                               "“Replace and link again” re-anchors the verdicts and notes onto the new text; "
                               "those it cannot place are kept in the Unplaced tab.", yes="Replace and link again"):
                return
            self._reanchor(side, doc)
            return
        self.docs[side] = doc
        if self.docs["left"] is not None and self.docs["right"] is not None:
            self.start_linking(self.docs["left"], self.docs["right"])
        else:
            self.panes[side].set_text(doc.text)
            self.headers[side].set_name(doc.name)

    def _reanchor(self, side: Side, doc: Document) -> None:
        assert self.project is not None
        try:
            from diptych.core.anchor import reanchor

            new, orphans = reanchor(self.project, side, doc)
        except DiptychError as e:
            show_error(self, str(e), traceback.format_exc())
            return
        self.session.push(commands.ReplaceText(self.project, side, new))
        if orphans:
            self.statusBar().showMessage(f"{len(orphans)} verdicts or notes could not be placed on the new text "
                                         "and are kept in the Unplaced tab", 10000)

    def start_linking(self, left: str | Document, right: str | Document) -> None:
        """Read (if paths or addresses) and link two articles in the background."""
        self.jobs.cancel()
        opts = self.project.options if self.project is not None else None
        keep_html, word_extras = self.keep_page_html, self.act["word_extras"].isChecked()

        def task(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> Any:
            # The project arrives from the linking process as about a million new objects. With the
            # collector on, they set off a full collection (40-50 ms holding the interpreter lock,
            # so the window's thread waits); frozen once built, they are never scanned again.
            # Reference counting still frees them when the project is closed.
            gc.disable()
            try:
                from diptych.core.fetch import attach
                from diptych.ui.open_url import fetch_sources

                lsrc, rsrc, fetched = fetch_sources(left, right, keep_html, progress, cancelled, word_extras)
                alignment = align_pair(lsrc, rsrc, opts, progress, cancelled)
                if cancelled():
                    return None
                # everything the window shows that needs no widget is built here, off the UI thread
                project = Project.from_alignment(
                    alignment, lambda f: progress("Preparing the window: claims and verdicts", 0.94 + 0.03 * f))
                attach(project, fetched)
                if cancelled():
                    return None
                view = prepare(project, lambda f: progress("Preparing the window: marks and tables", 0.97 + 0.03 * f))
                progress("Preparing the window: handing it over", 1.0)
                gc.freeze()
            finally:
                gc.enable()
            return project, view

        job = Job(task, self)
        def failed(message: str, details: str) -> None:
            show_error(self, message, details)
            self.link_failed.emit(message)

        def not_read(e: link_server.PairNotRead) -> None:
            """One file of the pair was bad: the other is shown in its pane all the same (when no
            review is on screen to keep)."""
            if self.project is None:
                for side in SIDES:
                    doc = e.docs.get(side)
                    self.docs[side] = doc
                    self.panes[side].set_text(doc.text if doc else "")
                    self.headers[side].set_name(doc.name if doc else None)

        job.done.connect(lambda result: self.set_project(result[0], None, result[1], chunked=True))
        job.not_read.connect(not_read)
        job.failed.connect(failed)
        job.was_cancelled.connect(lambda: self.statusBar().showMessage("Linking cancelled", 5000))
        self.jobs.run(job, "Reading…", shown_after=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.maybe_save():
            event.ignore()
            return
        self.jobs.cancel(10000)
        if self.project is not None:
            self.project.unsubscribe(self._on_change)
        self.session.close()
        self.layout_state.save()
        event.accept()

    # ================================================================ showing a project
    def set_project(self, project: Project, path: Path | None, view: ViewData | None = None,
                    chunked: bool = False) -> None:
        """Show ``project``. With ``chunked``, the widgets take it over in slices across event-loop
        turns (each well under 100 ms on a 1 MB pair), so the window never freezes; until the last
        slice the window has no project and every action is a no-op."""
        if self.project is not None:
            self.project.unsubscribe(self._on_change)
        self._show_generation += 1
        generation = self._show_generation
        self.session.clear(path)
        self.docs = {"left": project.document("left"), "right": project.document("right")}
        self.current = {"left": None, "right": None}
        self.coverage_label.setText("")  # until the last slice counts the review (never the idle hint)
        data = view if view is not None else prepare(project)

        def text(side: Side) -> Callable[[], None]:
            def step() -> None:
                doc = project.document(side)
                self.panes[side].set_text(doc.text, data.offsets[side])
                self._set_header(side, project)
            return step

        def claims() -> None:
            self._refresh_widgets(project, data)

        def table() -> None:
            self.claims_model.set_project(project, data.best)

        def lists() -> None:
            self.omissions_model.set_project(project, data.omissions)
            self.orphans_model.set_project(project)

        def finish() -> None:
            self.session.adopt(project)
            self.crosslingual = crossling.is_crosslingual(project.review(c.id).suggestion
                                                          for c in project.claims("right"))
            self.crossling_label.setVisible(self.crosslingual)
            project.subscribe(self._on_change)
            self._update_counts(data.counts)  # counted off the UI thread when the view was prepared
            first = project.next_unreviewed() if project.claims("right") else None
            if first is None and project.claims("right"):
                first = project.claims("right")[0].id
            if first is not None:
                self.select_claim("right", first)
            self.table.setFocus()
            self.project_shown.emit()

        steps = [text("left"), text("right"), claims, table, lists, finish]
        if not chunked:
            for step in steps:
                step()
            return

        def run(k: int) -> None:
            if generation != self._show_generation:
                return  # another project came in the meantime
            self.jobs.showing(k, len(steps))
            steps[k]()
            if k + 1 == len(steps):
                self.jobs.showing(k + 1, len(steps))
            if k + 1 < len(steps):
                QTimer.singleShot(0, lambda: run(k + 1))

        run(0)

    def _refresh_widgets(self, p: Project, data: ViewData | None = None) -> None:
        """Panes' claims, gutter and sync from ``p`` (or from data prepared off the UI thread)."""
        self.left.set_claims(data.pane_claims["left"] if data else pane_claims(p, "left"))
        self.right.set_claims(data.pane_claims["right"] if data else pane_claims(p, "right"))
        self.gutter.set_links(data.gutter_links if data else gutter_links(p))
        self.sync.set_links([(lk.left, lk.right) for lk in p.links])

    def _refresh_all(self) -> None:
        p = self.project
        if p is None:
            return
        self._refresh_widgets(p)
        self.claims_model.set_project(p)
        self.omissions_model.set_project(p)
        self.orphans_model.set_project(p)
        self._update_counts()

    def _on_change(self, change: Change) -> None:
        p = self.project
        if p is None:
            return
        if change.kind is ChangeKind.REVIEW:
            self.claims_model.claims_changed(change.ids)
            pane = self.right
            pane.update_claims([review_badge(pane.claims[k], p.reviews[cid]) for cid in change.ids
                                if (k := pane.index_of(cid)) is not None and cid in p.reviews])
            retint(p, change.ids, self.left, self.right, self.gutter)  # tints follow the verdicts
        elif change.kind is ChangeKind.LINKS:
            self._refresh_widgets(p)
            self.claims_model.links_changed()
            self.omissions_model.reset()
        elif change.kind in (ChangeKind.PROVENANCE, ChangeKind.META):
            for side in SIDES:
                self._set_header(side)
        elif change.kind in (ChangeKind.CLAIMS, ChangeKind.RESET):
            if change.kind is ChangeKind.RESET:
                for side in SIDES:
                    self.docs[side] = p.document(side)
                    if self.panes[side].text != p.document(side).text:
                        self.panes[side].set_text(p.document(side).text)
                        self._set_header(side)
            keep = dict(self.current)
            self._refresh_all()
            for side in SIDES:
                ids = {c.id for c in p.claims(side)}
                if keep[side] not in ids:
                    keep[side] = None
            if keep["right"] is None and p.claims("right"):
                keep["right"] = p.claims("right")[0].id
            self.current = {"left": keep["left"], "right": None}
            if keep["right"] is not None:
                self.select_claim("right", keep["right"], keep_left=keep["left"])
        self._update_counts()
        self._show_focus()

    def _set_header(self, side: Side, project: Project | None = None) -> None:
        """The pane's title: file name, then outlet and publication date when known."""
        p = project or self.project
        if p is None:
            doc = self.docs[side]
            self.headers[side].set_name(doc.name if doc else None)
            return
        pv = p.articles[side].provenance
        extra = " · ".join(x for x in (pv.outlet, pv.published) if x)
        self.headers[side].set_name(p.document(side).name, extra)

    def _update_counts(self, counted: tuple[dict[str, Any], int] | None = None) -> None:
        """The counts under the claims and in the status bar (``counted``: as :func:`prepare` found
        them for the project being shown, not yet changed)."""
        p = self.project
        if p is None:
            self.counts_label.setText("")
            self.coverage_label.setText(first_run.idle_hint(self.docs))
            self.tabs.setTabText(1, "Unused reference sentences")
            self.tabs.setTabText(2, "Unplaced")
            return
        c, to_check = counted or (status_counts(p), sum(1 for r in p.reviews.values() if is_check(r)))
        v = c["verdicts"]  # (lines suggested "not a claim" are left out of the shares)
        self.counts_label.setText(
            f"<b>{c['reviewed']} of {c['claims']} reviewed</b> &nbsp; C {v['consistent']} · A {v['altered']} · "
            f"U {v['unsupported']}" + (f" · {c['not_a_claim']} not claims" if c["not_a_claim"] else "")
            + f" · {to_check} to check")
        self.coverage_label.setText(
            f"Reference sentences used: {c['reference_covered']:.0%}  ·  unsupported claims: "
            f"{c['review_unsupported']:.0%}  ·  {c['links']} links")
        self.tabs.setTabText(1, f"Unused reference sentences ({c['omissions']})")
        self.tabs.setTabText(2, f"Unplaced ({len(p.orphans)})")

    # ================================================================ selection
    def select_claim(self, side: Side, claim_id: int, *, from_pane: bool = False, selecting: bool = False,
                     keep_left: int | None = None) -> None:
        p = self.project
        if p is None:
            return
        other: Side = "left" if side == "right" else "right"
        self.current[side] = claim_id
        if not selecting:
            partners = p.partners(side, claim_id)
            if side == "right":
                self.current["left"] = keep_left if keep_left in partners else (partners[0] if partners else None)
            elif partners:
                self.current["right"] = partners[0]
        self.active_side = side
        self._show_focus()
        with self.sync.paused():
            if not from_pane:
                self.panes[side].scroll_to_claim(claim_id)
            oc = self.current[other]
            if oc is not None and not selecting:
                self.panes[other].scroll_to_claim(oc)
        if not from_pane and not selecting:
            self.panes[side].put_caret_at_claim(claim_id)
        self.table.show_claim(self.current["right"])

    def _show_focus(self) -> None:
        p = self.project
        if p is None:
            return
        r, l_ = self.current["right"], self.current["left"]
        self.right.set_focus_claims(r, set(p.partners("left", l_)) - {r} if l_ is not None else set())
        self.left.set_focus_claims(l_, set(p.partners("right", r)) - {l_} if r is not None else set())
        linked = r is not None and l_ is not None and l_ in p.partners("right", r)
        self.gutter.set_selected(l_, r) if linked else self.gutter.set_selected(None, None)
        self._update_marks()
        self.panel.show_claim(p, r)
        self.claim_focus_changed.emit()

    def _update_marks(self) -> None:
        """Word differences and reason marks of the selected review claim and its linked passages."""
        p = self.project
        marks: dict[str, list[Mark]] = {"left": [], "right": []}
        r, l_ = self.current["right"], self.current["left"]
        if p is not None and r is not None and l_ is not None and l_ in p.partners("right", r):
            rc = p.claim("right", r)
            rt = p.claim_text("right", r)
            # the partners in reference order, as the suggestion saw them
            partners = sorted(p.partners("right", r), key=lambda i: p.index_of("left", i))
            lc = p.claim("left", l_)
            # across languages every word differs: the inline diff would be noise
            dl, dr = ([], []) if self.crosslingual else word_diff_spans(p.claim_text("left", l_), rt)
            marks["left"] += [Mark(lc.start + s, lc.start + e, "diff") for s, e in dl]
            marks["right"] += [Mark(rc.start + s, rc.start + e, "diff") for s, e in dr]
            if is_check(p.review(r)):
                marks["right"] += [Mark(rc.start + s, rc.start + e, "check",
                                        "changed: not in the linked reference sentences")
                                   for s, e in changed_spans(rt, [p.claim_text("left", i) for i in partners])]
            for reason in p.review(r).suggestion.reasons:
                for span in getattr(reason, "right_spans", ()) or ():
                    marks["right"].append(Mark(rc.start + span[0], rc.start + span[1], "reason", tooltip(reason.text)))
                for span in getattr(reason, "left_spans", ()) or ():
                    k, s, e = span if len(span) == 3 else (0, *span)
                    if 0 <= k < len(partners):
                        c = p.claim("left", partners[k])
                        marks["left"].append(Mark(c.start + s, c.start + e, "reason", tooltip(reason.text)))
        for side in SIDES:
            self.panes[side].set_marks(marks[side] + self.find_bar.matches(side))

    def step(self, step: int) -> None:
        """The claim ``step`` rows away in the table becomes the current one."""
        target = self.table.neighbour(self.current["right"], step)
        if target is not None:
            self.select_claim("right", target)

    def next_unreviewed(self) -> None:
        p = self.project
        if p is None:
            return
        nxt = p.next_unreviewed(self.current["right"])
        if nxt is None:
            self.statusBar().showMessage("Every claim is reviewed", 5000)
            return
        self.select_claim("right", nxt)

    def go_to_claim(self, number: int) -> bool:
        p = self.project
        if p is None or not 1 <= number <= len(p.claims("right")):
            return False
        self.select_claim("right", p.claims("right")[number - 1].id)
        return True

    def go_to_claim_dialog(self) -> None:
        p = self.project
        if p is None or not p.claims("right"):
            return
        cur = self.current["right"]
        n, ok = QInputDialog.getInt(self, "Go to claim", f"Claim number (1–{len(p.claims('right'))}):",
                                    p.index_of("right", cur) + 1 if cur is not None else 1, 1, len(p.claims("right")))
        if ok:
            self.go_to_claim(n)

    def switch_pane(self) -> None:
        target = self.left if self.right.hasFocus() else self.right
        target.setFocus()
        self.active_side = target.side

    # ================================================================ review edits (ui/review_edits.py)
    def swap_sides(self) -> None:
        left, right = self.docs["left"], self.docs["right"]
        if left is None or right is None:
            return
        if self.session.has_review_work() and not ask_confirm(
                self, "Swap the reference and the review article?",
                "“Swap and link again” links the articles the other way round; the verdicts and notes of this "
                "review are not carried over.", yes="Swap and link again"):
            return
        self.session.forget_path()
        self.start_linking(right, left)

    def _pane_menu(self, side: Side, menu: QMenu, claim_id: int | None) -> None:
        if self.project is None:
            menu.addAction(self.act[f"paste_{side}"])
            return
        if claim_id is not None:
            self.select_claim(side, claim_id, from_pane=True, selecting=True)
            self.active_side = side
        menu.addAction(self.act["link"])
        menu.addAction(self.act["unlink"])
        menu.addSeparator()
        menu.addAction(self.act["split"])
        menu.addAction(self.act["merge"])
        if side == "right":
            menu.addSeparator()
            for key in ("consistent", "altered", "unsupported", "not_claim"):
                menu.addAction(self.act[key])

    def _found(self, side: Side, start: int) -> None:
        """Find stepped to a match: its claim becomes the current one."""
        c = self.project.claim_at(side, start) if self.project else None
        if c is not None:
            self.select_claim(side, c.id, from_pane=True)

    # ================================================================ misc
    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped("right" if self.docs["left"] is not None else "left", paths)

