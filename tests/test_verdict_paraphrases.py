"""Paraphrases that stay consistent, each beside a change of the same shape that is still caught:
a hyphenated name told in its parts, a German month in the genitive, a German phrase of time or
place put first (the verb second, the doer after it), a figure judged ("only 58 percent"), a record
told in other words. English and German."""

from __future__ import annotations

import pytest

from diptych.core.verdict import Suggestion, suggest


def judged(left: str, right: str) -> Suggestion:
    return suggest(right, [left], 0.85, left)


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Nordhavn will reroute most of its Asia-Europe container ships around the Cape.",
     "Most of Nordhavn's container ships between Asia and Europe will sail around the Cape.", "consistent"),
    ("Nordhavn will reroute most of its Asia-Europe container ships around the Cape.",
     "Most of Nordhavn's container ships between Asia and Africa will sail around the Cape.", "altered"),
    ("Wegen des kalten Aprils begann die Saison zwei Wochen später.",
     "weil der april kalt war, begann die saison zwei wochen später.", "consistent"),
    ("Wegen des kalten Aprils begann die Saison zwei Wochen später.",
     "weil der mai kalt war, begann die saison zwei wochen später.", "altered"),
    ("Die Zahl der Gäste stieg im Sommer deutlich.", "Im Sommer stieg die Zahl der Gäste deutlich.", "consistent"),
    ("Die Zahl stieg bis Ende Oktober.", "Bis Ende Oktober stieg die Zahl.", "consistent"),
    ("Der Hund biss am Montag den Briefträger.", "Am Montag biss der Briefträger den Hund.", "altered"),
    ("Turnout was 58 percent, the lowest since 1958.", "only 58 percent of voters took part, the lowest since 1958.",
     "consistent"),
    ("Smith was one of three survivors.", "Smith was the only survivor.", "altered"),
    ("The festival drew 18,000 visitors, more than ever before.", "The festival drew a record 18,000 visitors.",
     "consistent"),
    ("The festival drew 18,000 visitors.", "The festival drew a record 18,000 visitors.", "altered"),
    ("Das Festival zog 18.000 Besucher an, so viele wie nie zuvor.",
     "mit 18.000 gästen verzeichnete das festival einen rekord.", "consistent"),
    ("Das Festival zog 18.000 Besucher an.", "Das Festival verzeichnete mit 18.000 Besuchern einen Rekord.",
     "altered"),
])
def test_a_paraphrase_stays_consistent_and_the_change_beside_it_is_caught(left: str, right: str,
                                                                           verdict: str) -> None:
    s = judged(left, right)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Wanjiru won the marathon in 2 hours 16 minutes, the second-fastest time in the race's history.",
     "Wanjiru won the marathon in 2:16, the fastest time ever run in the race.", "altered"),
    ("It was the hottest summer on record.", "It was the hottest summer since records began.", "consistent"),
    ("Der Sommer war ungewöhnlich warm.", "Es war der heißeste Sommer seit Beginn der Messungen.", "altered"),
    ("Der Sommer war der heißeste seit Beginn der Aufzeichnungen.",
     "Es war der heißeste Sommer seit Beginn der Messungen.", "consistent"),
])
def test_a_superlative_added_is_a_change(left: str, right: str, verdict: str) -> None:
    assert judged(left, right).verdict == verdict
