"""Long work as a reviewer sees it: the status bar says what runs and how far it is, the bar never
sits still for long, and Cancel stops the work and leaves the window usable."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from test_ui_helpers import REFERENCE, REVIEW, no_blocking_prompts, open_window  # noqa: F401

pytestmark = pytest.mark.timeout(240)

IDLE = "Open a reference and a review article to start"


def long_pair(folder: Path, mb: float) -> tuple[Path, Path]:
    """The sample pair repeated (numbered, so the parts stay distinguishable) up to ``mb`` MB each."""
    out = []
    for src in (REFERENCE, REVIEW):
        base = src.read_text(encoding="utf-8")
        parts, size, k = [], 0, 0
        while size < mb * 1_000_000:
            block = f"Part {k}. " + base.replace("Trump", f"Trump ({k})") + "\n"
            parts.append(block)
            size += len(block.encode("utf-8"))
            k += 1
        path = folder / src.name
        path.write_text("".join(parts), encoding="utf-8")
        out.append(path)
    return out[0], out[1]


def watch_status(w) -> tuple[list[tuple[int, str, int]], QTimer, QElapsedTimer]:
    """Every 5 ms, what the status bar shows: (ms, the visible texts, the bar's value) when it changed."""
    seen: list[tuple[int, str, int]] = []
    clock = QElapsedTimer()
    clock.start()

    def look() -> None:
        texts = [w.jobs.label.text()] if w.jobs.label.isVisible() else []
        if w.coverage_label.isVisible() and w.coverage_label.text():
            texts.append(w.coverage_label.text())
        shown = " | ".join(texts)
        value = w.jobs.progress.value() if w.jobs.progress.isVisible() else -1
        if not seen or seen[-1][1:] != (shown, value):
            seen.append((clock.elapsed(), shown, value))

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(look)
    timer.start()
    return seen, timer, clock


def test_the_status_bar_says_what_runs_while_linking(qtbot, tmp_path: Path) -> None:
    left, right = long_pair(tmp_path, 1.0)
    w = open_window(qtbot)
    assert w.coverage_label.text() == IDLE and w.coverage_label.isVisible()
    seen, timer, _clock = watch_status(w)
    with qtbot.waitSignal(w.project_shown, timeout=180000):
        w.open_paths([str(left), str(right)])
    timer.stop()
    running = [text for _, text, value in seen if value >= 0]
    assert running, "the progress bar was shown"
    assert not any(IDLE in text for _, text, _ in seen), "the idle hint while linking or showing the pair"
    assert all(text.endswith("…") for text in running), running
    joined = "\n".join(running)
    for stage in ("Reading", "Splitting sentences", "Linking", "Suggesting verdicts", "Preparing the window"):
        assert stage in joined, stage
    # counts where they are known: "Linking 3,412 of 8,410 claims…"
    n = len(w.project.claims("right"))
    assert any(t.startswith("Linking ") and t.endswith(f" of {n:,} claims…") for t in running), running
    assert any(t.startswith("Suggesting verdicts: ") and f" of {n:,} claims" in t for t in running)
    values = [v for _, _, v in seen if v >= 0]
    assert values == sorted(values), "the bar never goes back"
    # linked: the review's figures, in plain words, take the hint's place
    assert w.coverage_label.isVisible() and "Reference sentences used" in w.coverage_label.text()


def test_cancel_stops_linking_and_leaves_the_window_usable(qtbot, tmp_path: Path) -> None:
    left, right = long_pair(tmp_path, 3.0)
    w = open_window(qtbot)
    seen, timer, clock = watch_status(w)
    w.open_paths([str(left), str(right)])
    qtbot.waitUntil(lambda: w.jobs.label.text().startswith("Linking"), timeout=120000)
    assert w.jobs.cancel_button.isVisible()
    ticks: list[int] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(clock.elapsed()))
    ticker.start()
    pressed = time.perf_counter()
    with qtbot.waitSignal(w.jobs.changed, timeout=10000):
        qtbot.mouseClick(w.jobs.cancel_button, Qt.MouseButton.LeftButton)
    stopped = time.perf_counter() - pressed
    ticker.stop()
    timer.stop()
    assert stopped < 5, f"cancel took {stopped:.1f} s"
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps, default=0) < 250, "the window kept handling events while the work stopped"
    assert w.jobs.job is None and not w.jobs.progress.isVisible()
    assert w.project is None and "Linking cancelled" in w.statusBar().currentMessage()
    QApplication.processEvents()
    # the window is usable: the sample pair opens and is linked
    with qtbot.waitSignal(w.project_shown, timeout=60000):
        w.open_paths([str(REFERENCE), str(REVIEW)])
    assert w.project is not None and w.act["consistent"].isEnabled()
