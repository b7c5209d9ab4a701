"""A plan stated in the reference ("plans a second one", German "will … bauen") is not hedged anew
by a claim's "planned" or "soll"; "a year" is twelve months; "ease" is a fall. English and German,
each with the change it must still catch."""

from __future__ import annotations

import pytest

from diptych.core.verdict import suggest


@pytest.mark.parametrize(("left", "right"), [
    ("The trust runs one walk-in centre in Truro and plans another in St Austell.",
     "another walk-in centre is planned for St Austell."),
    ("Der Landkreis will bis 2028 drei neue Feuerwachen bauen.",
     "bis 2028 sollen im landkreis drei neue feuerwachen entstehen."),
    ("Stall rents at the market have doubled in a year.", "stall rents at the market doubled in twelve months."),
    ("Die Miete stieg innerhalb von einem Jahr um 40 Euro.", "Die Miete stieg innerhalb von zwölf Monaten um 40 Euro."),
    ("The bank expects inflation to ease next year.", "the bank expects inflation to fall next year."),
])
def test_a_stated_plan_a_year_and_an_easing_told_another_way_stay_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("The EU will vote on the plan in May.", "The EU may vote on the plan."),
    ("Der Landkreis baut drei neue Feuerwachen.", "Der Landkreis soll drei neue Feuerwachen bauen."),
    ("Stall rents at the market have doubled in a year.", "stall rents at the market doubled in two years."),
    ("The bank expects inflation to ease next year.", "the bank expects inflation to rise next year."),
])
def test_a_hedge_a_changed_duration_or_a_rise_for_an_easing_is_still_altered(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
