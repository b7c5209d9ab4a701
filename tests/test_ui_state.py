"""Window state a newcomer notices: actions greyed out until they can act, and their keys inert meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolBar, QToolButton

from test_ui_helpers import (  # noqa: F401
    CTRL,
    REFERENCE,
    REVIEW,
    Key,
    no_blocking_prompts,
    open_window,
    press,
)

WAITING = ("consistent", "altered", "unsupported", "not_claim", "accept", "clear", "note", "next", "prev",
           "next_unreviewed", "goto", "find", "link", "unlink", "split", "merge", "save", "save_as", "details",
           "swap", "export_csv")


def toolbar_button(w, action_id: str) -> QToolButton:
    bar = w.findChild(QToolBar, "mainToolBar")
    button = bar.widgetForAction(w.act[action_id])
    assert isinstance(button, QToolButton)
    return button


def test_empty_window_greys_out_what_cannot_act_and_its_keys_do_nothing(qtbot, tmp_path: Path) -> None:
    w = open_window(qtbot)
    for key in WAITING:
        assert not w.act[key].isEnabled(), key
    assert not toolbar_button(w, "save").isEnabled() and not toolbar_button(w, "next_unreviewed").isEnabled()
    assert w.act["open"].isEnabled() and w.act["help"].isEnabled()
    # the keys of greyed-out actions do nothing (and raise nothing)
    w.right.setFocus()
    for key, mods in ((Key.Key_C, None), (Key.Key_A, None), (Key.Key_Return, None), (Key.Key_N, None),
                      (Key.Key_S, CTRL), (Key.Key_F, CTRL)):
        if mods is None:
            press(qtbot, key)
        else:
            press(qtbot, key, mods)
    assert w.project is None and not w.find_bar.isVisible() and not w.isWindowModified()

    # one article: find works on it, nothing else yet
    w.open_side("left", str(REFERENCE))
    assert w.act["find"].isEnabled()
    assert not w.act["consistent"].isEnabled() and not w.act["swap"].isEnabled()

    # the pair linked and shown: a claim is selected, C sets its verdict
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        w.open_side("right", str(REVIEW))
    p = w.project
    assert p is not None
    for key in ("consistent", "altered", "unsupported", "accept", "next", "save", "save_as", "swap", "export_csv"):
        assert w.act[key].isEnabled(), key
    assert toolbar_button(w, "save").isEnabled()
    first = w.current["right"]
    assert first is not None
    w.table.setFocus()
    press(qtbot, Key.Key_C)
    assert p.review(first).verdict == "consistent"

    # saved: nothing left to save until the next edit
    assert w.session.save_to(tmp_path / "review.diptych")
    assert not w.act["save"].isEnabled() and not toolbar_button(w, "save").isEnabled()
    w.table.setFocus()
    press(qtbot, Key.Key_U)
    assert w.act["save"].isEnabled()


def test_remove_link_follows_the_selected_pair(qtbot) -> None:
    w = open_window(qtbot)
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        w.open_paths([str(REFERENCE), str(REVIEW)])
    p = w.project
    assert p is not None
    linked = next(c.id for c in p.claims("right") if p.partners("right", c.id))
    unlinked = next(c.id for c in p.claims("right") if not p.partners("right", c.id))
    w.select_claim("right", linked)
    assert w.act["unlink"].isEnabled()
    w.select_claim("right", unlinked)
    assert not w.act["unlink"].isEnabled()


def _bad_file(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A file that cannot be an article, and the words of the reason the window must give."""
    if kind == "binary":
        path = tmp_path / "scan.txt"
        path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
        return path, "binary"
    if kind == "too big":
        path = tmp_path / "dump.txt"
        with path.open("wb") as f:
            f.truncate(21 * 1024 * 1024)  # over the 20 MB limit
        return path, "MB"
    return tmp_path / "gone.txt", "no such file"


@pytest.mark.parametrize("bad_side", ["left", "right"])
@pytest.mark.parametrize("kind", ["binary", "too big", "missing"])
def test_one_bad_file_of_a_pair_loads_the_other_and_says_which_failed(qtbot, tmp_path: Path, bad_side: str,
                                                                       kind: str) -> None:
    w = open_window(qtbot)
    bad, why = _bad_file(tmp_path, kind)
    good_side = "left" if bad_side == "right" else "right"
    good = REFERENCE if good_side == "left" else REVIEW
    paths = [str(bad), str(good)] if bad_side == "left" else [str(good), str(bad)]
    with qtbot.waitSignal(w.link_failed, timeout=30000) as failed:
        w.open_paths(paths)
    message = failed.args[0]
    names = {"left": "reference", "right": "review article"}
    assert "\n" not in message
    assert message.startswith(f"The {names[bad_side]} was not opened")
    assert bad.name in message and why in message and f"the {names[good_side]} is loaded" in message
    box = next(b for b in w.findChildren(QMessageBox) if b.objectName() == "errorDialog")
    assert box.text() == message and box.textFormat() == Qt.TextFormat.PlainText
    # the good article is in its pane, under its name; the bad side stays empty
    doc = w.docs[good_side]
    assert doc is not None and w.panes[good_side].text == doc.text and doc.name == good.name
    assert good.read_text(encoding="utf-8")[:40].strip() in w.panes[good_side].text
    assert w.panes[bad_side].text == "" and w.docs[bad_side] is None
    assert w.project is None and w.act["find"].isEnabled()
    # the status bar says what is still to open
    qtbot.waitUntil(lambda: w.jobs.job is None, timeout=5000)
    still = "the article under review to link it with the reference" if bad_side == "right" else \
        "the reference to link it with the article under review"
    assert w.coverage_label.isVisible() and w.coverage_label.text() == f"Open {still}"
    box.close()
    # opening a good file on the bad side links the pair
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        w.open_side(bad_side, str(REFERENCE if bad_side == "left" else REVIEW))
    assert w.project is not None and w.project.claims("right")


def test_two_bad_files_say_both_in_one_line(qtbot, tmp_path: Path) -> None:
    w = open_window(qtbot)
    bad, _ = _bad_file(tmp_path, "binary")
    with qtbot.waitSignal(w.link_failed, timeout=30000) as failed:
        w.open_paths([str(bad), str(tmp_path / "gone.txt")])
    message = failed.args[0]
    assert message.startswith("Neither article was opened") and "binary" in message and "no such file" in message
    assert "\n" not in message and w.docs == {"left": None, "right": None}
    for b in w.findChildren(QMessageBox):
        b.close()


def test_first_run_panel_says_what_to_do_and_goes_once_a_pair_is_open(qtbot, monkeypatch: pytest.MonkeyPatch
                                                                        ) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

    w = open_window(qtbot)
    panel = w.first_run
    assert panel.isVisible() and not w.tabs.isVisible() and not w.panel.isVisible()
    said = panel.text()
    for words in ("Open a pair", "claims", "View ▸ Legend", "Enter", "consistent", "altered", "unsupported",
                  "next claim"):
        assert words in said, words
    for key in ("C", "A", "U", "Enter", "N"):
        assert any(label.text() == key for label in panel.findChildren(QLabel)), key
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in panel.findChildren(QLabel))
    # its Legend button opens the legend
    qtbot.mouseClick(panel.legend_button, Qt.MouseButton.LeftButton)
    legend = [d for d in w.findChildren(QDialog) if d.isVisible()]
    assert legend
    for d in legend:
        d.close()
    # Ctrl+O (as its button says) opens a pair; once linked, the panel gives way to the claims
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(REFERENCE), str(REVIEW)], "")))
    w.right.setFocus()
    with qtbot.waitSignal(w.project_shown, timeout=30000):
        press(qtbot, Key.Key_O, CTRL)
    assert not panel.isVisible() and w.tabs.isVisible() and w.panel.isVisible()
