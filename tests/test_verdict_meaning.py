"""Meaning-level verdict checks, the false alarms that must stay consistent, the check table and
the confidence, on small hand-made pairs in English and German."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from diptych.core.verdict import CHECK_THRESHOLD, CHECKS, Reason, Suggestion, needs_check, suggest


def major(s: Suggestion) -> list[Reason]:
    return [r for r in s.reasons if r.major]


def kinds(s: Suggestion) -> list[str]:
    return [r.kind for r in major(s)]


# --- stance and predicate reversals ----------------------------------------------------------

@pytest.mark.parametrize(("left", "right", "kind"), [
    ("Councillor Ann Roe opposed the bypass plan.", "Councillor Ann Roe backed the bypass plan.", "stance"),
    ("The union voted against the pay offer.", "The union voted for the pay offer.", "stance"),
    ("Karl Weber rejected the plan.", "Karl Weber welcomed the plan.", "stance"),
    ("The government imposed a curfew on the city.", "The government lifted a curfew on the city.", "predicate"),
    ("The senate approved the treaty.", "The senate blocked the treaty.", "predicate"),
    ("The home side won the final.", "The home side lost the final.", "predicate"),
    ("Die Partei begrüßte den Vorschlag.", "Die Partei lehnte den Vorschlag ab.", "stance"),
    ("Die Stadt hat das Fahrverbot aufgehoben.", "Die Stadt hat das Fahrverbot verhängt.", "predicate"),
    ("Der Verein hat das Pokalfinale gewonnen.", "Der Verein hat das Pokalfinale verloren.", "predicate"),
])
def test_opposite_predicates_are_altered_and_name_both_sides(left: str, right: str, kind: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "altered" and kinds(s)[:1] == [kind], s.reasons
    r = major(s)[0]
    assert r.left and r.right and f"'{r.left}' → '{r.right}'" in r.text
    assert r.left in left and r.right in right


def test_the_stance_reason_reads_at_a_glance() -> None:
    s = suggest("Councillor Ann Roe backed the plan.", ["Councillor Ann Roe opposed the plan."], 0.8)
    assert major(s)[0].text == "stance reversed: 'opposed' → 'backed'"


def test_a_negated_opposite_is_the_same_stance() -> None:
    assert suggest("Green did not oppose the move.", ["Green supported the move."], 0.8).verdict == "consistent"
    assert suggest("Bonn did not support the proposal.", ["Bonn opposed the proposal."], 0.8).verdict == "consistent"
    s = suggest("Green did not oppose the move.", ["Green opposed the move."], 0.8)
    assert s.verdict == "altered"
    s = suggest("Green did not support the move.", ["Green backed the move."], 0.8)
    assert s.verdict == "altered"
    s = suggest("Die Grünen unterstützten den Plan nicht.", ["Die Grünen lehnten den Plan ab."], 0.8)
    assert s.verdict == "consistent", s.reasons


def test_a_predicate_on_both_sides_does_not_hide_a_reversal() -> None:
    s = suggest("Shares rose 8% after the firm cut its forecast.", ["Shares fell 8% after the firm cut its forecast."])
    assert kinds(s) == ["predicate"] and "'fell' → 'rose'" in major(s)[0].text


# --- who did what to whom --------------------------------------------------------------------

def test_doer_and_undergoer_trading_places_is_altered() -> None:
    s = suggest("The tenant sued the landlord over the repairs.", ["The landlord sued the tenant over the repairs."])
    assert kinds(s) == ["roles"] and major(s)[0].text.startswith("roles swapped: ")
    s = suggest("Der Schiedsrichter kritisierte den Trainer.", ["Der Trainer kritisierte den Schiedsrichter."])
    assert kinds(s) == ["roles"]


def test_the_doer_made_the_one_it_was_done_to_is_altered() -> None:
    s = suggest("Smith was arrested in the park.", ["Smith arrested a man in the park."], 0.8)
    assert kinds(s) == ["roles"] and major(s)[0].text == "roles changed: 'Smith arrested' → 'Smith was arrested'"
    s = suggest("The driver attacked a fan after the match.", ["The driver was attacked after the match."], 0.8)
    assert kinds(s) == ["roles"]
    for left, right in (("Police arrested Smith on Friday.", "Smith was arrested by police on Friday."),
                        ("Smith was arrested on Friday.", "Police arrested Smith on Friday."),
                        ("The company sold the plant last year.", "The plant was sold by the company last year.")):
        assert suggest(right, [left], 0.8).verdict == "consistent", (left, right)


def test_the_passive_and_a_meeting_keep_their_roles() -> None:
    assert suggest("The tenant was sued by the landlord over the repairs.",
                   ["The landlord sued the tenant over the repairs."]).verdict == "consistent"
    assert suggest("The minister met the ambassador on Monday.",
                   ["The ambassador met the minister on Monday."]).verdict == "consistent"


# --- tallies and quantifiers -----------------------------------------------------------------

def test_a_split_vote_told_as_unanimous_and_back() -> None:
    s = suggest("The board unanimously approved the merger.", ["The board voted 6 to 3 to approve the merger."])
    assert kinds(s) == ["tally"] and major(s)[0].text == "tally changed: '6 to 3' → 'unanimously'"
    s = suggest("Der Rat stimmte einstimmig für den Etat.", ["Der Rat stimmte mit 7 zu 2 Stimmen für den Etat."])
    assert kinds(s) == ["tally"]
    s = suggest("The jury found him guilty by 10 votes to 2.", ["The jury unanimously found him guilty."])
    assert "tally" in kinds(s)


@pytest.mark.parametrize(("left", "right"), [
    ("Some residents complained about the noise.", "All residents complained about the noise."),
    ("Most shops stayed open on Sunday.", "Few shops stayed open on Sunday."),
    ("Die meisten Händler waren zufrieden.", "Wenige Händler waren zufrieden."),
    ("Einige Anwohner klagten über Lärm.", "Alle Anwohner klagten über Lärm."),
])
def test_a_quantifier_moved_on_the_scale_is_altered(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert kinds(s) == ["quantifier"], s.reasons


def test_a_few_is_some() -> None:
    assert suggest("A few residents complained.", ["Some residents complained."], 0.8).verdict == "consistent"


# --- added content, names in lower-case text -------------------------------------------------

def test_an_event_added_inside_a_linked_sentence_is_altered() -> None:
    s = suggest("Fans celebrated in the main square on Sunday and set fire to a police van.",
                ["Fans celebrated in the main square on Sunday."], 0.8)
    assert kinds(s) == ["added"] and "set fire to a police van" in major(s)[0].text
    s = suggest("Die Feuerwehr löschte den Brand in der Lagerhalle und evakuierte ein Altenheim in Meppen.",
                ["Die Feuerwehr löschte den Brand in der Lagerhalle."], 0.8)
    assert kinds(s) == ["added"]


def test_words_from_another_reference_sentence_are_a_merge_not_an_addition() -> None:
    reference = "Fans celebrated in the main square on Sunday. Later a police van was set on fire."
    s = suggest("Fans celebrated in the main square on Sunday and set fire to a police van.",
                ["Fans celebrated in the main square on Sunday."], 0.8, reference)
    assert "added" not in kinds(s)


def test_a_paraphrase_is_not_an_addition() -> None:
    s = suggest("The stolen items were worth an estimated £20,000.",
                ["The stolen jewellery was worth an estimated £20,000."], 0.8)
    assert s.verdict == "consistent"
    assert suggest("Trainer Jess Thorup lobte sein Team.", ["Trainer Jess Thorup lobte die Mannschaft."],
                   0.8).verdict == "consistent"


def test_an_invented_name_in_lower_case_text_is_altered() -> None:
    s = suggest("acme chairman tom black said the plant would close.",
                ["Acme chairman Tom White said the plant would close."], 0.8)
    assert kinds(s) == ["name"] and major(s)[0].text == "name changed: 'Tom White' → 'tom black'"
    s = suggest("the mayor thanked inspector kowalczyk for his work.",
                ["The mayor thanked the police for their work."], 0.8)
    assert s.verdict == "altered"
    assert suggest("acme chairman tom white said the plant would close.",
                   ["Acme chairman Tom White said the plant would close."], 0.8).verdict == "consistent"


# --- false alarms that must stay consistent ---------------------------------------------------

@pytest.mark.parametrize(("left", "right"), [
    ("The works should be finished in May, the council said.", "The council said the works should be finished in May."),
    ("A second protest is planned for May.", "Another protest is planned for May."),
    ("the vote is expected in may.", "the vote is expected in may, officials said."),
    ("She said all she could see was smoke.", "All she could see was smoke, she said."),
    ("He did what he could to help.", "He did what he could to help the family."),
    ("Organisers said probably about 300 people came.", "Organisers said roughly 300 people came."),
    ("Die Kosten liegen bei rund 15 Millionen Euro.", "Die Kosten liegen bei etwa 15 Millionen Euro."),
    ("The PM told MPs the vote would go ahead.", "The vote would go ahead, the PM told MPs."),
    ("Manager Daniel Farke praised his players.", "manager daniel farke praised UNK players."),
    ("The team had been very lucky, he said.", "The team had been […] lucky, he said."),
])
def test_a_false_alarm_stays_consistent(left: str, right: str) -> None:
    s = suggest(right, [left], 0.8)
    assert s.verdict == "consistent", s.reasons


def test_the_fixes_do_not_hide_real_changes() -> None:
    assert kinds(suggest("The EU may vote on the plan.", ["The EU will vote on the plan."], 0.8)) == ["hedge"]
    assert "hedge" in kinds(suggest("The ruling will affect 2,000 cases.",
                                    ["The ruling is likely to affect 2,000 cases."]))
    assert kinds(suggest("The PM told MPs Tom Hale would resign.",
                         ["The PM told MPs the minister would resign."])) == ["name"]


def test_a_number_stated_in_another_reference_sentence_is_minor() -> None:
    reference = "The fire started on Friday. About 40 firefighters were sent. The depot burned down."
    s = suggest("About 40 firefighters saw the depot burn down.", ["The depot burned down."], 0.7, reference)
    assert not any(r.kind == "number" and r.major for r in s.reasons)
    assert any(r.kind == "number" and not r.major for r in s.reasons)
    s = suggest("About 40 firefighters fought the fire.", ["About 14 firefighters fought the fire."], 0.7, reference)
    assert [r.text for r in s.reasons if r.major] == ["14 → 40"]  # it replaces the linked text's number


# --- the table and its word lists ------------------------------------------------------------

def test_every_check_declares_its_name_severity_languages_and_word_lists() -> None:
    folder = resources.files("diptych.core.verdict") / "lexicons"
    files = {f.name: tomllib.loads(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".toml")}
    assert {"en.toml", "de.toml"} <= files.keys()
    keys = [set(d) for d in files.values()]
    assert all(k == keys[0] for k in keys), "every language file has the same keys"
    assert len({c.name for c in CHECKS}) == len(CHECKS)
    for c in CHECKS:
        assert c.severity in ("major", "minor") and c.languages <= {"en", "de"} and c.description
        assert all(key in keys[0] for key in c.lexicon), c.name


# --- confidence ------------------------------------------------------------------------------

def test_confidence_follows_the_evidence() -> None:
    copied = suggest("The council met on Monday.", ["The council met on Monday."], 0.9)
    loose = suggest("The council met on Monday with Zorbek Industries delegates.", ["The council met on Monday."], 0.55)
    number = suggest("The firm hired 900 people.", ["The firm hired 300 people."], 0.8)
    hedge = suggest("The firm will hire people.", ["The firm may hire people."], 0.55)
    for s in (copied, loose, number, hedge):
        assert s.confidence is not None and 0.0 <= s.confidence <= 1.0
    assert copied.confidence == 1.0 and not needs_check(copied)
    assert number.confidence > hedge.confidence  # type: ignore[operator]
    weak = suggest("The council met on Monday after the storm damage.", ["The council met on Monday."], 0.5)
    assert weak.verdict == "consistent" and needs_check(weak)


def test_needs_check_reads_suggestions_contract_entries_and_numbers() -> None:
    assert 0.0 < CHECK_THRESHOLD < 1.0
    assert needs_check(Suggestion("consistent", (), CHECK_THRESHOLD - 0.01))
    assert not needs_check(Suggestion("consistent", (), CHECK_THRESHOLD))
    assert needs_check({"verdict": "altered", "confidence": 0.1}) and not needs_check({"verdict": "altered"})
    assert needs_check(0.2) and not needs_check(0.9)
    assert not needs_check(Suggestion("consistent"))  # a file that stored no confidence


# --- link labels -----------------------------------------------------------------------------

def test_link_labels_never_contradict_the_verdict() -> None:
    from diptych.core.verdict import link_label

    left, right = "We are thrilled.", "We are not thrilled."
    label = link_label(right, [left], 1.0, suggest(right, [left], 1.0))
    assert label.startswith("changed: ") and "not" in label
    assert link_label('"We are  thrilled."', ["“We are thrilled.”"], 1.0) == "identical"
    left, right = "The council approved the plan.", "The council backed the plan."
    assert link_label(right, [left], 0.9, suggest(right, [left], 0.9)) == "paraphrase"
    left, right = "The council approved the plan on Monday.", "On Monday the council approved the plan."
    assert link_label(right, [left], 0.9, suggest(right, [left], 0.9)) == "minor edit"


def test_a_loose_match_in_a_gap_is_labelled_so_and_its_suggestion_is_not_sure() -> None:
    from diptych.core.link import link_claims
    from diptych.core.verdict import link_label, needs_check

    left = ["The regional parliament debated the new water law for six hours on Thursday.",
            "Farmers' associations had warned that the law would raise irrigation costs sharply.",
            "Environmental groups welcomed the stricter limits on groundwater pumping.",
            "The law passed with 61 votes to 40 late in the evening."]
    right = [left[0], "Growers say irrigation is a worry for them.", left[3]]
    (loose,) = [lk for lk in link_claims(left, right) if lk.right == 1]
    assert loose.left == 1 and loose.score == 0.5
    s = suggest(right[1], [left[1]], loose.score, " ".join(left))
    assert link_label(right[1], [left[1]], loose.score, s) == "loose match"
    assert s.verdict == "consistent" and needs_check(s)  # the reviewer is asked to look


def test_a_year_stated_in_another_reference_sentence_is_not_a_changed_number() -> None:
    # the linked sentence has a count, not a year: the review's year is not a replacement for it
    reference = "The council approved 300 new homes on Tuesday. Building is due to start in 2026."
    linked = ["The council approved 300 new homes on Tuesday."]
    s = suggest("The council approved new homes, to be built from 2026.", linked, 0.7, reference)
    assert s.verdict == "consistent", s.reasons
    assert [r.text for r in s.reasons] == ["2026: stated in another reference sentence"]
    # a year nowhere in the reference is still added, and a year that replaces a year still changed
    s = suggest("The council approved 300 new homes in 2027.", linked, 0.7, reference)
    assert [r.text for r in s.reasons if r.major] == ["adds: 2027"]
    s = suggest("Building is due to start in 2028.", ["Building is due to start in 2026."], 0.7, reference)
    assert [r.text for r in s.reasons if r.major] == ["2026 → 2028"]


def test_a_day_stated_in_another_reference_sentence_is_minor() -> None:
    reference = "The fire started on Friday. About 40 firefighters were sent. The depot burned down."
    s = suggest("On Friday the depot burned down.", ["The depot burned down."], 0.7, reference)
    assert s.verdict == "consistent", s.reasons
    assert [r.text for r in s.reasons] == ["Friday: stated in another reference sentence"]
    s = suggest("On Sunday the depot burned down.", ["The depot burned down."], 0.7, reference)
    assert [r.text for r in s.reasons if r.major] == ["adds: Sunday"]


def test_a_changed_month_is_altered_in_both_languages_and_lower_case() -> None:
    got = suggest("holloway will be sentenced on 14 july.", ["Holloway will be sentenced on 14 June."], 0.8)
    assert got.verdict == "altered" and [r.text for r in got.reasons if r.major] == ["June → july"]
    got = suggest("The plan was first proposed in April.", ["The plan was first proposed in March."], 0.8)
    assert [r.text for r in got.reasons if r.major] == ["March → April"]
    got = suggest("Der Bau soll im Juni beginnen.", ["Der Bau soll im Mai beginnen."], 0.8)
    assert [r.text for r in got.reasons if r.major] == ["Mai → Juni"]
    # a month stated in another reference sentence is a note; "may" and "march" as words are no months
    reference = "Thousands marched on Sunday. A second protest is planned for May."
    got = suggest("In May thousands marched.", ["Thousands marched on Sunday."], 0.8, reference)
    assert not any(r.major for r in got.reasons if r.kind == "date"), got.reasons
    assert suggest("they may march on the capital again.", ["They could march on the capital again."],
                   0.8).verdict == "consistent"


def test_a_tally_in_words_told_as_unanimous_is_altered() -> None:
    left = ["The bill was approved by nine votes to three."]
    got = suggest("the bill was approved unanimously.", left, 0.8)
    assert [r.text for r in got.reasons if r.major] == ["tally changed: 'nine votes to three' → 'unanimously'"]
    assert suggest("the bill was approved by 9 votes to 3.", left, 0.8).verdict == "consistent"
    # two number words joined without the word for votes are no tally
    got = suggest("The board agreed unanimously after the meeting.",
                  ["The board agreed after two to three hours of meeting."], 0.6)
    assert not any(r.kind == "tally" for r in got.reasons), got.reasons


def test_a_majority_in_words_told_as_unanimous_is_altered() -> None:
    got = suggest("the panel decided unanimously.", ["The panel decided by a majority of five to two."], 0.8)
    assert [r.text for r in got.reasons if r.major] == ["tally changed: 'five to two' → 'unanimously'"]
    got = suggest("Der Beschluss fiel einstimmig.", ["Der Beschluss fiel mit einer Mehrheit von acht zu drei."], 0.8)
    assert got.verdict == "altered" and [r.kind for r in got.reasons if r.major] == ["tally"], got.reasons
    # a majority without a tally after it is none; a range of hours after it neither
    got = suggest("The board agreed unanimously.", ["A majority of the board met for two to three hours."], 0.6)
    assert not any(r.kind == "tally" for r in got.reasons), got.reasons


def test_german_approved_turned_rejected_and_a_time_put_first() -> None:
    got = suggest("Der Stadtrat lehnte den Plan am Dienstag ab.", ["Der Stadtrat billigte den Plan am Dienstag."], 0.8)
    assert got.verdict == "altered" and [r.kind for r in got.reasons if r.major] == ["predicate"]
    # the verb comes second in German: a month put first is no doer, the same sentence reordered
    got = suggest("Die Mieten stiegen im Mai um 4 Prozent.", ["Im Mai stiegen die Mieten um 4 Prozent."], 0.8)
    assert got.verdict == "consistent", got.reasons


def test_a_phrasal_verb_in_the_passive_and_a_past_inability_stay_consistent() -> None:
    left = ["Firefighters put out the fire after two hours."]
    got = suggest("the fire was put out by firefighters after two hours.", left, 0.8)
    assert got.verdict == "consistent", got.reasons
    # the doer made the one it was done to is still found with a phrasal verb
    got = suggest("firefighters were put out by the fire after two hours.", left, 0.8)
    assert got.verdict == "altered"
    got = suggest("The company said it could not see any reason to close the plant.",
                  ["The company said it saw no reason to close the plant."], 0.8)
    assert got.verdict == "consistent", got.reasons
    assert [r.kind for r in suggest("The plant could close next year.",
                                    ["The plant will close next year."], 0.8).reasons] == ["hedge"]
