"""Re-anchoring onto a corrected text: annotations follow their quote; the lost ones are kept as orphans."""

from __future__ import annotations

from pathlib import Path

from diptych.core.anchor import reanchor
from diptych.core.project_file import load_project, save_project
from diptych.core.text import Document
from project_helpers import LEFT, RIGHT, small_project


def _ids_by_text(p, side="right"):
    return {p.claim_text(side, c.id): c.id for c in p.claims(side)}


def test_corrected_review_keeps_verdicts_notes_links_and_orphans_the_deleted(tmp_path: Path) -> None:
    p = small_project()
    ids = _ids_by_text(p)
    council = ids["The council votes on a successor in May."]
    turnout = ids["Turnout at the last election was 14 percent."]
    mayor = ids["The mayor resigned on Friday."]
    p.set_verdict(turnout, "altered")
    p.set_note(turnout, "figure transposed")
    p.set_verdict(council, "consistent")
    p.set_note(council, "wire copy agrees")
    council_links = p.links_of("right", council)
    assert council_links
    corrected = ("Breaking news from the town hall.\n"
                 "The mayor resigned on Friday.\n"
                 "Turnout at the last elections was 14 per cent.\n"
                 "Read more: politics\n")
    new, orphans = reanchor(p, "right", Document.from_raw(corrected, "review-v2.txt"))
    assert p.document("right").text == RIGHT  # the original is not changed
    text = new.document("right").text
    moved = new.claim("right", turnout)
    assert text[moved.start:moved.end] == "Turnout at the last elections was 14 per cent."
    assert new.review(turnout).verdict == "altered" and new.review(turnout).note == "figure transposed"
    assert new.claim_text("right", mayor) == "The mayor resigned on Friday."
    assert new.partners("right", mayor) == p.partners("right", mayor)
    # the deleted sentence is an orphan with its verdict, note and links, never dropped
    assert [o.claim_id for o in orphans] == [council]
    (o,) = orphans
    assert o.quote == "The council votes on a successor in May." and o.review is not None
    assert o.review.note == "wire copy agrees" and o.review.verdict == "consistent"
    assert list(o.links) == council_links and not new.links_of("right", council)
    assert new.orphans == orphans
    # the added sentence is a new, unreviewed claim
    added = _ids_by_text(new)["Breaking news from the town hall."]
    assert added not in p.reviews and not new.review(added).reviewed
    assert new.review(added).suggestion.verdict == "unsupported"
    # claims stay in text order without overlaps
    spans = [(c.start, c.end) for c in new.claims("right")]
    assert spans == sorted(spans) and all(b <= a for (_, b), (a, _) in zip(spans, spans[1:], strict=False))

    # orphans are saved in the project file and come back when the text returns
    path = tmp_path / "r.diptych"
    save_project(new, path)
    again = load_project(path)
    assert [x.claim_id for x in again.orphans] == [council]
    assert again.orphans[0].review is not None and again.orphans[0].review.note == "wire copy agrees"
    back, lost = reanchor(again, "right", Document.from_raw(RIGHT, "review.txt"))
    assert back.claim_text("right", council) == "The council votes on a successor in May."
    assert back.review(council).note == "wire copy agrees"
    assert sorted(lk.left for lk in back.links_of("right", council)) == sorted(lk.left for lk in council_links)
    assert council not in [x.claim_id for x in back.orphans]
    assert [x.quote for x in lost] == ["Breaking news from the town hall."]


def test_correcting_the_reference_keeps_links(tmp_path: Path) -> None:
    p = small_project()
    before = {(p.claim_text("left", lk.left), p.claim_text("right", lk.right)) for lk in p.links}
    corrected = LEFT.replace("She gave no reason.", "She gave no reason for leaving.")
    new, orphans = reanchor(p, "left", Document.from_raw(corrected, "reference.txt"))
    assert orphans == []
    after = {(new.claim_text("left", lk.left), new.claim_text("right", lk.right)) for lk in new.links}
    assert after == before
    assert "She gave no reason for leaving." in _ids_by_text(new, "left")


def test_repeated_sentence_is_found_by_its_context() -> None:
    left = "Intro line.\nPrices rose.\nIn March wages fell.\nPrices rose.\nIn June rents fell.\n"
    right = "Prices rose.\nIn June rents fell.\n"
    p = small_project(left, right)
    second = [c for c in p.claims("left") if p.claim_text("left", c.id) == "Prices rose."][1]
    corrected = "Intro line, corrected.\nPrices rose.\nIn March wages fell.\nPrices rose.\nIn June rents fell.\n"
    new, _ = reanchor(p, "left", Document.from_raw(corrected, "reference.txt"))
    moved = new.claim("left", second.id)
    assert corrected[moved.start:moved.end] == "Prices rose."
    assert corrected[moved.end:].startswith("\nIn June")


def test_repeated_sentences_keep_their_own_place_and_review() -> None:
    line = "The council will vote on a successor in May."
    right = f"{line}\nA first remark.\n{line}\nA second remark.\n{line}\n"
    p = small_project(right=right)
    occurrences = [c.id for c in p.claims("right") if p.claim_text("right", c.id) == line]
    assert len(occurrences) == 3
    for cid, verdict in zip(occurrences, ("consistent", "altered", "unsupported"), strict=True):
        p.set_verdict(cid, verdict)
    corrected = "An opening line was added.\n" + right
    new, orphans = reanchor(p, "right", Document.from_raw(corrected, "review-v2.txt"), resuggest=False)
    assert orphans == []
    text = new.document("right").text
    starts = [k for k in range(len(text)) if text.startswith(line, k)]
    assert [new.claim("right", cid).start for cid in occurrences] == starts
    assert [new.review(cid).verdict for cid in occurrences] == ["consistent", "altered", "unsupported"]
    # without re-suggesting, the suggestions are the ones the claims had
    assert [new.review(cid).suggestion for cid in occurrences] == [p.review(cid).suggestion for cid in occurrences]
