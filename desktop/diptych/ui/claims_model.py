"""Item models over the Project: the review article's claims, and the reference omissions.

The models keep no state of their own beyond a row -> claim id list rebuilt from the project; they
read everything else from it on demand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from diptych.core import crossling
from diptych.core.not_claims import not_a_claim_kind
from diptych.core.project import Orphan, Project, Review
from diptych.core.verdict import link_label
from diptych.ui.check import CHECK_FILTER, CHECK_NAME, check_icon, is_check
from diptych.ui.plain import tooltip
from diptych.ui.style import VERDICT_NAMES, badge_icon, current_theme, link_strength

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

NOT_A_CLAIM = "Not a claim"
COLUMNS = ("#", "Claim", "Suggested", "Verdict", "Link", "Note")
COL_NUM, COL_TEXT, COL_SUGGESTED, COL_VERDICT, COL_LINK, COL_NOTE = range(6)
FILTERS = ("All claims", "Unreviewed", CHECK_FILTER, "Reviewed", "Consistent", "Altered", "Unsupported",
           "Not a claim")
DISAGREE = "Reviewers disagree"  # offered for a merged project (ui/adjudicate.py)


def _one_line(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _ReadOnlyTable(QAbstractTableModel):
    """Rows the user selects but does not edit in place (edits go through undo commands)."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ClaimsModel(_ReadOnlyTable):
    """One row per claim of the review article."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._best: dict[int, float] = {}

    def set_project(self, project: Project | None, best: dict[int, float] | None = None) -> None:
        """``best`` is the best link score per claim when it was computed off the UI thread."""
        self.beginResetModel()
        self.project = project
        self._rebuild(best)
        self.endResetModel()

    def _rebuild(self, best: dict[int, float] | None = None) -> None:
        self.ids = [c.id for c in self.project.claims("right")] if self.project else []
        self._rows = {cid: k for k, cid in enumerate(self.ids)}
        if best is None:
            self._index_links()
        else:
            self._best = best

    def _index_links(self) -> None:
        """Best link score per review claim (one pass over the links, not one per cell)."""
        self._best = {}
        for lk in self.project.links if self.project else ():
            self._best[lk.right] = max(self._best.get(lk.right, 0.0), lk.score)

    def _link_label(self, cid: int, review: Review, best: float) -> str:
        """The link label of a claim: never "identical" or "minor edit" for a pair that changed."""
        p = self.project
        assert p is not None
        lefts = [p.claim_text("left", lk.left) for lk in sorted(p.links_of("right", cid), key=lambda lk: lk.left)]
        return link_label(p.claim_text("right", cid), lefts, best, review.suggestion)

    def links_changed(self) -> None:
        self._index_links()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def reset(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def claims_changed(self, ids: tuple[int, ...]) -> None:
        rows = [self._rows[i] for i in ids if i in self._rows]
        if not rows:
            return
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def row_of(self, claim_id: int) -> int | None:
        return self._rows.get(claim_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("Position in the review article", "The claim's text",
                        "Verdict Diptych suggests (dashed badge)", "Verdict you confirmed (filled badge)",
                        "How the claim follows the reference sentences it is linked to: identical, minor "
                        "edit or paraphrase, and the match score (0 to 1; 1: the same words)",
                        "Your note")[section]
        if (orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.ids)):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.project is None or not 0 <= index.row() < len(self.ids):
            return None
        p = self.project
        cid = self.ids[index.row()]
        review = p.reviews[cid]
        col = index.column()
        if role == ClaimIdRole:
            return cid
        best = self._best.get(cid)
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            sort = role == SortRole
            if col == COL_NUM:
                return index.row() if sort else str(index.row() + 1)
            if col == COL_TEXT:
                return _one_line(p.claim_text("right", cid))
            if col == COL_SUGGESTED:
                if not_a_claim_kind(review.suggestion) is not None:
                    return NOT_A_CLAIM
                name = VERDICT_NAMES[review.suggestion.verdict]
                return f"{CHECK_NAME}: {name}?" if is_check(review) and not sort else name
            if col == COL_VERDICT:
                if review.not_a_claim:
                    return NOT_A_CLAIM
                return VERDICT_NAMES[review.verdict] if review.verdict else ("" if sort else "—")
            if col == COL_LINK:
                if best is None:
                    return -1.0 if sort else "not linked"
                if crossling.is_crosslingual((review.suggestion,)):
                    return best if sort else f"{link_strength(best, True)}, match {best:.2f}"
                return best if sort else f"{self._link_label(cid, review, best)}, match {best:.2f}"
            if col == COL_NOTE:
                return _one_line(review.note, 120)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == COL_SUGGESTED and not_a_claim_kind(review.suggestion) is not None:
                return badge_icon(None, filled=False, not_a_claim=True)
            if col == COL_SUGGESTED:
                return check_icon() if is_check(review) else badge_icon(review.suggestion.verdict, filled=False)
            if col == COL_VERDICT and (review.verdict or review.not_a_claim):
                return badge_icon(review.verdict, filled=True, not_a_claim=review.not_a_claim)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return tooltip(p.claim_text("right", cid))
            if col == COL_SUGGESTED:
                reasons = [r.text for r in review.suggestion.reasons]
                conf = review.suggestion.confidence
                suggested = NOT_A_CLAIM if not_a_claim_kind(review.suggestion) else \
                    VERDICT_NAMES[review.suggestion.verdict]
                return tooltip("Suggested: " + suggested + (
                    f" (confidence {conf:.2f})" if conf is not None else "") + (
                    " — too unsure to accept with Enter: check it and press C, A or U" if is_check(review) else "") + (
                    "\n• " + "\n• ".join(reasons) if reasons else ""))
            if col == COL_NOTE and review.note:
                return tooltip(review.note)
        if role == Qt.ItemDataRole.ForegroundRole and review.not_a_claim:
            return current_theme().muted
        if role == Qt.ItemDataRole.FontRole and review.not_a_claim and col == COL_TEXT:
            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_VERDICT:
            v = "not a claim" if review.not_a_claim else (review.verdict or "not reviewed")
            return f"verdict {v}"
        return None


class ClaimsFilter(QSortFilterProxyModel):
    """Filter by state (unreviewed, reviewed, a verdict, not a claim) and by text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = FILTERS[0]
        self.needle = ""
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_state(self, state: str) -> None:
        self._refilter(lambda: setattr(self, "state", state))

    def set_needle(self, needle: str) -> None:
        self._refilter(lambda: setattr(self, "needle", needle.casefold().strip()))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ClaimsModel) or model.project is None:
            return True
        if self.state == FILTERS[0] and not self.needle:
            return True
        p = model.project
        cid = model.ids[source_row]
        r = p.reviews[cid]
        s = self.state
        ok = (s == FILTERS[0] or (s == "Unreviewed" and not r.reviewed) or (s == "Reviewed" and r.reviewed)
              or (s == CHECK_FILTER and is_check(r))
              or (s == "Not a claim" and r.not_a_claim)
              or (s.lower() == (r.verdict or "") and not r.not_a_claim)
              or (s == DISAGREE and (adj := r.adjudication) is not None and None not in (adj.a, adj.b)
                  and adj.a != adj.b))
        if ok and self.needle:
            ok = self.needle in p.claim_text("right", cid).casefold() or self.needle in r.note.casefold()
        return ok


class OmissionsModel(_ReadOnlyTable):
    """Reference claims with no counterpart in the review article."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.ids: list[int] = []

    def set_project(self, project: Project | None, ids: list[int] | None = None) -> None:
        self.beginResetModel()
        self.project = project
        self.ids = (project.omissions() if ids is None else list(ids)) if project else []
        self.endResetModel()

    def reset(self) -> None:
        self.set_project(self.project)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return ("#", "Reference sentence no claim is linked to")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.project is None or not 0 <= index.row() < len(self.ids):
            return None
        cid = self.ids[index.row()]
        if role == ClaimIdRole:
            return cid
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return str(self.project.index_of("left", cid) + 1)
            return _one_line(self.project.claim_text("left", cid))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return tooltip(self.project.claim_text("left", cid))
        return None


class OrphansModel(_ReadOnlyTable):
    """Annotations re-anchoring could not place on a corrected text: kept, and listed here."""

    HEADERS = ("Side", "Quote", "Verdict", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.orphans: list[Orphan] = []

    def set_project(self, project: Project | None) -> None:
        self.beginResetModel()
        self.orphans = list(project.orphans) if project else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.orphans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    @staticmethod
    def verdict_text(o: Orphan) -> str:
        r = o.review
        if r is None:
            return "—"
        if r.not_a_claim:
            return "Not a claim"
        if r.verdict:
            return VERDICT_NAMES[r.verdict]
        return f"({VERDICT_NAMES[r.suggestion.verdict]} suggested)"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.orphans):
            return None
        o = self.orphans[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return "Reference" if o.side == "left" else "Review"
            if col == 1:
                return _one_line(o.quote)
            if col == 2:
                return self.verdict_text(o)
            if col == 3:
                return _one_line(o.review.note, 120) if o.review else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            links = f"\n{len(o.links)} link(s) kept with it" if o.links else ""
            return tooltip(f"…{o.prefix}[{o.quote}]{o.suffix}…{links}")
        if role == Qt.ItemDataRole.ToolTipRole and col == 3 and o.review and o.review.note:
            return tooltip(o.review.note)
        return None
