"""The sentence encoder's second opinion on a pair in one language: a consistent claim far in meaning
from its linked text, and an unlinked claim close to a reference sentence, are sent to "check" with
a note that says why; the verdict stays the rules'. ``--no-model`` (``AlignOptions(model=False)``)
and a pair too long to embed are judged by the rules alone. English and German."""

from __future__ import annotations

import pytest

from diptych.core import opinion
from diptych.core.align import Alignment, AlignOptions, align
from diptych.core.ingest import document_from_text
from diptych.core.verdict import needs_check


def aligned(left: str, right: str, model: bool = True) -> Alignment:
    return align(document_from_text(left, "reference.txt"), document_from_text(right, "review.txt"),
                 AlignOptions(model=model))


def notes(a: Alignment, j: int) -> list[str]:
    return [r.text for r in a.suggestions[j].reasons if r.kind == "similarity"]


@pytest.mark.parametrize(("left", "right"), [
    ("The council will discuss support for flooded sports clubs at its next meeting in March. "
     "The river burst its banks on Friday.",
     "The council has already approved support for the sports clubs. The river burst its banks on Friday."),
    ("Der Stadtrat will in seiner nächsten Sitzung im März über Hilfen für die überfluteten Sportvereine "
     "beraten. Der Fluss trat am Freitag über die Ufer.",
     "Der Stadtrat hat die Hilfen für die Sportvereine schon bewilligt. Der Fluss trat am Freitag über die Ufer."),
])
def test_a_plan_told_as_done_is_sent_to_check_by_the_encoder(left: str, right: str) -> None:
    rules, both = aligned(left, right, model=False), aligned(left, right)
    assert [s.verdict for s in both.suggestions] == [s.verdict for s in rules.suggestions]
    assert rules.suggestions[0].verdict == "consistent" and not needs_check(rules.suggestions[0])
    assert needs_check(both.suggestions[0]) and both.suggestions[0].confidence < rules.suggestions[0].confidence
    assert [n.startswith("meaning further from the linked text") and "similarity 0." in n for n in notes(both, 0)] \
        == [True]
    # the faithful sentence keeps its confidence and gets no note
    assert both.suggestions[1].confidence == rules.suggestions[1].confidence and not notes(both, 1)


@pytest.mark.parametrize(("left", "right"), [
    ("Heavy snow closed every school in the county on Tuesday. Roads were gritted overnight.",
     "Roads were gritted overnight. Pupils across the county were sent home as snow forced classrooms to shut."),
    ("Starker Schneefall legte am Dienstag alle Schulen im Landkreis lahm. Die Straßen wurden über Nacht gestreut.",
     "Die Straßen wurden über Nacht gestreut. Wegen des Schneesturms mussten Kinder in der ganzen Region zu Hause "
     "bleiben."),
])
def test_an_unlinked_claim_close_to_a_reference_sentence_names_it(left: str, right: str) -> None:
    rules, both = aligned(left, right, model=False), aligned(left, right)
    assert rules.suggestions[1].verdict == both.suggestions[1].verdict == "unsupported"
    assert not needs_check(rules.suggestions[1]) and needs_check(both.suggestions[1])
    first = left.split(". ")[0] + "."
    assert [first in n and n.startswith("close in meaning to a reference sentence") for n in notes(both, 1)] == [True]


def test_a_claim_with_nothing_like_it_in_the_reference_stays_sure() -> None:
    left = "Heavy snow closed every school in the county on Tuesday. Roads were gritted overnight."
    both = aligned(left, "Roads were gritted overnight. The club's new stadium will hold 40,000 fans.")
    assert both.suggestions[1].verdict == "unsupported" and not needs_check(both.suggestions[1])
    assert not notes(both, 1)


def test_a_pair_too_long_to_embed_is_judged_by_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    left = ("The council will discuss support for flooded sports clubs at its next meeting in March. "
            "The river burst its banks on Friday.")
    right = "The council has already approved support for the sports clubs. The river burst its banks on Friday."
    monkeypatch.setattr(opinion, "MAX_TEXTS", 1)  # the pair needs two
    assert aligned(left, right).suggestions == aligned(left, right, model=False).suggestions
