"""The window on a review in another language than its reference: linked in the linking process,
said to be cross-lingual, no inline word differences (every word differs), reasons still marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from conftest import REFERENCE, REVIEW
from test_ui_helpers import CTRL, Key, open_window, press

DATA = Path(__file__).resolve().parent / "data" / "crossling"


def _open(qtbot, left: Path, right: Path):
    w = open_window(qtbot, size=(1400, 900))
    with qtbot.waitSignal(w.project_shown, timeout=60000):
        w.open_paths([str(left), str(right)])
    assert w.project is not None
    return w


def _select(w, prefix: str) -> int:
    p = w.project
    text = p.document("right").text
    at = text.index(prefix)
    cid = next(c.id for c in p.claims("right") if c.start <= at < c.end)
    w.select_claim("right", cid)
    return cid


def test_translated_review_is_linked_and_said_to_be_cross_lingual(qtbot) -> None:
    w = _open(qtbot, DATA / "flood-reference-en.txt", DATA / "flood-review-de.txt")
    p = w.project
    assert w.crosslingual and w.crossling_label.isVisible()
    assert w.crossling_label.textFormat() == Qt.TextFormat.PlainText
    assert "Cross-lingual" in w.crossling_label.text()
    assert len(p.links) >= 17
    # the planted change is marked as a reason on both sides, and no word is marked as a difference
    cid = _select(w, "Zwei Menschen kamen")
    assert p.review(cid).suggestion.verdict == "altered"
    right_marks = w.right.marks
    assert [m.kind for m in right_marks] and all(m.kind != "diff" for m in right_marks)
    assert any(p.document("right").text[m.start:m.end] == "81" for m in right_marks if m.kind == "reason")
    assert all(m.kind != "diff" for m in w.left.marks)
    # the link strength shown is the model's score, named as a translation's
    lk = p.links_of("right", cid)[0]
    assert 0.5 <= lk.score < 1.0
    assert f"translation (match {lk.score:.2f})" in w.panel.link.text() and lk.score >= 0.6
    from diptych.ui.claims_model import COL_LINK

    row = w.claims_model.ids.index(cid)
    assert w.claims_model.data(w.claims_model.index(row, COL_LINK)).endswith(f"translation, match {lk.score:.2f}")
    # keys still work: Enter accepts the suggestion and moves on
    w.table.setFocus()
    press(qtbot, Key.Key_Return)
    assert p.effective_verdict(cid) == "altered"
    press(qtbot, Key.Key_Z, CTRL)  # and Ctrl+Z takes it back (the window closes with nothing to save)
    assert p.effective_verdict(cid) == "altered" and p.review(cid).verdict is None


def test_pair_in_one_language_keeps_the_word_diff_and_no_label(qtbot) -> None:
    w = _open(qtbot, REFERENCE, REVIEW)
    assert not w.crosslingual and not w.crossling_label.isVisible()
    p = w.project
    linked = next(c.id for c in p.claims("right")
                  if p.links_of("right", c.id) and p.review(c.id).suggestion.verdict == "altered")
    w.select_claim("right", linked)
    assert any(m.kind == "diff" for m in w.right.marks)
    assert "translation" not in w.panel.link.text()


def test_linking_again_reuses_the_embeddings_of_the_last_job() -> None:
    from diptych.linkserver import server as link_server

    link_server._embeddings.clear()
    left, right = str(DATA / "jobs-reference-en.txt"), str(DATA / "jobs-review-de.txt")
    first = link_server.align_pair(left, right, None, lambda _s, _f: None, lambda: False)
    first_peak = link_server.last_job_peak_mb
    texts = {c.text(first.right.text) for c in first.right_claims}
    assert texts - set(link_server._embeddings) == {"Mehr zum Thema: Die Krise der deutschen Autoindustrie"}
    # the sides swapped: every claim is known, so the job never loads the model (about 100 MB)
    swapped = link_server.align_pair(right, left, None, lambda _s, _f: None, lambda: False)
    assert swapped.crosslingual and swapped.model_used and len(swapped.links) >= 14
    assert link_server.last_job_peak_mb < first_peak - 50
