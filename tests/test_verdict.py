"""Suggested verdicts and their reasons on small hand-made pairs."""

from __future__ import annotations

from diptych.core.verdict import VERDICTS, Reason, suggest


def major(s) -> list[Reason]:  # type: ignore[no-untyped-def]
    return [r for r in s.reasons if r.major]


def test_no_linked_text_is_unsupported() -> None:
    s = suggest("Read more: After ceasefire, Trump eyes Kashmir deal", [])
    assert s.verdict == "unsupported" and s.verdict in VERDICTS and s.reasons


def test_changed_number_is_altered_and_names_both_sides() -> None:
    right = "The company hired 21,000 workers last year."
    s = suggest(right, ["The company hired 12,000 workers last year."])
    assert s.verdict == "altered"
    r = major(s)[0]
    assert r.kind == "number" and r.text == "12,000 → 21,000"
    assert [right[a:b] for a, b in r.right_spans] == ["21,000"]
    assert r.left_spans == ((0, 18, 24),)


def test_number_and_date_spellings_are_normalised() -> None:
    s = suggest("The ceasefire was announced on May 10th and 12000 troops withdrew.",
                ["On May 10, the ceasefire was announced; 12,000 troops withdrew."])
    assert s.verdict == "consistent", s.reasons


def test_added_date_is_altered() -> None:
    s = suggest("The United States announced a ceasefire on May 10th.",
                ["The United States moved to support the ceasefire agreement."])
    assert s.verdict == "altered"
    assert any(r.kind == "date" and "May 10th" in r.text for r in s.reasons)


def test_negation_flip_is_altered() -> None:
    s = suggest("The new plan will raise taxes.", ["The new plan is not expected to raise taxes."])
    assert s.verdict == "altered"
    assert any(r.kind in ("negation", "hedge") for r in major(s))
    s = suggest("The council did not approve the budget.", ["The council approved the budget."])
    assert [r.kind for r in major(s)] == ["negation"]


def test_prefixed_opposite_is_a_polarity_flip() -> None:
    right = "Landau confirmed strong US support for India in its terrorist efforts."
    s = suggest(right, ["Landau reaffirmed US support for India's counterterrorism efforts."])
    assert s.verdict == "altered"
    r = next(r for r in major(s) if r.kind == "negation")
    assert r.text == "counterterrorism → terrorist"
    assert [right[a:b] for a, b in r.right_spans] == ["terrorist"]


def test_hedge_dropped_is_altered() -> None:
    s = suggest("President Trump is willing to help resolve the conflict.",
                ["The State Department hopes that President Trump may help resolve the conflict."])
    assert s.verdict == "altered"
    r = next(r for r in major(s) if r.kind == "hedge")
    assert r.text == "hedge dropped: 'may help' → 'willing to help'"
    s = suggest("Construction will begin in spring.", ["Construction is expected to begin in spring."])
    assert [r.kind for r in major(s)] == ["hedge"]


def test_hedge_added_is_altered() -> None:
    s = suggest("Die Steuer könnte steigen.", ["Die Steuer steigt im Januar."])
    assert s.verdict == "altered" and major(s)[0].kind == "hedge"


def test_added_exclusivity_is_altered() -> None:
    s = suggest("He is the only one who brings people to the table.",
                ["He has a history of bringing people to the table."])
    assert any(r.kind == "intensity" and r.text == "adds: the only one" for r in major(s))


def test_words_inserted_into_a_quote_are_altered() -> None:
    right = ("“We support the ongoing ceasefire – as you might imagine, thank you God – between Pakistan "
             "and India,” Bruce said.")
    s = suggest(right, ["“We support the ongoing ceasefire between Pakistan and India,” Bruce said."])
    assert s.verdict == "altered"
    r = next(r for r in major(s) if r.kind == "quote")
    assert "thank you God" in r.text and "thank you God" in right[r.right_spans[0][0]:r.right_spans[0][1]]


def test_garbled_name_of_the_same_person_stays_consistent() -> None:
    s = suggest("Bruce confirmed that Bilawal Bhuttozze-Zze met Allison Hooker in Washington.",
                ["Bruce confirmed that Bilawal Bhutto Zardari met Allison Hooker in Washington."])
    assert s.verdict == "consistent"
    assert any(not r.major and "Bhuttozze" in r.text for r in s.reasons)


def test_reworded_quote_with_the_same_content_stays_consistent() -> None:
    s = suggest("“It shouldn't surprise anyone that he would do something similar.”",
                ["It's not surprising that he'd want to be involved in resolving something as protracted "
                 "as Kashmir,” she said."])
    assert s.verdict == "consistent", s.reasons
    s = suggest("President Trump later wrote: “I will work with you, both to see if after a ‘thousand "
                "years’, a solution can be reached to Kashmir.”",
                ["On his platform, Trump posted:", "“I will work with you, both to see if, after a ‘thousand "
                 "years,’ a solution can be arrived at concerning Kashmir.”"])
    assert s.verdict == "consistent", s.reasons


def test_new_name_is_altered_but_a_name_from_elsewhere_in_the_reference_is_minor() -> None:
    reference = "Bruce spoke in Washington. Senator Lee was there too."
    s = suggest("Bruce spoke with Senator Lee.", ["Bruce spoke in Washington."], reference=reference)
    assert s.verdict == "consistent" and s.reasons
    s = suggest("Bruce spoke with Chancellor Merz.", ["Bruce spoke in Washington."], reference=reference)
    assert s.verdict == "altered" and "Merz" in major(s)[0].text


def test_opposite_verbs_are_polarity_flips_in_english_and_german() -> None:
    s = suggest("The ministry denied the report on Friday.", ["The ministry confirmed the report on Friday."])
    assert [r.text for r in major(s)] == ["reversed: 'confirmed' → 'denied'"]
    s = suggest("Die Zahl der Arbeitslosen ist gesunken.", ["Die Zahl der Arbeitslosen ist gestiegen."])
    assert [r.text for r in major(s)] == ["direction reversed: 'gestiegen' → 'gesunken'"]


def test_number_words_match_digits_and_changed_votes_are_named() -> None:
    assert suggest("Bilawal led a 9-member delegation.", ["Bilawal led a nine-member delegation."]).verdict \
        == "consistent"
    s = suggest("The senate approved the bill 51-49.", ["The senate approved the bill 52-48."])
    assert [r.text for r in major(s)] == ["52 → 51", "48 → 49"]


def test_negation_added_before_a_short_verb_form() -> None:
    s = suggest("Tom Reyes did not warn that the project could exceed its budget.",
                ["Tom Reyes warned that the project could exceed its budget."])
    assert [r.kind for r in major(s)] == ["negation"]


def test_names_that_trade_places_are_altered_and_a_reordered_sentence_is_not() -> None:
    left = ["Pakistan welcomed the offer, while India rejected it, sticking to its long-standing position."]
    swapped = suggest("India welcomed the offer, while Pakistan rejected it.", left, 0.8)
    assert swapped.verdict == "altered"
    swap = next(r for r in swapped.reasons if r.kind == "swap")
    assert swap.text == "India ↔ Pakistan: the two trade places"
    assert suggest("India rejected the offer, while Pakistan welcomed it.", left, 0.8).verdict == "consistent"
    talks = ["Talks between India and Pakistan resumed in Geneva on Monday."]
    for same in ("Talks between Pakistan and India resumed in Geneva on Monday.",
                 "On Monday, talks resumed in Geneva between Pakistan and India."):
        assert suggest(same, talks, 0.8).verdict == "consistent", same
    assert suggest("France beat Germany 3-1 in Paris.", ["Germany beat France 3-1 in Paris."], 0.8).verdict == "altered"


def test_vote_counts_that_trade_places_are_altered() -> None:
    left = ["The council approved the plan by 7 votes to 2 on Monday."]
    swapped = suggest("The council approved the plan by 2 votes to 7 on Monday.", left, 0.8)
    assert [r.kind for r in swapped.reasons] == ["swap"] and swapped.verdict == "altered"
    assert suggest("By 7 votes to 2, the council approved the plan.", left, 0.8).verdict == "consistent"


def test_a_hedge_further_from_the_words_is_found_when_the_claim_says_will() -> None:
    left = ["Asked whether the President might take concrete steps such as convening both prime ministers, "
            "she declined to comment."]
    got = suggest("She said the President will convene both prime ministers.", left, 0.8)
    assert got.verdict == "altered"
    assert any(r.kind == "hedge" and r.left == "might" for r in got.reasons)
    same = ["The President will convene both prime ministers next week."]
    s = suggest("Both prime ministers will be convened by the President next week.", same, 0.8)
    assert s.verdict == "consistent"


def test_german_vote_swap_reported_speech_hedge_and_praise_for_criticism() -> None:
    got = suggest("Der Stadtrat hat mit 12 zu 31 Stimmen den Bau beschlossen.",
                  ["Der Stadtrat hat mit 31 zu 12 Stimmen den Bau beschlossen."], 0.9)
    assert [r.text for r in got.reasons] == ["12 ↔ 31: the two trade places"]
    got = suggest("Keller sagte, die Brücke werde den Verkehr entlasten.",
                  ["Keller sagte, die Brücke solle den Verkehr entlasten."], 0.9)
    assert [r.kind for r in got.reasons] == ["hedge"]
    got = suggest("Die Opposition lobte den Plan.", ["Die Opposition kritisierte den Plan."], 0.9)
    assert got.verdict == "altered" and got.reasons[0].text == "stance reversed: 'kritisierte' → 'lobte'"
    assert suggest("Die Lobby kritisierte den Plan.", ["Die Opposition kritisierte den Plan."], 0.9).reasons == ()


def test_a_plan_reported_as_done_is_altered() -> None:
    left = ["Construction is scheduled to begin in March, according to the city's planning office."]
    got = suggest("Construction began in March, according to the city's planning office.", left, 0.9)
    assert got.verdict == "altered" and [r.kind for r in got.reasons] == ["hedge"]
    s = suggest("Construction is planned to start in March, the planning office says.", left, 0.9)
    assert s.verdict == "consistent"


def test_a_changed_weekday_names_both_days() -> None:
    left = ["Police arrested a man after a fire destroyed a warehouse on Friday night."]
    got = suggest("The warehouse was destroyed on Saturday night.", left, 0.6)
    assert got.verdict == "altered" and [r.text for r in got.reasons] == ["Friday → Saturday"]
    assert [r.text for r in suggest("On Saturday the warehouse burned.", ["A warehouse burned."], 0.6).reasons] == [
        "adds: Saturday"]


def test_dropped_allegation_and_changed_titles_are_altered() -> None:
    got = suggest("The attacker, a 29-year-old man, was arrested at the scene.",
                  ["The alleged attacker, a 29-year-old man, was arrested at the scene, police said."], 0.9)
    assert got.verdict == "altered" and [r.kind for r in got.reasons] == ["hedge"]
    got = suggest("President Maria Lopez called for calm.", ["Former president Maria Lopez called for calm."], 0.9)
    assert [r.text for r in got.reasons] == ["drops: former president → President"]
    got = suggest("Deputy Secretary Landau met the delegation.", ["Secretary Landau met the delegation."], 0.9)
    assert [r.text for r in got.reasons] == ["adds: Deputy Secretary"]
    got = suggest("Die Ministerin Anna Keller lobte den Plan.",
                  ["Die ehemalige Ministerin Anna Keller lobte den Plan."], 0.9)
    assert got.verdict == "altered" and got.reasons[0].kind == "title"
    assert suggest("Former president Lopez called for calm again.", ["Former president Lopez called for calm."],
                   0.9).verdict == "consistent"
