"""Embedded social-media posts are not the article's claims: they stay unlinked, and say why."""

from __future__ import annotations

from diptych.core.align import align
from diptych.core.embeds import embed_spans, navigation_spans
from diptych.core.text import Document

REFERENCE = ("The minister said on Monday that the new bridge over the river will open in March.\n"
             "Officials expect about 12,000 vehicles a day to use the bridge.\n")
REVIEW = ("The new bridge over the river will open in March, the minister said on Monday.\n"
          "Great news: the new bridge over the river opens in March! pic.twitter.com/AbC123xyz\n"
          "— Jane Doe (@janedoe) June 3, 2025\n"
          "About 12,000 vehicles a day are expected to use it.\n")


def test_post_lines_are_found() -> None:
    text = REVIEW
    spans = [text[a:b] for a, b in embed_spans(text)]
    assert spans == ["Great news: the new bridge over the river opens in March! pic.twitter.com/AbC123xyz",
                     "— Jane Doe (@janedoe) June 3, 2025"]
    assert embed_spans("Read the minister's statement on the ministry's website.\n") == []


def test_a_post_restating_the_reference_stays_unlinked_with_its_reason() -> None:
    a = align(Document.from_raw(REFERENCE), Document.from_raw(REVIEW))
    texts = [c.text(a.right.text) for c in a.right_claims]
    post = [j for j, t in enumerate(texts) if t.startswith("Great news") or "pic.twitter.com" in t
            or t.startswith("— Jane Doe")]
    assert post, texts
    linked = {lk.right for lk in a.links}
    assert not linked & set(post)
    assert all(a.suggestions[j].verdict == "unsupported" and a.suggestions[j].reasons[0].kind == "embed"
               for j in post)
    # the article's own sentences around the post still link
    assert {0, len(texts) - 1} <= linked


def test_navigation_lines_stay_unlinked_with_their_reason() -> None:
    review = ("The new bridge over the river will open in March, the minister said on Monday.\n"
              "Read more: Minister opens the new bridge over the river in March\n"
              "About 12,000 vehicles a day are expected to use it.\n"
              "Lesen Sie auch: Neue Brücke über den Fluss\n")
    assert [review[a:b] for a, b in navigation_spans(review)] == [
        "Read more: Minister opens the new bridge over the river in March",
        "Lesen Sie auch: Neue Brücke über den Fluss"]
    assert navigation_spans("We read more slowly: it helps.\nAlready: done\n") == []
    a = align(Document.from_raw(REFERENCE), Document.from_raw(review))
    texts = [c.text(a.right.text) for c in a.right_claims]
    nav = [j for j, t in enumerate(texts) if t.startswith(("Read more", "Lesen Sie"))]
    assert len(nav) == 2
    assert not {lk.right for lk in a.links} & set(nav)  # not even held between two linked claims
    assert all(a.suggestions[j].reasons[0].kind == "navigation" for j in nav)
