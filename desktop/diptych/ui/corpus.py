"""Triage of a batch: File ▸ Open batch… shows a batch folder as a corpus table (one row a pair,
sortable, filterable; Enter or a double-click opens that pair's project in the review window, and
File ▸ Back to batch returns) and, for a batch with one reference, the claim matrix (reference
claims × reviews), which can be exported as CSV.

The matrix is built from the projects off the UI thread. Every text here is plain text.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diptych.core.errors import DiptychError
from diptych.ui.dialogs import show_error
from diptych.ui.style import VERDICT_LETTERS, VERDICT_NAMES, theme
from diptych.ui.worker import Job

if TYPE_CHECKING:
    from diptych.core.corpus import Batch, ClaimMatrix
    from diptych.ui.main_window import MainWindow

# diptych.core.corpus (and the project file module under it) is imported when a batch is opened,
# not when the review window starts
OMITTED = "∅"  # diptych.core.corpus.OMITTED

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# (header, summary field, is a number)
COLUMNS = (
    ("Pair", "id", False), ("Review", "review", False), ("Reference", "reference", False),
    ("Claims", "review_claims", True),
    ("Consistent", "consistent", True), ("Altered", "altered", True), ("Unsupported", "unsupported", True),
    ("Check", "check", True), ("Coverage", "reference_coverage", True), ("Top reasons", "top_reasons", False),
    ("Error", "error", False),
)
COL_ALTERED = [c[1] for c in COLUMNS].index("altered")
SHOW = ("All pairs", "With altered claims", "With unsupported claims", "Failed")


def _name(location: str) -> str:
    return location.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


class CorpusModel(QAbstractTableModel):
    def __init__(self, batch: Batch, parent: Any = None) -> None:
        super().__init__(parent)
        self.batch = batch

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.batch.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.batch.rows[index.row()]
        _, key, numeric = COLUMNS[index.column()]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None or value == "":
                return ""
            if key == "reference_coverage":
                return f"{value:.0%}"
            if key in ("review", "reference"):
                return _name(str(value))
            return str(value) if numeric else " ".join(str(value).split())
        if role == SORT_ROLE:
            if numeric:
                return -1.0 if value is None else float(value)
            return str(value or "").casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            t = theme()
            if row.get("error"):
                return t.verdict["unsupported"]
            if key in ("altered", "unsupported") and value:
                return t.verdict[key]
        return None


class CorpusFilter(QSortFilterProxyModel):
    """The rows shown: a needle in any text column, and one of :data:`SHOW`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.needle = ""
        self.show = SHOW[0]
        self.setSortRole(SORT_ROLE)

    def set_filter(self, needle: str, show: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.needle, self.show = needle.casefold().strip(), show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.needle, self.show = needle.casefold().strip(), show
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CorpusModel)
        row = model.batch.rows[source_row]
        if self.show == SHOW[1] and not row.get("altered"):
            return False
        if self.show == SHOW[2] and not row.get("unsupported"):
            return False
        if self.show == SHOW[3] and not row.get("error"):
            return False
        if not self.needle:
            return True
        hay = " ".join(_name(str(row.get(k) or "")) if k in ("review", "reference") else str(row.get(k) or "")
                       for k in ("id", "review", "reference", "top_reasons", "error")).casefold()
        return self.needle in hay


class MatrixModel(QAbstractTableModel):
    """Reference claims as rows; "altered in", "omitted in", then one column a review."""

    FIXED = 2

    def __init__(self, matrix: ClaimMatrix, parent: Any = None) -> None:
        super().__init__(parent)
        self.m = matrix

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.m.reference_claims)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIXED + len(self.m.pairs)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            text = self.m.reference_claims[section]
            return f"{section + 1}. {text if len(text) <= 70 else text[:69] + '…'}"
        if section == 0:
            return "Altered in"
        if section == 1:
            return "Omitted in"
        return self.m.pairs[section - self.FIXED]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cell(self, index: Index) -> str:
        return self.m.cells[index.row()][index.column() - self.FIXED] if index.column() >= self.FIXED else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i, col = index.row(), index.column()
        if col < self.FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.m.count(i, "altered" if col == 0 else OMITTED))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        cell = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return VERDICT_LETTERS.get(cell, cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return VERDICT_NAMES.get(cell, "omitted" if cell == OMITTED else "not compared")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and cell in VERDICT_LETTERS:
            colour = QColor(theme().verdict[cell])
            colour.setAlpha(70 if cell != "consistent" else 35)
            return colour
        if role == Qt.ItemDataRole.ForegroundRole and cell == OMITTED:
            return theme().muted
        return None


class _Table(QTableView):
    """A table where Enter opens the current row, as a double-click does."""

    activated_row = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


def _table(name: str, accessible: str) -> _Table:
    view = _Table()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.doubleClicked.connect(view.activated_row.emit)
    return view


class CorpusWindow(QMainWindow):
    """One batch: the pairs table and the claim matrix."""

    matrix_ready = Signal()

    def __init__(self, main: MainWindow, batch: Batch) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.setObjectName("corpusWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.main = main
        self.batch = batch
        self.matrix: ClaimMatrix | None = None
        self.job: Job | None = None
        self.opened_row: str | None = None
        self.setWindowTitle(f"Batch {batch.folder.name} — Diptych")
        self.resize(1400, 860)

        self.model = CorpusModel(batch, self)
        self.proxy = CorpusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table("corpusTable", "Pairs of the batch")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ALTERED, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.activated_row.connect(self.open_pair_at)

        self.filter = QLineEdit()
        self.filter.setObjectName("corpusFilter")
        self.filter.setPlaceholderText("Filter pairs by id, article name, reason or error")
        self.filter.setClearButtonEnabled(True)
        self.show_box = QComboBox()
        self.show_box.setObjectName("corpusShow")
        self.show_box.addItems(SHOW)
        self.filter.textChanged.connect(self._refilter)
        self.show_box.currentTextChanged.connect(self._refilter)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 3)
        bar.addWidget(self.show_box, 1)
        bar.addWidget(self.count, 2)
        pairs = QWidget()
        lay = QVBoxLayout(pairs)
        lay.addLayout(bar)
        lay.addWidget(self.table)

        self.matrix_view = _table("claimMatrix", "Claim matrix: reference claims by reviews")
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_view.activated_row.connect(self.open_cell)
        self.matrix_note = QLabel()
        self.matrix_note.setObjectName("matrixNote")
        self.matrix_note.setTextFormat(Qt.TextFormat.PlainText)
        self.matrix_note.setWordWrap(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("matrixDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(
            "Select a cell to read the reference claim and the review's claims linked to it.")
        self.export_button = QPushButton("Export matrix as CSV…")
        self.export_button.setObjectName("exportMatrix")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_dialog)
        top = QHBoxLayout()
        top.addWidget(self.matrix_note, 1)
        top.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.matrix_view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        matrix_page = QWidget()
        mlay = QVBoxLayout(matrix_page)
        mlay.addLayout(top)
        mlay.addWidget(split)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("corpusTabs")
        self.tabs.addTab(pairs, "Pairs")
        self.tabs.addTab(matrix_page, "Claim matrix")
        self.setCentralWidget(self.tabs)
        self._refilter()
        self._start_matrix()

    # ----- the pairs table ----------------------------------------------------------------------
    def _refilter(self) -> None:
        self.proxy.set_filter(self.filter.text(), self.show_box.currentText())
        rows = self.batch.rows
        failed = sum(1 for r in rows if r.get("error"))
        shown = self.proxy.rowCount()
        self.count.setText(f"{shown} of {len(rows)} pairs shown" + (f", {failed} failed" if failed else ""))

    def row_at(self, index: QModelIndex) -> dict[str, Any]:
        return self.batch.rows[self.proxy.mapToSource(index).row()]

    def open_pair_at(self, index: QModelIndex) -> bool:
        return self.open_row(self.row_at(index))

    def open_row(self, row: dict[str, Any], claim_id: int | None = None) -> bool:
        path = self.batch.project_path(row)
        if path is None:
            show_error(self, f"Pair {row['id']} has no project: {row.get('error') or 'it was not reviewed'}")
            return False
        if not self.main.session.maybe_save() or not self.main.session.open_project(path):
            return False
        self.opened_row = row["id"]
        if claim_id is not None:
            self.main.select_claim("left", claim_id)
        self.main.show()
        self.main.raise_()
        self.main.activateWindow()
        return True

    def come_back(self) -> None:
        """Back from the review window: this window, with the pair last opened selected."""
        if self.opened_row is not None:
            for r in range(self.proxy.rowCount()):
                if self.row_at(self.proxy.index(r, 0))["id"] == self.opened_row:
                    self.table.setCurrentIndex(self.proxy.index(r, 0))
                    break
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    # ----- the claim matrix ---------------------------------------------------------------------
    def _start_matrix(self) -> None:
        if self.batch.reference() is None:
            refs = {r["reference_sha256"] for r in self.batch.rows if r.get("reference_sha256")}
            self.matrix_note.setText("The claim matrix is for a batch with one reference; this batch has "
                                     f"{len(refs)}." if refs else "No pair of this batch has a project.")
            self.matrix_ready.emit()
            return
        self.matrix_note.setText("Reading the projects…")
        from diptych.core.corpus import claim_matrix

        batch = self.batch
        self.job = Job(lambda progress, cancelled: claim_matrix(
            batch, lambda f: progress("Reading the projects", f), cancelled), self)
        self.job.progressed.connect(lambda _s, f: self.matrix_note.setText(f"Reading the projects… {f:.0%}"))
        self.job.done.connect(self._matrix_done)
        self.job.failed.connect(self._matrix_failed)
        self.job.was_cancelled.connect(lambda: self.matrix_note.setText("Cancelled."))
        self.job.start()

    def _matrix_done(self, m: ClaimMatrix) -> None:
        self.matrix = m
        self.matrix_model = MatrixModel(m, self)
        self.matrix_view.setModel(self.matrix_model)
        header = self.matrix_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = header.fontMetrics()
        for col in range(self.matrix_model.columnCount()):  # by the header alone: fast for 1,000 reviews
            label = str(self.matrix_model.headerData(col, Qt.Orientation.Horizontal))
            header.resizeSection(col, max(32, fm.horizontalAdvance(label) + 18))
        self.matrix_view.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.matrix_view.selectionModel().currentChanged.connect(lambda cur, _p: self._show_cell(cur))
        note = (f"{len(m.reference_claims)} reference claims × {len(m.pairs)} reviews. "
                f"{VERDICT_LETTERS['consistent']} consistent, {VERDICT_LETTERS['altered']} altered, "
                f"{VERDICT_LETTERS['unsupported']} unsupported, {OMITTED} omitted (no claim of the review "
                "links to it). Enter or a double-click opens the pair there.")
        if m.skipped:
            note += f" Left out: {'; '.join(m.skipped[:3])}" + (" …" if len(m.skipped) > 3 else "")
        self.matrix_note.setText(note)
        self.export_button.setEnabled(bool(m.pairs))
        self.matrix_ready.emit()

    def _matrix_failed(self, message: str, details: str) -> None:
        self.matrix_note.setText(f"The claim matrix could not be made: {message}")
        self.matrix_ready.emit()

    def _show_cell(self, index: QModelIndex) -> None:
        m = self.matrix
        if m is None or not index.isValid():
            return
        i = index.row()
        lines = [f"Reference claim {i + 1}: {m.reference_claims[i]}"]
        if index.column() >= MatrixModel.FIXED:
            j = index.column() - MatrixModel.FIXED
            cell = m.cells[i][j]
            lines.append("")
            if cell == OMITTED:
                lines.append(f"{m.pairs[j]}: omitted (no claim of this review links to it)")
            else:
                lines.append(f"{m.pairs[j]}: {VERDICT_NAMES.get(cell, cell).lower()}")
                lines.extend(f"  • {t}" for t in m.details[i][j])
        self.detail.setPlainText("\n".join(lines))

    def open_cell(self, index: QModelIndex) -> bool:
        m = self.matrix
        if m is None or index.column() < MatrixModel.FIXED:
            return False
        pair = m.pairs[index.column() - MatrixModel.FIXED]
        row = next(r for r in self.batch.rows if r["id"] == pair and self.batch.project_path(r) is not None)
        return self.open_row(row, m.claim_ids[index.row()])

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the claim matrix", str(self.batch.folder / "matrix.csv"),
                                              "CSV (*.csv)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        if self.matrix is None:
            return False
        from diptych.core.corpus import export_matrix_csv

        try:
            export_matrix_csv(self.matrix, path)
        except DiptychError as e:
            show_error(self, str(e), traceback.format_exc())
            return False
        self.statusBar().showMessage(f"Exported the claim matrix to {Path(path).name}", 5000)
        return True

    def closeEvent(self, event: Any) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)


# ----- the review window's hook -------------------------------------------------------------------
def open_batch(main: MainWindow, path: str | Path) -> CorpusWindow | None:
    """Show the batch at ``path`` (a folder, or its summary) in a corpus window of ``main``."""
    from diptych.core.corpus import load_batch

    try:
        batch = load_batch(path)
    except (DiptychError, OSError) as e:
        show_error(main, str(e), traceback.format_exc())
        return None
    old = main.corpus_window
    if old is not None:
        old.close()
        old.deleteLater()
    win = CorpusWindow(main, batch)
    main.corpus_window = win
    main.act["back_to_batch"].setEnabled(True)
    win.show()
    return win


def open_batch_dialog(main: MainWindow) -> None:
    folder = QFileDialog.getExistingDirectory(main, "Open a batch folder (with its summary.csv)")
    if folder:
        open_batch(main, folder)


def back_to_batch(main: MainWindow) -> None:
    if main.corpus_window is not None:
        main.corpus_window.come_back()
