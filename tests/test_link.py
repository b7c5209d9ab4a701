"""The linker on small hand-made articles: each hard case a reviewer would notice."""

from __future__ import annotations

import pytest

from diptych.core.link import Link, LinkCancelled, LinkOptions, link_claims, omissions


def pairs(links: list[Link]) -> set[tuple[int, int]]:
    return {(lk.left, lk.right) for lk in links}


REFERENCE = [
    "The city council approved a new budget for public libraries on Monday evening.",
    "Heavy rain flooded several streets in the harbour district overnight.",
    "The football club signed a young striker from Brazil for three seasons.",
    "Scientists at the university discovered a new species of frog in the rainforest.",
]


def test_reordered_paraphrases_link_to_their_own_sources() -> None:
    review = [
        "University researchers have found a previously unknown frog species in the rainforest.",
        "A young Brazilian striker has signed with the football club for three seasons.",
        "Streets in the harbour district were flooded after heavy overnight rain.",
        "On Monday evening the council approved the budget for the city's public libraries.",
    ]
    assert pairs(link_claims(REFERENCE, review)) == {(3, 0), (2, 1), (1, 2), (0, 3)}


def test_one_reference_sentence_split_into_three_claims() -> None:
    left = ["A prayer of Moses.",
            "The new hospital, which cost the region forty million euros, opens its emergency ward in "
            "March and will employ three hundred nurses from nearby towns.",
            "The weather stays dry."]
    right = ["The new hospital opens in March.",
             "It cost the region forty million euros.",
             "Three hundred nurses from nearby towns will work in the emergency ward.",
             "The weather stays dry."]
    got = pairs(link_claims(left, right))
    assert {(1, 0), (1, 1), (1, 2)} <= got
    assert (2, 3) in got and not {(0, j) for j in range(4)} & got


def test_claim_merging_two_reference_sentences_links_both() -> None:
    left = ["The delegation visited Washington from May 31 to June 6.",
            "During the trip the delegates met more than a dozen members of Congress.",
            "The orchestra plays Mozart tonight."]
    right = ["The delegation visited Washington from May 31 to June 6 and met more than a dozen members "
             "of Congress."]
    assert pairs(link_claims(left, right)) == {(0, 0), (1, 0)}


def test_shared_phrase_alone_is_not_a_link() -> None:
    left = ["Questions were directed at whether the US had signalled a willingness to use its influence "
            "to bring India to the negotiating table to address core issues and maintain the ceasefire.",
            "Pakistan welcomed the offer, while India rejected it."]
    right = ["In an interview with AFP, the opposition leader called on the American president to play an "
             "active role in bringing India to the negotiating table for extensive talks.",
             "Pakistan welcomed the offer while India rejected it."]
    got = pairs(link_claims(left, right))
    assert (1, 1) in got
    assert not any(j == 0 for _, j in got)


def test_garbled_names_and_german_inflection_still_link() -> None:
    left = ["PPP chairman Bilawal Bhutto Zardari met Under Secretary Allison Hooker in Washington.",
            "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Wohnungsförderung beschlossen."]
    right = ["Bilawal Bhuttozze-Zze met under secretary Allison Hooker during a visit to Washington.",
             "Die Regierung beschließt ein Gesetz für die Förderung von Wohnungen."]
    assert pairs(link_claims(left, right)) == {(0, 0), (1, 1)}


def test_scores_are_calibrated_and_every_link_is_accepted() -> None:
    review = ["Scientists at the university discovered a new species of frog in the rainforest.",
              "Heavy rain flooded some streets.",
              "Read more: our newsletter"]
    links = link_claims(REFERENCE, review)
    assert links and all(0.5 <= lk.score <= 1.0 for lk in links)
    exact = next(lk for lk in links if lk.right == 0)
    partial = next(lk for lk in links if lk.right == 1)
    assert exact.score > partial.score
    assert not any(lk.right == 2 for lk in links)
    strict = link_claims(REFERENCE, review, LinkOptions(threshold=0.95))
    assert pairs(strict) == {(3, 0)}


def test_empty_sides_give_no_links() -> None:
    assert link_claims([], ["a claim"]) == []
    assert link_claims(["a claim"], []) == []


def test_progress_is_reported_and_cancel_stops_the_work() -> None:
    seen: list[float] = []
    link_claims(REFERENCE, REFERENCE, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(LinkCancelled):
        link_claims(REFERENCE, REFERENCE, cancelled=lambda: True)


def test_reference_claims_left_out_by_the_review_are_omissions() -> None:
    review = ["Heavy rain flooded several streets in the harbour district overnight.",
              "Scientists at the university discovered a new species of frog."]
    links = link_claims(REFERENCE, review)
    assert omissions(len(REFERENCE), links) == [0, 2]


def test_plain_language_pieces_between_two_links_follow_the_story_order() -> None:
    # a rewrite splits one sentence into short pieces; the middle ones share only a word or two with
    # it, but the pieces around them place them; an unrelated line in such a run stays unlinked
    left = ["The harvest began early this year because of the warm spring.",
            "In the morning the grass flowers and grows, and by the evening it withers and dries up.",
            "The villagers sold their apples at the market on Saturday."]
    right = ["The harvest began early because the spring was warm.",
             "In the morning the grass flowers and grows.",
             "The grass looks beautiful.",
             "Then it dries up.",
             "By the evening the grass withers and dries up.",
             "Subscribe to our newsletter.",
             "The villagers sold apples at the Saturday market."]
    got = pairs(link_claims(left, right))
    assert {(0, 0), (1, 1), (1, 2), (1, 3), (1, 4), (2, 6)} <= got
    assert not any(j == 5 for _, j in got)


def test_a_wordless_claim_between_links_to_distant_sentences_stays_unlinked() -> None:
    left = ["Early one morning the old fisherman pushed his small boat into the cold grey sea.",
            "Prices of cod rose sharply last winter.", "Storms kept the boats ashore for a week.",
            "The fish market opened at noon."]
    right = ["Early one morning the old fisherman pushed his boat into the sea.",
             "He was not afraid.",
             "The fish market opened at noon."]
    assert pairs(link_claims(left, right)) == {(0, 0), (3, 2)}


def test_a_repeated_line_links_like_its_first_copy() -> None:
    review = ["Scientists at the university discovered a new species of frog.",
              "Scientists at the university discovered a new species of frog.",
              "Heavy rain flooded several streets in the harbour district overnight."]
    got = link_claims(REFERENCE, review)
    assert pairs(got) == {(3, 0), (3, 1), (1, 2)}
    assert [lk.score for lk in got if lk.right == 0] == [lk.score for lk in got if lk.right == 1]


def test_scores_do_not_depend_on_the_interpreters_hash_seed() -> None:
    # a set's iteration order changes with PYTHONHASHSEED; sums over one could differ in the last bit
    # and, on long articles, flip a near tie: the same input must give the same bits in every run
    import os
    import subprocess
    import sys

    script = (
        "from diptych.core import link as L\n"
        "words = [f'w{n:02d}x' * (1 + n % 3) for n in range(40)]\n"
        "left = [' '.join(words[k:k + 25]) for k in range(0, 15, 3)]\n"
        "right = [' '.join(reversed(words[k + 2:k + 24])) for k in range(0, 15, 3)]\n"
        "lw, rw = L._prepare(left), L._prepare(right)\n"
        "idf = L._weights(lw, rw)\n"
        "lc, rc = L._claims(lw, idf), L._claims(rw, idf)\n"
        "print([repr(L._coverage(r, c)) for r in rc for c in lc])\n")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outs) == 1


def test_sentences_inserted_between_linked_claims_stay_unlinked() -> None:
    # a rewrite that slips new sentences in between faithful ones: filling such gaps by position
    # would link them (one shares "council") and hide them from the reviewer
    left = ["The city council voted 7 to 2 on Tuesday to approve a new housing plan for the harbour district.",
            "The plan, which will cost about $45 million, is expected to create 1,200 homes by 2028.",
            'Mayor Linda Hart said the project "could ease the pressure on rents for young families."',
            "Opposition leader Tom Baker criticised the plan, saying it lacked affordable units.",
            "Construction is scheduled to begin in March, according to the city's planning office.",
            "Residents will be able to comment on the plan until June 3."]
    right = [left[0], "Several council members wore red scarves in support of local football fans.", left[1],
             "A nearby bakery was robbed twice last month.", left[2], left[3],
             "The weather has been unusually warm this autumn.", left[4], left[5]]
    assert pairs(link_claims(left, right)) == {(0, 0), (1, 2), (2, 4), (3, 5), (4, 7), (5, 8)}
    # nor between two pieces of one reference sentence
    split = [left[0].split(" for the harbour")[0] + ".", right[1], "It is for the harbour district."] + left[1:]
    got = pairs(link_claims(left, split))
    assert {(0, 0), (0, 2)} <= got and not any(j == 1 for _, j in got)


GAP_REFERENCE = [
    "The regional parliament debated the new water law for six hours on Thursday.",
    "Farmers' associations had warned that the law would raise irrigation costs sharply.",
    "Environmental groups welcomed the stricter limits on groundwater pumping.",
    "The law passed with 61 votes to 40 late in the evening.",
    "It comes into force next January.",
]


def test_a_loosely_retold_sentence_in_a_gap_between_anchors_links_there() -> None:
    # the review retells the middle in its own words: between the two anchors the reference has
    # unlinked sentences, and the retelling shares one rare word ("irrigation") with one of them
    review = [
        "The regional parliament debated the new water law for six hours on Thursday.",
        "Growers fear that their irrigation bills will double once it is in place, and many say they may give up.",
        "The law passed with 61 votes to 40 late in the evening.",
        "It comes into force next January.",
    ]
    links = link_claims(GAP_REFERENCE, review)
    assert pairs(links) == {(0, 0), (1, 1), (3, 2), (4, 3)}
    assert all(lk.score >= 0.5 for lk in links)


def test_a_sentence_in_a_gap_sharing_only_function_words_stays_unlinked() -> None:
    review = [
        "The regional parliament debated the new water law for six hours on Thursday.",
        "A local bakery was robbed twice in the same week, and the owner says he may give up.",
        "The law passed with 61 votes to 40 late in the evening.",
    ]
    assert pairs(link_claims(GAP_REFERENCE, review)) == {(0, 0), (3, 2)}


QUOTE_REFERENCE = [
    "The minister spoke to reporters after the summit.",
    "“We did not get everything we wanted, but we got a deal that protects our farmers.",
    "Nobody should expect miracles from one meeting.",
    "The next round will decide whether the tariffs really fall.”",
    "Talks resume in Geneva in March.",
]


def test_an_unlinked_quotation_after_a_linked_one_links_the_rest_of_that_quotation() -> None:
    # the review moves on to another part of the story right after the quotation, so the
    # neighbours' links bracket no gap: the quotation the previous claim comes from does
    right = [
        "Talks resume in Geneva in March.",
        "“We did not get everything we wanted, but the deal protects our farmers,” he said.",
        "“What comes after this is what matters, and only then will we know if the tariffs are truly gone.”",
        "The minister spoke to reporters after the summit.",
    ]
    assert pairs(link_claims(QUOTE_REFERENCE, right)) == {(4, 0), (1, 1), (3, 2), (0, 3)}
    # the same words, not quoted, stay unlinked
    plain = [*right[:2], right[2].strip("“”"), right[3]]
    assert pairs(link_claims(QUOTE_REFERENCE, plain)) == {(4, 0), (1, 1), (0, 3)}


def test_a_quotation_left_open_does_not_reach_across_the_article() -> None:
    # the reference's opening quotation mark is never closed: its "quotation" runs to the end, but
    # the loose match looks only near the neighbour's sentence
    filler = [f"Item {n}: the {w} committee met again and agreed nothing new." for n, w in
              enumerate(["harbour", "school", "transport", "budget", "housing", "parks", "library", "police"])]
    left = ["The minister spoke to reporters after the summit.",
            "“We did not get everything we wanted, but we got a deal that protects our farmers.",
            *filler, "Next spring the tariffs on cheese will really fall."]
    right = ["Talks resume in Geneva in March.",
             "“We did not get everything we wanted, but the deal protects our farmers,” he said.",
             "“Cheese is what matters to us, and only then will we know.”",
             "The minister spoke to reporters after the summit."]
    assert not any(j == 2 for _, j in pairs(link_claims(left, right)))
    near = [*left[:2], left[-1], *filler]
    assert (2, 2) in pairs(link_claims(near, right))
