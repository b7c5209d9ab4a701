"""A colour, a season, a compass point, a multiple ("tripled") or a frequency ("weekly") put for
another of the linked text is a change; another form of the same value, or a value the linked text
also names, is none. English and German."""

from __future__ import annotations

import pytest

from diptych.core.verdict import suggest


@pytest.mark.parametrize(("left", "right", "old", "new"), [
    ("Forecasters issued a red warning for snow in the Highlands.", "an orange warning for snow covers the highlands.",
     "red", "orange"),
    ("The bypass is due to open next spring.", "The bypass is due to open next autumn.", "spring", "autumn"),
    ("Flooding hit villages in the north of the county.", "Flooding hit villages in the south of the county.",
     "north", "south"),
    ("Der Wetterdienst gab für den Harz die Warnstufe Gelb aus.", "für den harz gilt die warnstufe rot.",
     "gelb", "rot"),
    ("Die Brücke soll im Herbst fertig werden.", "Die Brücke soll im Frühjahr fertig werden.", "herbst", "frühjahr"),
    ("Betroffen sind vor allem Dörfer im Osten des Landkreises.", "betroffen sind vor allem dörfer im westen.",
     "osten", "westen"),
    ("Insurers have tripled war-risk premiums since January.", "Insurers have doubled war-risk premiums since January.",
     "tripled", "doubled"),
    ("Die Versicherer haben die Prämien seit Januar verdreifacht.", "die prämien wurden seit januar verdoppelt.",
     "verdreifacht", "verdoppelt"),
    ("Bins will be emptied weekly from April.", "from april, bins will be emptied monthly.", "weekly", "monthly"),
    ("Der Müll wird ab April wöchentlich abgeholt.", "Ab April wird der Müll monatlich abgeholt.",
     "wöchentlich", "monatlich"),
])
def test_a_value_put_for_another_is_altered(left: str, right: str, old: str, new: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
    assert any(r.major and f"'{old}' → '{new}'" in r.text.casefold() for r in s.reasons), s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("Flooding hit villages in the north of the county.", "Flooding hit villages in the county's northern part."),
    ("The warning was raised from yellow to amber on Friday.", "on friday the amber warning replaced the yellow one."),
    ("Der Sturm traf vor allem den Norden und den Osten.", "Der Sturm traf vor allem den Nordosten und den Osten."),
    ("Die Arbeiten dauern bis zum Sommer.", "Die Arbeiten sollen bis zum Sommer dauern."),
])
def test_the_same_value_or_one_the_reference_also_names_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert not any(r.kind == "replaced" for r in s.reasons), s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Cod are moving north, scientists in Norway have found.",
     "Cod are moving north, Norwegian scientists have found.", "consistent"),
    ("Cod are moving north, scientists in Norway have found.", "Cod are moving north, Swedish scientists have found.",
     "altered"),
    ("Cod are moving north, scientists in Norway have found.",
     "Cod are moving north, scientists in Norway and Sweden have found.", "altered"),
    ("Der Kabeljau wandert nach Norden, haben Forscher in Norwegen herausgefunden.",
     "Der Kabeljau wandert nach Norden, haben norwegische Forscher herausgefunden.", "consistent"),
    ("Der Kabeljau wandert nach Norden, haben Forscher in Norwegen herausgefunden.",
     "Der Kabeljau wandert nach Norden, haben Forscher aus Schweden herausgefunden.", "altered"),
    ("Exports to China fell, while sales in Japan rose.", "Sales in Japan rose.", "consistent"),
    # a city inside a region is no other place
    ("Auf dem größten bayerischen Volksfest trinkt man viel Bier.",
     "Auf dem Oktoberfest in München trinkt man viel Bier.", "consistent"),
])
def test_a_place_and_its_people_are_one_place(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons
