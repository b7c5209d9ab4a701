"""The item models pass Qt's model tester, and the panes' highlights land on the right characters."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from diptych.ui.claims_model import ClaimsFilter, ClaimsModel, OmissionsModel
from diptych.ui.main_window import MainWindow
from diptych.ui.offsets import OffsetMap, utf16_len
from diptych.ui.text_pane import Mark, TextPane
from test_ui_helpers import (  # noqa: F401
    lines_project,
    no_blocking_prompts,
    open_window,
    project_from_texts,
    sample_project,
)


def test_claims_model_passes_the_model_tester(qtmodeltester) -> None:
    p = sample_project()
    model = ClaimsModel()
    model.set_project(p)
    qtmodeltester.check(model, force_py=True)
    first = p.claims("right")[0].id
    p.set_verdict(first, "altered")  # edits while the tester watches
    model.claims_changed((first,))
    assert model.index(0, 3).data() == "Altered"
    p.split_claim("right", first, p.claim("right", first).start + p.claim_text("right", first).index(" ") + 1)
    model.reset()
    assert model.rowCount() == len(p.claims("right"))
    model.set_project(None)
    assert model.rowCount() == 0


def test_claims_filter_passes_the_model_tester(qtmodeltester) -> None:
    p = sample_project()
    model = ClaimsModel()
    model.set_project(p)
    proxy = ClaimsFilter()
    proxy.setSourceModel(model)
    proxy.set_state("Unreviewed")
    qtmodeltester.check(proxy, force_py=True)
    first = p.claims("right")[0].id
    p.set_verdict(first, "consistent")
    model.claims_changed((first,))
    assert proxy.rowCount() == len(p.claims("right")) - 1
    proxy.set_state("Consistent")
    assert proxy.rowCount() == 1
    proxy.set_state("All claims")
    proxy.set_needle("trump")
    assert 0 < proxy.rowCount() < len(p.claims("right"))


def test_omissions_model_passes_the_model_tester(qtmodeltester) -> None:
    p = sample_project()
    omissions = OmissionsModel()
    omissions.set_project(p)
    assert omissions.rowCount() == len(p.omissions()) > 0
    qtmodeltester.check(omissions, force_py=True)
    p.add_link(p.omissions()[0], p.claims("right")[0].id)
    omissions.reset()
    assert omissions.rowCount() == len(p.omissions())


TEXT = "Tel Aviv 🎉 שלום עולם: 12 👩‍👩‍👧 rockets, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 end."


def test_offsets_convert_code_points_and_utf16_both_ways() -> None:
    m = OffsetMap(TEXT)
    for cp in range(len(TEXT) + 1):
        q = m.to_qt(cp)
        assert q == utf16_len(TEXT[:cp])
        assert m.to_core(q) == cp
    assert m.length16 == utf16_len(TEXT) > len(TEXT)
    ascii_map = OffsetMap("plain")
    assert ascii_map.to_qt(3) == 3 and ascii_map.to_core(3) == 3


def test_highlights_land_on_the_right_words_after_emoji_and_rtl(qtbot) -> None:
    pane = TextPane("right")
    qtbot.addWidget(pane)
    pane.set_text(TEXT)
    for word in ("שלום", "12", "rockets", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "end"):
        start = TEXT.index(word)
        pane.set_marks([Mark(start, start + len(word), "diff")])
        (sel,) = pane.extraSelections()
        assert sel.cursor.selectedText() == word
    # a click position (Qt) maps back to the claim under it (core)
    cur = QTextCursor(pane.document())
    cur.setPosition(pane.offsets.to_qt(TEXT.index("rockets")))
    assert pane.offsets.to_core(cur.position()) == TEXT.index("rockets")


def test_window_diff_marks_on_text_with_emoji_and_rtl(qtbot) -> None:
    left = "Officials 🎉 in תל אביב said 12,000 people attended the rally.\n"
    right = "Officials 🎉 in תל אביב said 21,000 people attended the rally.\n"
    w = MainWindow()
    qtbot.addWidget(w)
    w.set_project(project_from_texts(left, right), None)
    p = w.project
    assert p.links, "the linker links the two sentences"
    rid = p.claims("right")[0].id
    w.select_claim("right", rid)
    right_marks = {s.cursor.selectedText() for s in w.right.extraSelections()}
    left_marks = {s.cursor.selectedText() for s in w.left.extraSelections()}
    assert "21,000" in right_marks or "21" in right_marks
    assert "12,000" in left_marks or "12" in left_marks
    assert all("Officials" not in t and "rally" not in t for t in right_marks | left_marks)


def test_claim_rects_follow_the_claims(qtbot) -> None:
    p = lines_project(["Első 🎉 mondat.", "Második ☀ mondat itt."], ["שלום 🎉 עולם.", "Second one."], [(0, 0), (1, 1)])
    w = open_window(qtbot, p, size=(1000, 700))
    for pane in (w.left, w.right):
        tops = [pane.claim_yrange(k)[0] for k in range(len(pane.claims))]
        assert tops == sorted(tops) and tops[0] < tops[1]
        y = (pane.claim_yrange(1)[0] + pane.claim_yrange(1)[1]) / 2 - pane.verticalScrollBar().value()
        assert pane.index_at_y(y) == 1
    assert w.gutter.visible_links() and len(w.gutter.visible_links()) == 2
