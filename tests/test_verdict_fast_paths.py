"""The verdicts' shortcuts give what the word-by-word definitions give: repeated lines, number words
of the whole reference, negations found by set lookups."""

from __future__ import annotations

import pytest

from diptych.core.align import suggest_all
from diptych.core.ingest import document_from_text
from diptych.core.link import Link
from diptych.core.segment import segment
from diptych.core.verdict import checks as c
from diptych.core.verdict import suggest

pytestmark = pytest.mark.timeout(60)

REFERENCE = ("Police said 12 people were arrested on Monday.\n"
             "The council did not approve the plan.\n"
             "Twenty-one members voted for it.\n")
REVIEW = ("Police said 21 people were arrested on Monday.\n"
          "The council approved the plan.\n"
          "Police said 21 people were arrested on Monday.\n"
          "Twenty-one members voted for it.\n"
          "The council approved the plan.\n")


def test_a_repeated_line_is_judged_once_and_gets_the_verdict_of_its_first_occurrence() -> None:
    left, right = document_from_text(REFERENCE, "ref.txt"), document_from_text(REVIEW, "rev.txt")
    lc, rc = segment(left.text, "en", True), segment(right.text, "en", True)
    links = [Link(0, 0, 0.8), Link(1, 1, 0.7), Link(0, 2, 0.8), Link(2, 3, 1.0), Link(1, 4, 0.6)]
    calls: list[str] = []

    def judge(text: str, lefts: list[str], score: float, reference: str = "") -> object:
        calls.append(text)
        return suggest(text, lefts, score, reference=reference)

    got = suggest_all(left, right, lc, rc, links, judge=judge)  # type: ignore[arg-type]
    # the last line repeats the second with another link score: the same claim and texts, judged once
    assert len(calls) == 3
    alone = [suggest(c_.text(right.text), [lc[lk.left].text(left.text) for lk in links if lk.right == j],
                     max(lk.score for lk in links if lk.right == j), reference=left.text)
             for j, c_ in enumerate(rc)]
    assert got[:4] == alone[:4] and got[4] == got[1]
    assert got[0].verdict == "altered" and "12 → 21" in got[0].reasons[0].text


@pytest.mark.parametrize("text", [
    "Twenty-one voters, ONE_TWO three4 ſix seven's EIGHT nine½ and Zwölf Stimmen.",
    "no number words at all",
    "",
])
def test_the_number_words_of_a_reference_are_its_whole_words_in_any_case(text: str) -> None:
    by_word = {c.NUMBER_WORDS[m.group().casefold()] for m in c._WORD_TOKEN.finditer(text)
               if m.group().casefold() in c.NUMBER_WORDS}
    assert c._NUMBER_WORD.values(text, c.NUMBER_WORDS) == by_word
    assert c._NUMBER_WORD.found_in(text) == bool(by_word)
    if text.startswith("Twenty"):  # "ONE_TWO", "three4" and "nine½" are no whole words; "ſix" folds to "six"
        assert by_word == {"6", "7", "8", "12", "20"}
        assert ("21", "Twenty-one") in {(v, surf) for v, surf, _s, _e in c._numbers(text)}  # not 20


@pytest.mark.parametrize("words", [{"did", "not", "go"}, {"wasn't", "there"}, {"isn’t"}, {"nothing", "else"},
                                   {"the", "plan"}, {"n't"}, set()])
def test_a_negation_is_found_by_set_lookups_as_word_by_word(words: set[str]) -> None:
    assert c._any_negation(words) == any(c._is_neg(w) for w in words)
