"""Navigation lines, post bylines and posts: kept *unsupported* in the contract with a kind, suggested
"Not a claim" in the window and left out of the unsupported share."""

from __future__ import annotations

from diptych.core.align import align, to_contract
from diptych.core.not_claims import status_counts
from diptych.core.project import Project
from diptych.core.text import Document
from diptych.ui.claims_model import COL_SUGGESTED
from test_ui_helpers import Key, no_blocking_prompts, open_window, press  # noqa: F401

REFERENCE = ("The minister said on Monday that the new bridge over the river will open in March.\n"
             "Officials expect about 12,000 vehicles a day to use the bridge.\n")
REVIEW = ("The new bridge over the river will open in March, the minister said on Monday.\n"
          "Read more: Minister opens the new bridge over the river in March\n"
          "Great news: the new bridge over the river opens in March! pic.twitter.com/AbC123xyz\n"
          "— Jane Doe (@janedoe) June 3, 2025\n"
          "The council will also close the old ferry crossing for good next winter.\n"
          "About 12,000 vehicles a day are expected to use it.\n")


def aligned():
    a = align(Document.from_raw(REFERENCE), Document.from_raw(REVIEW))
    texts = [c.text(a.right.text) for c in a.right_claims]
    return a, texts


def test_the_contract_keeps_them_unsupported_and_names_their_kind() -> None:
    a, texts = aligned()
    entries = to_contract(a)["verdicts"]
    kinds = {texts[e["right"]][:12]: e.get("kind") for e in entries}
    assert kinds == {"The new brid": None, "Read more: M": "navigation", "Great news: ": "post",
                     "pic.twitter.": "post", "— Jane Doe (": "byline", "The council ": None, "About 12,000": None}
    assert all(e["verdict"] == "unsupported" for e in entries if "kind" in e)
    ferry = next(e for e in entries if texts[e["right"]].startswith("The council"))
    assert ferry["verdict"] == "unsupported" and "kind" not in ferry, "a real unsupported claim stays one"


def test_the_window_suggests_not_a_claim_and_the_share_leaves_them_out(qtbot) -> None:
    a, texts = aligned()
    p = Project.from_alignment(a)
    w = open_window(qtbot, p)
    ids = [c.id for c in p.claims("right")]
    shown = {texts[k][:12]: w.claims_model.index(w.claims_model.row_of(cid), COL_SUGGESTED).data()
             for k, cid in enumerate(ids)}
    assert shown["Read more: M"] == shown["Great news: "] == shown["pic.twitter."] == shown["— Jane Doe ("] \
        == "Not a claim"
    assert shown["The council "] == "Unsupported"
    assert shown["The new brid"] == shown["About 12,000"] == "Consistent"
    margin = {texts[k][:12]: (pc.badge, pc.confirmed) for k, pc in enumerate(w.right.claims)}
    assert margin["Read more: M"] == ("×", False), "the margin shows a dashed × for a suggested not-a-claim"
    assert margin["The council "] == ("U", False)
    c = status_counts(p)
    assert p.counts()["review_unsupported"] == 5 / 7, "the raw share counts the four lines"
    assert c["claims"] == 3 and c["suggested_not_claims"] == 4 and c["not_a_claim"] == 4
    assert c["review_unsupported"] == 1 / 3, "only the ferry claim is unsupported"
    # the reviewer says the navigation line is unsupported after all: it counts again
    nav = ids[1]
    w.select_claim("right", nav)
    w.table.setFocus()
    press(qtbot, Key.Key_U)
    assert p.review(nav).verdict == "unsupported"
    c = status_counts(p)
    assert c["claims"] == 4 and c["review_unsupported"] == 2 / 4
