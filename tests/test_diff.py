"""Word-level differences of a linked pair (the window's inline diff)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.diff import DiffOp, tokens, word_diff


def test_identical_texts_are_one_equal_run() -> None:
    assert word_diff("Pakistan welcomed the offer.", "Pakistan welcomed the offer.") == [
        DiffOp("equal", 0, 28, 0, 28)]


def test_changed_number_is_a_replacement_with_both_spans() -> None:
    a, b = "They hired 12,000 workers.", "They hired 21,000 workers."
    changed = [op for op in word_diff(a, b) if op.tag != "equal"]
    assert len(changed) == 1 and changed[0].tag == "replace"
    op = changed[0]
    assert a[op.a_start:op.a_end] == "12,000" and b[op.b_start:op.b_end] == "21,000"


def test_inserted_and_deleted_words_have_spans_on_their_side_only() -> None:
    a = "She reiterated support for the ceasefire between Pakistan and India."
    b = "She reiterated support for the ceasefire, thank you God, between Pakistan and India."
    ops = word_diff(a, b)
    ins = [op for op in ops if op.tag == "insert"]
    assert [b[op.b_start:op.b_end] for op in ins] == [", thank you God,"]
    assert all(op.a_start == op.a_end for op in ins)
    back = word_diff(b, a)
    dels = [op for op in back if op.tag == "delete"]
    assert [b[op.a_start:op.a_end] for op in dels] == [", thank you God,"]


def test_case_is_ignored_and_unicode_offsets_are_code_points() -> None:
    a, b = "Die Größe der Straße 🙂 ist gleich", "die GRÖSSE der Straße 🙂 ist anders"
    ops = word_diff(a, b)
    assert [op.tag for op in ops] == ["equal", "replace"]
    assert b[ops[1].b_start:ops[1].b_end] == "anders" and a[ops[1].a_start:ops[1].a_end] == "gleich"


def test_empty_sides() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [DiffOp("insert", 0, 0, 0, 9)]


WORDS = st.sampled_from("the not 12,000 May 10th Straße “quote” , . - 🙂 Bhutto".split())
TEXTS = st.lists(WORDS, max_size=12).map(" ".join) | st.text(max_size=40)


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS)
def test_ops_walk_both_texts_in_order(a: str, b: str) -> None:
    ops = word_diff(a, b)
    pos_a = pos_b = 0
    for op in ops:
        assert pos_a <= op.a_start <= op.a_end <= len(a) and pos_b <= op.b_start <= op.b_end <= len(b)
        assert (op.a_start == op.a_end) == (op.tag == "insert")
        assert (op.b_start == op.b_end) == (op.tag == "delete")
        if op.tag == "equal":
            assert ([t for t, _, _ in tokens(a[op.a_start:op.a_end])]
                    == [t for t, _, _ in tokens(b[op.b_start:op.b_end])])
        pos_a, pos_b = op.a_end, op.b_end
