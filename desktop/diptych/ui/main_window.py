"""The review window: two reading panes joined by connector bands, the claims table, the claim panel.

The window keeps no copy of the review: it shows the :class:`~diptych.core.project.Project`, listens
to its change events, and changes it only through undo commands (``ui/commands.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import importlib
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from diptych.core import crossling
from diptych.core.errors import DiptychError
from diptych.core.instances import end_instance, new_instance
from diptych.core.project import Project, ProjectError, Provenance, Side
from diptych.core.text import Document
from diptych.core.verdict import changed_spans, link_label
from diptych.ui import commands, linkproc
from diptych.ui.check import CHECK_LETTER, CHECK_NAME, check_colour, is_check
from diptych.ui.claims_model import (
    COL_LINK,
    COL_NOTE,
    COL_NUM,
    COL_SUGGESTED,
    COL_TEXT,
    COL_VERDICT,
    FILTERS,
    ClaimIdRole,
    ClaimsFilter,
    ClaimsModel,
    OmissionsModel,
    OrphansModel,
)
from diptych.ui.dialogs import (
    ArticleDetailsDialog,
    ask_confirm,
    ask_recover,
    ask_save_changes,
    show_about,
    show_error,
    show_shortcuts,
    warn_locked,
)
from diptych.ui.gutter import Gutter
from diptych.ui.linkproc import align_pair
from diptych.ui.plain import escape, set_plain, status, tooltip
from diptych.ui.prepare import ViewData, gutter_links, pane_claims, prepare, review_badge
from diptych.ui.style import VERDICT_LETTERS, VERDICT_NAMES, badge_icon, clear_caches, link_strength, theme
from diptych.ui.sync import SyncScroller
from diptych.ui.text_pane import Mark, PaneClaim, TextPane
from diptych.ui.worker import Job

CROSSLINGUAL_NOTE = "Cross-lingual pair: linked by meaning, no word differences"

SIDE_TITLES = {"left": "Reference", "right": "Review article"}
ARTICLE_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.docx *.pdf)"
PROJECT_FILTER = "Diptych projects (*.diptych)"


def word_diff_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Code-point spans of the words that differ, in ``a`` and in ``b`` (from ``core.diff``)."""
    from diptych.core.diff import word_diff

    left, right = [], []
    for op in word_diff(a, b):
        if op.tag == "equal":
            continue
        if op.a_end > op.a_start:
            left.append((op.a_start, op.a_end))
        if op.b_end > op.b_start:
            right.append((op.b_start, op.b_end))
    return left, right


class PaneHeader(QLabel):
    def __init__(self, side: str) -> None:
        super().__init__()
        self.side = side
        self.setObjectName("paneHeader")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.set_name(None)

    def set_name(self, name: str | None, extra: str = "") -> None:
        role = SIDE_TITLES[self.side].upper()
        muted = theme().muted.name()
        title = escape(name) if name else "<i>no article yet</i>"
        self.setText(f"<span style='color:{muted}; font-size:small; letter-spacing:1px'>{role}</span>"
                     f"&nbsp;&nbsp;<b>{title}</b>&nbsp;&nbsp;<span style='color:{muted}'>{escape(extra)}</span>")
        self.setAccessibleName(f"{SIDE_TITLES[self.side]}: {name or 'no article yet'}")


class ClaimPanel(QFrame):
    """The selected claim: verdict buttons, suggestion and reasons, link, note."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("claimPanel")
        self.w = window
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(8)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)  # numbers and fixed words only
        self.title.setObjectName("claimTitle")
        lay.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons: dict[str, QToolButton] = {}
        for key in ("consistent", "altered", "unsupported", "not_a_claim"):
            b = QToolButton()
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            row.addWidget(b)
            self.buttons[key] = b
        row.addStretch(1)
        lay.addLayout(row)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setAccessibleName("Suggested verdict and its reasons")
        lay.addWidget(self.suggestion)
        self.link = QLabel()
        set_plain(self.link)
        self.link.setWordWrap(True)
        self.link.setTextFormat(Qt.TextFormat.PlainText)  # the label may quote the article's words
        self.link.setAccessibleName("Link to the reference")
        lay.addWidget(self.link)
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEditor")
        self.note.setPlaceholderText("Note on this claim (E to edit, Esc to leave)")
        self.note.setAccessibleName("Note on the current claim")
        self.note.setToolTip("Your note on this claim; saved with the project and in exports")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self._note_claim: int | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(400)
        self._note_timer.timeout.connect(self.commit_note)
        self.note.textChanged.connect(self._note_typed)
        self.note.installEventFilter(self)
        self._updating = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.note and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.commit_note()
            self.w.table.setFocus()
            return True
        if obj is self.note and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return False

    def _note_typed(self) -> None:
        if not self._updating:
            self._note_timer.start()

    def commit_note(self) -> None:
        self._note_timer.stop()
        p, cid = self.w.project, self._note_claim
        if p is None or cid is None or cid not in p.reviews:
            return
        text = self.note.toPlainText()
        if text != p.review(cid).note:
            self.w.push(commands.SetNote(p, cid, text))

    def show_claim(self) -> None:
        p = self.w.project
        cid = self.w.current["right"]
        enabled = p is not None and cid is not None and cid in p.reviews
        for b in self.buttons.values():
            b.setEnabled(enabled)
        self.note.setEnabled(enabled)
        if not enabled:
            self.title.setText("No claim selected")
            self.suggestion.setText("")
            self.link.setText("")
            self._set_note(None, "")
            return
        assert p is not None and cid is not None
        r = p.review(cid)
        n = p.index_of("right", cid) + 1
        total = len(p.claims("right"))
        state = ("not a claim" if r.not_a_claim else
                 f"confirmed {VERDICT_NAMES[r.verdict].lower()}" if r.verdict else "not reviewed yet")
        self.title.setText(f"<b>Claim {n}</b> of {total} &nbsp;·&nbsp; {state}")
        for key, b in self.buttons.items():
            b.setChecked(r.not_a_claim if key == "not_a_claim" else (r.verdict == key and not r.not_a_claim))
        sv = r.suggestion.verdict
        colour = theme().verdict[sv].name()
        reasons = "".join(f"<li><span style='color:{theme().muted.name()}'>{escape(x.kind)}</span>&nbsp; "
                          f"{escape(x.text)}</li>" for x in r.suggestion.reasons)
        check = is_check(r)
        hint = ("check: too unsure to accept with Enter — press C, A or U" if check else "Enter accepts")
        conf = "" if r.suggestion.confidence is None else f" · confidence {r.suggestion.confidence:.2f}"
        self.suggestion.setText(
            (f"<b style='color:{check_colour().name()}'>{CHECK_LETTER} {CHECK_NAME}</b> &nbsp;" if check else "")
            + f"Suggested: <b style='color:{colour}'>{VERDICT_NAMES[sv]}</b>"
            f" &nbsp;<span style='color:{theme().muted.name()}'>({hint}{conf})</span>"
            + (f"<ul style='margin-left:-20px'>{reasons}</ul>" if reasons else ""))
        links = p.links_of("right", cid)
        if links:
            across = crossling.is_crosslingual((r.suggestion,))
            rtext = p.claim_text("right", cid)
            parts = [f"reference passage {p.index_of('left', lk.left) + 1} · "
                     f"{link_strength(lk.score, True) if across else link_label(rtext, [p.claim_text('left', lk.left)], lk.score, r.suggestion)} "
                     f"({lk.score:.2f}{', manual' if lk.origin == 'manual' else ''})" for lk in links]
            self.link.setText("Linked to " + "; ".join(parts))
        else:
            self.link.setText("No linked passage in the reference (select one and press L to link it)")
        self._set_note(cid, r.note)

    def _set_note(self, cid: int | None, note: str) -> None:
        if self._note_claim != cid:
            self.commit_note()
        self._note_claim = cid
        if self.note.toPlainText() != note:
            self._updating = True
            self.note.setPlainText(note)
            self._updating = False


def _disk_state(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _list_table(model: QAbstractItemModel, name: str, accessible: str) -> QTableView:
    """A read-only, row-selecting table of the bottom tabs (omissions, orphans)."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    return view


BACKGROUND_SAVE_CHARS = 200_000  # from this many characters of text, the Save action writes in a thread


class MainWindow(QMainWindow):
    project_shown = Signal()  # a project is on screen (after linking or loading)
    claim_focus_changed = Signal()  # the current claims (or their state) changed
    link_failed = Signal(str)
    # from the writing threads: what the write returned (None on failure), error message, details
    _autosaved = Signal(object, str, str)
    _saved = Signal(object, str, str)

    def __init__(self) -> None:
        super().__init__()
        linkproc.start_server()  # warms up in its own process while the window is built
        # the project file module (pydantic: about 0.17 s) is imported off the UI thread, before the
        # first autosave needs it
        threading.Thread(target=importlib.import_module, args=("diptych.core.project_file",),
                         name="diptych-warm-up", daemon=True).start()
        self.setObjectName("diptychWindow")
        self.instance = new_instance()  # names this window's own autosave files
        self.headless = False  # --smoke-test / --screenshot: never wait on a modal prompt
        self._disk_state: tuple[int, int] | None = None  # the project file as this window last read or wrote it
        self.project: Project | None = None
        self.docs: dict[str, Document | None] = {"left": None, "right": None}
        self.project_path: Path | None = None
        self.current: dict[str, int | None] = {"left": None, "right": None}
        self.active_side: Side = "right"
        self.advance = True
        self.job: Job | None = None
        self.keep_page_html = False  # Open URL: keep each fetched page's HTML in the project
        self.url_dialog: Any = None
        self.lock: Any = None
        self._extra_dirty = False
        self._show_generation = 0
        self._selecting = False
        self._letter_actions: list[tuple[QAction, list[QKeySequence]]] = []
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _c: self._update_modified())
        self._build()
        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)
        self.resize(1480, 940)
        self._autosave_timer = QTimer(self)
        secs = os.environ.get("DIPTYCH_AUTOSAVE_SECONDS", "60")
        self._autosave_timer.setInterval(max(1, int(secs) if secs.isdigit() else 60) * 1000)
        self._autosave_timer.timeout.connect(self.autosave_in_background)
        self._autosave_thread: threading.Thread | None = None
        self._autosaved.connect(self._autosave_done)
        self._save_thread: threading.Thread | None = None
        self._saved.connect(self._save_done)
        self._changes = 0  # project changes so far: a background save knows whether edits came after it
        self._autosave_timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self.apply_theme())
        self._update_title()
        self._show_empty_state()

    # ================================================================ building
    def _build(self) -> None:
        self.left = TextPane("left")
        self.right = TextPane("right")
        self.panes: dict[str, TextPane] = {"left": self.left, "right": self.right}
        for side, pane in self.panes.items():
            pane.setAccessibleName(f"{SIDE_TITLES[side]} text")
            pane.setObjectName(f"{side}Pane")
            pane.claimActivated.connect(lambda cid, sel, s=side: self.on_pane_claim(s, cid, sel))
            pane.caretClaimChanged.connect(lambda cid, s=side: self.on_pane_claim(s, cid, False, caret=True))
            pane.filesDropped.connect(lambda paths, s=side: self.open_dropped(s, paths))
            pane.contextRequested.connect(lambda menu, cid, s=side: self._pane_menu(s, menu, cid))
        self.gutter = Gutter(self.left, self.right)
        self.sync = SyncScroller(self.left, self.right)
        self.headers = {s: PaneHeader(s) for s in ("left", "right")}

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
        self.find_bar = self._build_find_bar()
        grid.addWidget(self.find_bar, 2, 0, 1, 3)

        # claims table + omissions
        self.claims_model = ClaimsModel(self)
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.claims_model)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setAccessibleName("Claims of the review article")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # no sort column until the user picks one: the article's order, without sorting every row
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        # fixed widths from the font: ResizeToContents would read every row of a long article
        fm = self.fontMetrics()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the claim's text gets the room; the other columns are as narrow as their content allows
        icon = fm.height() + 8  # the verdict badge before the word
        for col, sample, extra in ((COL_NUM, "0000", 0), (COL_SUGGESTED, "Unsupported", icon),
                                   (COL_VERDICT, "Unsupported", icon), (COL_LINK, "paraphrase · 0.00", 0),
                                   (COL_NOTE, "A short note", 0)):
            hh.resizeSection(col, fm.horizontalAdvance(sample) + extra + 24)
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setHighlightSections(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)

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
        fr.addWidget(self.counts_label)
        tl.addLayout(fr)
        tl.addWidget(self.table)

        self.omissions_model = OmissionsModel(self)
        self.omissions = _list_table(self.omissions_model, "omissionsTable",
                                     "Reference passages with no counterpart (omissions)")
        self.omissions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.omissions.selectionModel().currentRowChanged.connect(self._omission_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(claims_tab, "Claims")
        self.tabs.addTab(self.omissions, "Omissions")
        self.tabs.setTabToolTip(1, "Reference passages the review article has no counterpart for")
        self.orphans_model = OrphansModel(self)
        self.orphans = _list_table(self.orphans_model, "orphansTable",
                                   "Annotations that could not be placed on a corrected text (orphans)")
        self.orphans.setWordWrap(False)
        oh = self.orphans.horizontalHeader()
        oh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        oh.resizeSection(0, fm.horizontalAdvance("Reference") + 24)
        oh.resizeSection(2, fm.horizontalAdvance("(Unsupported suggested)") + 24)
        oh.resizeSection(3, fm.horizontalAdvance("A note of some length") + 24)
        oh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.orphans, "Orphans")
        self.tabs.setTabToolTip(2, "Verdicts, notes and links whose passage is no longer in a corrected text: "
                                   "kept, never dropped")

        self.panel = ClaimPanel(self)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.tabs)
        bottom.addWidget(self.panel)
        bottom.setStretchFactor(0, 5)
        bottom.setStretchFactor(1, 2)
        bottom.setSizes([1020, 440])
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(compare)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([620, 300])
        self.split.setChildrenCollapsible(False)
        self.setCentralWidget(self.split)

        # status bar: progress of linking with cancel; coverage
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(260)
        self.progress.setAccessibleName("Linking progress")
        self.progress_label = set_plain(QLabel())
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel linking")
        self.cancel_button.clicked.connect(self.cancel_job)
        for wdg in (self.progress_label, self.progress, self.cancel_button):
            self.statusBar().addWidget(wdg)
            wdg.hide()
        self.coverage_label = set_plain(QLabel())
        self.coverage_label.setAccessibleName("Coverage")
        self.crosslingual = False  # the articles are in two languages: no word differences
        self.crossling_label = QLabel(CROSSLINGUAL_NOTE)
        self.crossling_label.setTextFormat(Qt.TextFormat.PlainText)
        self.crossling_label.setAccessibleName("Cross-lingual pair")
        self.crossling_label.hide()
        self.statusBar().addPermanentWidget(self.crossling_label)
        self.statusBar().addPermanentWidget(self.coverage_label)

    def _build_find_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("findBar")
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(set_plain(QLabel("Find in both articles:")))
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find text in both articles")
        self.find_edit.setPlaceholderText("text (Enter: next, Shift+Enter: previous, Esc: close)")
        self.find_edit.textChanged.connect(self._find_changed)
        self.find_edit.returnPressed.connect(lambda: self.find_next(False))
        self.find_edit.installEventFilter(self)
        lay.addWidget(self.find_edit, 1)
        self.find_count = set_plain(QLabel())
        lay.addWidget(self.find_count)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_find)
        lay.addWidget(close)
        bar.hide()
        self._find_matches: dict[str, list[Mark]] = {"left": [], "right": []}
        self._find_pos: tuple[str, int] = ("left", -1)
        return bar

    def _act(self, text: str, slot: Callable[[], Any], keys: list[str] | None = None, tip: str = "",
             letter: bool = False, checkable: bool = False) -> QAction:
        a = QAction(text, self)
        if keys:
            seqs = [QKeySequence(k) for k in keys]
            a.setShortcuts(seqs)
            if letter:
                self._letter_actions.append((a, seqs))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.setCheckable(checkable)
        if checkable:
            a.toggled.connect(lambda _c: slot())
        else:
            a.triggered.connect(lambda _c=False: slot())
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        A = self._act  # noqa: N806
        self.a_open = A("&Open…", self.open_dialog, ["Ctrl+O"], "Open a project, or a reference and a review article")
        self.a_open_left = A("Open &reference…", lambda: self.open_side_dialog("left"), ["Ctrl+Shift+O"],
                             "Open the reference article (left)")
        self.a_open_right = A("Open re&view article…", lambda: self.open_side_dialog("right"), ["Ctrl+Alt+O"],
                              "Open the article under review (right)")
        self.a_open_url = A("Open &URL…", self.open_url_dialog, ["Ctrl+L"],
                            "Fetch a reference and a review article from the web")
        self.a_fetch_again = {side: A(f"Fetch the {SIDE_TITLES[side].lower()} again", lambda s=side: self.fetch_again(s),
                                      None, "Fetch the page again and re-anchor the review onto its text")
                              for side in ("left", "right")}
        self.a_word_extras = A("Read Word headers, footers and footnotes", lambda: None, None,
                               "Also read the headers, footers and footnotes of .docx articles opened from now on",
                               checkable=True)
        self.a_paste_left = A("Paste as reference", lambda: self.paste_side("left"), ["Ctrl+Alt+V"],
                              "Use the text on the clipboard as the reference")
        self.a_paste_right = A("Paste as review article", lambda: self.paste_side("right"), ["Ctrl+Shift+V"],
                               "Use the text on the clipboard as the article under review")
        self.a_save = A("&Save", lambda: self.save(background=True), [QKeySequence(QKeySequence.StandardKey.Save).toString() or "Ctrl+S"],
                        "Save the review as a .diptych project")
        self.a_save_as = A("Save &as…", lambda: self.save_as(background=True), ["Ctrl+Shift+S"])
        self.a_details = A("Article &details…", self.show_article_details, ["Ctrl+I"],
                           "Each article's URL, outlet and dates, and the reviewer's name")
        self.a_export = {fmt: A(label, lambda f=fmt: self.export(f)) for fmt, label in
                         (("csv", "CSV (spreadsheet)…"), ("jsonld", "Web Annotation JSON-LD…"),
                          ("html", "HTML report…"), ("claimreview", "ClaimReview JSON-LD (schema.org)…"))}
        self.a_quit = A("&Quit", self.close, ["Ctrl+Q"])
        self.a_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.a_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.a_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.a_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.a_undo)
        self.addAction(self.a_redo)
        self.a_find = A("&Find…", self.open_find, ["Ctrl+F"], "Find text in both articles")
        self.a_goto = A("&Go to claim…", self.go_to_claim_dialog, ["Ctrl+G"], "Go to claim number N")
        self.a_verdict = {
            "consistent": A("&Consistent", lambda: self.set_verdict("consistent"), ["C", "1"],
                            "The claim says what the reference says (C)", letter=True),
            "altered": A("&Altered", lambda: self.set_verdict("altered"), ["A", "2"],
                         "The claim changes what the reference says (A)", letter=True),
            "unsupported": A("&Unsupported", lambda: self.set_verdict("unsupported"), ["U", "3"],
                             "Nothing in the reference supports the claim (U)", letter=True),
        }
        self.a_not_claim = A("&Not a claim", self.toggle_not_a_claim, ["X"],
                             "Byline, \"Read more\" line, embed…: excluded from counts (X)", letter=True)
        self.a_accept = A("Accept &suggestion", self.accept_suggestion, ["Return", "Enter"],
                          "Confirm the suggested verdict (Enter; not a suggestion to check)", letter=True)
        self.a_clear = A("Clear verdict", lambda: self.set_verdict(None), ["Backspace"],
                         "Back to unreviewed", letter=True)
        self.a_next = A("&Next claim", lambda: self.move(1), ["N", "J"], "Next claim (N)", letter=True)
        self.a_prev = A("&Previous claim", lambda: self.move(-1), ["P", "K"], "Previous claim (P)", letter=True)
        self.a_next_unrev = A("Next &unreviewed", self.next_unreviewed, ["Shift+N"],
                              "Next claim without a verdict (Shift+N)", letter=True)
        self.a_note = A("&Edit note", self.edit_note, ["E"], "Write a note on the claim (E)", letter=True)
        self.a_link = A("&Link passages", self.add_link, ["L"],
                        "Link the current reference passage to the current review claim (L)", letter=True)
        self.a_unlink = A("&Remove link", self.remove_link, ["Shift+L"],
                          "Remove the link between the current passages (Shift+L)", letter=True)
        self.a_split = A("&Split claim at caret", self.split_claim, ["S"],
                         "Split the claim under the caret in two (S)", letter=True)
        self.a_merge = A("&Merge with next claim", self.merge_claim, ["M"],
                         "Merge the current claim with the next one (M)", letter=True)
        self.a_sync = A("S&ynchronised scrolling", self._sync_toggled, ["Alt+S"],
                        "Scroll the other article along, following the links", checkable=True)
        self.a_sync.setChecked(True)
        self.a_advance = A("Advance after verdict", self._advance_toggled, [],
                           "Move to the next claim after each verdict", checkable=True)
        self.a_advance.setChecked(True)
        self.a_swap = A("S&wap reference and review", self.swap_sides, ["Ctrl+Shift+W"],
                        "Make the review article the reference and link again")
        self.a_switch_pane = A("Switch pane", self.switch_pane, ["F6"], "Move the keyboard focus to the other article")
        self.a_focus_table = A("Claims table", lambda: self.table.setFocus(), ["Ctrl+1"])
        self.a_help = A("&Keyboard shortcuts", lambda: show_shortcuts(self), ["?", "F1"], letter=True)
        self.a_about = A("&About Diptych", lambda: show_about(self))

    def _build_menus(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu("&File")
        f.addAction(self.a_open)
        f.addAction(self.a_open_left)
        f.addAction(self.a_open_right)
        f.addAction(self.a_open_url)
        for a in self.a_fetch_again.values():
            f.addAction(a)
        f.aboutToShow.connect(self._update_fetch_again)
        f.addAction(self.a_word_extras)
        from diptych.ui import corpus  # File ▸ Open batch…, Back to batch

        corpus.add_actions(self, f)
        self.recent_menu = f.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        f.addSeparator()
        f.addAction(self.a_paste_left)
        f.addAction(self.a_paste_right)
        f.addSeparator()
        f.addAction(self.a_save)
        f.addAction(self.a_save_as)
        f.addSeparator()
        f.addAction(self.a_details)
        ex = f.addMenu("&Export")
        for a in self.a_export.values():
            ex.addAction(a)
        f.addSeparator()
        f.addAction(self.a_quit)
        e = mb.addMenu("&Edit")
        e.addAction(self.a_undo)
        e.addAction(self.a_redo)
        e.addSeparator()
        e.addAction(self.a_find)
        e.addAction(self.a_goto)
        e.addSeparator()
        for a in (self.a_link, self.a_unlink, self.a_split, self.a_merge):
            e.addAction(a)
        r = mb.addMenu("&Review")
        for a in (*self.a_verdict.values(), self.a_not_claim, self.a_accept, self.a_clear):
            r.addAction(a)
        r.addSeparator()
        for a in (self.a_next, self.a_prev, self.a_next_unrev, self.a_note):
            r.addAction(a)
        r.addSeparator()
        r.addAction(self.a_advance)
        v = mb.addMenu("&View")
        for a in (self.a_sync, self.a_swap, self.a_switch_pane, self.a_focus_table):
            v.addAction(a)
        h = mb.addMenu("&Help")
        h.addAction(self.a_help)
        h.addAction(self.a_about)
        from diptych.ui.adjudicate import install as install_adjudication

        self.adjudication = install_adjudication(self, f, self.a_details)

        tb = self.addToolBar("Main")
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.a_open, self.a_save):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.a_undo)
        tb.addAction(self.a_redo)
        tb.addSeparator()
        tb.addAction(self.a_next_unrev)
        tb.addAction(self.a_link)
        tb.addAction(self.a_unlink)
        tb.addSeparator()
        tb.addAction(self.a_sync)
        tb.addAction(self.a_swap)
        tb.addSeparator()
        tb.addAction(self.a_help)
        for key, b in self.panel.buttons.items():
            action = self.a_not_claim if key == "not_a_claim" else self.a_verdict[key]
            b.setText(("X" if key == "not_a_claim" else VERDICT_LETTERS[key]) + "  " + action.text().replace("&", ""))
            b.setToolTip(action.toolTip())
            b.setAccessibleName(action.text().replace("&", ""))
            b.setIcon(badge_icon(None if key == "not_a_claim" else key, True, key == "not_a_claim"))
            b.clicked.connect(lambda _c=False, a=action: (a.trigger(), self.panel.show_claim()))

    # ================================================================ small helpers
    def push(self, cmd: Any) -> bool:
        """Push an undo command; a command whose edit the project refused leaves no trace."""
        failure: list[str] = []
        original_redo = cmd.redo

        def guarded_redo() -> None:
            try:
                original_redo()
            except ProjectError as e:
                failure.append(str(e))
                cmd.setObsolete(True)

        cmd.redo = guarded_redo
        self.undo_stack.push(cmd)
        cmd.redo = original_redo
        if failure:
            self.statusBar().showMessage(status(failure[0]), 6000)
            return False
        return True

    def _update_modified(self) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the stack's last signal while the window is destroyed
            return
        self.setWindowModified(bool(self.project) and (not self.undo_stack.isClean() or self._extra_dirty))

    def is_modified(self) -> bool:
        return self.project is not None and (not self.undo_stack.isClean() or self._extra_dirty)

    def _update_title(self) -> None:
        if self.project_path is not None:
            name = self.project_path.name
        elif self.project is not None:
            name = f"{self.project.document('right').name} vs {self.project.document('left').name}"
        else:
            name = "New review"
        self.setWindowTitle(f"{name}[*] — Diptych")

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        typing = isinstance(new, QLineEdit | QAbstractSpinBox) or (
            isinstance(new, QPlainTextEdit | QTextEdit) and not new.isReadOnly()) or (
            isinstance(new, QComboBox) and new.isEditable())
        for action, seqs in self._letter_actions:
            action.setShortcuts([] if typing else seqs)

    def letters_enabled(self) -> bool:
        return all(bool(a.shortcuts()) for a, _ in self._letter_actions)

    @contextlib.contextmanager
    def _no_sync(self) -> Iterator[None]:
        was = self.sync._busy
        self.sync._busy = True
        try:
            yield
        finally:
            self.sync._busy = was

    def apply_theme(self) -> None:
        clear_caches()
        th = theme()
        for pane in self.panes.values():
            pane.apply_theme(th)
        self.gutter.apply_theme(th)
        for s in self.headers:
            self._set_header(s)  # type: ignore[arg-type]
        self.table.viewport().update()
        self.panel.show_claim()

    def _show_empty_state(self) -> None:
        self.left.empty_text = ("Reference article\n\nDrop a file here, or File ▸ Open reference (Ctrl+Shift+O),\n"
                                "or paste text with Ctrl+Alt+V.\n\nOpen a saved review with Ctrl+O.")
        self.right.empty_text = ("Article under review\n\nDrop a file here, or File ▸ Open review article "
                                 "(Ctrl+Alt+O),\nor paste text with Ctrl+Shift+V.\n\n"
                                 "Diptych links the passages and suggests a verdict for every claim.")
        self.left.viewport().update()
        self.right.viewport().update()
        self._update_counts()

    # ================================================================ opening
    def open_paths(self, paths: list[str]) -> None:
        """What the command line and double-clicks give: one project, or one or two articles."""
        if not paths:
            return
        if len(paths) == 1 and paths[0].lower().endswith(".diptych"):
            self.open_project(paths[0])
            return
        if any(p.lower().endswith(".diptych") for p in paths):
            show_error(self, "Open a project on its own, not together with articles.")
            return
        if len(paths) >= 2:
            self.load_pair(paths[0], paths[1])
        else:
            self.open_side("left" if self.docs["left"] is None else "right", paths[0])

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open a project, or a reference and a review article", "",
                                                f"{PROJECT_FILTER};;{ARTICLE_FILTER};;All files (*)")
        if paths and self.maybe_save():
            self.open_paths(paths)

    def open_side_dialog(self, side: Side) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Open the {SIDE_TITLES[side].lower()}", "",
                                              f"{ARTICLE_FILTER};;All files (*)")
        if path:
            self.open_side(side, path)

    def open_url_dialog(self) -> None:
        """File ▸ Open URL…: two addresses, fetched and linked in the background."""
        from diptych.ui import open_url

        open_url.show_dialog(self)

    def _update_fetch_again(self) -> None:
        for side, a in self.a_fetch_again.items():
            a.setEnabled(self.project is not None and self.project.articles[side].snapshot is not None)  # type: ignore[index]

    def fetch_again(self, side: Side) -> None:
        """File ▸ Fetch … again: the page fetched anew, the review re-anchored onto it (undoable)."""
        from diptych.ui import open_url

        open_url.fetch_again(self, side)

    def open_dropped(self, side: Side, paths: list[str]) -> None:
        if len(paths) == 1 and paths[0].lower().endswith(".diptych"):
            if self.maybe_save():
                self.open_project(paths[0])
        elif len(paths) >= 2:
            self.load_pair(paths[0], paths[1])
        elif paths:
            self.open_side(side, paths[0])

    def open_side(self, side: Side, path: str) -> None:
        from diptych.core.ingest import read_document

        try:
            doc = read_document(path, word_extras=self.a_word_extras.isChecked())
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
        if self.project is not None and self._has_review_work():
            if not ask_confirm(self, f"Replace the {SIDE_TITLES[side].lower()} and link again?",
                               "Diptych re-anchors verdicts and notes onto the new text; passages it cannot "
                               "place are kept as orphans."):
                return
            self._reanchor(side, doc)
            return
        self.docs[side] = doc
        if self.docs["left"] is not None and self.docs["right"] is not None:
            self.start_linking(self.docs["left"], self.docs["right"])
        else:
            self.panes[side].set_text(doc.text)
            self.headers[side].set_name(doc.name)

    def _has_review_work(self) -> bool:
        p = self.project
        return p is not None and (any(r.reviewed or r.note for r in p.reviews.values()) or not self.undo_stack.isClean())

    def _reanchor(self, side: Side, doc: Document) -> None:
        assert self.project is not None
        try:
            from diptych.core.anchor import reanchor

            new, orphans = reanchor(self.project, side, doc)
        except DiptychError as e:
            show_error(self, str(e), traceback.format_exc())
            return
        self.push(commands.ReplaceText(self.project, side, new))
        if orphans:
            self.statusBar().showMessage(f"{len(orphans)} passages could not be placed on the new text "
                                         "and are kept as orphans", 10000)

    def load_pair(self, left: str | Document, right: str | Document) -> None:
        """Read (if paths) and link two articles in the background."""
        self.start_linking(left, right)

    def start_linking(self, left: str | Document, right: str | Document) -> None:
        if self.job is not None:
            self.cancel_job()
        opts = self.project.options if self.project is not None else None
        keep_html, word_extras = self.keep_page_html, self.a_word_extras.isChecked()

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
                progress("Preparing the window", 1.0)
                project = Project.from_alignment(alignment)
                attach(project, fetched)
                view = prepare(project)
                gc.freeze()
            finally:
                gc.enable()
            return project, view

        job = Job(task, self)
        job.progressed.connect(self._job_progress)
        job.done.connect(self._linked)
        job.failed.connect(self._job_failed)
        job.was_cancelled.connect(self._job_cancelled)
        job.finished.connect(lambda j=job: self._job_finished(j))
        self.job = job
        for wdg in (self.progress_label, self.progress, self.cancel_button):
            wdg.show()
        self.progress.setValue(0)
        self.progress_label.setText("Reading…")
        job.start()

    def _job_progress(self, stage: str, fraction: float) -> None:
        self.progress_label.setText(f"{stage}…")
        self.progress.setValue(int(fraction * 1000))

    def _job_finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None
            for wdg in (self.progress_label, self.progress, self.cancel_button):
                wdg.hide()
        job.deleteLater()

    def cancel_job(self) -> None:
        job = self.job
        if job is not None:
            job.cancel()
            job.wait(5000)

    def _job_cancelled(self) -> None:
        self.statusBar().showMessage("Linking cancelled", 5000)

    def _job_failed(self, message: str, details: str) -> None:
        show_error(self, message, details)
        self.link_failed.emit(message)

    def _linked(self, result: tuple[Project, ViewData]) -> None:
        project, view = result
        self.set_project(project, None, view, chunked=True)

    def open_project(self, path: str | os.PathLike[str]) -> bool:
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
            show_error(self, str(e), traceback.format_exc())
            self.link_failed.emit(str(e))
            return False
        except OSError as e:
            show_error(self, f"{Path(path).name}: {e.strerror or e}", traceback.format_exc())
            self.link_failed.emit(str(e))
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
                    show_error(self, f"The autosave cannot be read: {e}", traceback.format_exc())
            elif answer == "discard":
                discard_autosave(path, rec)  # only what the user chose to discard
        self._release_lock()
        lock = ProjectLock(path)
        try:
            owner = lock.acquire()
        except (OSError, DiptychError):
            owner = None
        if owner:
            warn_locked(self, Path(path).name, owner)
        else:
            self.lock = lock
        self.set_project(project, Path(path))
        self._disk_state = _disk_state(Path(path))
        self._extra_dirty = recovered is not None
        self._update_modified()
        if recovered is not None and self.autosave() is not None:
            discard_autosave(path, recovered)  # this window's own autosave now holds the review
        RecentFiles().add(path)
        return True

    def _ask_recover(self, name: str, autosave: Path) -> str:
        """'recover', 'discard' or 'keep' (closing the prompt keeps the autosave)."""
        try:
            when = datetime.fromtimestamp(autosave.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except OSError:
            return "keep"
        answer = ask_recover(self, name, when)
        return answer if answer in ("recover", "discard") else "keep"

    def offer_unsaved_recovery(self) -> None:
        """At start without files: an autosave of a never-saved review is offered."""
        try:
            from diptych.core.project_file import discard_autosave, find_recoveries, load_project
        except ImportError:
            return
        for rec in [] if self.headless else find_recoveries(None):
            answer = self._ask_recover("an unsaved review", rec)
            if answer == "recover":
                try:
                    self.set_project(load_project(rec), None)
                    self._extra_dirty = True
                    self._update_modified()
                except DiptychError as e:
                    show_error(self, f"The autosave cannot be read: {e}", traceback.format_exc())
                    continue
                if self.autosave() is not None:  # this window's own autosave now holds the review
                    discard_autosave(None, rec)
                return
            if answer == "discard":
                discard_autosave(None, rec)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        try:
            from diptych.core.project_file import RecentFiles

            paths = RecentFiles().paths()
        except ImportError:
            paths = []
        for p in paths:
            a = self.recent_menu.addAction(Path(p).name)
            a.setToolTip(tooltip(p))
            a.triggered.connect(lambda _c=False, path=p: self.maybe_save() and self.open_project(path))
        if not paths:
            self.recent_menu.addAction("No recent projects").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list").triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        from diptych.core.project_file import RecentFiles

        RecentFiles().clear()

    # ================================================================ saving
    def save(self, background: bool = False) -> bool:
        """Save to the project's file (asking for one first). ``background`` (the Save action): a
        long review is written in a thread, and the window says when it is done."""
        if self.project is None:
            return False
        if self.project_path is None:
            return self.save_as(background)
        return self.save_to(self.project_path, background)

    def save_as(self, background: bool = False) -> bool:
        if self.project is None:
            return False
        suggested = self.project_path or self.adjudication.suggested_name() or Path(
            Path(self.project.document("right").name).stem + ".diptych")
        path, _ = QFileDialog.getSaveFileName(self, "Save the review", str(suggested), PROJECT_FILTER)
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
        if not self.adjudication.may_save_to(path):
            return False
        self.wait_for_autosave()
        self.wait_for_save()
        from diptych.core.project_file import save_project

        if not self._may_replace(path):
            return False
        instance = self.instance

        if background and sum(len(self.project.document(s).text) for s in ("left", "right")) >= BACKGROUND_SAVE_CHARS:
            copy, changes = self.project.copy_for_save(), self._changes

            def write() -> tuple[Path, int, str, str]:
                save_project(copy, path, instance)
                return path, changes, copy.created, copy.modified

            self.statusBar().showMessage(status(f"Saving {path.name}…"))
            self._save_thread = self._start_writer("diptych-save", write, self._saved)
            return True
        try:
            save_project(self.project, path, instance)
        except (DiptychError, OSError, ValueError) as e:
            self.statusBar().showMessage(status(f"Not saved: {e}"), 8000)
            show_error(self, str(e), traceback.format_exc())
            return False
        self._after_save(path, clean=True)
        return True

    def _start_writer(self, name: str, write: Callable[[], Any], done: Any) -> threading.Thread:
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
            except Exception as e:  # noqa: BLE001 - any failure is reported; the thread never dies silently
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
            self.statusBar().showMessage(status(f"Not saved: {message}"), 8000)
            show_error(self, message, details)
            return
        path, changes, created, modified = result
        if self.project is not None:
            self.project.created, self.project.modified = created, modified
        # edits made while the thread wrote are not in the file: the review stays modified
        self._after_save(path, clean=changes == self._changes)

    def wait_for_save(self) -> None:
        """Let a background save finish and take its result (before closing, or another save)."""
        if self._save_thread is not None:
            self._save_thread.join()
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
            if self._save_thread is not None:  # the result was not delivered: do it here
                self._save_thread = None

    def _after_save(self, path: Path, clean: bool) -> None:
        from diptych.core.project_file import ProjectLock, RecentFiles, discard_autosave

        if self.project_path != path:
            discard_autosave(self.project_path, instance=self.instance)
            self._release_lock()
            lock = ProjectLock(path)
            with contextlib.suppress(OSError, DiptychError):
                if not lock.acquire():
                    self.lock = lock
        discard_autosave(path, instance=self.instance)
        self.project_path = path
        self._disk_state = _disk_state(path)
        if clean:
            self.undo_stack.setClean()
            self._extra_dirty = False
        else:
            self._extra_dirty = True
        self._update_modified()
        self._update_title()
        RecentFiles().add(path)
        self.statusBar().showMessage(status(f"Saved {path.name}" + (
            "" if clean else " (edits made meanwhile are not saved yet)")), 4000)

    def autosave_in_background(self) -> None:
        """The timer's autosave: the UI thread only copies the project (about 20 ms on a 1 MB pair);
        writing it (about 0.8 s there) happens in a thread, so the reviewer never waits for it."""
        if (self.project is None or not self.is_modified() or self._autosave_thread is not None
                or self._save_thread is not None):
            return
        copy, path, instance = self.project.copy_for_save(), self.project_path, self.instance

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
        self.statusBar().showMessage(status(f"Autosave failed: {message}"), 8000)
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

            return write_autosave(self.project, self.project_path, self.instance)
        except (DiptychError, OSError, ValueError) as e:
            self._autosave_failed(str(e), traceback.format_exc())
            return None

    def export(self, fmt: str) -> None:
        if self.project is None:
            return
        ext = {"csv": "csv", "jsonld": "jsonld", "html": "html", "claimreview": "claimreview.jsonld"}[fmt]
        base = self.project_path.stem if self.project_path else Path(self.project.document("right").name).stem
        path, _ = QFileDialog.getSaveFileName(self, "Export", f"{base}.{ext}", f"*.{ext.rsplit('.', 1)[-1]}")
        if not path:
            return
        self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        assert self.project is not None
        try:
            from diptych.core import export
            from diptych.core.paths import refuse_overwrite

            refuse_overwrite(path, [("the project file", self.project_path),
                                    ("the reference article", self.project.document("left").path),
                                    ("the review article", self.project.document("right").path)],
                             export.ExportError)
            {"csv": export.export_csv, "jsonld": export.export_jsonld, "html": export.export_html,
             "claimreview": export.export_claimreview}[fmt](self.project, path)
        except (DiptychError, OSError) as e:
            show_error(self, str(e), traceback.format_exc())
            return False
        self.statusBar().showMessage(status(f"Exported {Path(path).name}"), 4000)
        return True

    def _may_replace(self, path: Path) -> bool:
        """Before saving over the project's file: if another window or program changed it since this
        window read or wrote it, the reviewer decides (never a silent overwrite)."""
        if self.project_path is None or path != self.project_path or self._disk_state is None:
            return True
        now = _disk_state(path)
        if now is None or now == self._disk_state:
            return True
        return ask_confirm(self, f"{path.name} was changed by another window or program since you opened it. "
                                 "Replace it with this review?",
                           "Cancel keeps the file as it is; Save As writes this review to another file.")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current review (saved, discarded, or nothing to lose)."""
        self.wait_for_save()
        if not self.is_modified():
            return True
        name = self.project_path.name if self.project_path else "this review"
        answer = ask_save_changes(self, name)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.wait_for_autosave()
            with contextlib.suppress(ImportError, OSError):
                from diptych.core.project_file import discard_autosave

                discard_autosave(self.project_path, instance=self.instance)
            self.undo_stack.setClean()
            self._extra_dirty = False
            return True
        return False

    def _release_lock(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(OSError, DiptychError):
                self.lock.release()
            self.lock = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        if self.job is not None:
            self.job.cancel()
            self.job.wait(10000)
        self._autosave_timer.stop()
        self.wait_for_autosave()
        self.wait_for_save()
        self._release_lock()
        end_instance(self.instance)
        if self.project is not None:
            self.project.unsubscribe(self._on_change)
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
        self.project = None
        self.project_path = path
        self.docs = {"left": project.document("left"), "right": project.document("right")}
        self.undo_stack.clear()
        self._extra_dirty = False
        self.current = {"left": None, "right": None}
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
            self.project = project
            self.crosslingual = crossling.is_crosslingual(project.review(c.id).suggestion
                                                          for c in project.claims("right"))
            self.crossling_label.setVisible(self.crosslingual)
            project.subscribe(self._on_change)
            self._update_counts()
            first = project.next_unreviewed() if project.claims("right") else None
            if first is None and project.claims("right"):
                first = project.claims("right")[0].id
            if first is not None:
                self.select_claim("right", first)
            self._update_title()
            self._update_modified()
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
            steps[k]()
            if k + 1 < len(steps):
                QTimer.singleShot(0, lambda: run(k + 1))

        run(0)

    def _pane_claims(self, side: Side) -> list[PaneClaim]:
        assert self.project is not None
        return pane_claims(self.project, side)

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

    def _on_change(self, change: Any) -> None:
        self._changes += 1
        p = self.project
        if p is None:
            return
        if change.kind == "review":
            self.claims_model.claims_changed(change.ids)
            pane = self.right
            pane.update_claims([review_badge(pane.claims[k], p.reviews[cid]) for cid in change.ids
                                if (k := pane.index_of(cid)) is not None and cid in p.reviews])
        elif change.kind == "links":
            self._refresh_widgets(p)
            self.claims_model.links_changed()
            self.omissions_model.reset()
        elif change.kind in ("provenance", "meta"):
            for side in ("left", "right"):
                self._set_header(side)  # type: ignore[arg-type]
        elif change.kind in ("claims", "reset"):
            if change.kind == "reset":
                for side in ("left", "right"):
                    self.docs[side] = p.document(side)  # type: ignore[arg-type]
                    if self.panes[side].text != p.document(side).text:  # type: ignore[arg-type]
                        self.panes[side].set_text(p.document(side).text)  # type: ignore[arg-type]
                        self._set_header(side)  # type: ignore[arg-type]
            keep = dict(self.current)
            self._refresh_all()
            for side in ("left", "right"):
                ids = {c.id for c in p.claims(side)}  # type: ignore[arg-type]
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

    # ================================================================ article details
    def show_article_details(self) -> ArticleDetailsDialog | None:
        p = self.project
        if p is None:
            self.statusBar().showMessage("Open a reference and a review article first", 5000)
            return None
        prov = {s: dataclasses.asdict(p.articles[s].provenance) for s in ("left", "right")}  # type: ignore[index]
        names = {s: p.document(s).name for s in ("left", "right")}  # type: ignore[arg-type]
        dlg = ArticleDetailsDialog(self, p.reviewer, prov, names)
        dlg.accepted.connect(lambda: self.apply_article_details(*dlg.values()))
        dlg.open()
        return dlg

    def apply_article_details(self, reviewer: str, provenance: dict[str, dict[str, str]]) -> None:
        """Every changed field in one undo step."""
        p = self.project
        if p is None:
            return
        cmds: list[Any] = []
        if reviewer != p.reviewer:
            cmds.append(commands.SetReviewer(p, reviewer))
        for side in ("left", "right"):
            new = Provenance(**provenance[side])
            if new != p.articles[side].provenance:  # type: ignore[index]
                cmds.append(commands.SetProvenance(p, side, new))  # type: ignore[arg-type]
        if not cmds:
            return
        self.undo_stack.beginMacro("Article details")
        for cmd in cmds:
            self.push(cmd)
        self.undo_stack.endMacro()
        self.statusBar().showMessage("Article details changed", 4000)

    def _update_counts(self) -> None:
        p = self.project
        if p is None:
            self.counts_label.setText("")
            self.coverage_label.setText("Open a reference and a review article to start")
            self.tabs.setTabText(1, "Omissions")
            self.tabs.setTabText(2, "Orphans")
            return
        c = p.counts()
        v = c["verdicts"]
        to_check = sum(1 for r in p.reviews.values() if is_check(r))
        self.counts_label.setText(
            f"<b>{c['reviewed']} of {c['claims']} reviewed</b> &nbsp; C {v['consistent']} · A {v['altered']} · "
            f"U {v['unsupported']}" + (f" · {c['not_a_claim']} not claims" if c["not_a_claim"] else "")
            + f" · {to_check} to check")
        self.coverage_label.setText(
            f"Reference covered {c['reference_covered']:.0%}  ·  review unsupported {c['review_unsupported']:.0%}"
            f"  ·  {c['links']} links")
        self.tabs.setTabText(1, f"Omissions ({c['omissions']})")
        self.tabs.setTabText(2, f"Orphans ({len(p.orphans)})")

    # ================================================================ selection
    def select_claim(self, side: str, claim_id: int, *, from_pane: bool = False, selecting: bool = False,
                     keep_left: int | None = None) -> None:
        p = self.project
        if p is None:
            return
        other = "left" if side == "right" else "right"
        self.current[side] = claim_id
        if not selecting:
            partners = p.partners(side, claim_id)  # type: ignore[arg-type]
            if side == "right":
                self.current["left"] = keep_left if keep_left in partners else (partners[0] if partners else None)
            elif partners:
                self.current["right"] = partners[0]
        self.active_side = side  # type: ignore[assignment]
        self._show_focus()
        with self._no_sync():
            if not from_pane:
                self.panes[side].scroll_to_claim(claim_id)
            oc = self.current[other]
            if oc is not None and not selecting:
                self.panes[other].scroll_to_claim(oc)
        if not from_pane and not selecting:
            self.panes[side].put_caret_at_claim(claim_id)
        self._select_table_row()

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
        self.panel.show_claim()
        self.a_unlink.setEnabled(linked)
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
                marks["right"] += [Mark(rc.start + s, rc.start + e, "check", "changed: not in the linked passage")
                                   for s, e in changed_spans(rt, [p.claim_text("left", i) for i in partners])]
            for reason in p.review(r).suggestion.reasons:
                for span in getattr(reason, "right_spans", ()) or ():
                    marks["right"].append(Mark(rc.start + span[0], rc.start + span[1], "reason", tooltip(reason.text)))
                for span in getattr(reason, "left_spans", ()) or ():
                    k, s, e = span if len(span) == 3 else (0, *span)
                    if 0 <= k < len(partners):
                        c = p.claim("left", partners[k])
                        marks["left"].append(Mark(c.start + s, c.start + e, "reason", tooltip(reason.text)))
        for side in ("left", "right"):
            self.panes[side].set_marks(marks[side] + self._find_matches[side])

    def _select_table_row(self) -> None:
        cid = self.current["right"]
        if cid is None:
            return
        row = self.claims_model.row_of(cid)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.claims_model.index(row, 0))
        if not idx.isValid():
            return
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(idx)
        finally:
            self._selecting = False

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        cid = current.data(ClaimIdRole)
        if cid is not None:
            self.select_claim("right", int(cid))

    def _omission_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            cid = current.data(ClaimIdRole)
            if cid is not None:
                self.select_claim("left", int(cid), selecting=True)

    def on_pane_claim(self, side: str, claim_id: int, selecting: bool, caret: bool = False) -> None:
        self.select_claim(side, claim_id, from_pane=True, selecting=selecting or caret)

    def _claim_at_row(self, row: int) -> int | None:
        """The review claim id at a row of the table as sorted and filtered."""
        if not 0 <= row < self.proxy.rowCount():
            return None
        src = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        return self.claims_model.ids[src] if 0 <= src < len(self.claims_model.ids) else None

    def _neighbour(self, step: int) -> int | None:
        """The claim ``step`` rows from the current one in the table's order (a few calls, not one
        per row: on an 8,000-claim article that took 70-90 ms per key press)."""
        if self.proxy.rowCount() == 0:
            return None
        cur = self.current["right"]
        src = self.claims_model.row_of(cur) if cur is not None else None
        row = self.proxy.mapFromSource(self.claims_model.index(src, 0)).row() if src is not None else -1
        if row < 0:  # no current claim, or filtered out
            return self._claim_at_row(0)
        return self._claim_at_row(row + step)

    def move(self, step: int) -> None:
        target = self._neighbour(step)
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
        self.active_side = target.side  # type: ignore[assignment]

    # ================================================================ review edits
    def _current_review(self) -> int | None:
        p = self.project
        cid = self.current["right"]
        return cid if p is not None and cid is not None and cid in p.reviews else None

    def _after_verdict(self, nxt: int | None) -> None:
        if self.advance and nxt is not None:
            self.select_claim("right", nxt)
        else:
            self._select_table_row()

    def set_verdict(self, verdict: str | None) -> None:
        cid = self._current_review()
        if cid is None or self.project is None:
            return
        nxt = self._neighbour(1)
        self.push(commands.SetVerdict(self.project, cid, verdict))
        self._after_verdict(nxt if verdict is not None else None)

    def accept_suggestion(self) -> None:
        cid = self._current_review()
        if cid is None or self.project is None:
            return
        if is_check(self.project.review(cid)):  # too unsure to accept blind (ui/check.py)
            self.statusBar().showMessage("This suggestion needs a check: read the highlighted words, then press "
                                         "C, A or U", 6000)
            return
        self.set_verdict(self.project.review(cid).suggestion.verdict)

    def toggle_not_a_claim(self) -> None:
        cid = self._current_review()
        if cid is None or self.project is None:
            return
        r = self.project.review(cid)
        was = r.not_a_claim
        nxt = self._neighbour(1)
        self.push(commands.SetVerdict(self.project, cid, r.verdict, not was))
        self._after_verdict(None if was else nxt)

    def edit_note(self) -> None:
        if self._current_review() is not None:
            self.panel.note.setFocus()

    def add_link(self) -> None:
        p = self.project
        r, l_ = self.current["right"], self.current["left"]
        if p is None:
            return
        if r is None or l_ is None:
            self.statusBar().showMessage("Select a passage in each article first (click, or drag to select)", 6000)
            return
        if l_ in p.partners("right", r):
            self.statusBar().showMessage("These passages are already linked", 5000)
            return
        from rapidfuzz import fuzz

        score = round(fuzz.token_sort_ratio(p.claim_text("left", l_), p.claim_text("right", r)) / 100, 4)
        if self.push(commands.AddLink(p, l_, r, score)):
            self.select_claim("right", r, keep_left=l_)

    def remove_link(self) -> None:
        p = self.project
        r, l_ = self.current["right"], self.current["left"]
        if p is None or r is None:
            return
        if l_ is None or l_ not in p.partners("right", r):
            partners = p.partners("right", r)
            if len(partners) != 1:
                self.statusBar().showMessage("Select the linked reference passage to remove its link", 5000)
                return
            l_ = partners[0]
        if self.push(commands.RemoveLink(p, l_, r)):
            self.current["left"] = l_
            self.select_claim("right", r, selecting=True)
            self._show_focus()

    def split_claim(self) -> None:
        p = self.project
        if p is None:
            return
        side = self.active_side
        pane = self.panes[side]
        offset = pane.caret_offset()
        c = p.claim_at(side, offset)
        if c is None:
            return
        if self.push(commands.SplitClaim(p, side, c.id, offset)):
            self.select_claim(side, c.id)

    def merge_claim(self) -> None:
        p = self.project
        if p is None:
            return
        side = self.active_side
        cid = self.current[side]
        if cid is None:
            return
        claims = p.claims(side)
        k = p.index_of(side, cid)
        if k + 1 >= len(claims):
            self.statusBar().showMessage("This is the last claim: there is nothing to merge it with", 5000)
            return
        self.push(commands.MergeClaims(p, side, cid, claims[k + 1].id))

    def swap_sides(self) -> None:
        left, right = self.docs["left"], self.docs["right"]
        if left is None or right is None:
            return
        if self._has_review_work() and not ask_confirm(
                self, "Swap the reference and the review article?",
                "Diptych links the articles again; the verdicts and notes of this review are not carried over."):
            return
        self.project_path = None
        self.start_linking(right, left)

    def _sync_toggled(self) -> None:
        self.sync.enabled = self.a_sync.isChecked()

    def _advance_toggled(self) -> None:
        self.advance = self.a_advance.isChecked()

    def _pane_menu(self, side: str, menu: QMenu, claim_id: int | None) -> None:
        if self.project is None:
            menu.addAction(self.a_paste_left if side == "left" else self.a_paste_right)
            return
        if claim_id is not None:
            self.select_claim(side, claim_id, from_pane=True, selecting=True)
            self.active_side = side  # type: ignore[assignment]
        menu.addAction(self.a_link)
        menu.addAction(self.a_unlink)
        menu.addSeparator()
        menu.addAction(self.a_split)
        menu.addAction(self.a_merge)
        if side == "right":
            menu.addSeparator()
            for a in (*self.a_verdict.values(), self.a_not_claim):
                menu.addAction(a)

    # ================================================================ find
    def open_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self._find_matches = {"left": [], "right": []}
        self._update_marks()
        self.table.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.find_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_find()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_next(True)
                return True
        return False

    def _find_changed(self, text: str) -> None:
        self._find_matches = {"left": [], "right": []}
        self._find_pos = ("left", -1)
        needle = text.strip()
        total = 0
        if len(needle) >= 2:
            for side, pane in self.panes.items():
                doc = pane.document()
                cur = doc.find(needle, 0)
                found = []
                while not cur.isNull() and len(found) < 2000:
                    s, e = pane.offsets.span_to_core(cur.selectionStart(), cur.selectionEnd())
                    found.append(Mark(s, e, "find"))
                    cur = doc.find(needle, cur)
                self._find_matches[side] = found
                total += len(found)
        self.find_count.setText(f"{total} found" if needle else "")
        self._update_marks()

    def find_next(self, backwards: bool = False) -> None:
        order = [(s, m) for s in ("left", "right") for m in self._find_matches[s]]
        if not order:
            return
        side, k = self._find_pos
        flat = [i for i, (s, _m) in enumerate(order) if s == side]
        pos = (flat[0] + k) if flat and k >= 0 else -1
        pos = (pos + (-1 if backwards else 1)) % len(order)
        side, mark = order[pos]
        self._find_pos = (side, pos - next(i for i, (s, _m) in enumerate(order) if s == side))
        pane = self.panes[side]
        cur = pane.textCursor()
        s16, e16 = pane.offsets.span_to_qt(mark.start, mark.end)
        cur.setPosition(s16)
        cur.setPosition(e16, cur.MoveMode.KeepAnchor)
        pane._programmatic_caret = True
        pane.setTextCursor(cur)
        pane._programmatic_caret = False
        pane.ensureCursorVisible()
        c = self.project.claim_at(side, mark.start) if self.project else None  # type: ignore[arg-type]
        if c is not None:
            self.select_claim(side, c.id, from_pane=True)

    # ================================================================ misc
    def first_altered(self) -> int | None:
        p = self.project
        if p is None:
            return None
        for c in p.claims("right"):
            if p.effective_verdict(c.id) == "altered":
                return c.id
        for c in p.claims("right"):  # else the first passage that was changed at all
            links = p.links_of("right", c.id)
            if links and max(lk.score for lk in links) < 0.97:
                return c.id
        return p.claims("right")[0].id if p.claims("right") else None

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped("right" if self.docs["left"] is not None else "left", paths)

