"""A whole review of the sample pair by keyboard only, asserting the project after every step."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from diptych.core.not_claims import not_a_claim_kind
from diptych.core.verdict import needs_check
from test_ui_helpers import (  # noqa: F401
    CTRL,
    REFERENCE,
    REVIEW,
    SHIFT,
    Key,
    no_blocking_prompts,
    open_window,
    press,
    review_state,
)


def test_keyboard_only_review_of_the_sample_pair(qtbot) -> None:
    w = open_window(qtbot, size=(1400, 900))
    # open: the pair is read and linked in the background
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        w.open_paths([str(REFERENCE), str(REVIEW)])
    p = w.project
    assert p is not None
    initial = review_state(p)
    rights = [c.id for c in p.claims("right")]
    assert w.current["right"] == rights[0]
    assert QApplication.focusWidget() is w.table
    assert w.panel.title.text().startswith("<b>Claim 1</b>")

    # accept or override every claim; mark one "not a claim"
    expected: dict[int, tuple[str | None, bool]] = {}
    keys = {0: (Key.Key_C, "consistent"), 1: (Key.Key_A, "altered"), 2: (Key.Key_U, "unsupported"),
            3: (Key.Key_2, "altered"), 4: (Key.Key_3, "unsupported"), 5: (Key.Key_1, "consistent")}
    accepted = checked = not_claims = 0
    for k, cid in enumerate(rights):
        assert w.current["right"] == cid  # the window advanced after the previous verdict
        if k == 7:
            press(qtbot, Key.Key_X)
            expected[cid] = (None, True)
        elif k in keys:
            press(qtbot, keys[k][0])
            expected[cid] = (keys[k][1], False)
        elif not_a_claim_kind(p.review(cid).suggestion, p.claim_text("right", cid)):
            press(qtbot, Key.Key_Return)  # a navigation line or post byline: Enter accepts "not a claim"
            expected[cid] = (None, True)
            not_claims += 1
        else:
            suggested = p.review(cid).suggestion.verdict
            press(qtbot, Key.Key_Return)
            if needs_check(p.review(cid).suggestion):  # Enter leaves a suggestion to check unconfirmed
                assert p.review(cid).verdict is None and w.current["right"] == cid
                press(qtbot, {"consistent": Key.Key_C, "altered": Key.Key_A, "unsupported": Key.Key_U}[suggested])
                checked += 1
            else:
                accepted += 1
            expected[cid] = (suggested, False)
        r = p.review(cid)
        assert (r.verdict, r.not_a_claim) == expected[cid]
        assert w.claims_model.index(w.claims_model.row_of(cid), 3).data() == (
            "Not a claim" if r.not_a_claim else r.verdict.capitalize())
    assert accepted and checked and not_claims  # every kind of suggestion was met
    c = p.counts()
    n = len(rights) - 1 - not_claims
    assert c["reviewed"] == c["claims"] == n and c["not_a_claim"] == 1 + not_claims
    assert w.counts_label.text().startswith(f"<b>{n} of {n} reviewed")
    assert w.isWindowModified()
    reviewed = review_state(p)

    # back to the first claim with P / K, then to claim 5 with N / J
    for _ in range(len(rights)):
        press(qtbot, Key.Key_K if _ % 2 else Key.Key_P)
    assert w.current["right"] == rights[0]
    for key in (Key.Key_N, Key.Key_J, Key.Key_N, Key.Key_J):
        press(qtbot, key)
    assert w.current["right"] == rights[4]

    # add a link: pick an unlinked review claim, then the last reference passage (F6 twice, Ctrl+End)
    unlinked = next(cid for cid in rights if not p.partners("right", cid))
    while w.current["right"] != unlinked:
        press(qtbot, Key.Key_N)
    press(qtbot, Key.Key_F6)
    assert QApplication.focusWidget() is w.right
    press(qtbot, Key.Key_F6)
    assert QApplication.focusWidget() is w.left
    press(qtbot, Key.Key_End, CTRL)
    last_left = p.claims("left")[-1].id
    assert w.current == {"left": last_left, "right": unlinked}
    press(qtbot, Key.Key_L)
    assert (last_left, unlinked) in {(lk.left, lk.right) for lk in p.links}
    link = next(lk for lk in p.links if (lk.left, lk.right) == (last_left, unlinked))
    assert link.origin == "manual"
    assert p.review(unlinked).suggestion.verdict != "unsupported" or p.review(unlinked).suggestion.reasons
    # ... and remove it again
    press(qtbot, Key.Key_L, SHIFT)
    assert (last_left, unlinked) not in {(lk.left, lk.right) for lk in p.links}
    press(qtbot, Key.Key_Z, CTRL)
    assert (last_left, unlinked) in {(lk.left, lk.right) for lk in p.links}
    press(qtbot, Key.Key_Z, CTRL | SHIFT)
    assert (last_left, unlinked) not in {(lk.left, lk.right) for lk in p.links}

    # split a review claim: into the right pane, three words along, S
    target = rights[2]
    w.table.setFocus()
    while w.current["right"] != target:
        press(qtbot, Key.Key_P)
    press(qtbot, Key.Key_F6)
    assert QApplication.focusWidget() is w.right
    for _ in range(3):
        press(qtbot, Key.Key_Right, CTRL)
    text_before = p.claim_text("right", target)
    n_before = len(p.claims("right"))
    press(qtbot, Key.Key_S)
    assert len(p.claims("right")) == n_before + 1
    k = p.index_of("right", target)
    new_id = p.claims("right")[k + 1].id
    head, tail = p.claim_text("right", target), p.claim_text("right", new_id)
    words = text_before.split(" ", 3)
    assert head and tail and f"{head} {tail}" == " ".join(words[:3]) + " " + words[3]
    assert len(head.split()) == 3
    assert p.review(target).verdict == expected[target][0] and not p.review(new_id).reviewed
    press(qtbot, Key.Key_Z, CTRL)
    assert len(p.claims("right")) == n_before and p.claim_text("right", target) == text_before
    press(qtbot, Key.Key_Z, CTRL | SHIFT)
    assert len(p.claims("right")) == n_before + 1 and p.claims("right")[k + 1].id == new_id
    after_all = review_state(p)

    # undo everything, step by step, back to the freshly linked project; then redo everything
    w.table.setFocus()
    steps = w.undo_stack.index()
    for _ in range(steps):
        press(qtbot, Key.Key_Z, CTRL)
    assert review_state(p) == initial
    assert not w.isWindowModified()
    for _ in range(steps):
        press(qtbot, Key.Key_Z, CTRL | SHIFT)
    assert review_state(p) == after_all
    # half way back: the link and split undone, the verdicts kept
    for _ in range(steps - len(rights)):
        press(qtbot, Key.Key_Z, CTRL)
    assert review_state(p) == reviewed
    w.undo_stack.setClean()


def test_letter_keys_type_into_the_filter_and_the_note(qtbot) -> None:
    w = open_window(qtbot, size=(1400, 900))
    from test_ui_helpers import sample_project

    w.set_project(sample_project(), None)
    p = w.project
    cid = w.current["right"]
    w.filter_edit.setFocus()
    assert not w.act.letters_enabled()
    qtbot.keyClicks(w.filter_edit, "ca")
    assert w.filter_edit.text() == "ca"
    assert not p.review(cid).reviewed
    assert all("ca" in w.proxy.index(r, 1).data().casefold() for r in range(w.proxy.rowCount()))
    w.filter_edit.clear()
    w.table.setFocus()
    assert w.act.letters_enabled()
    cid = w.current["right"]
    press(qtbot, Key.Key_E)  # E: edit the note
    assert QApplication.focusWidget() is w.panel.note
    qtbot.keyClicks(w.panel.note, "Check the date")
    press(qtbot, Key.Key_Escape)
    assert QApplication.focusWidget() is w.table
    assert p.review(cid).note == "Check the date" and not p.review(cid).reviewed
    press(qtbot, Key.Key_Z, CTRL)
    assert p.review(cid).note == ""
    w.undo_stack.setClean()


def test_filter_by_verdict_and_next_unreviewed(qtbot) -> None:
    w = open_window(qtbot, size=(1400, 900))
    from test_ui_helpers import sample_project

    w.set_project(sample_project(), None)
    p = w.project
    rights = [c.id for c in p.claims("right")]
    press(qtbot, Key.Key_A)
    press(qtbot, Key.Key_A)
    w.filter_combo.setCurrentText("Altered")
    assert [int(w.proxy.index(r, 0).data()) for r in range(w.proxy.rowCount())] == [1, 2]
    w.filter_combo.setCurrentText("Unreviewed")
    assert w.proxy.rowCount() == len(rights) - 2
    w.filter_combo.setCurrentText("All claims")
    w.go_to_claim(1)
    w.table.setFocus()
    press(qtbot, Key.Key_N, SHIFT)
    assert w.current["right"] == rights[2]
    w.undo_stack.setClean()
