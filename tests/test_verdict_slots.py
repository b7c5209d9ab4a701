"""One participant, place or name put in the slot of another; promises, heeded warnings,
temperatures, feelings and court rulings as opposite predicates; a negative verb ("refused to") as a negation;
placings as ranks; two figures sharing one unit; and the confidence's length evidence. Small
hand-made pairs in English and German."""

from __future__ import annotations

import pytest

from diptych.core.verdict import Suggestion, suggest


def majors(s: Suggestion) -> list[str]:
    return [r.text for r in s.reasons if r.major]


# --- a participant, place or name in the slot of another -------------------------------------

TENANT = ("A tenant from Leicester has won her appeal against a landlord who kept her deposit. "
          "Judge Amanda Cole ordered the landlord to repay the deposit.")


def test_a_participant_put_in_the_slot_of_another_is_altered() -> None:
    s = suggest("Judge Amanda Cole ordered the tenant to repay the deposit.",
                ["Judge Amanda Cole ordered the landlord to repay the deposit."], 0.9, TENANT)
    assert s.verdict == "altered"
    assert majors(s) == ["replaced: 'the landlord' → 'the tenant'"]
    r = s.reasons[0]
    assert r.left == "the landlord" and r.right == "the tenant" and r.kind == "replaced"


def test_a_noun_for_another_that_the_reference_never_sets_beside_it_is_a_paraphrase() -> None:
    ref = "The council approved the plan on Monday. Residents had asked for a new bus lane."
    s = suggest("The council approved the proposal on Monday.", ["The council approved the plan on Monday."], 0.9, ref)
    assert s.verdict == "consistent", s.reasons
    ref_de = "Der Verein der Schausteller zeigte sich enttäuscht. Die Stadt will reden."
    s = suggest("Die Schausteller wollen mit der Verwaltung reden.", ["Die Stadt will reden."], 0.8, ref_de)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("left", "right", "reason"), [
    ("Das beschlossen die Verkehrsminister der Länder am Montag in Berlin.",
     "Die Verkehrsminister der Länder einigten sich am Montag in München darauf.",
     "replaced: 'in Berlin' → 'in München'"),
    ("Vorstandschef Klaus Berger begründete den Rückgang mit der schwachen Nachfrage aus China.",
     "Vorstandschef Klaus Berger machte die schwache Nachfrage aus den USA für den Rückgang verantwortlich.",
     "replaced: 'aus China' → 'aus den USA'"),
    ("Die Verkehrsminister trafen sich am Montag in Berlin.", "die verkehrsminister trafen sich am montag in bremen.",
     "replaced: 'in Berlin' → 'in bremen'"),
])
def test_a_place_put_for_another_after_the_same_words_is_altered(left: str, right: str, reason: str) -> None:
    s = suggest(right, [left], 0.8, left)
    assert s.verdict == "altered" and majors(s) == [reason], s.reasons


def test_a_german_noun_after_its_article_is_no_name() -> None:
    left = "Die Minister trafen sich am Montag in der Stadt."
    s = suggest("Die Minister trafen sich am Montag in der Hauptstadt.", [left], 0.8, left)
    assert s.verdict == "consistent", s.reasons


def test_a_word_moved_within_the_sentence_is_not_replaced() -> None:
    left = "The court ordered the landlord to pay the tenant."
    s = suggest("The tenant must be paid by the landlord, the court ordered.", [left], 0.8,
                "A tenant sued a landlord. " + left)
    assert not any(r.kind == "replaced" for r in s.reasons), s.reasons


# --- more opposite predicates ----------------------------------------------------------------

@pytest.mark.parametrize(("left", "right", "old", "new"), [
    ("The developer promised to fund a compensation scheme.", "The developer refused to fund a compensation scheme.",
     "promised to", "refused to"),
    ("Buses and cyclists will still be allowed to cross.", "Buses and cyclists will also be barred from crossing.",
     "allowed", "barred"),
    ("The bank had ignored repeated warnings from its staff.", "The bank had acted on warnings from its staff.",
     "ignored", "acted on"),
    ("Forecasters said the weekend would be cooler.", "Forecasters said the weekend would be hotter.",
     "cooler", "hotter"),
    ("Local traders said they were disappointed.", "Local traders said they were relieved.",
     "disappointed", "relieved"),
    ("Am Wochenende soll es deutlich kühler werden.", "Am Wochenende soll es deutlich wärmer werden.",
     "kühler", "wärmer"),
    ("Der Verein der Schausteller zeigte sich enttäuscht.", "Der Verein der Schausteller zeigte sich erleichtert.",
     "enttäuscht", "erleichtert"),
    ("Der Konzern versprach, die Kosten zu tragen.", "Der Konzern weigerte sich, die Kosten zu tragen.",
     "versprach", "weigerte"),
    ("Die Bank hatte die Warnungen ignoriert.", "Die Bank hatte die Warnungen befolgt.", "ignoriert", "befolgt"),
    ("The judge ruled in favour of the tenant.", "The judge ruled against the tenant.",
     "ruled in favour of", "ruled against"),
    ("Das Gericht folgte dieser Auffassung nicht.", "Das Gericht gab ihr recht.", "folgte dieser Auffassung",
     "gab ihr recht"),
    ("Das Verwaltungsgericht hat die Klage der Lehrerin abgewiesen.",
     "Das Verwaltungsgericht hat der Klage der Lehrerin stattgegeben.", "abgewiesen", "stattgegeben"),
])
def test_a_new_opposite_is_altered_and_names_both_sides(left: str, right: str, old: str, new: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered", s.reasons
    assert any(f"'{old}' → '{new}'" in t for t in majors(s)), s.reasons


@pytest.mark.parametrize(("left", "right"), [
    ("The developer promised to fund the scheme.", "The developer pledged to fund the scheme."),
    ("Forecasters expect a warmer weekend.", "forecasters expect the weekend to be hotter."),
    ("Die Händler zeigten sich erleichtert.", "Die Händler waren zufrieden."),
    ("Die Bank hatte die Warnungen befolgt.", "Die Bank hatte die Warnungen beherzigt."),
    ("The court threw out the appeal on Friday.", "The court dismissed the appeal on Friday."),
    ("Das Gericht folgte dieser Auffassung nicht.", "Das Gericht wies die Klage ab."),
])
def test_the_same_side_in_other_words_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


# --- a negative verb negates the predicate after it -------------------------------------------

def test_refused_to_before_a_predicate_is_a_negation() -> None:
    s = suggest("Rui Pereira took 31 percent but refused to concede.",
                ["Rui Pereira received 31 percent and conceded defeat on Sunday."], 0.8)
    assert s.verdict == "altered"
    assert majors(s) == ["negation added: 'conceded' → 'refused to concede'"]


def test_refused_to_and_did_not_are_the_same_negation() -> None:
    s = suggest("Rui Pereira refused to concede.", ["Rui Pereira did not concede."], 0.8)
    assert s.verdict == "consistent", s.reasons
    s = suggest("The mayor refused to back the plan.", ["The mayor opposed the plan."], 0.8)
    assert s.verdict == "consistent", s.reasons


# --- the confidence reads a claim far shorter than its linked text --------------------------------------------

def test_a_claim_that_leaves_out_a_qualifier_is_less_sure() -> None:
    left = ["In a small sample of students at two schools, the researchers linked phones to the loss of sleep."]
    full = suggest("In a small sample of students at two schools, researchers linked phones to the loss of sleep.",
                   left, 0.9)
    short = suggest("The researchers linked phones to the loss of sleep.", left, 0.9)
    assert full.verdict == "consistent" and short.verdict == "consistent"
    assert full.confidence is not None and short.confidence is not None
    assert short.confidence < full.confidence


def test_a_german_claim_that_leaves_half_out_is_less_sure() -> None:
    left = ["Das Gesundheitsamt riet Eltern, ihren Kindern ausreichend Wasser und einen Sonnenhut mitzugeben."]
    full = suggest("Das Gesundheitsamt riet Eltern, den Kindern genug Wasser und einen Sonnenhut mitzugeben.",
                   left, 0.9)
    short = suggest("Das Gesundheitsamt riet Eltern zu Wasser.", left, 0.9)
    assert full.confidence is not None and short.confidence is not None
    assert short.confidence < full.confidence


# --- placings are ranks, read for the one placed --------------------------------------------

PODIUM = "Canada's Lily Moreau took silver, and the defending champion, Sara Lindholm of Sweden, finished third."


def test_a_placing_changed_for_the_one_placed_is_altered() -> None:
    s = suggest("Sweden's Sara Lindholm, the defending champion, took silver.", [PODIUM], 0.9)
    assert s.verdict == "altered"
    assert majors(s) == ["placing changed: 'Lindholm of Sweden, finished third' → "
                         "'Lindholm, the defending champion, took silver'"]


def test_a_medal_told_as_its_place_is_no_changed_number() -> None:
    s = suggest("Lily Moreau of Canada finished second.", [PODIUM], 0.9)
    assert s.verdict == "consistent", s.reasons


def test_a_placing_in_lower_case_text_is_read_for_its_candidate() -> None:
    s = suggest("the left-wing candidate martín rojas came first with 31 percent.",
                ["The conservative candidate, Elena Vargas, came first with 38 percent of the vote.",
                 "The left-wing candidate, Martín Rojas, finished second with 31 percent."], 0.8)
    assert s.verdict == "altered" and majors(s) == ["placing changed: 'Rojas, finished second' → 'rojas came first'"]


def test_a_german_placing_is_read_across_the_verb_second_order() -> None:
    left = ["Im Finale wurde die Läuferin Anna Berger aus Freiburg Zweite, die Siegerin kam aus Kenia."]
    s = suggest("Im Finale holte die Läuferin Anna Berger aus Freiburg Bronze, die Siegerin kam aus Kenia.",
                left, 0.8)
    assert s.verdict == "altered" and [r.kind for r in s.reasons if r.major] == ["placing"], s.reasons
    s = suggest("Im Finale holte die Läuferin Anna Berger aus Freiburg Silber, die Siegerin kam aus Kenia.",
                left, 0.8)
    assert s.verdict == "consistent", s.reasons


def test_two_medal_words_without_a_cue_are_no_placing() -> None:
    s = suggest("Gold prices rose as Acme Mining sold more gold.",
                ["Gold prices rose as Acme Mining sold more silver."], 0.8)
    assert not any(r.kind == "placing" for r in s.reasons), s.reasons


# --- two figures that share one unit -----------------------------------------------------------

@pytest.mark.parametrize(("left", "right", "verdict"), [
    ("Der Preis für das Ticket steigt im Januar von 58 auf 63 Euro im Monat.",
     "Ab Januar kostet das Ticket 63 statt 58 Euro pro Monat.", "consistent"),
    ("The price of the ticket rises in January from 58 to 63 euros a month.",
     "From January the ticket costs 63 instead of 58 euros a month.", "consistent"),
    ("The price of the ticket rises in January from 58 to 63 euros a month.",
     "The ticket will cost 58 euros a month from January.", "altered"),
])
def test_a_range_shares_its_unit_between_its_figures(left: str, right: str, verdict: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == verdict, s.reasons


# --- a negation ends with its clause; an opposite between the same words ----------------------

def test_a_negation_at_the_end_of_its_clause_negates_nothing_after_it() -> None:
    left = ["Teenagers who use their phones after midnight sleep on average 40 minutes less than those who do not, "
            "a study of 3,000 pupils in Finland found."]
    s = suggest("finnish teenagers who use phones after midnight sleep about 40 minutes less on average, a study of "
                "3,000 pupils found.", left, 0.9)
    assert s.verdict == "consistent", s.reasons
    s = suggest("The minister said the plan would work.", ["The minister said the plan would not work."], 0.9)
    assert s.verdict == "altered" and majors(s) == ["negation dropped: 'not work' → 'work'"]


def test_an_opposite_between_the_same_words_is_found_though_the_word_stands_elsewhere_too() -> None:
    left = ["Voters rejected a proposal to lower the voting age. Turnout was 41 percent, higher than at the last "
            "referendum."]
    s = suggest("turnout was 41%, lower than at the previous referendum.", left, 0.9)
    assert s.verdict == "altered" and majors(s) == ["reversed: 'higher' → 'lower'"]
    s = suggest("Die Wahlbeteiligung lag bei 41 Prozent und damit höher als beim letzten Mal.",
                ["Die Regierung will die Hürden senken. Die Wahlbeteiligung lag bei 41 Prozent und damit niedriger "
                 "als beim letzten Mal."], 0.9)
    assert s.verdict == "altered", s.reasons
