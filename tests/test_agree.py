"""Agreement between two reviews of the sample pair: pairing, κ, α, link F1 against a hand computation."""

from __future__ import annotations

import copy

import pytest

from conftest import REFERENCE, REVIEW
from diptych.core.agree import (
    AgreementError,
    apply_choice,
    choice_of,
    cohen_kappa,
    compare,
    current_choice,
    krippendorff_alpha,
    merged_project,
    pending,
    to_html,
    to_text,
)
from diptych.core.align import align
from diptych.core.anchor import reanchor
from diptych.core.ingest import read_document
from diptych.core.project import Article, ClaimSpan, Project, ProjectLink, ReviewSource
from diptych.core.text import Document
from project_helpers import small_project

# decisions per review claim of the sample pair (28 claims): c consistent, a altered, u unsupported,
# n not a claim, None not reviewed. Reviewer B disagrees on claims 1, 7, 9, 12 and 16.
CODES = {"c": "consistent", "a": "altered", "u": "unsupported", "n": "not_a_claim", None: None}
A_SAYS = "a a a c n c u u n n c u c a c c c n c a u c n c u u u".split() + [None]
B_SAYS = "a c a c n c u a n u c u a a c c a n c a u c n c u".split() + [None, None, "c"]  # 12: B's first part
INSERTED = "The weather in Geneva stayed unusually cold for the whole week of talks."


def decide(p: Project, claim_id: int, code: str | None) -> None:
    d = CODES[code]
    if d == "not_a_claim":
        p.set_not_a_claim(claim_id, True)
    elif d is not None:
        p.set_verdict(claim_id, d)


def base_project() -> Project:
    return Project.from_alignment(align(read_document(str(REFERENCE)), read_document(str(REVIEW))))


def two_reviews() -> tuple[Project, Project, set[tuple[int, int]]]:
    """Reviewer A on the sample pair; reviewer B on a copy whose review article was edited (a word
    changed in claim 13, a sentence added after claim 19), with claim 12 split in two."""
    base = base_project()
    auto = {(lk.left, lk.right) for lk in base.links}
    assert len(A_SAYS) == len(B_SAYS) == len(base.claims("right")) == 28
    a = copy.deepcopy(base)
    a.set_reviewer("Ada")
    for cid, code in enumerate(A_SAYS):
        decide(a, cid, code)
    a.remove_link(4, 13)
    a.add_link(2, 6, 0.5, "manual")
    a.set_note(1, "A: the date is right")

    text = base.document("right").text
    c13, c19 = base.claim("right", 13), base.claim("right", 19)
    edited = (text[:c13.start] + text[c13.start:c13.end].replace("repeated", "reiterated") + text[c13.end:c19.end]
              + "\n" + INSERTED + text[c19.end:])
    b, orphans = reanchor(base, "right", Document(edited, "review-000.txt"))
    assert orphans == []
    b.set_reviewer("Bea")
    extra = next(c.id for c in b.claims("right") if b.claim_text("right", c.id) == INSERTED)
    for cid, code in enumerate(B_SAYS):
        decide(b, cid, code)
    part2 = b.split_claim("right", 12, b.document("right").text.index("during a visit", b.claim("right", 12).start))
    b.set_verdict(part2, "consistent")
    b.set_verdict(extra, "unsupported")
    b.add_link(0, extra, 0.3, "manual")
    b.remove_link(9, 16)
    b.add_link(2, 6, 0.5, "manual")
    b.add_link(10, 7, 0.5, "manual")
    b.set_note(1, "B: the spokesman is misquoted")
    return a, b, auto


def test_two_reviewers_on_the_sample_pair_match_a_hand_computation() -> None:
    a, b, auto = two_reviews()
    cmp = compare(a, b, ("a.diptych", "b.diptych"))
    ag = cmp.agreement

    # B's review article differs from A's: its annotations were re-anchored onto A's text, the added
    # sentence (with B's verdict and link) could not be placed and is reported
    assert ag.reanchored == ["right"]
    assert len(ag.unplaced) == 1 and ag.unplaced[0]["quote"] == INSERTED
    assert ag.unplaced[0]["decision"] == "unsupported" and ag.unplaced[0]["links"] == 1
    # the edited claim 13 is paired with B's claim 13; the split claim 12 with its larger first part
    u12, u13 = cmp.unit_of[12], cmp.unit_of[13]
    assert (u13.b_claim, u13.overlap, u13.b) == (13, "same", "altered")
    assert (u12.b_claim, u12.overlap, u12.a, u12.b) == (12, "partial", "consistent", "altered")
    assert len(u12.others) == 1
    assert [o["claim"] for o in ag.overlaps] == [13]  # numbered from 1

    # counts: A reviewed 27 claims; B 28 of its own (25 of A's units + 27 + the split part + the
    # added sentence); 25 in common
    assert ag.reviewed == {"a": 27, "b": 28, "common": 25}
    assert ag.left_out == {"a_only": 2, "b_only": 1, "neither": 0, "no_b_claim": 0}
    assert ag.meaningful and ag.note == ""

    # by hand, over the 25 common claims: 20 agree.
    # A: consistent 10, altered 5, unsupported 5, not a claim 5; B: 9, 7, 5, 4
    assert ag.raw_agreement == pytest.approx(20 / 25)
    pe = (10 * 9 + 5 * 7 + 5 * 5 + 5 * 4) / 25 ** 2
    assert ag.kappa == pytest.approx((20 / 25 - pe) / (1 - pe))
    assert ag.kappa == pytest.approx(0.7253, abs=1e-4)
    # consistent against the rest: both 8, A only 2, B only 1, neither 14
    pe_c = (10 * 9 + 15 * 16) / 25 ** 2
    assert ag.kappa_per_verdict["consistent"] == pytest.approx((22 / 25 - pe_c) / (1 - pe_c))
    # not a claim against the rest: both 4, A only 1, neither 20
    pe_n = (5 * 4 + 20 * 21) / 25 ** 2
    assert ag.kappa_per_verdict["not_a_claim"] == pytest.approx((24 / 25 - pe_n) / (1 - pe_n))
    # Krippendorff's α: 50 values (consistent 19, altered 12, unsupported 10, not a claim 9),
    # 5 disagreeing units, each two off-diagonal coincidences
    de = 50 ** 2 - (19 ** 2 + 12 ** 2 + 10 ** 2 + 9 ** 2)
    assert ag.alpha == pytest.approx(1 - (50 - 1) * 10 / de)
    assert ag.confusion["consistent"] == {"consistent": 8, "altered": 2, "unsupported": 0, "not_a_claim": 0}
    assert ag.confusion["not_a_claim"]["unsupported"] == 1
    assert sum(sum(row.values()) for row in ag.confusion.values()) == 25

    # links: A = auto - (4,13) + (2,6); B = auto - (9,16) + (2,6) + (10,7) (its split adds none, its
    # link to the added sentence cannot be placed)
    links_a = auto - {(4, 13)} | {(2, 6)}
    links_b = auto - {(9, 16)} | {(2, 6), (10, 7)}
    both = len(links_a & links_b)
    assert (len(links_a), len(links_b), both) == (21, 22, 20)
    assert ag.links["precision"] == pytest.approx(20 / 22)
    assert ag.links["recall"] == pytest.approx(20 / 21)
    assert ag.links["f1"] == pytest.approx(2 * 20 / (21 + 22))
    assert ag.links["unplaced"] == 1

    text = to_text(ag)
    assert "Cohen's κ" in text and f"{ag.kappa:.3f}" in text and f"{ag.alpha:.3f}" in text
    assert "NOT MEANINGFUL" not in text
    assert f"{ag.kappa:.3f}" in to_html(ag)


def test_merged_project_starts_from_agreement_and_takes_either_side() -> None:
    a, b, _auto = two_reviews()
    cmp = compare(a, b)
    sources = (ReviewSource("A", "Ada", "a" * 64, "a.diptych"), ReviewSource("B", "Bea", "b" * 64, "b.diptych"))
    m = merged_project(cmp, sources, "Cleo")
    assert m.reviewer == "Cleo" and m.sources == list(sources)
    # agreed: both; one-sided: that reviewer's; disagreements wait
    assert m.review(0).verdict == "altered" and m.review(0).adjudication.decided_by == "both"
    assert m.review(25).verdict == "unsupported" and m.review(25).adjudication.decided_by == "A"
    assert m.review(27).verdict == "consistent" and m.review(27).adjudication.decided_by == "B"
    assert pending(m) == [1, 7, 9, 12, 16]
    assert m.review(1).verdict is None and (m.review(1).adjudication.a, m.review(1).adjudication.b) == (
        "altered", "consistent")
    # A and B themselves are untouched
    assert a.review(1).verdict == "altered" and b.review(1).verdict == "consistent"

    before = current_choice(m, 16)
    apply_choice(m, 16, choice_of(cmp, 16, "B"))  # B removed the link (9, 16)
    assert m.review(16).verdict == "altered" and m.review(16).adjudication.decided_by == "B"
    assert sorted(m.partners("right", 16)) == [6]
    apply_choice(m, 16, before)
    assert m.review(16).verdict is None and sorted(m.partners("right", 16)) == [6, 9]
    apply_choice(m, 1, choice_of(cmp, 1, "A"))
    assert (m.review(1).verdict, m.review(1).note) == ("altered", "A: the date is right")
    apply_choice(m, 1, choice_of(cmp, 1, "B"))
    assert (m.review(1).verdict, m.review(1).note) == ("consistent", "B: the spokesman is misquoted")
    assert pending(m) == [7, 9, 12, 16]


def test_few_common_claims_are_not_meaningful() -> None:
    a, b = small_project(), small_project()
    rights = [c.id for c in a.claims("right")]
    a.set_verdict(rights[0], "consistent")
    b.set_verdict(rights[0], "consistent")
    a.set_verdict(rights[1], "altered")
    b.set_verdict(rights[1], "consistent")
    ag = compare(a, b).agreement
    assert ag.reviewed["common"] == 2 and not ag.meaningful
    assert "not meaningful" in ag.note and "NOT MEANINGFUL" in to_text(ag)
    assert ag.to_json()["meaningful"] is False


def test_reviews_of_different_articles_are_refused() -> None:
    a = small_project()
    other = small_project(right="Completely different words about football results and a transfer window.\n")
    with pytest.raises(AgreementError, match="review different articles"):
        compare(a, other)


def test_kappa_and_alpha_by_hand_on_small_lists() -> None:
    pairs = [("altered", "altered"), ("consistent", "consistent"), ("unsupported", "consistent"),
             ("altered", "altered")]
    # po = 3/4; A: altered 2, consistent 1, unsupported 1; B: altered 2, consistent 2 -> pe = (4 + 2) / 16
    assert cohen_kappa(pairs) == pytest.approx((3 / 4 - 6 / 16) / (1 - 6 / 16))
    # α: 8 values (altered 4, consistent 3, unsupported 1), one disagreeing unit
    assert krippendorff_alpha(pairs) == pytest.approx(1 - 7 * 2 / (64 - (16 + 9 + 1)))
    assert cohen_kappa([("altered", "altered")] * 3) is None  # one label only: undefined
    assert krippendorff_alpha([("altered", "altered")] * 3) is None


def _lines(text: str, spans: list[tuple[int, int]], name: str) -> Article:
    return Article(Document(text, name), [ClaimSpan(k, s, e) for k, (s, e) in enumerate(spans)])


def test_ties_and_claims_b_does_not_cover_are_reported() -> None:
    left = "Reference one. Reference two.\n"
    right = "Alpha beta gamma delta. Epsilon zeta.\n"
    a = Project(_lines(left, [(0, 14), (15, 29)], "l.txt"), _lines(right, [(0, 22), (24, 37)], "r.txt"),
                [ProjectLink(0, 0, 0.9)])
    # B cut A's first claim in two equal halves and has no claim on A's second
    b = Project(_lines(left, [(0, 14), (15, 29)], "l.txt"), _lines(right, [(0, 11), (11, 22)], "r.txt"),
                [ProjectLink(0, 1, 0.9)])
    a.set_verdict(0, "consistent")
    a.set_verdict(1, "altered")
    b.set_verdict(0, "altered")
    b.set_verdict(1, "consistent")
    cmp = compare(a, b)
    u0, u1 = cmp.unit_of[0], cmp.unit_of[1]
    assert (u0.overlap, u0.b_claim, u0.others, u0.b) == ("tie", 0, (1,), "altered")
    assert (u1.overlap, u1.b_claim, u1.b) == ("none", None, None)
    ag = cmp.agreement
    assert ag.overlaps == [{"claim": 1, "overlap": "tie", "b_claims": [1, 2]},
                           {"claim": 2, "overlap": "none", "b_claims": []}]
    assert ag.left_out["no_b_claim"] == 1 and ag.reviewed["common"] == 1
    # B's link from its second half lands on A's first claim: the same link as A's
    assert ag.links["precision"] == ag.links["recall"] == ag.links["f1"] == 1.0
    assert "overlapped equally" in to_text(ag) and "has no claim of B" in to_text(ag)


def test_pairing_holds_each_reviewers_choice_without_the_projects() -> None:
    import pickle

    from diptych.core.agree import pairing

    a, b, _auto = two_reviews()
    cmp = compare(a, b)
    pair = pickle.loads(pickle.dumps(pairing(cmp)))  # it travels between processes
    assert pair.n_disagreements == 5 and pair.unit_of[12].overlap == "partial"
    for cid in (1, 12, 16):
        for who in ("A", "B"):
            assert pair.choice(cid, who) == choice_of(cmp, cid, who)
    assert sorted(lk.left for lk in pair.choice(16, "B").links) == [6]
    assert pair.choice(1, "B").note == "B: the spokesman is misquoted"
    with pytest.raises(AgreementError):
        pair.choice(999, "A")
