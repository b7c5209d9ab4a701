"""Undo commands: every edit of a review is one QUndoCommand whose redo/undo call plain Project methods."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QUndoCommand

from diptych.core.project import Adjudication, Project, ProjectError, ProjectLink, Provenance, Side
from diptych.ui.style import VERDICT_NAMES

NOTE_COMMAND_ID = 4242


class Command(QUndoCommand):
    """An edit the project may refuse: a :class:`ProjectError` in ``redo`` leaves the command
    obsolete (the stack drops it) with the reason in :attr:`failure`, instead of escaping into Qt."""

    failure: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        redo = cls.__dict__.get("redo")
        if redo is not None:
            cls.redo = _guarded(redo)  # type: ignore[method-assign]


def _guarded(redo: Callable[[Any], None]) -> Callable[[Any], None]:
    @functools.wraps(redo)
    def guarded(self: Command) -> None:
        try:
            redo(self)
        except ProjectError as e:
            self.failure = str(e)
            self.setObsolete(True)

    return guarded


class SetVerdict(Command):
    """Confirm a verdict (or clear it), or mark/unmark "not a claim". In a merged project the
    decision is the adjudicator's (cleared: the claim waits again)."""

    def __init__(self, project: Project, claim_id: int, verdict: str | None, not_a_claim: bool = False) -> None:
        r = project.review(claim_id)
        self.project, self.claim_id = project, claim_id
        adj = r.adjudication
        self.old = (r.verdict, r.not_a_claim, adj)
        decided = not_a_claim or verdict is not None
        self.new = (None if not_a_claim else verdict, not_a_claim,
                    None if adj is None else replace(adj, decided_by="adjudicator" if decided else None))
        label = "Not a claim" if not_a_claim else (VERDICT_NAMES.get(verdict or "", "No verdict"))
        super().__init__(f"{label} (claim {project.index_of('right', claim_id) + 1})")

    def _apply(self, verdict: str | None, nac: bool, adjudication: Adjudication | None) -> None:
        r = self.project.review(self.claim_id)
        if r.not_a_claim != nac:
            self.project.set_not_a_claim(self.claim_id, nac)
        if r.verdict != verdict:
            self.project.set_verdict(self.claim_id, verdict)
        if r.adjudication != adjudication:
            self.project.set_adjudication(self.claim_id, adjudication)

    def redo(self) -> None:
        self._apply(*self.new)

    def undo(self) -> None:
        self._apply(*self.old)


class SetNote(Command):
    """A note edit; consecutive edits of the same claim's note merge into one step."""

    def __init__(self, project: Project, claim_id: int, note: str) -> None:
        self.project, self.claim_id = project, claim_id
        self.old, self.new = project.review(claim_id).note, note
        super().__init__(f"Note (claim {project.index_of('right', claim_id) + 1})")

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNote) or other.claim_id != self.claim_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.project.set_note(self.claim_id, self.new)

    def undo(self) -> None:
        self.project.set_note(self.claim_id, self.old)


class AddLink(Command):
    """A link the reviewer makes; without ``score``, the linker scores the pair."""

    def __init__(self, project: Project, left_id: int, right_id: int, score: float | None = None) -> None:
        self.project, self.left_id, self.right_id, self.score = project, left_id, right_id, score
        super().__init__("Add link")

    def redo(self) -> None:
        self.project.add_link(self.left_id, self.right_id, self.score, "manual")

    def undo(self) -> None:
        self.project.remove_link(self.left_id, self.right_id)


class RemoveLink(Command):
    def __init__(self, project: Project, left_id: int, right_id: int) -> None:
        self.project, self.left_id, self.right_id = project, left_id, right_id
        self.link: ProjectLink | None = None
        super().__init__("Remove link")

    def redo(self) -> None:
        self.link = self.project.remove_link(self.left_id, self.right_id)

    def undo(self) -> None:
        assert self.link is not None
        self.project.restore_link(self.link)


class _Structural(Command):
    """Claim boundary edits: undo restores a snapshot taken before the first redo."""

    def __init__(self, project: Project, text: str) -> None:
        super().__init__(text)
        self.project = project
        self.snap: dict[str, Any] | None = None

    def redo(self) -> None:
        if self.snap is None:
            self.snap = self.project.snapshot()
        self.apply()

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo(self) -> None:
        assert self.snap is not None
        self.project.restore(self.snap)


class SplitClaim(_Structural):
    def __init__(self, project: Project, side: Side, claim_id: int, offset: int) -> None:
        super().__init__(project, "Split claim")
        self.side, self.claim_id, self.offset = side, claim_id, offset
        self.new_id: int | None = None

    def apply(self) -> None:
        self.new_id = self.project.split_claim(self.side, self.claim_id, self.offset, self.new_id)


class MergeClaims(_Structural):
    def __init__(self, project: Project, side: Side, first_id: int, second_id: int) -> None:
        super().__init__(project, "Merge claims")
        self.side, self.first_id, self.second_id = side, first_id, second_id

    def apply(self) -> None:
        self.project.merge_claims(self.side, self.first_id, self.second_id)


class SetProvenance(Command):
    """Change one article's provenance (URL, outlet, dates)."""

    def __init__(self, project: Project, side: Side, provenance: Provenance) -> None:
        self.project, self.side = project, side
        self.old, self.new = replace(project.articles[side].provenance), replace(provenance)
        super().__init__(f"{'Reference' if side == 'left' else 'Review article'} details")

    def redo(self) -> None:
        self.project.set_provenance(self.side, self.new)

    def undo(self) -> None:
        self.project.set_provenance(self.side, self.old)


class SetReviewer(Command):
    def __init__(self, project: Project, name: str) -> None:
        self.project, self.old, self.new = project, project.reviewer, name
        super().__init__("Reviewer name")

    def redo(self) -> None:
        self.project.set_reviewer(self.new)

    def undo(self) -> None:
        self.project.set_reviewer(self.old)


class ReplaceText(Command):
    """Replace one article with a corrected text, its annotations re-anchored (orphans kept).

    ``reanchored`` is the project ``core.anchor.reanchor`` made; undo restores the state before.
    """

    def __init__(self, project: Project, side: Side, reanchored: Project) -> None:
        super().__init__("Replace the reference" if side == "left" else "Replace the review article")
        self.project, self.reanchored = project, reanchored
        self.before = project.snapshot()
        self.after: dict[str, Any] | None = None

    def redo(self) -> None:
        if self.after is None:
            self.project.replace_state(self.reanchored)
            self.after = self.project.snapshot()
        else:
            self.project.restore(self.after)

    def undo(self) -> None:
        self.project.restore(self.before)
