"""Small projects for the project-file, anchor, export and CLI tests."""

from __future__ import annotations

from diptych.core.align import AlignOptions, align
from diptych.core.project import Project, Provenance
from diptych.core.text import Document

LEFT = ("The mayor resigned on Friday. She gave no reason.\n"
        "The council will vote on a successor in May.\n"
        "Turnout at the last election was 41 percent.\n")
RIGHT = ("The mayor resigned on Friday. The council votes on a successor in May.\n"
         "Turnout at the last election was 14 percent.\n"
         "Read more: politics\n")


def small_project(left: str = LEFT, right: str = RIGHT) -> Project:
    return Project.from_alignment(align(Document.from_raw(left, "reference.txt"),
                                        Document.from_raw(right, "review.txt"), AlignOptions(language="en")))


def edited_project() -> Project:
    """A project with every kind of edit a reviewer makes."""
    p = small_project()
    r = [c.id for c in p.claims("right")]
    p.set_verdict(r[0], "consistent")
    p.set_verdict(r[2], "altered")
    p.set_note(r[2], "41 → 14: a transposed figure\nsecond line")
    p.set_not_a_claim(r[-1], True)
    unlinked_left = p.omissions()[0]
    p.add_link(unlinked_left, r[1], 0.42, "manual")
    p.set_provenance("left", Provenance("https://example.org/a", "Example Wire", "2024-05-01", "2024-05-02"))
    p.set_reviewer("Ada Reviewer")
    text = p.document("right").text
    p.split_claim("right", r[1], text.index("on a successor"))
    return p
