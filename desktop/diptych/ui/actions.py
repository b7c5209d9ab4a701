"""The window's actions in one table: the menus, the toolbar and the keyboard shortcuts help are built
from it, so a key is written once.

To add an action: a row in :data:`ACTIONS` (or in a feature's own table, such as
:data:`ADJUDICATION_ACTIONS`), and a slot of the same id where the table is built
(:func:`build_actions`). Its menu, toolbar place and help line follow from the row.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from diptych.core.export import EXPORTERS
from diptych.ui.plain import tooltip


@dataclass(frozen=True)
class ActionSpec:
    """One action. ``menu`` is a path of menu titles ("&File/&Export"); ``sep`` puts a separator
    before it in its menu; ``toolbar`` is the toolbar group (a separator between groups);
    ``letter_key`` shortcuts are off while the reviewer types; ``help`` is its line in the shortcuts
    help, under ``group`` (keys shown as ``help_keys`` when given, else the keys themselves).
    ``enabled_when`` names what the action needs before it can act (a key of :data:`CONDITIONS`):
    until then it is greyed out and its keys do nothing."""

    id: str
    text: str
    keys: tuple[str, ...] = ()
    tip: str = ""
    menu: str = ""
    sep: bool = False
    toolbar: int | None = None
    letter_key: bool = False
    checkable: bool = False
    checked: bool = False
    enabled: bool = True
    help: str = ""
    group: str = ""
    help_keys: str = ""
    kind: str = "action"  # "action", "undo", "redo", or "submenu" (an empty menu the window fills)
    enabled_when: str = ""


# What an action may wait for (ActionSpec.enabled_when); the window says which hold (Actions.watch).
CONDITIONS = {
    "text": "an article is on screen",
    "pair": "a linked pair is on screen",
    "claims": "the article under review has claims",
    "claim": "a claim of the article under review is selected",
    "linked": "the selected claim and reference sentence are linked",
    "unsaved": "the review has changes to save, or no file yet",
    "two_articles": "both articles are open and nothing is being linked",
}


SAVE_KEY = "Ctrl+S"

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", ("Ctrl+O",), "Open a project, or a reference and a review article",
               menu="&File", toolbar=0, help="Open a project or an article pair", group="Files"),
    ActionSpec("open_left", "Open &reference…", ("Ctrl+Shift+O",), "Open the reference article (left)",
               menu="&File", help="Open the reference article", group="Files"),
    ActionSpec("open_right", "Open re&view article…", ("Ctrl+Alt+O",), "Open the article under review (right)",
               menu="&File", help="Open the article under review", group="Files"),
    ActionSpec("open_url", "Open &URL…", ("Ctrl+L",), "Fetch a reference and a review article from the web",
               menu="&File", help="Open two articles from the web (URLs)", group="Files"),
    ActionSpec("fetch_again_left", "Fetch the reference again", (),
               "Fetch the page again and re-anchor the review onto its text", menu="&File"),
    ActionSpec("fetch_again_right", "Fetch the review article again", (),
               "Fetch the page again and re-anchor the review onto its text", menu="&File"),
    ActionSpec("word_extras", "Read Word headers, footers and footnotes", (),
               "Also read the headers, footers and footnotes of .docx articles opened from now on",
               menu="&File", checkable=True),
    ActionSpec("open_batch", "Open &batch…", (), "Open the folder of a batch (diptych batch) as a table of its pairs",
               menu="&File"),
    ActionSpec("back_to_batch", "Back to &batch", ("Ctrl+Shift+B",), "Back to the batch's table of pairs",
               menu="&File", enabled=False, help="Back to the batch's table of pairs", group="Files"),
    ActionSpec("recent", "Open &recent", menu="&File", kind="submenu"),
    ActionSpec("paste_left", "Paste as reference", ("Ctrl+Alt+V",), "Use the text on the clipboard as the reference",
               menu="&File", sep=True, help="Paste the clipboard as the reference", group="Files"),
    ActionSpec("paste_right", "Paste as review article", ("Ctrl+Shift+V",),
               "Use the text on the clipboard as the article under review", menu="&File",
               help="Paste the clipboard as the review article", group="Files"),
    ActionSpec("save", "&Save", (SAVE_KEY,), "Save the review as a .diptych project", menu="&File", sep=True,
               toolbar=0, help="Save the project", group="Files", enabled_when="unsaved"),
    ActionSpec("save_as", "Save &as…", ("Ctrl+Shift+S",), menu="&File", help="Save the project as…", group="Files",
               enabled_when="pair"),
    ActionSpec("details", "Article &details…", ("Ctrl+I",),
               "Each article's URL, outlet and dates, and the reviewer's name", menu="&File", sep=True,
               help="Article details: URL, outlet, dates, reviewer", group="Files", enabled_when="pair"),
    *(ActionSpec(f"export_{e.name}", e.label, menu="&File/&Export", enabled_when="pair") for e in EXPORTERS.values()),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), menu="&File", sep=True, help="Quit", group="Files"),
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), menu="&Edit", toolbar=1, kind="undo", help="Undo", group="Edit"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), menu="&Edit", toolbar=1, kind="redo", help="Redo",
               group="Edit"),
    ActionSpec("find", "&Find…", ("Ctrl+F",), "Find text in both articles", menu="&Edit", sep=True,
               help="Find in both articles", group="Move", enabled_when="text"),
    ActionSpec("goto", "&Go to claim…", ("Ctrl+G",), "Go to claim number N", menu="&Edit",
               help="Go to claim number…", group="Move", enabled_when="claims"),
    ActionSpec("consistent", "&Consistent", ("C", "1"), "The claim says what the reference says (C)",
               menu="&Review", letter_key=True, help="Consistent", group="Review", enabled_when="claim"),
    ActionSpec("altered", "&Altered", ("A", "2"), "The claim changes what the reference says (A)",
               menu="&Review", letter_key=True, help="Altered", group="Review", enabled_when="claim"),
    ActionSpec("unsupported", "&Unsupported", ("U", "3"), "Nothing in the reference supports the claim (U)",
               menu="&Review", letter_key=True, help="Unsupported", group="Review", enabled_when="claim"),
    ActionSpec("not_claim", "&Not a claim", ("X",), "Byline, \"Read more\" line, embed…: excluded from counts (X)",
               menu="&Review", letter_key=True, help="Not a claim (excluded from counts)", group="Review",
               enabled_when="claim"),
    ActionSpec("accept", "Accept &suggestion", ("Return", "Enter"),
               "Confirm the suggested verdict (Enter; not a suggestion to check)",
               menu="&Review", letter_key=True, help="Accept the suggested verdict", group="Review",
               help_keys="Enter", enabled_when="claim"),
    ActionSpec("clear", "Clear verdict", ("Backspace",), "Back to unreviewed", menu="&Review", letter_key=True,
               help="Clear the verdict", group="Review", enabled_when="claim"),
    ActionSpec("next", "&Next claim", ("N", "J"), "Next claim (N)", menu="&Review", sep=True, letter_key=True,
               help="Next claim", group="Move", enabled_when="claims"),
    ActionSpec("prev", "&Previous claim", ("P", "K"), "Previous claim (P)", menu="&Review", letter_key=True,
               help="Previous claim", group="Move", enabled_when="claims"),
    ActionSpec("next_unreviewed", "Next &unreviewed", ("Shift+N",), "Next claim without a verdict (Shift+N)",
               menu="&Review", toolbar=2, letter_key=True, help="Next unreviewed claim", group="Move",
               enabled_when="claims"),
    ActionSpec("note", "&Edit note", ("E",), "Write a note on the claim (E)", menu="&Review", letter_key=True,
               help="Edit the note of the claim", group="Review", enabled_when="claim"),
    ActionSpec("link", "&Link", ("L",), "Link the selected reference sentence to the selected claim (L)",
               menu="&Edit", sep=True, toolbar=2, letter_key=True,
               help="Link the selected reference sentence to the selected claim", group="Edit",
               enabled_when="claim"),
    ActionSpec("unlink", "&Remove link", ("Shift+L",),
               "Remove the link between the selected claim and reference sentence (Shift+L)",
               menu="&Edit", toolbar=2, letter_key=True, help="Remove that link", group="Edit", enabled_when="linked"),
    ActionSpec("split", "&Split claim at caret", ("S",), "Split the claim under the caret in two (S)",
               menu="&Edit", letter_key=True, help="Split the claim at the caret", group="Edit", enabled_when="pair"),
    ActionSpec("merge", "&Merge with next claim", ("M",), "Merge the current claim with the next one (M)",
               menu="&Edit", letter_key=True, help="Merge the claim with the next one", group="Edit",
               enabled_when="pair"),
    ActionSpec("sync", "S&ynchronised scrolling", ("Alt+S",), "Scroll the other article along, following the links",
               menu="&View", toolbar=3, checkable=True, checked=True, help="Toggle synchronised scrolling",
               group="View"),
    ActionSpec("advance", "Advance after verdict", (), "Move to the next claim after each verdict", menu="&Review",
               sep=True, checkable=True, checked=True),
    ActionSpec("swap", "S&wap reference and review", ("Ctrl+Shift+W",),
               "Make the review article the reference and link again", menu="&View", toolbar=3,
               help="Swap the reference and the review article", group="View", enabled_when="two_articles"),
    ActionSpec("claims_area", "&Claims and claim panel", ("F9",),
               "Show or hide the claims table and the claim panel (the articles take the room)", menu="&View",
               sep=True, checkable=True, checked=True, help="Show or hide the claims and the claim panel",
               group="View"),
    ActionSpec("all_bands", "Show all &bands", (),
               "Draw a band for every link in view, also those whose partner is out of view (else only the "
               "current claim's)", menu="&View", checkable=True),
    ActionSpec("switch_pane", "Switch pane", ("F6",), "Move the keyboard focus to the other article", menu="&View",
               help="Switch pane", group="Move"),
    ActionSpec("focus_table", "Claims table", ("Ctrl+1",), menu="&View", help="Move the keyboard focus to the claims",
               group="Move"),
    ActionSpec("legend", "&Legend", (), "What the tints, badges, marks and bands mean", menu="&View"),
    ActionSpec("help", "&Keyboard shortcuts", ("?", "F1"), menu="&Help", toolbar=4, letter_key=True,
               help="This help", group="View"),
    ActionSpec("about", "&About Diptych", menu="&Help"),
)

ADJUDICATION_GROUP = "Adjudicating two reviews (File ▸ Compare with another review…)"

# The adjudication's own actions: the adjudicator builds them and places them in its own menu.
ADJUDICATION_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("compare", "Compare with another review…", (),
               "Open another review of the same pair beside this one and settle their differences"),
    ActionSpec("take_a", "Take A's decision", ("Shift+A",),
               "Take reviewer A's decision, note and links for this claim (Shift+A)", letter_key=True,
               help="Take reviewer A's decision, note and links", group=ADJUDICATION_GROUP),
    ActionSpec("take_b", "Take B's decision", ("Shift+B",),
               "Take reviewer B's decision, note and links for this claim (Shift+B)", letter_key=True,
               help="Take reviewer B's decision, note and links", group=ADJUDICATION_GROUP),
    ActionSpec("next_pending", "Next to settle", ("D",), "The next claim that waits for your decision (D)",
               letter_key=True, help="Next claim to settle", group=ADJUDICATION_GROUP),
    ActionSpec("report", "Agreement report…", (),
               "Raw agreement, Cohen's κ, Krippendorff's α, links: the figures of 'diptych agree'"),
)

HELP_GROUPS = ("Review", "Move", "Edit", "Files", "View", ADJUDICATION_GROUP)
# lines of the help that are no single action
HELP_EXTRA: dict[str, tuple[tuple[str, str], ...]] = {
    ADJUDICATION_GROUP: (("C / A / U / X / Enter", "Decide anew"),),
}

_TABLES: list[Sequence[ActionSpec]] = [ACTIONS, ADJUDICATION_ACTIONS]


def register_table(specs: Sequence[ActionSpec]) -> None:
    """A feature's own table: its keys appear in the shortcuts help too."""
    if specs not in _TABLES:
        _TABLES.append(specs)


def all_specs() -> Iterable[ActionSpec]:
    for table in _TABLES:
        yield from table


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """The shortcuts help, group by group: (keys as shown, what they do)."""
    groups: dict[str, list[tuple[str, str]]] = {g: [] for g in HELP_GROUPS}
    for spec in all_specs():
        if spec.help and spec.keys:
            keys = spec.help_keys or "  or  ".join(spec.keys)
            groups.setdefault(spec.group or "Other", []).append((keys, spec.help))
    for group, extra in HELP_EXTRA.items():
        groups.setdefault(group, []).extend(extra)
    return [(g, rows) for g, rows in groups.items() if rows]


class UndoToolActions(QObject):
    """Undo and Redo as the toolbar shows them: fixed labels, so no button moves when the next edit
    to undo changes; the edit itself ("Undo Unsupported (claim 3)") is in the tooltip, and in full in
    the Edit menu (the stack's own actions). The labels follow the stack through this object's
    methods, so nothing is left connected once the window is gone."""

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack
        self.undo = QAction("Undo", self)
        self.redo = QAction("Redo", self)
        self.undo.triggered.connect(stack.undo)
        self.redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(self.undo_text_changed)
        stack.redoTextChanged.connect(self.redo_text_changed)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.undo_text_changed(stack.undoText())
        self.redo_text_changed(stack.redoText())

    def undo_text_changed(self, text: str) -> None:
        self.undo.setToolTip(tooltip(f"Undo {text} (Ctrl+Z)") if text else "Nothing to undo")

    def redo_text_changed(self, text: str) -> None:
        self.redo.setToolTip(tooltip(f"Redo {text} (Ctrl+Shift+Z)") if text else "Nothing to redo")


class Actions:
    """The QActions built from a table, by id, and the letter-key actions (off while typing)."""

    def __init__(self) -> None:
        self.undo_stack: QUndoStack | None = None
        self.tool_undo: UndoToolActions | None = None
        self.by_id: dict[str, QAction] = {}
        self.specs: dict[str, ActionSpec] = {}
        self.letter: list[tuple[QAction, list[QKeySequence]]] = []
        self.conditions: dict[str, Callable[[], bool]] = {}

    def __getitem__(self, key: str) -> QAction:
        return self.by_id[key]

    def __contains__(self, key: object) -> bool:
        return key in self.by_id

    def set_typing(self, typing: bool) -> None:
        """Single-letter shortcuts are off while the keyboard types into a field."""
        for action, seqs in self.letter:
            action.setShortcuts([] if typing else seqs)

    def watch(self, conditions: Mapping[str, Callable[[], bool]], *signals: SignalInstance) -> None:
        """Each action with an ``enabled_when`` is enabled while its condition holds, checked again
        whenever one of ``signals`` fires (the window's and the session's change events)."""
        unknown = {s.enabled_when for s in self.specs.values() if s.enabled_when} - set(conditions)
        assert not unknown, f"no condition for {sorted(unknown)}"
        self.conditions = dict(conditions)
        for signal in signals:
            signal.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self, *_args: object) -> None:
        held: dict[str, bool] = {}
        for key, action in self.by_id.items():
            need = self.specs[key].enabled_when
            if need and need in self.conditions:
                if need not in held:
                    held[need] = bool(self.conditions[need]())
                if action.isEnabled() != held[need]:
                    action.setEnabled(held[need])

    def letters_enabled(self) -> bool:
        return all(bool(a.shortcuts()) for a, _ in self.letter)

    def build(self, parent: QWidget, specs: Iterable[ActionSpec], slots: Mapping[str, Callable[[], Any]],
              undo_stack: QUndoStack | None = None) -> None:
        """A QAction per row (on ``parent``, window-wide shortcut) connected to ``slots[id]``."""
        if undo_stack is not None:
            self.undo_stack = undo_stack
        for spec in specs:
            if spec.kind == "submenu":
                self.specs[spec.id] = spec
                continue
            if spec.kind in ("undo", "redo"):
                assert undo_stack is not None
                a = (undo_stack.createUndoAction if spec.kind == "undo" else undo_stack.createRedoAction)(
                    parent, spec.text)
            else:
                a = QAction(spec.text, parent)
                slot = slots[spec.id]
                if spec.checkable:
                    a.setCheckable(True)
                    a.setChecked(spec.checked)
                    a.toggled.connect(lambda _c, f=slot: f())
                else:
                    a.triggered.connect(lambda _c=False, f=slot: f())
            seqs = [QKeySequence(k) for k in spec.keys]
            if seqs:
                a.setShortcuts(seqs)
                if spec.letter_key:
                    self.letter.append((a, seqs))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if not spec.enabled:  # (undo and redo follow their stack)
                a.setEnabled(False)
            if spec.tip:
                a.setToolTip(spec.tip)
                a.setStatusTip(spec.tip)
            parent.addAction(a)
            self.by_id[spec.id] = a
            self.specs[spec.id] = spec

    def build_menus(self, window: QMainWindow, specs: Iterable[ActionSpec]) -> dict[str, QMenu]:
        """The menu bar from the rows' ``menu`` paths, in table order; returns the menus by path (and
        the ``submenu`` rows' empty menus by id)."""
        menus: dict[str, QMenu] = {}
        bar = window.menuBar()

        def menu(path: str) -> QMenu:
            if path not in menus:
                parent, _, title = path.rpartition("/")
                menus[path] = bar.addMenu(title) if not parent else menu(parent).addMenu(title)
            return menus[path]

        for spec in specs:
            if not spec.menu:
                continue
            m = menu(spec.menu)
            if spec.sep and m.actions():
                m.addSeparator()
            if spec.kind == "submenu":
                menus[spec.id] = m.addMenu(spec.text)
            else:
                m.addAction(self.by_id[spec.id])
        return menus

    def build_toolbar(self, window: QMainWindow, specs: Iterable[ActionSpec]) -> QToolBar:
        tb = window.addToolBar("Main")
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        group: int | None = None
        for spec in specs:
            if spec.toolbar is None:
                continue
            if group is not None and spec.toolbar != group:
                tb.addSeparator()
            group = spec.toolbar
            if spec.kind in ("undo", "redo"):
                assert self.undo_stack is not None
                if self.tool_undo is None:
                    self.tool_undo = UndoToolActions(self.undo_stack, tb)
                tb.addAction(self.tool_undo.undo if spec.kind == "undo" else self.tool_undo.redo)
            else:
                tb.addAction(self.by_id[spec.id])
        return tb


def shortcuts_html() -> str:
    rows = []
    for group, items in help_rows():
        rows.append(f"<tr><td colspan=2 style='padding-top:10px'><b>{html.escape(group)}</b></td></tr>")
        for key, what in items:
            rows.append(f"<tr><td style='padding-right:18px'><code>{html.escape(key)}</code></td>"
                        f"<td>{html.escape(what)}</td></tr>")
    return ("<p>Single-letter keys work whenever you are not typing in a note or a filter.</p>"
            "<table>" + "".join(rows) + "</table>")
