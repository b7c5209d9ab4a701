"""The claims table (sorted and filtered through :class:`ClaimsFilter`) and the bottom tabs' lists.

The table says which claim the reviewer picked (:attr:`ClaimsTable.claim_chosen`); the window has
it show the current claim (:meth:`ClaimsTable.show_claim`) and asks it for a claim's neighbours in
the order on screen (:meth:`ClaimsTable.neighbour`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from diptych.ui.claims_model import (
    COL_LINK,
    COL_NOTE,
    COL_NUM,
    COL_SUGGESTED,
    COL_TEXT,
    COL_VERDICT,
    ClaimIdRole,
    ClaimsFilter,
    ClaimsModel,
)


class ClaimsTable(QTableView):
    claim_chosen = Signal(int)  # the reviewer moved to a row (not the window showing one)

    def __init__(self, model: ClaimsModel, proxy: ClaimsFilter) -> None:
        super().__init__()
        self.claims_model, self.proxy = model, proxy
        self.setObjectName("claimsTable")
        self.setAccessibleName("Claims of the review article")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # no sort column until the user picks one: the article's order, without sorting every row
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.horizontalHeader()
        # fixed widths from the font: ResizeToContents would read every row of a long article
        fm = self.fontMetrics()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the claim's text gets the room; the other columns are as narrow as their content allows
        icon = fm.height() + 8  # the verdict badge before the word
        for col, sample, extra in ((COL_NUM, "0000", 0), (COL_SUGGESTED, "Unsupported", icon),
                                   (COL_VERDICT, "Unsupported", icon), (COL_LINK, "paraphrase, match 0.00", 0),
                                   (COL_NOTE, "A short note", 0)):
            hh.resizeSection(col, fm.horizontalAdvance(sample) + extra + 24)
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setHighlightSections(False)
        self.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        self._showing = False
        self.selectionModel().currentRowChanged.connect(self._row_changed)

    def show_claim(self, cid: int | None) -> None:
        """Make ``cid``'s row the current one (when the filter shows it), without announcing it."""
        if cid is None:
            return
        row = self.claims_model.row_of(cid)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.claims_model.index(row, 0))
        if not idx.isValid():
            return
        self._showing = True
        try:
            self.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(idx)
        finally:
            self._showing = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._showing or not current.isValid():
            return
        cid = current.data(ClaimIdRole)
        if cid is not None:
            self.claim_chosen.emit(int(cid))

    def claim_at_row(self, row: int) -> int | None:
        """The review claim id at a row of the table as sorted and filtered."""
        if not 0 <= row < self.proxy.rowCount():
            return None
        src = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        return self.claims_model.ids[src] if 0 <= src < len(self.claims_model.ids) else None

    def neighbour(self, cid: int | None, step: int) -> int | None:
        """The claim ``step`` rows from ``cid`` in the table's order (a few calls, not one per row:
        on an 8,000-claim article that took 70-90 ms per key press); from no claim, or one filtered
        out, the first row's."""
        if self.proxy.rowCount() == 0:
            return None
        src = self.claims_model.row_of(cid) if cid is not None else None
        row = self.proxy.mapFromSource(self.claims_model.index(src, 0)).row() if src is not None else -1
        if row < 0:
            return self.claim_at_row(0)
        return self.claim_at_row(row + step)


def list_table(model: QAbstractItemModel, name: str, accessible: str,
               chosen: Callable[[int], None] | None = None) -> QTableView:
    """A read-only, row-selecting table of the bottom tabs (omissions, orphans); ``chosen`` gets the
    claim id of the row moved to."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    if chosen is not None:
        def row_changed(current: QModelIndex, _previous: QModelIndex) -> None:
            cid = current.data(ClaimIdRole) if current.isValid() else None
            if cid is not None:
                chosen(int(cid))

        view.selectionModel().currentRowChanged.connect(row_changed)
    return view
