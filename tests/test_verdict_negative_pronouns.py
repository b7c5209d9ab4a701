"""A negative pronoun at the end of its clause ("they found nothing", "verletzt wurde niemand")
negates the verb before it, and one that starts it ("no one was hurt") the verb after it: a claim
that states that verb without a negation drops it. Told another way, without the verb, it stays
consistent. A negative verb ("refused to work") before a verb the reference states plainly adds a
negation; one put for a negation ("did not attend" → "declined to attend") does not. English and
German."""

from __future__ import annotations

import pytest

from diptych.core.verdict import suggest


@pytest.mark.parametrize(("left", "right", "old"), [
    ("The divers searched the wreck for two days but found nothing.", "divers found gold coins in the wreck.",
     "nothing"),
    ("The inspectors examined every hive, and in the end they blamed nobody.",
     "the inspectors blamed the farmers.", "nobody"),
    ("Beim Brand in der Lagerhalle wurde niemand verletzt, sagte die Polizei.",
     "Bei dem Brand wurden drei Arbeiter verletzt.", "niemand"),
    ("Nach Angaben der Stadt gab es 40 Einsätze, gerettet werden musste niemand.",
     "die feuerwehr musste zwei personen retten.", "niemand"),
    ("No one was hurt when the roof gave way, the fire service said.",
     "Several people were hurt when the roof gave way, the fire service said.", "no one"),
    ("Niemand wurde verletzt, als das Dach einstürzte.", "Mehrere Menschen wurden verletzt, als das Dach einstürzte.",
     "niemand"),
])
def test_a_negative_pronoun_dropped_is_altered(left: str, right: str, old: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
    assert any(r.major and "negation dropped" in r.text and old in r.text for r in s.reasons), s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("The committee read all twelve bids and picked nothing.", "the committee read all twelve bids."),
    ("Verletzt wurde bei dem Unfall niemand.", "Bei dem Unfall gab es keine Verletzten."),
    ("No one was hurt when the roof gave way.", "Nobody was injured when the roof gave way."),
    ("Die Kontrolle in Kiel ergab nichts, sagte ein Sprecher.",
     "Laut einem Sprecher blieb die Kontrolle in Kiel ergebnislos."),
])
def test_a_negative_pronoun_told_another_way_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right", "new"), [
    ("Pryce said he was disappointed but would work with the developer on the details.",
     "pryce said the council refused to work with the developer on the details.", "refused to work"),
    ("The minister agreed to meet the unions on Friday.", "The minister declined to meet the unions on Friday.",
     "declined to meet"),
    ("Die Ministerin traf sich am Freitag mit den Gewerkschaften.",
     "Die Ministerin weigerte sich, die Gewerkschaften am Freitag zu treffen.", "weigerte sich"),
])
def test_a_negative_verb_added_is_a_negation_added(left: str, right: str, new: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == "altered", s.reasons
    assert any(r.major and r.text.startswith("negation added") and new in r.text for r in s.reasons), s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("He did not attend the hearing.", "He declined to attend the hearing."),
    ("The company gave no figures.", "The company declined to give figures."),
    ("The club was unable to sign the striker.", "The club failed to sign the striker."),
])
def test_a_negative_verb_for_a_negation_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("The spokesperson said the delay was not expected to raise the mission's budget.",
     "the agency said the delay is expected to push the budget higher.", "altered"),
    ("The delay was not likely to raise costs.", "The delay is likely to raise costs.", "altered"),
    ("The delay was not likely to raise costs.", "The delay is unlikely to raise costs.", "consistent"),
    ("The spokesperson said the delay was not expected to raise the budget.",
     "The delay is not expected to push the budget up, the spokesperson said.", "consistent"),
])
def test_a_negated_hedge_dropped_is_a_negation_dropped(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("The researchers said the link did not prove that phones caused the loss of sleep.",
     "the researchers said phones caused the loss of sleep.", "altered"),
    ("The researchers said the link did not prove that phones caused the loss of sleep.",
     "the researchers said the link did not show that phones caused the loss of sleep.", "consistent"),
    ("Die Studie belegt nicht, dass Handys den Schlaf stören.", "Laut der Studie stören Handys den Schlaf.",
     "altered"),
    ("Die Studie belegt nicht, dass Handys den Schlaf stören.",
     "Dass Handys den Schlaf stören, ist laut der Studie nicht belegt.", "consistent"),
])
def test_what_the_evidence_did_not_show_stated_plainly_drops_the_negation(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons
