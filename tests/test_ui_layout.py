"""The window's layout as a reader sees it: which pane has the keyboard, a toolbar that stays put,
a first start that fits the screen and a layout that is remembered, 20 lines per pane at 1280x720,
and calm connector bands on a reordered article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton, QWidget

from diptych.ui.main_window import MainWindow
from diptych.ui.style import clear_caches, current_theme, dark_palette
from test_ui_helpers import Key, no_blocking_prompts, open_window, press, sample_project  # noqa: F401


def by_name(w: MainWindow, name: str) -> QWidget:
    found = [c for c in w.findChildren(QWidget) if c.accessibleName() == name]
    assert len(found) == 1, f"one widget named {name!r}"
    return found[0]


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def frame_pixel(pane: QWidget) -> QColor:
    """The colour at the middle of the pane's left edge, as the screen shows it."""
    img = pane.grab().toImage()
    return img.pixelColor(0, img.height() // 2)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_f6_and_clicks_mark_the_pane_with_the_keyboard_and_say_so(qtbot, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if dark:
        app.setPalette(dark_palette())
        clear_caches()
    try:
        w = open_window(qtbot, sample_project())
        if dark:
            w.apply_theme()
            assert current_theme().dark
        ref, rev = by_name(w, "Reference text"), by_name(w, "Review article text")
        base = current_theme().base
        ref.setFocus()
        qtbot.waitUntil(ref.hasFocus, timeout=2000)
        assert w.statusBar().currentMessage() == "Reference text has focus"
        assert w.headers["left"].active and not w.headers["right"].active
        on, off = frame_pixel(ref), frame_pixel(rev)
        assert contrast(on, base) >= 3.0, "the frame stands out from the page in this palette"
        assert contrast(off, base) < 1.2, "the other pane has no frame"

        press(qtbot, Key.Key_F6)
        assert rev.hasFocus()
        assert w.statusBar().currentMessage() == "Review article text has focus"
        assert w.headers["right"].active and not w.headers["left"].active
        assert contrast(frame_pixel(rev), base) >= 3.0
        assert contrast(frame_pixel(ref), base) < 1.2
        assert "<b>REVIEW ARTICLE</b>" in w.headers["right"].text()

        # a click in the reference's text moves the keyboard and the mark there
        qtbot.mouseClick(ref.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(80, 20))
        qtbot.waitUntil(ref.hasFocus, timeout=2000)
        assert w.statusBar().currentMessage() == "Reference text has focus"
        assert contrast(frame_pixel(ref), base) >= 3.0
        # the claims table takes the keyboard: no pane is marked
        press(qtbot, Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert w.table.hasFocus()
        assert not w.headers["left"].active and not w.headers["right"].active
        assert contrast(frame_pixel(ref), base) < 1.2
    finally:
        if dark:
            app.setPalette(before)
            clear_caches()


@pytest.mark.timeout(60)
def test_toolbar_buttons_keep_their_width_while_the_undo_text_names_each_edit(qtbot) -> None:
    w = open_window(qtbot, sample_project())
    tb = w.findChild(QToolBar, "mainToolBar")
    assert tb is not None
    buttons = [b for b in tb.findChildren(QToolButton) if b.isVisible() and b.defaultAction() is not None]
    by_text = {b.defaultAction().text(): b for b in buttons}
    assert "Undo" in by_text and "Redo" in by_text

    def geometry() -> list[tuple[str, int, int]]:
        return [(b.defaultAction().text(), b.x(), b.width()) for b in buttons]

    start = geometry()
    w.table.setFocus()
    for key, word in ((Key.Key_U, "Unsupported"), (Key.Key_A, "Altered"), (Key.Key_C, "Consistent"),
                      (Key.Key_X, "Not a claim")):
        number = w.project.index_of("right", w.current["right"]) + 1
        press(qtbot, key)
        qtbot.wait(20)  # the toolbar lays itself out again on the next turn of the event loop
        assert geometry() == start, f"no toolbar button moved or changed width after {word}"
        tip = by_text["Undo"].toolTip()
        assert f"Undo {word} (claim {number})" in tip, tip
        # the Edit menu keeps the full text
        assert w.act["undo"].text().replace("&", "") == f"Undo {word} (claim {number})"
    press(qtbot, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert geometry() == start
    assert "Redo Not a claim" in by_text["Redo"].toolTip()
    assert by_text["Redo"].isEnabled()
    # the toolbar's own Undo works too, and is off when nothing is left to undo
    while by_text["Undo"].isEnabled():
        qtbot.mouseClick(by_text["Undo"], Qt.MouseButton.LeftButton)
    assert w.undo_stack.index() == 0 and not w.act["undo"].isEnabled()
    assert by_text["Undo"].toolTip() == "Nothing to undo"
    assert geometry() == start


def shown_window(qtbot) -> MainWindow:
    """A window as a start gives it: its size is the layout's, not the test's."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.timeout(60)
def test_the_first_start_fits_the_screen_and_the_next_start_remembers_the_layout(qtbot, tmp_path) -> None:
    from diptych.ui.layout_state import settings

    assert settings().fileName().startswith(str(tmp_path.parent)), "the test's settings, not the user's"
    w = shown_window(qtbot)
    avail = w.screen().availableGeometry()
    g = w.geometry()
    assert g.width() <= 0.9 * avail.width() + 1 and g.height() <= 0.9 * avail.height() + 1
    assert avail.contains(w.frameGeometry()), "the whole window is on the screen"
    assert abs(g.center().x() - avail.center().x()) <= 2 and abs(g.center().y() - avail.center().y()) <= 2
    # the reviewer makes it smaller, drags the splitters and widens a column, then quits
    w.setGeometry(40, 30, 700, 500)
    qtbot.waitUntil(lambda: w.width() == 700, timeout=2000)
    outer = w.layout_state.outer
    outer.setSizes([300, sum(outer.sizes()) - 300])
    area = w.layout_state.claims_area
    area.setSizes([sum(area.sizes()) - 260, 260])
    w.table.horizontalHeader().resizeSection(2, 161)
    qtbot.wait(10)
    saved = (w.geometry(), outer.sizes(), area.sizes())
    w.close()
    assert settings().value("window/geometry") is not None

    w2 = shown_window(qtbot)
    qtbot.waitUntil(lambda: w2.width() == 700, timeout=2000)
    assert (w2.geometry(), w2.layout_state.outer.sizes(), w2.layout_state.claims_area.sizes()) == saved
    assert w2.table.horizontalHeader().sectionSize(2) == 161


def visible_lines(pane) -> float:
    """How many lines of the article the pane shows: its viewport's height over the line pitch."""
    layout = next(b.layout() for b in _blocks(pane) if b.layout().lineCount() >= 2)
    pitch = layout.lineAt(1).y() - layout.lineAt(0).y()
    assert pitch > pane.fontMetrics().height(), "a line pitch of prose, not of a font's bare height"
    return pane.viewport().height() / pitch


def _blocks(pane):
    b = pane.document().firstBlock()
    while b.isValid():
        yield b
        b = b.next()


@pytest.mark.timeout(60)
def test_at_1280x720_each_article_keeps_20_lines_and_f9_gives_them_the_whole_window(qtbot) -> None:
    w = open_window(qtbot, sample_project(), size=(1280, 720))
    qtbot.wait(20)
    ref, rev = by_name(w, "Reference text"), by_name(w, "Review article text")
    for pane in (ref, rev):
        assert visible_lines(pane) >= 20, f"{pane.accessibleName()}: {visible_lines(pane):.1f} lines"
        assert pane.viewport().width() >= 280, "a readable column of text"
    # the claims and the claim panel moved beside the articles and are still there to use
    assert w.layout_state.mode == "beside"
    assert w.table.isVisible() and w.table.height() >= 5 * w.table.verticalHeader().defaultSectionSize()
    assert all(b.isVisible() and b.width() <= w.panel.width() for b in w.panel.buttons.values())
    assert w.panel.buttons["consistent"].geometry().bottom() < w.panel.buttons["unsupported"].geometry().top()
    # F9 shuts the claims area: the articles get the room; F9 again brings it back
    width_before = ref.viewport().width()
    w.table.setFocus()
    press(qtbot, Key.Key_F9)
    assert w.layout_state.outer.sizes()[1] == 0
    assert not w.act["claims_area"].isChecked()
    qtbot.waitUntil(lambda: ref.viewport().width() > width_before + 150, timeout=2000)
    press(qtbot, Key.Key_F9)
    assert w.act["claims_area"].isChecked() and w.layout_state.outer.sizes()[1] > 300
    # a tall window puts them back below, with every column of the table
    w.resize(1400, 1000)
    qtbot.waitUntil(lambda: w.layout_state.mode == "below", timeout=2000)
    assert w.layout_state.outer.orientation() == Qt.Orientation.Vertical
    assert not any(w.table.isColumnHidden(c) for c in range(w.table.model().columnCount()))
    assert w.panel.buttons["consistent"].y() == w.panel.buttons["unsupported"].y()


def ink(widget: QWidget, base: QColor) -> int:
    """Pixels of ``widget`` that are not the page colour."""
    img = widget.grab().toImage()
    n = 0
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if abs(c.red() - base.red()) + abs(c.green() - base.green()) + abs(c.blue() - base.blue()) > 24:
                n += 1
    return n


@pytest.mark.timeout(60)
def test_bands_are_calm_on_a_reordered_article_and_all_bands_is_a_remembered_option(qtbot) -> None:
    n = 60
    left = [f"Reference sentence {k} tells about topic {k} in a few plain words." for k in range(n)]
    right = [f"Review sentence {k} retells topic {n - 1 - k}." for k in range(n)]
    # the review tells the reference backwards: most links run out of the view
    from test_ui_helpers import lines_project

    p = lines_project(left, right, [(n - 1 - k, k) for k in range(n)])
    w = open_window(qtbot, p, size=(1200, 800))
    assert not w.act["all_bands"].isChecked(), "calm by default"
    first = p.claims("right")[0].id
    w.select_claim("right", first)
    w.act["sync"].setChecked(False)
    w.left.verticalScrollBar().setValue(0)  # both articles at their start: the partners are out of view
    qtbot.wait(20)
    base = current_theme().base
    calm_ink = ink(w.gutter, base)  # (grabbing paints the gutter as the screen shows it)
    calm_drawn = w.gutter.drawn
    assert calm_drawn == 1, "only the current claim's band (a stub: its partner is out of view)"
    assert (p.partners("right", first)[0], first) == w.gutter.selected

    view_menu = w.menus["&View"]
    assert w.act["all_bands"] in view_menu.actions()
    w.act["all_bands"].trigger()
    all_ink = ink(w.gutter, base)
    assert w.gutter.drawn >= calm_drawn + 10, "every link in view, with its stub"
    assert all_ink > 2 * calm_ink
    w.close()

    w2 = open_window(qtbot, p, size=(1200, 800))
    assert w2.act["all_bands"].isChecked(), "the option is remembered"
    w2.select_claim("right", first)
    w2.act["sync"].setChecked(False)
    w2.left.verticalScrollBar().setValue(0)
    assert ink(w2.gutter, base) > 2 * calm_ink and w2.gutter.drawn >= calm_drawn + 10
    w2.act["all_bands"].trigger()
    assert ink(w2.gutter, base) == calm_ink and w2.gutter.drawn == calm_drawn


@pytest.mark.timeout(150)
def test_a_dark_screenshot_at_1280x720_shows_the_review_pane_marked(tmp_path) -> None:
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    from test_ui_helpers import REFERENCE, REVIEW

    out = tmp_path / "dark.png"
    r = subprocess.run([sys.executable, "-m", "diptych", "--screenshot", str(out), str(REFERENCE), str(REVIEW),
                        "--size", "1280x720", "--palette", "dark", "--focus", "review"],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    accent = QColor("#60a5fa")  # the dark theme's accent
    columns: dict[int, int] = {}
    for x in range(img.width()):
        n = sum(1 for y in range(0, img.height(), 2) if contrast(img.pixelColor(x, y), accent) < 1.15)
        if n:
            columns[x] = n
    # two long vertical edges of the frame, more than half the window high, right of the middle gutter
    edges = sorted(x for x, n in columns.items() if n > img.height() // 4)
    assert len(edges) >= 2 and edges[0] > 400 and edges[-1] - edges[0] > 250, edges
    page = img.pixelColor(200, 400)  # inside the reference article
    assert page.lightness() < 80, "the page is dark"
