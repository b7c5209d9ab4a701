"""The hand-labelled news claims of tests/data/verdict-claims.json (English and German): "tune" and
"heldout" were labelled before the checks were tuned on "tune"; "final" was written and labelled
afterwards and scored once; "final2" (47 claims in the style of abstractive news summaries, many
lower-case) was written and labelled later still, before the engine was run on it, and is not tuned
on; "final3" (51 claims, news rewrites and summaries: stance reversals, flipped comparatives and
evaluations, shares and percentages, sums of parts, paraphrases as controls) was written and labelled
after that, before the engine was run on it. Every claim of the tuning part gets its label;
"heldout" and "final" meet the accuracy the checks are built for; "final2" holds at least the
accuracy it had when first scored (37 of 47); "final3" holds the nine in ten it reached with the
shares, sums and opposites (29 of 51 when first scored). "final4" (65 claims), "final5" (52),
"final6" (49), "final7", "final8" and "final9" (54 each), news rewrites and summaries in both
languages, a third of them lower-case, were each written and labelled before the engine was run on
them and scored once when new (47 of 65, 33 of 52, 37 of 49, 44 of 54, 40 of 54, 41 of 54); each
then served to find general fixes, and holds the figure those reached. "final10" (58) was
scored once when new too (45 of 58) and led to one more round of fixes (51 of 58 after them);
"final11" (54) was scored once when new (43 of 54). "final12" (63 claims: transport, farming,
schools, elections abroad, courts, energy, culture and local news, 38 English and 25 German, a
third lower-case), written and labelled before the engine was run on it, was scored once when new
(54 of 63); the errors of final11 and final12 then led to general fixes (a participant, place or
name put in the slot of another, placings as ranks, two figures sharing one unit, more opposites in
both languages, court rulings among them, a negative verb as a negation), after which final10
holds 53 of 58, final11 49 of 54 and final12 61 of 63 (final6 45 of 49). "final13" (59 claims: health
services, science results, weather, sport, company results, courts, councils and transport, 36
English and 23 German, five pairs lower-case), written and labelled before the engine was run on it,
was scored once when new (41 of 59): the clean figure for the engine before its round; its errors
then led to general fixes (a result told from the other side, a negative pronoun ending its clause,
a plan stated as such, "a year" as twelve months, a majority as a tally, a colour, season or
compass point put for another), after which it holds 50 of 59, and 51 after final14's round.
"final14" (73 claims: shipping, space, universities, an election abroad, food prices, housing,
music, pensions, tourism, energy, farming; 42 English and 31 German, six pairs lower-case) was
written and labelled before the engine was run on it, and scored once when new (52 of 73); its
errors led to general fixes (multiples and frequencies as values, going on and stopping, a negative
verb added, a negated hedge dropped, unchanged against a change, taking and keeping the lead; a
hyphenated name told in its parts, a German month in the genitive, a German phrase of time or place
put first, a figure judged, a record told in other words, and more), after which it holds 62 of 73.
"final15" (37), "final16" (72) and "final17" (41), written and labelled before the engine was run
on them, were scored once each on the engine as it stands after final14's round, final15 also once
before it (the same 22 of 37); none was tuned on. They hold their first scores. "final18" (76
claims: chess, art auctions, fisheries quotas, film festivals, telephone prices, city budgets,
vaccination campaigns, a census; 46 English and 30 German, three pairs lower-case) was written and
labelled before the engine was run on it, and scored once when new (52 of 76); its errors led to
general fixes (a figure kept with another unit, a dropped condition, another cause, a name of the
reference put in the linked name's place, intensifiers that say the same, a common noun that ends
a name in lower-case text; a claim told of all of a kind the reference restricts), after which it
holds 60 of 76. "final19" (72 claims, mostly abstractive
summaries, six of ten pairs lower-case; 43 English and 29 German), written and labelled with final18,
was never read nor tuned on and was scored once, after final18's round (43 of 72); it holds that."""

from __future__ import annotations

import pytest

from diptych.core.verdict import needs_check
from labelled_helpers import PAIRS, labelled_claims


def judged(split: str, alone: bool = False) -> list[tuple[str, str, str]]:
    """(sentence, gold verdict, suggested verdict) of each labelled sentence of ``split``; with
    ``alone``, only the sentences that are the one labelled sentence of their claim (a lower-case
    sentence after a full stop may be read as part of the claim before it)."""
    out = [(sent["text"], sent["verdict"], a.suggestions[k].verdict, k, pair)
           for sent, a, k, pair in labelled_claims(split)]
    if alone:
        claims = [(k, pid) for *_, k, pid in out]
        out = [r for r in out if claims.count((r[3], r[4])) == 1]
    return [(t, want, got) for t, want, got, _k, _p in out]


def test_the_set_is_labelled_in_both_languages_and_splits() -> None:
    sents = [(p["dataset"], p["split"], s["verdict"]) for p in PAIRS for s in p["sentences"]]
    assert len(sents) >= 40
    for lang in ("en", "de"):
        for split in ("tune", "heldout"):
            got = {v for d, sp, v in sents if d == lang and sp == split}
            assert {"consistent", "altered"} <= got


def test_every_tuning_claim_gets_its_label() -> None:
    wrong = [(t, want, got) for t, want, got in judged("tune") if want != got]
    assert not wrong, wrong


@pytest.mark.parametrize("split", ["heldout", "final"])
def test_held_out_claims_meet_the_target(split: str) -> None:
    rows = judged(split)
    right = sum(want == got for _t, want, got in rows)
    assert right / len(rows) >= 0.94, [(t, want, got) for t, want, got in rows if want != got]
    altered = [got for _t, want, got in rows if want == "altered"]
    assert sum(g != "consistent" for g in altered) / len(altered) >= 0.9


def test_the_newest_part_keeps_at_least_its_first_score() -> None:
    rows = judged("final2")
    assert len(rows) >= 40 and {v for _t, v, _g in rows} == {"consistent", "altered", "unsupported"}
    right = sum(want == got for _t, want, got in rows)
    assert right >= 37, [(t, want, got) for t, want, got in rows if want != got]
    # an invented sentence is never passed as consistent
    assert all(got != "consistent" for _t, want, got in rows if want == "unsupported")


def test_the_rewrites_and_summaries_part_keeps_its_share_and_opposite_fixes() -> None:
    rows = judged("final3")
    assert len(rows) >= 30
    sents = [(p["dataset"], s["verdict"]) for p in PAIRS if p["split"] == "final3" for s in p["sentences"]]
    assert {v for d, v in sents if d == "en"} == {v for d, v in sents if d == "de"} == {"consistent", "altered"}
    right = sum(want == got for _t, want, got in rows)
    assert right >= 46, [(t, want, got) for t, want, got in rows if want != got]
    # a consistent paraphrase of a share or a sum is not a false alarm
    assert all(got == "consistent" for _t, want, got in judged("final3", alone=True) if want == "consistent")


@pytest.mark.parametrize(("split", "first", "now"), [("final4", 47, 64), ("final5", 33, 48), ("final6", 37, 46),
                                                     ("final7", 44, 52), ("final8", 40, 50), ("final9", 41, 49),
                                                     ("final10", 45, 54), ("final11", 43, 52),
                                                     ("final12", 54, 61), ("final13", 41, 51),
                                                     ("final14", 52, 62), ("final18", 52, 60)])
def test_the_newer_parts_hold_what_the_fixes_reached(split: str, first: int, now: int) -> None:
    rows = judged(split)
    sents = [(p["dataset"], s["verdict"]) for p in PAIRS if p["split"] == split for s in p["sentences"]]
    assert len(rows) >= 40 and {d for d, _v in sents} == {"en", "de"}
    assert {v for _d, v in sents} == {"consistent", "altered", "unsupported"}
    right = sum(want == got for _t, want, got in rows)
    assert right >= now >= first, [(t, want, got) for t, want, got in rows if want != got]
    # an invented sentence is never passed as a sure "consistent": at worst it goes to "check"
    for sent, a, k, _pair in labelled_claims(split):
        sg = a.suggestions[k]
        if sent["verdict"] == "unsupported":
            assert sg.verdict != "consistent" or needs_check(sg), (sent["text"], sg)


@pytest.mark.parametrize(("split", "first"), [("final15", 22), ("final16", 57), ("final17", 34), ("final19", 43)])
def test_the_parts_never_tuned_on_hold_their_first_score(split: str, first: int) -> None:
    rows = judged(split)
    sents = [(p["dataset"], s["verdict"]) for p in PAIRS if p["split"] == split for s in p["sentences"]]
    assert len(rows) >= 35 and {d for d, _v in sents} == {"en", "de"}
    assert {v for _d, v in sents} == {"consistent", "altered", "unsupported"}
    assert sum(want == got for _t, want, got in rows) >= first
