"""Progress of the core's long work, stage by stage, as the status bar shows it; cancel at any stage."""

from __future__ import annotations

import pytest

from diptych.core.align import align
from diptych.core.ingest import document_from_text
from diptych.core.link import LinkCancelled
from diptych.core.segment import segment
from diptych.core.verdict import checks, reference
from test_ui_helpers import REFERENCE, REVIEW

pytestmark = pytest.mark.timeout(120)


def repeated(path, times: int) -> str:
    base = path.read_text(encoding="utf-8")
    return "".join(f"Part {k}. " + base.replace("Trump", f"Trump ({k})") + "\n" for k in range(times))


def test_every_stage_reports_with_counts_and_the_fraction_never_goes_back() -> None:
    left = document_from_text(repeated(REFERENCE, 40), "reference.txt")
    right = document_from_text(repeated(REVIEW, 40), "review.txt")
    seen: list[tuple[str, float]] = []
    a = align(left, right, progress=lambda stage, f: seen.append((stage, f)))
    n = len(a.right_claims)
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    stages = [s for s, _ in seen]
    order = ["Splitting sentences (reference)", "Splitting sentences (review article)", "Linking: indexing words",
             f"Linking 0 of {n:,} claims", "Linking: checking links against their neighbours",
             f"Suggesting verdicts: 0 of {n:,} claims", "Done"]
    at = [stages.index(s) for s in order]
    assert at == sorted(at), stages
    # the verdicts, the longest stage, report every 200 claims
    verdicts = [s for s in stages if s.startswith("Suggesting verdicts: ") and s.endswith(f" of {n:,} claims")]
    assert len(verdicts) >= n // 200
    assert sum(s.startswith("Linking ") and s.endswith(" claims") for s in stages) >= n // 256


def test_splitting_sentences_reports_its_share_of_the_text() -> None:
    text = repeated(REVIEW, 150)
    seen: list[float] = []
    claims = segment(text, "en", progress=seen.append)
    assert claims == segment(text, "en")
    assert len(seen) >= 5 and seen == sorted(seen) and seen[0] == 0 and seen[-1] == 1


@pytest.mark.parametrize("stop_at", ["Splitting sentences", "Linking", "Suggesting verdicts"])
def test_cancel_stops_the_work_at_any_stage(stop_at: str) -> None:
    left = document_from_text(repeated(REFERENCE, 10), "reference.txt")
    right = document_from_text(repeated(REVIEW, 10), "review.txt")
    stage = [""]
    with pytest.raises(LinkCancelled):
        align(left, right, progress=lambda s, _f: stage.__setitem__(0, s),
              cancelled=lambda: stage[0].startswith(stop_at))
    assert stage[0].startswith(stop_at)


def test_a_long_reference_read_in_parts_gives_the_same_words_and_numbers(monkeypatch: pytest.MonkeyPatch
                                                                        ) -> None:
    # numbers and words at the ends of parts: "12.\n", "twelve\n", a possessive before a break
    text = repeated(REFERENCE, 6) + "It rose by 12.\nTwelve\nthe ministry's\n3,5 per cent, 1st.\n" * 50
    monkeypatch.setattr(checks, "WARM_PART", 997)
    reference.clear()
    whole = (checks._vocabulary.__wrapped__(text), checks._reference_numbers.__wrapped__(text))
    seen: list[float] = []
    checks.warm_reference(text, seen.append)
    assert len(seen) > 10 and seen[-1] == 1.0
    assert reference.known(text, checks._vocabulary) and reference.known(text, checks._reference_numbers)
    assert (checks._vocabulary(text), checks._reference_numbers(text)) == whole  # taken from the parts
    seen.clear()
    checks.warm_reference(text, seen.append)
    assert seen == []  # read once
