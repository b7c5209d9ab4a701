"""One scorer for every link: a link re-added by hand, and the links of split or merged claims, get
the linker's own score; the "manual" mark is a separate flag."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from diptych.core.link_score import score_link
from diptych.ui import commands
from test_ui_helpers import sample_project


def test_removing_and_re_adding_a_link_gives_back_its_score() -> None:
    p = sample_project()
    stack = QUndoStack()
    same = 0
    for lk in list(p.links):
        if lk.score == 0.5:
            continue  # a partner the linker accepted at its threshold, not by its own score
        stack.push(commands.RemoveLink(p, lk.left, lk.right))
        stack.push(commands.AddLink(p, lk.left, lk.right))
        again = next(x for x in p.links if (x.left, x.right) == (lk.left, lk.right))
        assert again.origin == "manual", "the manual mark is kept apart from the score"
        same += again.score == lk.score
        # and once more: a re-added link never drifts
        stack.push(commands.RemoveLink(p, lk.left, lk.right))
        stack.push(commands.AddLink(p, lk.left, lk.right))
        assert next(x for x in p.links if (x.left, x.right) == (lk.left, lk.right)).score == again.score
        stack.undo()
        stack.undo()
        stack.undo()
        stack.undo()
        back = next(x for x in p.links if (x.left, x.right) == (lk.left, lk.right))
        assert (back.score, back.origin) == (lk.score, "auto")
    scored = [lk for lk in p.links if lk.score != 0.5]
    # the linker's prior comes from its previous round's links, which a project does not keep: a
    # link whose neighbours changed between rounds may score a little differently
    assert len(scored) >= 10 and same >= 0.85 * len(scored), f"{same} of {len(scored)} links scored alike"


def test_after_a_split_each_piece_has_its_own_score() -> None:
    p = sample_project()
    stack = QUndoStack()
    text = p.document("right").text
    # a linked review claim of two clauses
    lk = max((x for x in p.links if ", " in p.claim_text("right", x.right)),
             key=lambda x: len(p.claim_text("right", x.right)))
    c = p.claim("right", lk.right)
    cut = text.index(", ", c.start) + 2
    stack.push(commands.SplitClaim(p, "right", c.id, cut))
    pieces = [x for x in p.links if x.left == lk.left and x.right in (c.id, max(cc.id for cc in p.claims("right")))]
    assert len(pieces) == 2
    assert pieces[0].score != pieces[1].score, "the two pieces share different words with the reference"
    assert all(x.score == score_link(p, x.left, x.right) and x.origin == lk.origin for x in pieces)
    assert all(x.score != lk.score for x in pieces), "neither piece keeps the unsplit score"
    stack.push(commands.MergeClaims(p, "right", c.id, pieces[1].right if pieces[1].right != c.id else pieces[0].right))
    merged = next(x for x in p.links if (x.left, x.right) == (lk.left, c.id))
    assert merged.score == score_link(p, lk.left, c.id)
    stack.undo()
    stack.undo()
    assert next(x for x in p.links if (x.left, x.right) == (lk.left, lk.right)).score == lk.score
