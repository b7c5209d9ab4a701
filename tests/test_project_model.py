"""The Project model: review edits, link edits, split/merge with stable ids, events, snapshots."""

from __future__ import annotations

import pytest

from diptych.core.align import align
from diptych.core.project import Change, Project, ProjectError
from diptych.core.text import Document


@pytest.fixture
def project() -> Project:
    left = Document.from_raw("The mayor resigned on Friday. She gave no reason.\nThe council will vote in May.")
    right = Document.from_raw("The mayor resigned on Friday. The council votes in May.\nRead more: politics")
    return Project.from_alignment(align(left, right))


def test_verdicts_notes_and_counts(project: Project) -> None:
    seen: list[Change] = []
    project.subscribe(seen.append)
    first = project.claims("right")[0].id
    project.set_verdict(first, "consistent")
    project.set_note(first, "checked against the wire copy")
    last = project.claims("right")[-1].id
    project.set_not_a_claim(last, True)
    counts = project.counts()
    assert counts["reviewed"] == 1 and counts["not_a_claim"] == 1 and counts["verdicts"]["consistent"] == 1
    assert [c.kind for c in seen] == ["review", "review", "review"]
    assert project.next_unreviewed() == project.claims("right")[1].id
    with pytest.raises(ProjectError):
        project.set_verdict(first, "maybe")


def test_unlinking_makes_a_claim_unsupported_and_relinking_restores(project: Project) -> None:
    rid = project.claims("right")[0].id
    (lid,) = project.partners("right", rid)
    removed = project.remove_link(lid, rid)
    assert project.review(rid).suggestion.verdict == "unsupported"
    assert lid in project.omissions()
    project.restore_link(removed)
    assert project.links_of("right", rid) == [removed]
    with pytest.raises(ProjectError):
        project.add_link(lid, rid)


def test_split_then_merge_keeps_links_and_text(project: Project) -> None:
    before = project.snapshot()
    rid = project.claims("right")[0].id
    partners = project.partners("right", rid)
    text = project.document("right").text
    cut = text.index("resigned")
    nid = project.split_claim("right", rid, cut)
    assert project.claim_text("right", rid) == "The mayor"
    assert project.claim_text("right", nid) == "resigned on Friday."
    assert project.partners("right", nid) == partners
    project.merge_claims("right", rid, nid)
    assert project.claim_text("right", rid) == "The mayor resigned on Friday."
    assert project.partners("right", rid) == partners
    with pytest.raises(ProjectError):
        project.split_claim("right", rid, project.claim("right", rid).start)
    project.restore(before)
    assert project.snapshot()["claims"] == before["claims"]


def test_snapshot_restores_a_replaced_text_with_its_orphans(project: Project) -> None:
    from diptych.core.anchor import reanchor

    rid = project.claims("right")[0].id
    project.set_note(rid, "checked")
    before = project.snapshot()
    text_before = project.document("right").text
    corrected = Document.from_raw("Something else entirely happened.\nRead more: politics")
    new, orphans = reanchor(project, "right", corrected)
    project.replace_state(new)
    assert orphans and project.orphans and project.document("right").text != text_before
    project.restore(before)
    assert project.document("right").text == text_before
    assert project.orphans == [] and project.review(rid).note == "checked"


def test_a_copy_for_saving_keeps_its_state_while_the_project_is_edited(project: Project) -> None:
    from diptych.core.project_file import dumps_project

    p = project
    copy = p.copy_for_save()
    before = dumps_project(p)
    first = p.claims("right")[0].id
    p.set_verdict(first, "altered")
    p.set_note(first, "changed")
    p.remove_link(p.links[0].left, p.links[0].right)
    assert dumps_project(copy) == before
