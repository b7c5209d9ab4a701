"""The legend shows every mark of the window, drawn by the window's own painters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from diptych.ui.legend import SAMPLE, legend_dialog
from diptych.ui.style import current_theme


def coloured(img: QImage, colour: QColor, tol: int = 40) -> int:
    """How many pixels of ``img`` are close to ``colour``."""
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < tol:
                n += 1
    return n


@pytest.mark.timeout(30)
def test_the_legend_opens_shows_each_mark_and_closes_with_escape(qtbot) -> None:
    dlg = legend_dialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    legend = dlg.legend
    assert list(legend.samples) == ["suggested", "confirmed", "not_a_claim", "check", "omission",
                                    "tint_identical", "tint_minor", "tint_paraphrase", "tint_changed",
                                    "tint_current",
                                    "band_selected", "band_current", "band_other", "off_screen", "focus"]
    assert all(s.isVisible() for s in legend.samples.values())
    th = current_theme()
    img = {k: s.grab().toImage() for k, s in legend.samples.items()}
    # a confirmed verdict is a filled disc, a suggestion a dashed ring of the same kind of badge
    filled = coloured(img["confirmed"], th.verdict["consistent"])
    dashed = coloured(img["suggested"], th.verdict["altered"])
    assert filled > 2 * dashed > 0
    assert coloured(img["omission"], th.omission) > 0
    assert coloured(img["check"], th.verdict["check"]) > 0
    # the selected pair's band is stronger than the faint ones; the stub carries its grey triangle
    amber = QColor(th.band_outline)
    assert coloured(img["band_selected"], amber) > coloured(img["band_other"], amber)
    assert coloured(img["off_screen"], th.base) < SAMPLE_AREA(img["off_screen"])
    for k in ("tint_identical", "tint_minor", "tint_paraphrase", "tint_changed"):
        assert coloured(img[k], th.base, 6) < SAMPLE_AREA(img[k]), f"{k} is tinted"
    assert legend.labels["omission"].startswith("∅")
    # the focus frame in the accent colour, as round the pane that has the keyboard
    assert coloured(img["focus"], th.accent) >= 2 * (SAMPLE.width() + SAMPLE.height())
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def SAMPLE_AREA(img: QImage) -> int:
    return img.width() * img.height()
