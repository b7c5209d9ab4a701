"""One reading pane: an article as soft-wrapped prose, its claims subtly delimited.

The pane knows claims only as code-point spans (from core) and converts them once, through
:mod:`diptych.ui.offsets`. It paints, under the text, a faint tint per linked claim (by link
strength) and a stronger one for the current claim and its partners; the word differences and the
reason marks of the selected pair are extra selections. A margin on the outer side carries verdict
badges (review article) or omission marks (reference).
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from diptych.core.project import Side
from diptych.ui.offsets import OffsetMap
from diptych.ui.style import VERDICT_LETTERS, Theme, draw_badge, reading_font, theme

LINE_HEIGHT = 152  # percent of the font's line height: prose, not code
PARAGRAPH_GAP = 0.55  # of the font's line height, after each paragraph
MARGIN = 30  # px of badge column
BADGE_SIZE = 17.0  # px of a badge in it


@dataclass(frozen=True)
class PaneClaim:
    id: int
    start: int  # code points
    end: int
    tint: str | None = None  # a key of Theme.strength (ui/tints.py), None when unlinked
    badge: str | None = None  # "C"/"A"/"U"/"×" on the review side; "∅" for an omission
    badge_colour: str | None = None  # a key of Theme.verdict, or "omission"
    confirmed: bool = False


@dataclass(frozen=True)
class Mark:
    """A highlighted range in code points: kind is diff, reason, check or find."""

    start: int
    end: int
    kind: str
    tip: str = ""


class PlainDocument(QTextDocument):
    """A pane's document: its text is inserted as plain text, and it loads no resource (an image,
    a style sheet) whatever a text or a tooltip names."""

    def loadResource(self, type: int, name: QUrl | str) -> object:
        return None


class Margin(QWidget):
    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.setMouseTracking(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.pane.paint_margin(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = [k for k, r in self.pane.badge_rects(self.width()) if r.contains(event.position())]
        idx = hit[0] if hit else self.pane.index_at_y(event.position().y())
        if idx is not None:
            self.pane.claimActivated.emit(self.pane.claims[idx].id, False)


class TextPane(QTextEdit):
    """A read-only article pane. Signals carry claim ids (stable across edits)."""

    claimActivated = Signal(int, bool)  # claim id, True when the user is selecting a passage
    caretClaimChanged = Signal(int)
    filesDropped = Signal(list)
    contextRequested = Signal(object, object)  # QMenu, claim id or None (the window adds actions)
    textShown = Signal()  # set_text showed a new article (or none)
    laidOut = Signal()  # the idle slices have laid the whole article out

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.claims: list[PaneClaim] = []
        self._starts: list[int] = []
        self._index: dict[int, int] = {}
        self.offsets = OffsetMap("")
        self.text = ""
        self.current: int | None = None
        self.partners: set[int] = set()
        self.marks: list[Mark] = []
        self.th: Theme = theme()
        self._programmatic_caret = False
        self._caret_claim: int | None = None
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAcceptRichText(False)
        self.margin = Margin(self)
        self._own_doc: QTextDocument | None = None
        self.empty_text = ""
        # A long article is laid out in slices while the window is idle, so that scrolling or
        # syncing far into it later never waits for Qt to lay out everything above.
        self._layout_timer = QTimer(self)
        self._layout_timer.setInterval(15)
        self._layout_timer.timeout.connect(self._layout_step)
        self._layout_block = 0
        self.setViewportMargins(MARGIN, 0, 0, 0)
        self.verticalScrollBar().valueChanged.connect(self.margin.update)
        self.cursorPositionChanged.connect(self._caret_moved)
        self.set_text("")

    # ----- content ------------------------------------------------------------------------------
    def set_text(self, text: str, offsets: OffsetMap | None = None) -> None:
        """Show a new article (fast: one insertion with the reading block format).

        ``offsets`` is the text's offset map when it was computed off the UI thread.
        """
        font = reading_font()
        doc = PlainDocument(self)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(22)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(opt)
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(font.pointSizeF() * 1.33 * PARAGRAPH_GAP * 1.5)
        cursor.setBlockFormat(fmt)
        cursor.insertText(text)
        self._programmatic_caret = True
        self.setDocument(doc)
        self._programmatic_caret = False
        if self._own_doc is not None:
            self._own_doc.deleteLater()  # Qt keeps a replaced document: 70 MB each for a 1 MB article
        self._own_doc = doc
        self.text = text
        self.offsets = offsets if offsets is not None and offsets.length == len(text) else OffsetMap(text)
        self._layout_block = 0
        self._layout_timer.start()
        self.claims, self._starts, self._index = [], [], {}
        self.current, self.partners, self.marks = None, set(), []
        self.setExtraSelections([])
        self.viewport().update()
        self.margin.update()
        self.textShown.emit()

    def set_claims(self, claims: Sequence[PaneClaim]) -> None:
        self.claims = list(claims)
        self._starts = [c.start for c in self.claims]
        self._index = {c.id: k for k, c in enumerate(self.claims)}
        self.viewport().update()
        self.margin.update()

    def update_claims(self, changed: Sequence[PaneClaim]) -> None:
        """Replace some claims (same ids and spans, new badges) without rebuilding the index."""
        for c in changed:
            k = self._index.get(c.id)
            if k is not None:
                self.claims[k] = c
        self.viewport().update()
        self.margin.update()

    def set_focus_claims(self, current: int | None, partners: set[int]) -> None:
        self.current, self.partners = current, set(partners)
        self.viewport().update()
        self.margin.update()

    def set_marks(self, marks: Sequence[Mark]) -> None:
        self.marks = list(marks)
        sels = []
        n = len(self.text)
        for m in self.marks:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.document())
            start = min(max(0, m.start), n)  # a span outside the text marks nothing
            s, e = self.offsets.span_to_qt(start, min(max(start, m.end), n))
            cur.setPosition(s)
            cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            fmt = QTextCharFormat()
            if m.kind == "diff":
                fmt.setBackground(self.th.diff_left if self.side == "left" else self.th.diff_right)
            elif m.kind == "reason":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(self.th.reason)
                fmt.setFontUnderline(True)
                fmt.setForeground(self.th.reason)
                fmt.setFontWeight(700)
            elif m.kind == "check":  # a changed word of a suggestion to check
                tint = QColor(self.th.verdict["check"])
                tint.setAlpha(70)
                fmt.setBackground(tint)
                fmt.setFontWeight(700)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(self.th.verdict["check"])
            elif m.kind == "find":
                fmt.setBackground(self.th.find)
            if m.tip:
                fmt.setToolTip(m.tip)
            sel.format = fmt
            sels.append(sel)
        self.setExtraSelections(sels)

    def apply_theme(self, th: Theme) -> None:
        self.th = th
        self.set_marks(self.marks)
        self.viewport().update()
        self.margin.update()

    def _layout_step(self) -> None:
        """Lay out the next paragraphs for about 8 ms (a slice every 15 ms never delays the user's
        events noticeably, whatever the length of the paragraphs)."""
        doc = self.document()
        n = doc.blockCount()
        layout = doc.documentLayout()
        # Qt lays a document out in background steps that double in size up to 200,000 characters
        # (about 50 ms for a 1 MB article, per pane); marking one character dirty starts them
        # again at 1,000, so neither Qt's steps nor ours hold the event loop for long.
        doc.markContentsDirty(0, 1)
        deadline = time.perf_counter() + 0.008
        while self._layout_block < n - 1 and time.perf_counter() < deadline:
            self._layout_block = min(n - 1, self._layout_block + 10)
            layout.blockBoundingRect(doc.findBlockByNumber(self._layout_block))
        if self._layout_block >= n - 1:
            self._layout_timer.stop()
            self.laidOut.emit()

    def layout_done(self) -> bool:
        return not self._layout_timer.isActive()

    # ----- geometry -----------------------------------------------------------------------------
    def index_of(self, claim_id: int) -> int | None:
        return self._index.get(claim_id)

    def index_at_offset(self, cp: int) -> int | None:
        k = bisect_right(self._starts, cp) - 1
        if k < 0:
            return 0 if self.claims else None
        c = self.claims[k]
        if cp < c.end or k + 1 >= len(self.claims):
            return k
        # between two claims: the nearer one
        nxt = self.claims[k + 1]
        return k if cp - c.end <= nxt.start - cp else k + 1

    def doc_pos_at_y(self, y_doc: float, x: float = 40.0) -> int:
        doc = self.document()
        lay = doc.documentLayout()
        if not self.layout_done():
            # Qt's hit test walks the blocks one by one (a few ms near the end of a long article),
            # but it never lays out more text; until the article is laid out, it is the safe one.
            return lay.hitTest(QPointF(x, y_doc), Qt.HitTestAccuracy.FuzzyHit)
        # Laid out: binary search for the first block, then the first line, that ends below y (as
        # Qt's hit test picks them: a y in the gap under a line or a paragraph belongs to the next).
        lo, hi = 0, doc.blockCount() - 1
        while lo < hi:
            mid = (lo + hi) // 2
            r = lay.blockBoundingRect(doc.findBlockByNumber(mid))
            if r.y() + r.height() > y_doc:
                hi = mid
            else:
                lo = mid + 1
        block = doc.findBlockByNumber(lo)
        br = lay.blockBoundingRect(block)
        tl = block.layout()
        n = tl.lineCount()
        if n == 0:
            return block.position()
        a, b = 0, n - 1
        yy = y_doc - br.y()
        while a < b:
            m = (a + b) // 2
            ln = tl.lineAt(m)
            if ln.y() + ln.height() > yy:
                b = m
            else:
                a = m + 1
        line = tl.lineAt(a)
        return block.position() + line.xToCursor(x - br.x())

    def index_at_doc_y(self, y_doc: float) -> int | None:
        if not self.claims:
            return None
        pos = self.doc_pos_at_y(y_doc)
        return self.index_at_offset(self.offsets.to_core(max(0, pos)))

    def index_at_y(self, y_view: float) -> int | None:
        return self.index_at_doc_y(y_view + self.verticalScrollBar().value())

    def claim_at_viewport_point(self, pt: QPoint) -> int | None:
        pos = self.cursorForPosition(pt).position()
        idx = self.index_at_offset(self.offsets.to_core(pos))
        return None if idx is None else self.claims[idx].id

    def _line_slices(self, s16: int, e16: int) -> list[tuple[QRectF, float]]:
        """(line slot rect in document coordinates, natural line height) for each line of [s16, e16)."""
        doc = self.document()
        lay = doc.documentLayout()
        out = []
        block = doc.findBlock(s16)
        while block.isValid() and block.position() <= e16:
            br = lay.blockBoundingRect(block)
            tl = block.layout()
            bpos = block.position()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i)
                ls = bpos + line.textStart()
                le = ls + line.textLength()
                if le <= s16 or ls >= e16:
                    continue
                a, b = max(s16, ls) - bpos, min(e16, le) - bpos
                x1 = cast("tuple[float, int]", line.cursorToX(a))[0]
                x2 = cast("tuple[float, int]", line.cursorToX(b))[0]
                h = line.height()
                pad = h * (LINE_HEIGHT / 100 - 1) / 2
                out.append((QRectF(br.x() + line.x() + min(x1, x2), br.y() + line.y() - pad,
                                   abs(x2 - x1), h + 2 * pad), h))
            if block.position() + block.length() > e16:
                break
            block = block.next()
        return out

    def claim_rects(self, idx: int) -> list[QRectF]:
        c = self.claims[idx]
        s16, e16 = self.offsets.span_to_qt(c.start, c.end)
        return [r for r, _ in self._line_slices(s16, e16)]

    def claim_yrange(self, idx: int) -> tuple[float, float]:
        """Top and bottom of a claim's text in document coordinates."""
        c = self.claims[idx]
        s16, e16 = self.offsets.span_to_qt(c.start, c.end)
        doc = self.document()
        lay = doc.documentLayout()
        first = doc.findBlock(s16)
        last = doc.findBlock(max(s16, e16 - 1))
        fb, lb = lay.blockBoundingRect(first), lay.blockBoundingRect(last)
        fl = first.layout().lineForTextPosition(s16 - first.position())
        ll = last.layout().lineForTextPosition(max(0, e16 - 1 - last.position()))
        top = fb.y() + (fl.y() if fl.isValid() else 0)
        bottom = lb.y() + (ll.y() + ll.height() if ll.isValid() else lb.height())
        return top, max(bottom, top + 1)

    def visible_range(self) -> tuple[int, int] | None:
        """First and last index of the claims in view."""
        if not self.claims:
            return None
        v = self.verticalScrollBar().value()
        a = self.index_at_doc_y(v)
        b = self.index_at_doc_y(v + self.viewport().height())
        if a is None or b is None:
            return None
        a, b = min(a, b), max(a, b)
        # Before Qt has laid out the whole article, a hit test below the laid-out part answers its
        # end: walk down from the top claim instead, and stop at the first one below the view.
        bottom = v + self.viewport().height()
        k = a
        while k < b and self.claim_yrange(k + 1)[0] <= bottom:
            k += 1
        return a, k

    def scroll_to_claim(self, claim_id: int, fraction: float = 0.3) -> None:
        idx = self._index.get(claim_id)
        if idx is None:
            return
        top, bottom = self.claim_yrange(idx)
        page = self.viewport().height()
        v = self.verticalScrollBar().value()
        if top >= v + 8 and bottom <= v + page - 8:
            return  # already in view
        self.verticalScrollBar().setValue(int(top - page * fraction))

    def put_caret_at_claim(self, claim_id: int) -> None:
        idx = self._index.get(claim_id)
        if idx is None:
            return
        cur = self.textCursor()
        cur.setPosition(self.offsets.to_qt(self.claims[idx].start))
        self._programmatic_caret = True
        self._caret_claim = claim_id
        self.setTextCursor(cur)
        self._programmatic_caret = False

    def select_span(self, start: int, end: int) -> None:
        """Select code points ``start``-``end`` and bring them into view, without taking them for the
        reader's own caret move (no caretClaimChanged)."""
        cur = self.textCursor()
        s16, e16 = self.offsets.span_to_qt(start, end)
        cur.setPosition(s16)
        cur.setPosition(e16, cur.MoveMode.KeepAnchor)
        self._programmatic_caret = True
        self.setTextCursor(cur)
        self._programmatic_caret = False
        self.ensureCursorVisible()

    def caret_offset(self) -> int:
        """The caret (or the start of the selection) in code points."""
        return self.offsets.to_core(self.textCursor().position())

    def selected_span(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        return self.offsets.span_to_core(cur.selectionStart(), cur.selectionEnd())

    # ----- events -------------------------------------------------------------------------------
    def _caret_moved(self) -> None:
        if self._programmatic_caret or not self.claims:
            return
        idx = self.index_at_offset(self.caret_offset())
        if idx is None:
            return
        cid = self.claims[idx].id
        if cid != self._caret_claim:
            self._caret_claim = cid
            if self.hasFocus():
                self.caretClaimChanged.emit(cid)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not self.claims:
            return
        cid = self.claim_at_viewport_point(event.position().toPoint())
        if cid is not None:
            self._caret_claim = cid
            self.claimActivated.emit(cid, self.textCursor().hasSelection())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        cid = self.claim_at_viewport_point(self.viewport().mapFrom(self, event.pos())) if self.claims else None
        if cid is not None and not self.textCursor().hasSelection():
            cur = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            self._programmatic_caret = True
            self.setTextCursor(cur)
            self._programmatic_caret = False
        self.contextRequested.emit(menu, cid)
        if not menu.isEmpty():
            menu.exec(event.globalPos())
        menu.deleteLater()

    def loadResource(self, type: int, name: QUrl | str) -> object:
        return None  # an article's text names no resource Diptych would load

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = event.mimeData().urls()
        paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.text:
            self._layout_block = 0  # the text is laid out again at the new width
            self._layout_timer.start()
        cr = self.contentsRect()
        self.margin.setGeometry(cr.left(), cr.top(), MARGIN, self.viewport().height())

    # ----- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text and self.empty_text:
            p = QPainter(self.viewport())
            p.setPen(self.th.muted)
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * 1.1)
            p.setFont(font)
            p.drawText(self.viewport().rect().adjusted(40, 0, -40, 0),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            p.end()
            return
        vr = self.visible_range()
        if vr is not None:
            p = QPainter(self.viewport())
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.translate(0, -self.verticalScrollBar().value())
            for k in range(vr[0], vr[1] + 1):
                c = self.claims[k]
                if c.id == self.current:
                    colour = self.th.current
                elif c.id in self.partners:
                    colour = self.th.partner
                elif c.tint is not None:
                    colour = self.th.strength[c.tint]
                else:
                    continue
                paint_tint(p, self.claim_rects(k), colour,
                           self.th.band_outline if c.id == self.current else None)
            p.end()
        super().paintEvent(event)

    def badge_rects(self, width: int) -> list[tuple[int, QRectF]]:
        """Where the visible claims' badges go in a margin ``width`` px wide (viewport coordinates):
        beside each claim's first line, and below the one before when two claims share a line."""
        vr = self.visible_range()
        if vr is None:
            return []
        v = self.verticalScrollBar().value()
        out: list[tuple[int, QRectF]] = []
        below = float("-inf")  # the bottom of the last badge
        for k in range(vr[0], vr[1] + 1):
            if not self.claims[k].badge:
                continue
            top = self.claim_yrange(k)[0]
            rect = QRectF((width - BADGE_SIZE) / 2 - 1, max(top - v + 2, below + 1), BADGE_SIZE, BADGE_SIZE)
            below = rect.bottom()
            out.append((k, rect))
        return out

    def paint_margin(self, w: QWidget) -> None:
        vr = self.visible_range()
        p = QPainter(w)
        p.fillRect(w.rect(), self.th.base)
        if vr is None:
            p.end()
            return
        v = self.verticalScrollBar().value()
        for k in range(vr[0], vr[1] + 1):
            c = self.claims[k]
            if c.id == self.current or c.id in self.partners:
                top, bottom = self.claim_yrange(k)
                p.fillRect(QRectF(w.width() - 4, top - v + 2, 3, bottom - top - 4), self.th.band_outline)
        for k, rect in self.badge_rects(w.width()):
            c = self.claims[k]
            if c.badge_colour == "omission":
                draw_omission(p, rect, self.th.omission)
                continue
            colour = self.th.verdict.get(c.badge_colour or "", self.th.muted)
            draw_badge(p, rect, c.badge or "", colour, c.confirmed, self.th.base)
        p.end()


def paint_tint(p: QPainter, rects: Sequence[QRectF], colour: QColor, outline: QColor | None = None) -> None:
    """The tint of a claim under its lines (outlined for the current claim)."""
    path = QPainterPath()
    for r in rects:
        path.addRoundedRect(r.adjusted(-2, 1, 2, -1), 4, 4)
    p.fillPath(path.simplified(), QBrush(colour))
    if outline is not None:
        p.strokePath(path.simplified(), QPen(outline, 1.2))


def draw_omission(p: QPainter, rect: QRectF, colour: QColor) -> None:
    """The ∅ mark of a reference claim that the review leaves out."""
    p.setPen(QPen(colour, 1.4))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = rect.adjusted(3, 3, -3, -3)
    p.drawEllipse(r)
    p.drawLine(r.bottomLeft() + QPointF(1, -1), r.topRight() + QPointF(-1, 1))


def badge_for(verdict: str | None, confirmed: bool, not_a_claim: bool) -> tuple[str | None, str | None]:
    if not_a_claim:
        return "×", "not_a_claim"
    if verdict is None:
        return None, None
    return VERDICT_LETTERS[verdict], verdict
