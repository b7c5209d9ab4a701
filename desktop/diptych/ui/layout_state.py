"""The window's arrangement, fitted to the screen and remembered between sessions.

:class:`WindowLayout` owns the two splitters around the articles: the outer one holds the two panes
(with their gutter) and the claims area; the claims area holds the claims tabs and the claim panel.
On a tall window the claims area sits **below** the articles (the tabs beside the panel); on a short
one (under :data:`BESIDE_BELOW_HEIGHT` px, a 1280x720 screen) it moves **beside** them (the tabs above
the panel), so each article keeps at least 20 lines in view. The claims area can also be dragged shut
(its splitter handle), and opens again from the handle or View ▸ Claims and claim panel.

The first start fits the available screen (:func:`first_geometry`: at most 90% of it, centred). On
closing, the window's geometry and state, both arrangements' splitter sizes, the claims table's column
widths and the View options are written with ``QSettings`` (an INI file in the user's configuration
folder, :func:`settings`) and come back on the next start. ``--screenshot`` and ``--smoke-test``
neither read nor write them (:func:`use_saved_layout`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QScreen
from PySide6.QtWidgets import QBoxLayout, QHeaderView, QMainWindow, QSplitter, QStackedWidget, QTableView, QWidget

from diptych.ui.claim_panel import ClaimPanel
from diptych.ui.claims_model import COL_LINK, COL_NOTE

NARROW_HIDDEN = (COL_LINK, COL_NOTE)  # columns left out beside the articles (the claim panel shows them)

BELOW, BESIDE = "below", "beside"
BESIDE_BELOW_HEIGHT = 880  # px of window height: under it the claims area goes beside the articles
BESIDE_MIN_WIDTH = 1000  # px of window width: narrower than this it stays below (and can be dragged shut)
PREFERRED_SIZE = QSize(1480, 940)  # the first start on a large screen
SCREEN_SHARE = 0.9  # the first start takes at most this share of the available screen
ORGANISATION, APPLICATION = "Diptych", "Diptych"

_use_saved = [True]


def use_saved_layout(on: bool) -> None:
    """Off for headless runs (screenshots, smoke tests): the first-start layout, nothing saved."""
    _use_saved[0] = on


def settings() -> QSettings:
    """The user's settings of the window (INI format on every platform)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


class _ClaimsSlot(QStackedWidget):
    """The claims area's slot: its size hints are always the claims area's, so a first-run panel in
    its place neither widens it nor moves the splitters that are saved and restored."""

    def __init__(self, claims_area: QWidget) -> None:
        super().__init__()
        self.claims_area = claims_area
        self.addWidget(claims_area)

    def sizeHint(self) -> QSize:
        return self.claims_area.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.claims_area.minimumSizeHint()


def first_geometry(available: QRect, preferred: QSize = PREFERRED_SIZE) -> QRect:
    """The window at its first start: ``preferred``, but at most 90% of ``available``, centred on it."""
    w = min(preferred.width(), int(available.width() * SCREEN_SHARE))
    h = min(preferred.height(), int(available.height() * SCREEN_SHARE))
    rect = QRect(0, 0, w, h)
    rect.moveCenter(available.center())
    return rect


def _ints(value: object) -> list[int]:
    """A list of sizes as the settings file gives it back ("1,2,3" or a list of strings)."""
    items: Iterable[object]
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple):
        items = value
    else:
        return []
    out = []
    for x in items:
        try:
            out.append(int(str(x).strip()))
        except ValueError:
            return []
    return out


class WindowLayout(QObject):
    """The articles and the claims area, below or beside; fitted and remembered (see the module)."""

    def __init__(self, window: QMainWindow, compare: QWidget, tabs: QWidget, panel: ClaimPanel,
                 table: QTableView, filter_row: QBoxLayout | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.table = table
        self.panel = panel
        self.filter_row = filter_row  # the claims' filter and counts: one row below, two beside
        self.outer = QSplitter(Qt.Orientation.Vertical)
        self.outer.setObjectName("layoutSplitter")
        self.claims_area = QSplitter(Qt.Orientation.Horizontal)
        self.claims_area.setObjectName("claimsSplitter")
        self.claims_area.addWidget(tabs)
        self.claims_area.addWidget(panel)
        self.claims_area.setChildrenCollapsible(False)
        # the claims area, or in its place (an empty window) the first-run panel: one splitter slot
        self.claims_stack = _ClaimsSlot(self.claims_area)
        self.claims_stack.setObjectName("claimsStack")
        self.outer.addWidget(compare)
        self.outer.addWidget(self.claims_stack)
        self.outer.setCollapsible(0, False)
        self.outer.setCollapsible(1, True)
        self.outer.setStretchFactor(0, 3)
        self.outer.setStretchFactor(1, 1)
        self.mode = BELOW
        # each arrangement's splitter sizes, kept while the other one is on screen
        self.sizes: dict[str, tuple[list[int], list[int]]] = {}
        self.options: dict[str, QAction] = {}  # View options remembered by their settings key
        self.toggle: QAction | None = None  # View ▸ Claims and claim panel
        self.outer.splitterMoved.connect(lambda _pos, _i: self._sync_toggle())
        window.installEventFilter(self)

    def show_in_place_of_claims(self, widget: QWidget | None) -> None:
        """Show ``widget`` where the claims and the claim panel go (``None``: the claims again);
        the splitters' sizes stay those of the claims area."""
        if widget is None:
            self.claims_stack.setCurrentWidget(self.claims_area)
            self.claims_stack.updateGeometry()
            return
        if self.claims_stack.indexOf(widget) < 0:
            self.claims_stack.addWidget(widget)
        self.claims_stack.setCurrentWidget(widget)
        self.claims_stack.updateGeometry()

    # ----- arrangement ----------------------------------------------------------------------------
    def mode_for(self, size: QSize) -> str:
        return BESIDE if size.height() < BESIDE_BELOW_HEIGHT and size.width() >= BESIDE_MIN_WIDTH else BELOW

    def default_sizes(self, mode: str, size: QSize) -> tuple[list[int], list[int]]:
        w, h = size.width(), size.height()
        if mode == BESIDE:
            side = max(420, int(w * 0.33))
            return [w - side, side], [int(h * 0.45), h - int(h * 0.45)]
        return [int(h * 0.66), h - int(h * 0.66)], [int(w * 0.68), w - int(w * 0.68)]

    def set_mode(self, mode: str) -> None:
        """Put the claims area below (``BELOW``) or beside (``BESIDE``) the articles."""
        if mode == self.mode:
            return
        self.sizes[self.mode] = (self.outer.sizes(), self.claims_area.sizes())
        self.mode = mode
        self._arrange()

    def _arrange(self) -> None:
        beside = self.mode == BESIDE
        self.outer.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        self.claims_area.setOrientation(Qt.Orientation.Vertical if beside else Qt.Orientation.Horizontal)
        self.panel.set_narrow(beside)
        if self.filter_row is not None:
            self.filter_row.setDirection(QBoxLayout.Direction.TopToBottom if beside
                                         else QBoxLayout.Direction.LeftToRight)
        for col in NARROW_HIDDEN:
            self.table.setColumnHidden(col, beside)
        outer, area = self.sizes.get(self.mode) or self.default_sizes(self.mode, self.window.size())
        self.outer.setSizes(outer)
        # (the adjudication adds a third, hidden panel to the claims area: it keeps its own size)
        self.claims_area.setSizes(area + [0] * (self.claims_area.count() - len(area)))
        self._sync_toggle()

    def fit(self) -> None:
        """The arrangement that suits the window's size now."""
        self.set_mode(self.mode_for(self.window.size()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    # ----- the claims area shut or open --------------------------------------------------------------
    def claims_shown(self) -> bool:
        sizes = self.outer.sizes()
        return len(sizes) < 2 or sizes[1] > 0

    def show_claims(self, on: bool) -> None:
        """Open or shut the claims area (the articles take the room)."""
        if on == self.claims_shown():
            return
        sizes = self.outer.sizes()
        total = sum(sizes)
        if on:
            want = self.default_sizes(self.mode, self.window.size())[0][1]
            self.outer.setSizes([max(1, total - want), want])
        else:
            self.outer.setSizes([total, 0])
        self._sync_toggle()

    def bind_toggle(self, action: QAction) -> None:
        self.toggle = action
        self._sync_toggle()

    def _sync_toggle(self) -> None:
        if self.toggle is not None and self.toggle.isChecked() != self.claims_shown():
            self.toggle.blockSignals(True)
            self.toggle.setChecked(self.claims_shown())
            self.toggle.blockSignals(False)

    def remember_option(self, key: str, action: QAction) -> None:
        """A checkable View option whose state is kept between sessions under ``key``."""
        self.options[key] = action

    # ----- remembered between sessions ----------------------------------------------------------------
    def restore(self, toggle: QAction | None = None, options: dict[str, QAction] | None = None) -> None:
        """The saved layout, or on a first start the window fitted to the screen; ``toggle`` is View ▸
        Claims and claim panel, ``options`` the checkable View options kept by their settings key."""
        if toggle is not None:
            self.bind_toggle(toggle)
        for key, action in (options or {}).items():
            self.remember_option(key, action)
        s = settings() if _use_saved[0] else None
        geometry = s.value("window/geometry") if s is not None else None
        if isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry):
            state = s.value("window/state") if s is not None else None
            if isinstance(state, QByteArray):
                self.window.restoreState(state)
        else:
            screen: QScreen | None = self.window.screen()
            if screen is None:
                screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1600, 1000)
            self.window.setGeometry(first_geometry(available))
        if s is not None:
            for mode in (BELOW, BESIDE):
                outer, area = _ints(s.value(f"layout/{mode}/outer")), _ints(s.value(f"layout/{mode}/claims"))
                if len(outer) == 2 and len(area) >= 2 and all(x >= 0 for x in outer + area):
                    self.sizes[mode] = (outer, area)
            widths = _ints(s.value("table/columns"))
            header = self.table.horizontalHeader()
            for col, width in enumerate(widths[: header.count()]):
                if header.sectionResizeMode(col) != QHeaderView.ResizeMode.Stretch and 20 <= width <= 2000:
                    header.resizeSection(col, width)
            for key, action in self.options.items():
                value = s.value(key)
                if value is not None:
                    action.setChecked(str(value).lower() == "true")
        self.mode = self.mode_for(self.window.size())
        self._arrange()

    def save(self) -> None:
        """Write the layout for the next start (not in a headless run)."""
        if not _use_saved[0]:
            return
        self.sizes[self.mode] = (self.outer.sizes(), self.claims_area.sizes())
        s = settings()
        s.setValue("window/geometry", self.window.saveGeometry())
        s.setValue("window/state", self.window.saveState())
        for mode, (outer, area) in self.sizes.items():
            s.setValue(f"layout/{mode}/outer", ",".join(map(str, outer)))
            s.setValue(f"layout/{mode}/claims", ",".join(map(str, area)))
        header = self.table.horizontalHeader()
        s.setValue("table/columns", ",".join(str(header.sectionSize(c)) for c in range(header.count())))
        for key, action in self.options.items():
            s.setValue(key, "true" if action.isChecked() else "false")
        s.sync()
