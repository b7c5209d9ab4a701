"""Shares and sums in the number check: a share in words and its percentage state the same figure
("half" = "50 percent", "jeder Fünfte" = "20 Prozent"), a changed share is altered, and a total of
parts stated in the reference ("three … and two" → "five") is no changed number; English and German."""

from __future__ import annotations

import pytest

from diptych.core.segment import segment
from diptych.core.verdict import suggest


@pytest.mark.parametrize(("left", "right"), [
    ("About one in five pupils left without good passes.", "20% of pupils left without good passes."),
    ("Around half of the cuts will be voluntary.", "About 50 percent of the cuts will be voluntary."),
    ("Profits fell by a quarter.", "Profits fell by 25 percent."),
    ("Rund ein Drittel der Kosten übernimmt das Land.", "etwa 33 prozent der kosten übernimmt das land."),
    ("Jeder vierte Haushalt spart bei der Freizeit.", "25 Prozent der Haushalte sparen bei der Freizeit."),
    ("Die Hälfte der Befragten zahlt mehr.", "50 Prozent der Befragten zahlen mehr."),
])
def test_a_share_in_words_and_its_percentage_are_the_same_figure(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right", "old", "new"), [
    ("A quarter of adults have no will.", "half of adults have no will.", "A quarter", "half"),
    ("Two thirds of towns voted no.", "a third of towns voted no.", "Two thirds", "a third"),
    ("One in four drivers was fined.", "40% of drivers were fined.", "One in four", "40"),
    ("Ein Drittel der Kosten trägt das Land.", "Die Hälfte der Kosten trägt das Land.", "Ein Drittel", "Hälfte"),
    ("Jeder Fünfte ist zufrieden.", "30 Prozent sind zufrieden.", "Jeder Fünfte", "30"),
])
def test_a_changed_share_is_altered_and_names_both_sides(left: str, right: str, old: str, new: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
    r = next(r for r in s.reasons if r.major and r.kind == "number")
    assert old in r.text and new in r.text


def test_a_share_in_words_without_one_in_the_reference_is_no_figure() -> None:
    s = suggest("The meeting lasted half an hour.", ["The meeting was short."], 0.8)
    assert not [r for r in s.reasons if r.kind == "number"], s.reasons


@pytest.mark.parametrize(("left", "right", "total"), [
    ("Three academies opened in Sunderland and two in Durham.", "five academies opened in sunderland and durham.",
     "five"),
    ("The company will open 4 shops in Scotland and 3 in Wales.", "It will open 7 shops in Scotland and Wales.", "7"),
    ("Im Kader stehen drei Spieler aus Polen und zwei aus Tschechien.",
     "Im Kader stehen fünf Spieler aus Polen und Tschechien.", "fünf"),
])
def test_a_total_of_stated_parts_is_no_changed_number(left: str, right: str, total: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons
    note = next(r for r in s.reasons if r.kind == "number")
    assert not note.major and f"{total}: the sum of" in note.text


def test_parts_in_another_reference_sentence_sum_to_the_total() -> None:
    reference = "Senator Lee introduced the bill. The bill is backed by three Democrats and two Republicans."
    s = suggest("five senators back the bill.", ["Senator Lee introduced the bill."], 0.6, reference)
    assert not [r for r in s.reasons if r.major and r.kind == "number"], s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("Three academies opened in Sunderland and two in Durham.", "six academies opened in sunderland and durham."),
    ("Im Kader stehen drei Spieler aus Polen und zwei aus Tschechien.",
     "Im Kader stehen sechs Spieler aus Polen und Tschechien."),
])
def test_a_total_that_is_not_the_sum_is_altered(left: str, right: str) -> None:
    assert suggest(right, [left], 0.8).verdict == "altered"


def test_lower_case_german_is_split_into_sentences_and_abbreviations_hold() -> None:
    text = "der rat hat den plan beschlossen. die cdu stimmte dagegen. z.b. die kosten stiegen im sept. stark."
    got = [c.text(text) for c in segment(text, "de")]
    assert got == ["der rat hat den plan beschlossen.", "die cdu stimmte dagegen.",
                   "z.b. die kosten stiegen im sept. stark."]


def test_parts_about_something_else_do_not_explain_a_total() -> None:
    reference = "Senator Lee introduced the bill. The museum has two floors and three halls."
    s = suggest("five senators back the bill.", ["Senator Lee introduced the bill."], 0.6, reference)
    assert s.verdict == "altered" and any(r.major and r.kind == "number" for r in s.reasons), s.reasons
