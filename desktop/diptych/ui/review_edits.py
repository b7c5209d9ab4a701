"""The review edits of the window: verdicts, accepting a suggestion, not a claim, the note, links, split and merge.

Every edit is an undo command (``ui/commands.py``) pushed through :meth:`ReviewSession.push`. The room is
given the session, the current selection and a few callbacks of the window; it keeps no state of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from diptych.core.not_claims import not_a_claim_kind
from diptych.core.project import Side
from diptych.ui import commands
from diptych.ui.check import is_check
from diptych.ui.session import ReviewSession


class SelectClaim(Protocol):
    """The window's ``select_claim``: make a claim the current one (and show it)."""

    def __call__(self, side: Side, claim_id: int, *, selecting: bool = ..., keep_left: int | None = ...) -> None: ...


class ReviewEdits:
    """The edits a reviewer makes to the claims on screen, one undo command each."""

    def __init__(self, session: ReviewSession, current: Callable[[], dict[str, int | None]], *,
                 active_side: Callable[[], Side], select: SelectClaim,
                 neighbour: Callable[[int | None, int], int | None], show_in_table: Callable[[int | None], None],
                 caret_offset: Callable[[Side], int], focus_note: Callable[[], None],
                 advance: Callable[[], bool], message: Callable[[str, int], None]) -> None:
        self.session = session
        self._current = current  # the window's selection: {"left": id | None, "right": id | None}
        self._active_side = active_side
        self._select = select
        self._neighbour = neighbour  # the claim ``step`` rows away in the claims table
        self._show_in_table = show_in_table
        self._caret_offset = caret_offset
        self._focus_note = focus_note
        self._advance = advance  # move on to the next claim after a verdict
        self._message = message

    def current_review(self) -> int | None:
        """The selected review claim, when it has a review."""
        p = self.session.project
        cid = self._current()["right"]
        return cid if p is not None and cid is not None and cid in p.reviews else None

    def _after_verdict(self, nxt: int | None) -> None:
        if self._advance() and nxt is not None:
            self._select("right", nxt)
        else:
            self._show_in_table(self._current()["right"])

    def set_verdict(self, verdict: str | None) -> None:
        p = self.session.project
        cid = self.current_review()
        if cid is None or p is None:
            return
        nxt = self._neighbour(self._current()["right"], 1)
        self.session.push(commands.SetVerdict(p, cid, verdict))
        self._after_verdict(nxt if verdict is not None else None)

    def accept_suggestion(self) -> None:
        p = self.session.project
        cid = self.current_review()
        if cid is None or p is None:
            return
        if not_a_claim_kind(p.review(cid).suggestion, p.claim_text("right", cid)):
            if not p.review(cid).not_a_claim:  # a navigation line, byline or post handle
                self.toggle_not_a_claim()
            return
        if is_check(p.review(cid)):  # too unsure to accept blind (ui/check.py)
            self._message("This suggestion needs a check: read the highlighted words, then press C, A or U", 6000)
            return
        self.set_verdict(p.review(cid).suggestion.verdict)

    def toggle_not_a_claim(self) -> None:
        p = self.session.project
        cid = self.current_review()
        if cid is None or p is None:
            return
        r = p.review(cid)
        was = r.not_a_claim
        nxt = self._neighbour(self._current()["right"], 1)
        self.session.push(commands.SetVerdict(p, cid, r.verdict, not was))
        self._after_verdict(None if was else nxt)

    def edit_note(self) -> None:
        if self.current_review() is not None:
            self._focus_note()

    def add_link(self) -> None:
        p = self.session.project
        r, l_ = self._current()["right"], self._current()["left"]
        if p is None:
            return
        if r is None or l_ is None:
            self._message("Select a reference sentence and a claim first (click, or drag to select)", 6000)
            return
        if l_ in p.partners("right", r):
            self._message("This reference sentence and this claim are already linked", 5000)
            return
        if self.session.push(commands.AddLink(p, l_, r)):  # scored by the linker's own scorer
            self._select("right", r, keep_left=l_)

    def remove_link(self) -> None:
        p = self.session.project
        r, l_ = self._current()["right"], self._current()["left"]
        if p is None or r is None:
            return
        if l_ is None or l_ not in p.partners("right", r):
            partners = p.partners("right", r)
            if len(partners) != 1:
                self._message("Select the linked reference sentence to remove its link", 5000)
                return
            l_ = partners[0]
        if self.session.push(commands.RemoveLink(p, l_, r)):
            self._current()["left"] = l_  # the unlinked passage stays selected beside its claim
            self._select("right", r, selecting=True)

    def split_claim(self) -> None:
        p = self.session.project
        if p is None:
            return
        side = self._active_side()
        offset = self._caret_offset(side)
        c = p.claim_at(side, offset)
        if c is None:
            return
        if self.session.push(commands.SplitClaim(p, side, c.id, offset)):
            self._select(side, c.id)

    def merge_claim(self) -> None:
        p = self.session.project
        if p is None:
            return
        side = self._active_side()
        cid = self._current()[side]
        if cid is None:
            return
        claims = p.claims(side)
        k = p.index_of(side, cid)
        if k + 1 >= len(claims):
            self._message("This is the last claim: there is nothing to merge it with", 5000)
            return
        self.session.push(commands.MergeClaims(p, side, cid, claims[k + 1].id))
