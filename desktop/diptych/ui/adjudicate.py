"""Adjudication: two reviews of one pair side by side, settled claim by claim into a merged project.

File ▸ Compare with another review… reads review B next to the open review A (in a thread), pairs
their claims (:mod:`diptych.core.agree`) and shows the merged project: agreed and one-sided decisions
taken, disagreements waiting. The adjudication panel beside the claim panel shows A's and B's
decision, note and links for the current claim; Shift+A takes A's, Shift+B takes B's (with its note
and links), and the usual verdict keys decide anew. Every choice is an undo command over plain core
methods. The merged project is saved as a new file, never over A or B.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from diptych.core.agree import (
    DECISION_NAMES,
    AgreementError,
    Choice,
    Pairing,
    apply_choice,
    current_choice,
    pending,
    same_file,
    to_text,
)
from diptych.core.errors import DiptychError
from diptych.core.project import Project, ProjectLink
from diptych.ui import commands
from diptych.ui.claims_model import DISAGREE
from diptych.ui.dialogs import show_error
from diptych.ui.session import PROJECT_FILTER
from diptych.ui.style import theme
from diptych.ui.worker import Job

if TYPE_CHECKING:
    from diptych.ui.main_window import MainWindow

DECIDED = {None: "waiting for your decision", "A": "settled: A's decision", "B": "settled: B's decision",
           "both": "settled: A and B agree", "adjudicator": "settled: your decision"}


class TakeDecision(commands.Command):
    """Take reviewer A's or B's decision, note and links for one claim of the merged project."""

    def __init__(self, project: Project, pair: Pairing, claim_id: int, who: str) -> None:
        self.project, self.claim_id = project, claim_id
        self.new: Choice = pair.choice(claim_id, who)
        self.old: Choice = current_choice(project, claim_id)
        super().__init__(f"Take {who}'s decision (claim {project.index_of('right', claim_id) + 1})")

    def redo(self) -> None:
        apply_choice(self.project, self.claim_id, self.new)

    def undo(self) -> None:
        apply_choice(self.project, self.claim_id, self.old)


def _plain(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # notes, names and claim texts are never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


class _Column(QFrame):
    """One reviewer's decision, note and links for the current claim."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.setObjectName(f"review{role}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        self.heading = _plain("", f"Reviewer {role}")
        self.heading.setStyleSheet("font-weight: 600")
        self.decision = _plain("", f"Reviewer {role}'s decision")
        self.note = _plain("", f"Reviewer {role}'s note")
        self.links = _plain("", f"Reviewer {role}'s links")
        self.pairing = _plain("", f"How reviewer {role}'s claim is paired")
        self.pairing.setStyleSheet("font-style: italic")
        for w in (self.heading, self.pairing, self.decision, self.note, self.links):
            lay.addWidget(w)
        lay.addStretch(1)

    def set_review(self, heading: str, decision: str | None, note: str, links: list[str], pairing: str = "") -> None:
        self.heading.setText(heading)
        name = DECISION_NAMES.get(decision or "", "not reviewed")
        self.decision.setText(name.capitalize())
        colour = theme().verdict[decision].name() if decision in theme().verdict else theme().muted.name()
        self.decision.setStyleSheet(f"font-weight: 600; color: {colour}")
        self.note.setText(f"Note: {note}" if note else "No note")
        self.links.setText("\n".join(links) if links else "No linked reference sentence")
        self.pairing.setText(pairing)
        self.pairing.setVisible(bool(pairing))


class AdjudicationPanel(QFrame):
    def __init__(self, controller: Adjudicator) -> None:
        super().__init__()
        self.c = controller
        self.setObjectName("adjudicationPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        self.summary = _plain("", "Agreement between the two reviews")
        self.status = _plain("", "Who settled the current claim")
        self.status.setStyleSheet("font-weight: 600")
        lay.addWidget(self.summary)
        lay.addWidget(self.status)
        inner = QWidget()
        cols = QGridLayout(inner)
        cols.setContentsMargins(0, 0, 0, 0)
        cols.setHorizontalSpacing(8)
        self.columns = {"A": _Column("A"), "B": _Column("B")}
        cols.addWidget(self.columns["A"], 0, 0)
        cols.addWidget(self.columns["B"], 0, 1)
        cols.setColumnStretch(0, 1)
        cols.setColumnStretch(1, 1)
        scroll = QScrollArea()  # long notes and many links scroll instead of being cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        lay.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, action in (("A", controller.a_take_a), ("B", controller.a_take_b),
                            ("next", controller.a_next), ("report", controller.a_report)):
            b = QPushButton(action.text().replace("&", ""))
            b.setToolTip(action.toolTip())
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.clicked.connect(action.trigger)
            row.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(row)
        self.hint = _plain("Shift+A takes A's decision, Shift+B takes B's (with its note and links); "
                           "C, A, U, X or Enter decide anew; D goes to the next claim to settle.")
        self.hint.setStyleSheet(f"color: {theme().muted.name()}")
        lay.addWidget(self.hint)

    def show_claim(self) -> None:
        c, w = self.c, self.c.w
        pair, p = c.pair, w.project
        if pair is None or p is None or p is not c.merged:
            return
        n_pending = len(pending(p))
        ag = pair.agreement
        kappa = "undefined" if ag.kappa is None else f"{ag.kappa:.2f}"
        alpha = "undefined" if ag.alpha is None else f"{ag.alpha:.2f}"
        self.summary.setText(
            f"Review B: {c.names[1]}{' (' + ag.reviewers['b'] + ')' if ag.reviewers['b'] else ''} · "
            f"κ {kappa} · α {alpha} · {ag.reviewed['common']} reviewed by both · "
            f"{pair.n_disagreements} disagreements, {n_pending} claims to settle"
            + ("" if ag.meaningful else " · too few common claims for meaningful figures"))
        cid = w.current["right"]
        u = pair.unit_of.get(cid) if cid is not None else None
        if cid is None or u is None or cid not in p.reviews:
            self.status.setText("No claim of review A selected")
            for col in self.columns.values():
                col.set_review("", None, "", [])
            for key in ("A", "B"):
                self.buttons[key].setEnabled(False)
            return
        adj = p.review(cid).adjudication
        number = p.index_of("right", cid) + 1
        state = "the reviewers disagree" if u.disagree else (
            "the reviewers agree" if u.common else "only one reviewer decided" if (u.a or u.b) else "not reviewed")
        self.status.setText(f"Claim {number}: {state} · {DECIDED.get(adj.decided_by if adj else None, '')}")
        ca, cb = pair.choices[cid]
        pairing = {"same": "", "none": "B has no claim here (it could not be placed on A's text)",
                   "tie": "two claims of B overlap this one equally: the first is shown",
                   "partial": "B's claim covers this claim in part (B split or merged it)"}[u.overlap]
        if u.others:
            more = len(u.others)
            pairing += f"; {more} more claim{'s' if more > 1 else ''} of B overlap{'' if more > 1 else 's'} it"
        self.columns["A"].set_review(f"A · {c.names[0]}{' · ' + ag.reviewers['a'] if ag.reviewers['a'] else ''}",
                               u.a, ca.note, self._links(list(ca.links)))
        self.columns["B"].set_review(f"B · {c.names[1]}{' · ' + ag.reviewers['b'] if ag.reviewers['b'] else ''}",
                               u.b, cb.note if cb else "", self._links(list(cb.links) if cb else []),
                               pairing.strip("; "))
        self.buttons["A"].setEnabled(True)
        self.buttons["B"].setEnabled(u.b_claim is not None)

    def _links(self, links: list[ProjectLink]) -> list[str]:
        p = self.c.w.project
        assert p is not None
        out = []
        for lk in links:
            text = " ".join(p.claim_text("left", lk.left).split())
            out.append(f"Reference {p.index_of('left', lk.left) + 1}: {text[:64]}{'…' if len(text) > 64 else ''}")
        return out


class AgreementReport(QDialog):
    """The figures of ``diptych agree`` for the two reviews compared."""

    def __init__(self, parent: QWidget, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("agreementReport")
        self.setWindowTitle("Agreement between the two reviews")
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setAccessibleName("Agreement figures")
        lay.addWidget(self.text)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        lay.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(760, 560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class Adjudicator(QObject):
    """The comparison of the window's review with another one, and the adjudication of their merge."""

    ready = Signal()  # the merged review is shown with its panel and filter

    def __init__(self, window: MainWindow, file_menu: QMenu, before: QAction | None = None) -> None:
        super().__init__(window)
        self.w = window
        self.pair: Pairing | None = None
        self.merged: Project | None = None
        self.paths: tuple[Path, Path] | None = None
        self.names = ("", "")
        from diptych.ui.actions import ADJUDICATION_ACTIONS, Actions

        acts = Actions()
        acts.build(window, ADJUDICATION_ACTIONS, {
            "compare": self.compare_dialog, "take_a": lambda: self.take("A"), "take_b": lambda: self.take("B"),
            "next_pending": self.next_pending, "report": self.show_report})
        window.act.letter.extend(acts.letter)  # off while typing, like the window's own letter keys
        self.a_compare, self.a_take_a, self.a_take_b = acts["compare"], acts["take_a"], acts["take_b"]
        self.a_next, self.a_report = acts["next_pending"], acts["report"]
        file_menu.insertAction(before, self.a_compare) if before else file_menu.addAction(self.a_compare)
        self.menu = QMenu("Adjudication", window)
        for a in (self.a_take_a, self.a_take_b, self.a_next, self.a_report):
            self.menu.addAction(a)
        self.menu_action = window.menuBar().insertMenu(window.menuBar().actions()[-1], self.menu)
        self.panel = AdjudicationPanel(self)
        splitter = window.panel.parentWidget()
        if isinstance(splitter, QSplitter):
            splitter.addWidget(self.panel)
            splitter.setStretchFactor(splitter.indexOf(self.panel), 3)
        self.job: Job | None = None
        window.session.save_guards.append(self.may_save_to)
        window.session.name_hints.append(self.suggested_name)
        window.project_shown.connect(self._project_shown)
        window.claim_focus_changed.connect(self.panel.show_claim)
        self._set_active(False)

    # ----- state ----------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.pair is not None and self.merged is not None and self.w.project is self.merged

    def _set_active(self, on: bool) -> None:
        for a in (self.a_take_a, self.a_take_b, self.a_next, self.a_report):
            a.setEnabled(on)
        self.menu_action.setVisible(on)
        self.panel.setVisible(on)
        combo = self.w.filter_combo
        k = combo.findText(DISAGREE)
        has_sources = self.w.project is not None and bool(self.w.project.sources)
        if (on or has_sources) and k < 0:
            combo.addItem(DISAGREE)
        elif not (on or has_sources) and k >= 0:
            if combo.currentIndex() == k:
                combo.setCurrentIndex(0)
            combo.removeItem(k)

    def _project_shown(self) -> None:
        if self.merged is not None and self.w.project is not self.merged:
            self.pair, self.merged, self.paths = None, None, None
        if not self.active:
            self._set_active(False)
            return
        self.w.session.mark_modified()  # the merged review exists only in the window until it is saved
        # the panel and the filter come in on the next event-loop turns: on a long review each of
        # these steps takes 40-90 ms, after the window's own last step of showing the project
        merged = self.merged
        QTimer.singleShot(0, lambda: self._activate(merged, 1))

    def _activate(self, merged: Project | None, step: int) -> None:
        if merged is None or merged is not self.merged or not self.active:
            return
        if step == 1:
            self._set_active(True)
            self._make_room()
            self.w.filter_combo.setCurrentText(DISAGREE)
            QTimer.singleShot(0, lambda: self._activate(merged, 2))
            return
        first = pending(merged)
        if first:
            self.w.select_claim("right", first[0])
        self.panel.show_claim()
        self.w.statusBar().showMessage(
            f"Comparing with {self.names[1]}: {len(first)} claims wait for your decision", 8000)
        self.ready.emit()

    def _make_room(self) -> None:
        """A share of the bottom row's width for the adjudication panel (the articles keep their
        height: a pane that changes size lays a long article out again)."""
        w = self.w
        splitter = self.panel.parentWidget()
        if isinstance(splitter, QSplitter) and splitter.count() == 3:
            width = sum(splitter.sizes())
            splitter.setSizes([int(width * 0.36), int(width * 0.27), width - int(width * 0.36) - int(width * 0.27)])
        w.filter_combo.setSizeAdjustPolicy(w.filter_combo.SizeAdjustPolicy.AdjustToContents)

    def may_save_to(self, path: Path) -> bool:
        """False (and says why) when ``path`` is one of the two reviews being compared."""
        if self.paths is None or self.w.project is not self.merged:
            return True
        for role, src in zip("AB", self.paths, strict=True):
            if same_file(path, src):
                show_error(self.w, f"{path.name} is review {role}: save the merged review as a new file, "
                                   "so that both reviews stay as they are")
                return False
        return True

    def suggested_name(self) -> Path | None:
        if self.paths is None or not self.active:
            return None
        a = self.paths[0]
        return a.with_name(f"{a.stem}-merged.diptych")

    # ----- comparing ------------------------------------------------------------------------------
    def compare_dialog(self) -> None:
        w = self.w
        if w.project is None:
            w.statusBar().showMessage("Open a review first, then compare it with another one", 6000)
            return
        # a review never saved is saved first (its name is asked); unsaved edits are written in the
        # background, and the comparison reads the file once that write is done
        if w.session.path is None and not w.session.save():
            return
        if w.session.is_modified() and not w.session.save(background=True):
            return
        if w.session.path is None:
            return
        path, _ = QFileDialog.getOpenFileName(w, "Compare with another review of the same pair",
                                              str(w.session.path.parent), f"{PROJECT_FILTER};;All files (*)")
        if path:
            self.compare_with(path)

    def compare_with(self, path_b: str | Path) -> None:
        """Read review B and pair it with the window's saved review A, in a thread."""
        w = self.w
        if w.session.path is None:
            w.statusBar().showMessage("Save this review first: the comparison reads it from its file", 6000)
            return
        path_a, path_b = Path(w.session.path), Path(path_b)
        saving = w.session.saving

        def task(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> Any:
            from diptych.linkserver.compare import compare_files
            from diptych.ui.prepare import prepare

            if saving is not None:
                progress("Saving this review", 0.05)
                saving.join()
            # as after linking: the merged review arrives as about a million new objects; with the
            # collector on they set off full collections that hold the interpreter lock, and frozen
            # once built they are never scanned again
            gc.disable()
            try:
                result = compare_files(path_a, path_b, progress, cancelled)
                if result is None or cancelled():
                    return None
                merged, pair = result
                progress("Preparing the window", 1.0)
                view = prepare(merged)
                gc.freeze()
            finally:
                gc.enable()
            return pair, merged, view, (path_a, path_b)

        w.jobs.cancel()
        job = Job(task, w)
        job.done.connect(self._compared)
        job.failed.connect(lambda message, details: show_error(w, message, details))
        job.was_cancelled.connect(lambda: w.statusBar().showMessage("Comparison cancelled", 5000))
        self.job = job
        w.jobs.run(job, "Comparing…")

    def _compared(self, result: Any) -> None:
        if result is None:
            return
        pair, merged, view, paths = result
        self.pair, self.merged, self.paths = pair, merged, paths
        self.names = (paths[0].name, paths[1].name)
        self.w.set_project(merged, None, view, chunked=True)

    # ----- deciding -------------------------------------------------------------------------------
    def take(self, who: str) -> None:
        w = self.w
        cid = w.edits.current_review()
        if not self.active or cid is None or self.pair is None or w.project is None:
            return
        if cid not in self.pair.unit_of:
            w.statusBar().showMessage("This claim is not one of review A's claims", 5000)
            return
        try:
            cmd = TakeDecision(w.project, self.pair, cid, who)
        except (AgreementError, DiptychError) as e:
            w.statusBar().showMessage(str(e), 6000)
            return
        nxt = self._pending_after(cid)
        if w.session.push(cmd):
            if w.advance and nxt is not None:
                w.select_claim("right", nxt)
            else:
                w.table.show_claim(w.current["right"])
                self.panel.show_claim()

    def _pending_after(self, cid: int | None) -> int | None:
        """The first claim after ``cid`` (in the article's order, round the end) that waits."""
        p = self.w.project
        if p is None:
            return None
        waiting = set(pending(p)) - {cid}
        rights = [c.id for c in p.claims("right")]
        k = p.index_of("right", cid) + 1 if cid is not None else 0
        return next((x for x in rights[k:] + rights[:k] if x in waiting), None)

    def next_pending(self) -> None:
        if not self.active:
            return
        nxt = self._pending_after(self.w.current["right"])
        if nxt is None:
            self.w.statusBar().showMessage("Every claim is settled: save the merged review (Ctrl+S)", 6000)
            return
        self.w.select_claim("right", nxt)

    def show_report(self) -> AgreementReport | None:
        if self.pair is None:
            return None
        try:
            dlg = AgreementReport(self.w, to_text(self.pair.agreement))
        except DiptychError as e:  # pragma: no cover - the figures are computed already
            show_error(self.w, str(e), traceback.format_exc())
            return None
        dlg.open()
        return dlg


def install(window: MainWindow, file_menu: QMenu, before: QAction | None = None) -> Adjudicator:
    return Adjudicator(window, file_menu, before)
