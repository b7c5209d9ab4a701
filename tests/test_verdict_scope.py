"""A figure's unit, a dropped condition, another cause, a name put in another's place, and
intensifiers that say the same: each change altered, with a restatement beside it that must stay
consistent (English and German)."""

from __future__ import annotations

import pytest

from diptych.core.verdict import suggest


def major(s: object) -> list[str]:
    return [r.text for r in s.reasons if r.major]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("claim", "linked", "named"), [
    ("Spending on adult social care will go up by 11 percent.",
     "Spending on adult social care will increase by 11 million pounds.", "'11 million' → '11 percent'"),
    ("The fund grew to 3.2 billion dollars.", "The fund grew to 3.2 million dollars.", "'3.2 million' → '3.2 billion'"),
    ("Unemployment rose by 2 percent.", "Unemployment rose by 2 percentage points.",
     "'2 percentage points' → '2 percent'"),
    ("Für die Schulen stehen 85 Millionen Euro bereit, 20 Prozent mehr als im letzten Haushalt.",
     "Für die Sanierung von Schulen sind 85 Millionen Euro eingeplant, das sind 20 Millionen mehr als im "
     "vorigen Haushalt.", "'20 Millionen' → '20 Prozent'"),
])
def test_a_number_kept_with_another_unit_is_altered(claim: str, linked: str, named: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert s.verdict == "altered" and any(named in t for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("Spending will rise by 11 million pounds.", "Spending will increase by 11 million pounds."),
    ("Unemployment fell to 5.2%.", "Unemployment fell to 5.2 per cent."),
    ("Die Arbeitslosigkeit sank auf 5,2 %.", "Die Arbeitslosenquote ging auf 5,2 Prozent zurück."),
    ("The council cut 18 million pounds, or 4 percent of its budget.",
     "The council cut 18 million pounds from its budget, 4 percent of the total."),
])
def test_the_same_figure_in_the_same_unit_stays_consistent(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert not any("unit" in t for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("The new limits apply from 1 January and will be reviewed in June.",
     "The new limits take effect on 1 January and will be reviewed in June if stocks fall further."),
    ("Tenants can stay in their flats, the court ruled.",
     "The court ruled that tenants can stay in their flats unless the landlord offers them a new home."),
    ("Die Stadt müsse ab 2028 neue Schulden aufnehmen, sagte Albers.",
     "Albers warnte, die Stadt müsse ab 2028 neue Schulden aufnehmen, falls die Steuereinnahmen nicht steigen."),
    ("Die Stadt muss ab 2028 neue Schulden aufnehmen.",
     "Falls die Steuereinnahmen nicht steigen, muss die Stadt ab 2028 neue Schulden aufnehmen."),
])
def test_a_dropped_condition_is_altered_and_named(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert s.verdict == "altered" and any(t.startswith("condition dropped:") for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    # the condition is kept in other words
    ("The limits will be reviewed in June should stocks fall further.",
     "The new limits take effect on 1 January and will be reviewed in June if stocks fall further."),
    # the clause it qualifies is dropped with it: detail left out, not a claim made broader
    ("The new limits take effect on 1 January.",
     "The new limits take effect on 1 January and will be reviewed in June if stocks fall further."),
    # a concession, not a condition
    ("The match went ahead in heavy rain.", "The match went ahead in heavy rain, even if few fans came."),
    ("Das Spiel fand bei starkem Regen statt.", "Das Spiel fand bei starkem Regen statt, auch wenn nur wenige "
     "Fans kamen."),
    # kept: the claim states a condition of its own
    ("Die Stadt muss neue Schulden aufnehmen, wenn die Einnahmen nicht steigen.",
     "Falls die Steuereinnahmen nicht steigen, muss die Stadt neue Schulden aufnehmen."),
])
def test_a_condition_kept_or_dropped_with_its_clause_is_no_dropped_condition(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert not any(t.startswith("condition dropped:") for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("Das Spiel fiel aus, weil der Schiedsrichter krank war.", "Wegen des überfluteten Platzes wurde das Spiel "
     "abgesagt."),
    ("The flight was cancelled because the crew went on strike.", "The flight was cancelled because of thick fog "
     "over the airport."),
])
def test_another_cause_is_altered(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert s.verdict == "altered" and any(t.startswith("cause changed:") for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("The plant closed because demand fell sharply.", "The plant closed due to a sharp fall in demand."),
    ("Das Spiel fiel aus, weil der Platz unter Wasser stand.", "Wegen des überfluteten Platzes wurde das Spiel "
     "abgesagt."),
    ("The flight was cancelled because of fog.", "The flight was cancelled because thick fog covered the airport."),
])
def test_the_same_cause_in_other_words_stays_consistent(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert not any(t.startswith("cause changed:") for t in major(s)), s.reasons


REFERENCE = ("The previous auction record for the artist was 2.4 million dollars, set in London in 2015. "
             "Tuesday's sale in New York raised 48 million dollars.")


def test_a_name_from_elsewhere_in_the_reference_put_in_the_linked_names_place_is_altered() -> None:
    s = suggest("The artist's previous auction record, 2.4 million dollars, was set in New York in 2015.",
                [REFERENCE.split(". ")[0] + "."], 0.9, reference=REFERENCE)
    assert s.verdict == "altered" and "London → New York" in major(s), s.reasons
    # the linked name kept, the other name merged in from its own sentence: not a change
    s = suggest("The artist's previous record, 2.4 million dollars, was set in London in 2015, before the "
                "New York sale.", [REFERENCE.split(". ")[0] + "."], 0.9, reference=REFERENCE)
    assert s.verdict == "consistent", s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("From April, bills at the three biggest mobile networks will go up by 4.5 percent.",
     "The three largest mobile operators will raise prices by 4.5 percent from April."),
    ("Organisers said 212 players entered, the highest number in the event's history.",
     "Organisers said 212 players took part, a record for the event."),
    ("Es war der höchste Wasserstand seit Beginn der Messungen.", "Es war ein Rekord-Wasserstand seit Beginn "
     "der Messungen."),
])
def test_an_intensifier_put_for_one_that_says_the_same_stays_consistent(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert not any(t.startswith("adds:") for t in major(s)), s.reasons


def test_an_intensifier_of_another_group_is_still_altered() -> None:
    s = suggest("It was the biggest crowd the stadium has seen.", ["It was a large crowd for the stadium."], 0.8)
    assert s.verdict == "altered" and any("biggest" in t for t in major(s)), s.reasons


def test_a_common_noun_that_ends_a_name_is_no_changed_name_in_lower_case_text() -> None:
    linked = ["Ashbury City Council has approved a budget of 512 million pounds, including cuts of 18 million "
              "pounds to services.", "Council tax will rise by 4.99 percent, the maximum allowed without a "
              "referendum."]
    s = suggest("ashbury council has passed a 512 million pound budget that cuts 18 million pounds from services "
                "and raises council tax by 4.99 percent, the most it can without a referendum.", linked, 0.7,
                reference=" ".join(linked))
    assert not any(t.startswith("name changed") for t in major(s)), s.reasons
    s = suggest("ashbury town council has approved a budget of 512 million pounds.", linked, 0.7,
                reference=" ".join(linked))
    assert any("name changed: 'Ashbury City Council' → 'ashbury town'" in t for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked", "named"), [
    ("Tellwave said it would freeze prices for all of its customers.",
     "One operator, Tellwave, said it would freeze prices for customers on its basic tariff.",
     "'customers on its basic tariff' → 'all of its customers'"),
    ("All flights were cancelled on Monday.", "Flights from Heathrow were cancelled on Monday.",
     "'Flights from Heathrow' → 'All flights'"),
    ("Alle Kunden können ohne Strafe kündigen.", "Kunden mit Verträgen aus dem Jahr 2023 können ohne Strafe kündigen.",
     "→ 'Alle Kunden'"),
])
def test_a_claim_told_of_all_of_a_kind_the_reference_restricts_is_altered(claim: str, linked: str, named: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert s.verdict == "altered" and any(named in t for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("All residents were evacuated.", "Residents were evacuated."),
    # detail dropped elsewhere in the sentence is no restriction of what "all" counts
    ("All 27 member states signed.", "The 27 member states signed the treaty in Rome on Friday."),
    # the linked text has its own quantifier: the quantifier check's case
    ("All staff were told.", "Every member of staff at the plant was told."),
    ("Alle Schulen bleiben geschlossen.", "Die Schulen bleiben am Montag geschlossen."),
    # an adjective or a verb beside the noun names no part of its kind (plain-language rewrites)
    ("Du bist älter als die Berge und die ganze Welt.", "Bevor die Berge geboren waren und du die Erde und die "
     "irdische Welt hervorgebracht hattest, bist du Gott."),
    ("Gott sieht alle unsere Fehler.", "Du stellst unsere Fehler vor dich, unsere Geheimnisse vor das Licht."),
])
def test_all_for_an_unrestricted_kind_is_no_widened_scope(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert not any(t.startswith("scope widened") for t in major(s)), s.reasons


def test_a_condition_dropped_from_a_question_is_no_change() -> None:
    s = suggest("Warum schenkt man einer Mutter nur an einem Tag Blumen?",
                ["Warum schenkt man einer Mutter nur an einem Tag Blumen, wenn die Blumen-Werbung daran "
                 "erinnert?"], 0.8)
    assert not any(t.startswith("condition dropped") for t in major(s)), s.reasons


@pytest.mark.parametrize(("claim", "linked"), [
    ("The match went ahead even though it rained.", "The match went ahead even if it rained."),
    ("Das Spiel fand statt, obwohl es regnete.", "Das Spiel fand statt, auch wenn es regnete."),
    ("He spoke as though nothing had happened.", "He spoke as if nothing had happened."),
])
def test_a_concession_or_a_manner_is_no_hedge(claim: str, linked: str) -> None:
    s = suggest(claim, [linked], 0.8)
    assert s.verdict == "consistent", s.reasons


def test_a_question_or_a_condition_told_plainly_is_still_a_hedge_dropped() -> None:
    s = suggest("Taxes will go up, the MP said.", ["The MP asked whether taxes would go up."], 0.8)
    assert s.verdict == "altered" and any(t.startswith("hedge dropped") for t in major(s)), s.reasons
