"""The opposite predicates and evaluations of the lexicons: direction verbs, evaluative adjectives
and comparatives, German separable verbs and stance periphrases. A reversal is altered and names
both sides; a paraphrase on the same side stays consistent; English and German."""

from __future__ import annotations

import pytest

from diptych.core.verdict import suggest


@pytest.mark.parametrize(("left", "right", "old", "new"), [
    ("The results were worse than analysts had expected.", "The results were better than analysts had expected.",
     "worse", "better"),
    ("Air quality in the city improved last year.", "Air quality in the city deteriorated last year.",
     "improved", "deteriorated"),
    ("The outlook for exports is positive.", "The outlook for exports is negative.", "positive", "negative"),
    ("Petrol prices went up in March.", "Petrol prices went down in March.", "went up", "went down"),
    ("The agency upgraded the bank's rating.", "The agency downgraded the bank's rating.", "upgraded", "downgraded"),
    ("Train tickets became cheaper this year.", "Train tickets became more expensive this year.",
     "cheaper", "more expensive"),
    ("The union voiced support for the deal.", "The union protested against the deal.",
     "voiced support for", "protested against"),
    ("Die Zahl der Unfälle ging im Mai leicht zurück.", "Die Zahl der Unfälle nahm im Mai leicht zu.",
     "ging im Mai leicht zurück", "nahm im Mai leicht zu"),
    ("Die Verbraucher sind optimistisch.", "Die Verbraucher sind pessimistisch.", "optimistisch", "pessimistisch"),
    ("Die Lage hat sich verbessert.", "Die Lage hat sich verschlechtert.", "verbessert", "verschlechtert"),
    ("Die Ministerin sprach sich am Montag für die Reform aus.", "Die Ministerin lehnte die Reform ab.",
     "sprach sich am Montag für", "lehnte die Reform ab"),
    ("Der Verband hat sich gegen die Steuer ausgesprochen.", "Der Verband befürwortet die Steuer.",
     "sich gegen die Steuer ausgesprochen", "befürwortet"),
    ("Die Löhne liegen über dem Bundesdurchschnitt.", "Die Löhne liegen unter dem Bundesdurchschnitt.",
     "über dem Bundesdurchschnitt", "unter dem Bundesdurchschnitt"),
    ("Brot wurde im Oktober teurer.", "Brot wurde im Oktober billiger.", "teurer", "billiger"),
])
def test_a_reversed_direction_evaluation_or_stance_is_altered(left: str, right: str, old: str, new: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
    assert any(r.major and f"'{old}' → '{new}'" in r.text for r in s.reasons), s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("Online orders increased sharply.", "online orders rose sharply."),
    ("The results were encouraging.", "The results were positive."),
    ("Sales were not bad this year.", "Sales were good this year."),
    ("Die Arbeitslosigkeit ging im Mai zurück.", "Die Arbeitslosigkeit sank im Mai."),
    ("Die Ministerin sprach sich für die Reform aus.", "Die Ministerin unterstützt die Reform."),
    ("Die Union legte in der Umfrage um zwei Punkte zu.", "Die Union gewann in der Umfrage zwei Punkte hinzu."),
])
def test_a_paraphrase_on_the_same_side_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("The mayor said the plan was reckless.", "the mayor called the plan reckless."),
    ("Critics said the figures were alarming.", "critics called the figures alarming."),
    ("Acme will close three stores, it said.", "Acme is to close three stores, it said."),
])
def test_a_dropped_copula_and_is_to_for_will_keep_their_roles(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


def test_a_doer_made_the_one_it_was_done_to_is_still_altered() -> None:
    s = suggest("Smith was arrested on Monday.", ["Smith arrested a man on Monday."], 0.8)
    assert s.verdict == "altered" and [r.kind for r in s.reasons if r.major] == ["roles"], s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("Real Betis won the cup final on Saturday, beating Girona 3-1.", "Girona lost the cup final to Real Betis 3-1."),
    ("Lisa Marsh beat Elena Varga in straight sets.", "elena varga lost to lisa marsh in straight sets."),
    ("Der SC Paderborn hat das Derby gegen Arminia Bielefeld mit 0:2 verloren.",
     "Arminia Bielefeld hat das Derby gegen Paderborn mit 2:0 gewonnen."),
    ("Die Füchse gewannen in Kiel gegen den THW mit 30:28.", "Der THW verlor in Kiel gegen die Füchse mit 28:30."),
])
def test_a_result_told_from_the_other_side_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("Real Betis won the cup final on Saturday, beating Girona 3-1.", "Real Betis lost the cup final to Girona."),
    ("Real Betis won the cup final on Saturday, beating Girona 3-1.",
     "In the cup final against Girona, Real Betis lost."),
    ("Der SC Paderborn hat das Derby gegen Arminia Bielefeld mit 0:2 verloren.",
     "Paderborn hat das Derby gegen Arminia Bielefeld gewonnen."),
    ("Die Füchse gewannen in Kiel gegen den THW.", "In Kiel verloren die Füchse gegen den THW."),
])
def test_a_result_reversed_for_the_same_side_is_altered(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    # each comparison has its own opposite: "over" a row is not the opposite of "after" it
    ("The mayor resigned on Monday over the expenses row.", "The mayor resigned on Monday after the expenses row.",
     "consistent"),
    ("Over 300 homes were flooded.", "Under 300 homes were flooded.", "altered"),
    ("The vote was held before the debate.", "The vote was held after the debate.", "altered"),
    ("Revenue was slightly below analysts' forecasts.", "Revenue beat analysts' forecasts.", "altered"),
])
def test_each_comparison_is_read_against_its_own_opposite(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Two carriers said they would keep using the canal with naval escorts.",
     "Two carriers said they would stop using the canal despite naval escorts.", "altered"),
    ("The airline will continue its flights to Kyiv.", "The airline will halt its flights to Kyiv.", "altered"),
    ("The talks will continue on Monday.", "Negotiations carry on on Monday.", "consistent"),
    ("The bus stopped at the station and continued to Leeds.",
     "The bus continued to Leeds after it stopped at the station.", "consistent"),
])
def test_going_on_and_stopping_are_opposites(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("The electricity price is unchanged.", "The electricity price also falls.", "altered"),
    ("Der Strompreis bleibt dagegen unverändert.", "Auch der Strompreis sinkt.", "altered"),
    ("Electricity prices held steady in May.", "Electricity prices were unchanged in May.", "consistent"),
    ("Die Preise blieben im Mai unverändert.", "Im Mai blieben die Preise stabil.", "consistent"),
])
def test_unchanged_and_a_change_are_opposites(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Durch den Sieg übernehmen die Bayern die Tabellenführung.",
     "Mit dem Sieg verteidigen die Bayern die Tabellenführung.", "altered"),
    ("Mit dem Sieg verteidigten die Bayern die Tabellenführung.",
     "Die Bayern behaupteten mit dem Sieg die Tabellenführung.", "consistent"),
    ("The win means Arsenal took the lead in the table.", "With the win Arsenal kept the lead in the table.",
     "altered"),
    ("The win means Arsenal retained the lead.", "Arsenal kept the lead with the win.", "consistent"),
])
def test_taking_the_lead_and_keeping_it_differ(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Im entscheidenden fünften Spiel besiegten sie den TV Rheinfeld mit 3:1.",
     "im entscheidenden fünften spiel verloren sie gegen den tv rheinfeld mit 1:3.", "altered"),
    ("Im Finale besiegte Kiel den SC Flensburg.", "Im Finale verlor Flensburg gegen Kiel.", "consistent"),
    ("Im Finale besiegte Kiel den SC Flensburg.", "Im Finale verlor Kiel gegen Flensburg.", "altered"),
    ("Vor allem Energie wurde billiger, während Lebensmittel teurer wurden.",
     "vor allem energie wurde teurer, lebensmittel dagegen billiger.", "altered"),
])
def test_a_german_result_with_a_phrase_put_first(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Das Gesundheitsamt riet Eltern, ihren Kindern ausreichend Wasser mitzugeben.",
     "das gesundheitsamt riet eltern davon ab, ihren kindern wasser mitzugeben.", "altered"),
    ("Das Gesundheitsamt riet Eltern, ihren Kindern ausreichend Wasser mitzugeben.",
     "Das Gesundheitsamt empfahl Eltern, den Kindern genug Wasser mitzugeben.", "consistent"),
    ("Das Amt riet davon ab, im See zu baden.", "Das Amt warnte vor dem Baden im See.", "consistent"),
    ("Das Amt riet davon ab, im See zu baden.", "Das Amt riet, im See zu baden.", "altered"),
])
def test_a_german_verb_with_its_particle_is_another_predicate(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons


@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("The regulator said results were broadly in line with those before the pandemic.",
     "the regulator said results were well above pre-pandemic levels.", "altered"),
    ("Sales were in line with forecasts.", "Sales were higher than forecast.", "altered"),
    ("Results were in line with last year's, above the 2019 level.",
     "Results were above the 2019 level and in line with last year's.", "consistent"),
])
def test_in_line_with_and_well_above_differ(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.85, left)
    assert s.verdict == verdict, s.reasons
