"""File ▸ Open batch…: the corpus table (sort, filter, Enter opens a pair, back to the batch) and the
claim matrix (cells, a double-click opens the pair at that claim, CSV export)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from batch_helpers import REFERENCE, make_reviews
from diptych.core.batch import BatchOptions
from diptych.core.batch_run import plan_reference, run_batch
from diptych.core.corpus import OMITTED, CorpusError, claim_matrix, load_batch
from diptych.ui import corpus
from diptych.ui.main_window import MainWindow
from test_ui_helpers import no_blocking_prompts  # noqa: F401

Key = Qt.Key


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-reference batch of 20 rewrites and one review that does not exist."""
    folder = tmp_path_factory.mktemp("batch")
    reviews = [str(p) for p in make_reviews(folder / "in", 20)] + [str(folder / "in" / "gone.txt")]
    run_batch(plan_reference(str(REFERENCE), reviews, BatchOptions(language="en")), folder / "out", jobs=1)
    return folder / "out"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The one-line messages the corpus window shows (the error dialog's log file stays untouched:
    it is bound to the first test that logs)."""
    shown: list[str] = []
    monkeypatch.setattr(corpus, "show_error", lambda _parent, message, details="": shown.append(message))
    return shown


def opened(qtbot, batch_dir: Path) -> tuple[MainWindow, corpus.CorpusWindow]:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    win = corpus.open_batch(w, batch_dir)
    assert win is not None
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.matrix is not None, timeout=30000)
    return w, win


def shown_ids(win: corpus.CorpusWindow) -> list[str]:
    return [win.row_at(win.proxy.index(r, 0))["id"] for r in range(win.proxy.rowCount())]


def column(win: corpus.CorpusWindow, header: str) -> int:
    return [c[0] for c in corpus.COLUMNS].index(header)


def test_table_sorts_filters_and_opens_a_pair_and_back(qtbot, batch_dir: Path, no_blocking_prompts,  # noqa: F811
                                                       errors: list[str]) -> None:
    w, win = opened(qtbot, batch_dir)
    rows = load_batch(batch_dir).rows
    assert win.proxy.rowCount() == 21 and win.count.text() == "21 of 21 pairs shown, 1 failed"
    altered = [win.row_at(win.proxy.index(r, 0))["altered"] or -1 for r in range(21)]
    assert altered == sorted(altered, reverse=True)  # most altered first
    header = win.table.horizontalHeader()
    col = column(win, "Coverage")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2,
                                header.height() // 2))
    coverage = [win.row_at(win.proxy.index(r, 0))["reference_coverage"] for r in range(21)]
    assert coverage[0] is None  # the failed pair, then the least covered reference first
    assert coverage[1:] == sorted(coverage[1:]) and coverage[1] < coverage[-1]
    assert win.proxy.index(1, col).data() == f"{coverage[1]:.0%}"
    win.filter.setFocus()
    qtbot.keyClicks(win.filter, "outlet-01")
    assert sorted(shown_ids(win)) == [f"outlet-01{k}" for k in range(10)]
    win.filter.clear()
    win.show_box.setCurrentText("Failed")
    assert shown_ids(win) == ["gone"] and "gone.txt: no such file" in win.proxy.index(0, column(win, "Error")).data()
    win.show_box.setCurrentText("With unsupported claims")
    assert len(shown_ids(win)) == sum(1 for r in rows if r["unsupported"])
    win.show_box.setCurrentText("All pairs")
    # Enter on a row opens its project in the review window; Back to batch returns with it selected
    target = next(r for r in range(21) if win.row_at(win.proxy.index(r, 0))["id"] == "outlet-007")
    win.table.setFocus()
    win.table.setCurrentIndex(win.proxy.index(target, 0))
    qtbot.keyClick(win.table, Key.Key_Return)
    assert w.session.path == batch_dir / "outlet-007.diptych"
    assert w.project is not None and w.project.document("right").name == "outlet-007.txt"
    win.table.setCurrentIndex(win.proxy.index(0, 0))
    assert w.act["back_to_batch"].isEnabled()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    qtbot.keyClick(w.table, Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.row_at(win.table.currentIndex())["id"] == "outlet-007"
    # a failed pair has no project to open: a one-line message, the review window keeps its pair
    failed = next(r for r in range(21) if win.row_at(win.proxy.index(r, 0))["id"] == "gone")
    assert not win.open_pair_at(win.proxy.index(failed, 0))
    assert errors == ["Pair gone has no project: gone.txt: no such file"]
    assert w.session.path == batch_dir / "outlet-007.diptych"


def test_claim_matrix_shows_which_review_changed_which_claim(qtbot, batch_dir: Path, tmp_path: Path,
                                                            no_blocking_prompts) -> None:  # noqa: F811
    w, win = opened(qtbot, batch_dir)
    m = win.matrix
    assert m is not None and m.pairs == [f"outlet-{k:03d}" for k in range(20)]  # the failed pair has no column
    model = win.matrix_view.model()
    assert model.rowCount() == len(m.reference_claims) > 10
    # the reference claim of the delegation's visit: the reviews that moved its date say altered
    visit = next(i for i, t in enumerate(m.reference_claims) if "weeklong visit" in t)
    letters = [model.index(visit, 2 + j).data() for j in range(20)]
    assert [m.pairs[j] for j, x in enumerate(letters) if x == "A"] == [f"outlet-{k:03d}" for k in range(3, 20, 3)]
    assert letters[0] == "C" and model.index(visit, 0).data() == "6"
    # outlet-007 dropped a sentence: the claims it left out are omitted there and nowhere else
    col7 = 2 + m.pairs.index("outlet-007")
    only_007 = [i for i in range(model.rowCount()) if model.index(i, col7).data() == OMITTED
                and model.index(i, 2).data() != OMITTED]
    assert only_007
    # selecting a cell shows the reference claim and the review's linked claims, as plain text
    win.tabs.setCurrentIndex(1)
    win.matrix_view.setCurrentIndex(model.index(visit, 2 + 3))
    text = win.detail.toPlainText()
    assert text.startswith(f"Reference claim {visit + 1}: ") and "outlet-003: altered" in text and "June 10" in text
    # a double-click (or Enter) on a cell opens that pair at that reference claim
    win.matrix_view.setFocus()
    qtbot.keyClick(win.matrix_view, Key.Key_Return)
    assert w.session.path == batch_dir / "outlet-003.diptych"
    assert w.current["left"] == m.claim_ids[visit]
    # the matrix as CSV: a row per reference claim, a column per review
    out = tmp_path / "matrix.csv"
    assert win.export_to(str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["reference claim", "text", "altered in", "omitted in", *m.pairs]
    assert len(table) == 1 + len(m.reference_claims)
    assert table[1 + visit][4:] == m.cells[visit] and table[1 + visit][4 + 3] == "altered"


def test_open_batch_on_a_folder_without_a_summary_says_so(qtbot, tmp_path: Path, errors: list[str]) -> None:
    w = MainWindow()
    qtbot.addWidget(w)
    assert corpus.open_batch(w, tmp_path) is None
    assert len(errors) == 1 and "has no summary.jsonl or summary.csv" in errors[0]
    assert not w.act["back_to_batch"].isEnabled()


def test_summary_csv_reads_back_like_the_jsonl(batch_dir: Path) -> None:
    assert load_batch(batch_dir / "summary.csv").rows == load_batch(batch_dir / "summary.jsonl").rows
    assert corpus.OMITTED == OMITTED


def test_claim_matrix_needs_one_reference(batch_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "ref2.txt"
    other.write_text(REFERENCE.read_text(encoding="utf-8") + "\nOne more sentence of the wire.\n", encoding="utf-8")
    review = make_reviews(tmp_path / "in", 1)[0]
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(f"reference,review\n{REFERENCE},{review}\n{other},{review}\n", encoding="utf-8")
    from diptych.core.batch_run import plan_manifest

    run_batch(plan_manifest(str(manifest), BatchOptions(language="en")), tmp_path / "out", jobs=1)
    with pytest.raises(CorpusError, match="share one reference"):
        claim_matrix(load_batch(tmp_path / "out"))
