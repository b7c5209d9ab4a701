"""`diptych batch`: one reference against many reviews, manifests with bad pairs, resuming after a
rerun, a changed input or a kill -9."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_helpers import REFERENCE, make_reviews, rewrite
from diptych.cli import main
from diptych.core import batch
from diptych.core.batch import SUMMARY_FIELDS, BatchOptions, PairTask, review_pair
from diptych.core.batch_run import PARTIAL
from diptych.core.project_file import load_project, save_project
from diptych.core.text import Document


def read_summary(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    jsonl = [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl]
    assert list(rows[0]) == list(SUMMARY_FIELDS) == list(jsonl[0])
    return rows


def project_mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.diptych")}


def test_one_reference_twenty_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reviews = make_reviews(tmp_path / "in", 20)
    out = tmp_path / "out"
    # in a process of its own: its worker processes come from a forkserver of that process
    run = subprocess.run([sys.executable, "-m", "diptych", "batch", "--reference", str(REFERENCE),
                          *map(str, reviews), "-o", str(out), "--jobs", "2", "--language", "en"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "20 pairs (20 reviewed now, 0 done before, 0 failed)" in run.stdout
    rows = read_summary(out)
    assert [r["id"] for r in rows] == [f"outlet-{k:03d}" for k in range(20)]  # each input once, in order
    assert sorted(p.name for p in out.glob("*.diptych")) == [f"outlet-{k:03d}.diptych" for k in range(20)]
    by_id = {r["id"]: r for r in rows}
    for k in (0, 1, 3, 5):
        row = by_id[f"outlet-{k:03d}"]
        assert row["error"] == "" and row["reference"] == str(REFERENCE.absolute())
        project = load_project(out / row["project"])
        assert project.document("right").text == rewrite(k)
        assert row["review_sha256"] == project.document("right").sha256
        counted = [c.id for c in project.claims("right")]
        assert int(row["altered"]) == sum(project.effective_verdict(c) == "altered" for c in counted)
        assert int(row["review_claims"]) == len(counted)
        assert float(row["reference_coverage"]) == pytest.approx(project.counts()["reference_covered"], abs=1e-4)
        assert main(["project", "show", str(out / row["project"])]) == 0
        assert f"review:    outlet-{k:03d}.txt" in capsys.readouterr().out
    # a changed weekday or date is found as an altered claim, and named among the top reasons
    unchanged, edited = by_id["outlet-000"], by_id["outlet-003"]
    assert int(edited["altered"]) > int(unchanged["altered"])
    assert "date" in edited["top_reasons"] and "embed" not in edited["top_reasons"]
    # an added sentence no reference claim supports
    assert int(by_id["outlet-001"]["unsupported"]) == int(unchanged["unsupported"]) + 1


def test_manifest_with_a_missing_file_a_binary_file_and_a_duplicate_id(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    make_reviews(folder / "reviews", 2)
    (folder / "ref.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "reviews" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    manifest = folder / "pairs.csv"
    manifest.write_text("id,reference,review\n"
                        "wire-a,ref.txt,reviews/outlet-000.txt\n"
                        "gone,ref.txt,reviews/missing.txt\n"
                        "png,ref.txt,reviews/image.txt\n"
                        "wire-a,ref.txt,reviews/outlet-001.txt\n"
                        "wire-b,ref.txt,reviews/outlet-001.txt\n"
                        "web,ref.txt,https://example.org/story\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--jobs", "1"]) == 1  # some pairs failed
    err = capsys.readouterr().err
    rows = read_summary(out)
    assert [r["id"] for r in rows] == ["wire-a", "gone", "png", "wire-a", "wire-b", "web"]
    errors = [r["error"] for r in rows]
    assert errors[0] == errors[4] == ""
    assert errors[1] == "missing.txt: no such file"
    assert "binary" in errors[2]
    assert errors[3] == "line 5: the id 'wire-a' is also on line 2"
    assert rows[5]["review"] == "https://example.org/story" and "a batch reads files" in errors[5]
    assert rows[1]["review"] == str(folder / "reviews" / "missing.txt")  # relative to the manifest
    assert sorted(p.name for p in out.glob("*.diptych")) == ["wire-a.diptych", "wire-b.diptych"]
    assert load_project(out / "wire-b.diptych").document("right").text == rewrite(1)
    assert "diptych: pair gone: missing.txt: no such file" in err
    assert "Traceback" not in err


def test_jsonl_manifest_names_pairs_after_their_reviews(tmp_path: Path) -> None:
    make_reviews(tmp_path / "a", 1)
    make_reviews(tmp_path / "b", 1)
    manifest = tmp_path / "pairs.jsonl"
    ref = str(REFERENCE)
    manifest.write_text("\n".join(json.dumps(x) for x in (
        {"reference": ref, "review": "a/outlet-000.txt"},
        {"reference": ref, "review": "b/outlet-000.txt"},
        {"reference": ref, "review": "a/outlet-000.txt", "id": "../../etc/evil"})) + "\n\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--jobs", "1"]) == 0
    rows = read_summary(out)
    assert [r["id"] for r in rows] == ["outlet-000", "outlet-000-line-2", "../../etc/evil"]
    assert len({r["project"] for r in rows}) == 3
    assert all("/" not in r["project"] and (out / r["project"]).is_file() for r in rows)
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize("args, message", [
    (["nothing.csv"], "nothing.csv: no such manifest"),
    (["pairs.txt"], "pairs.txt: a manifest is a .csv or .jsonl file"),
    (["bad.csv"], "bad.csv: needs a 'review' column (the header has: reference, text)"),
    (["bad.jsonl"], "bad.jsonl: line 2 is not valid JSON"),
    (["empty.csv"], "empty.csv: lists no pairs"),
    (["--jobs", "0", "x.csv"], "--jobs must be 1 or more"),
    (["a.csv", "b.csv"], "give one manifest, or --reference REF and the reviews"),
    (["--reference", "r.txt"], "give at least one review after the reference"),
    (["--scheduler", "localhost", "empty.csv"], "--scheduler takes an address like tcp://HOST:PORT"),
])
def test_bad_manifest_or_options_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                     message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pairs.txt").write_text("reference,review\n")
    (tmp_path / "bad.csv").write_text("reference,text\nr.txt,x\n")
    (tmp_path / "bad.jsonl").write_text('{"reference": "r.txt", "review": "x.txt"}\n{"reference": \n')
    (tmp_path / "empty.csv").write_text("reference,review\n")
    assert main(["batch", *args, "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diptych: error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_rerun_skips_done_pairs_and_redoes_changed_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reviews = make_reviews(tmp_path / "in", 6)
    out = tmp_path / "out"
    argv = ["batch", "--reference", str(REFERENCE), *map(str, reviews), "-o", str(out), "--jobs", "1"]
    assert main(argv) == 0
    first = read_summary(out)
    before = project_mtimes(out)
    capsys.readouterr()
    assert main(argv) == 0
    assert "6 pairs (0 reviewed now, 6 done before, 0 failed)" in capsys.readouterr().out
    assert project_mtimes(out) == before and read_summary(out) == first
    reviews[2].write_text(rewrite(2) + "\nA sentence added later says 7 ships sank.\n", encoding="utf-8")
    assert main(argv) == 0
    assert "6 pairs (1 reviewed now, 5 done before, 0 failed)" in capsys.readouterr().out
    after = project_mtimes(out)
    assert [n for n in after if after[n] != before[n]] == ["outlet-002.diptych"]
    assert read_summary(out)[2]["review_sha256"] != first[2]["review_sha256"]
    assert main([*argv, "--one-per-line"]) == 0  # other options: every project is made again
    assert "6 pairs (6 reviewed now, 0 done before, 0 failed)" in capsys.readouterr().out
    assert all(r["options"] == "one_per_line=yes;language=auto" for r in read_summary(out))


def test_a_project_with_review_work_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reviews = make_reviews(tmp_path / "in", 2)
    out = tmp_path / "out"
    argv = ["batch", "--reference", str(REFERENCE), *map(str, reviews), "-o", str(out), "--jobs", "1"]
    assert main(argv) == 0
    p = load_project(out / "outlet-001.diptych")
    p.set_verdict(p.claims("right")[0].id, "altered")
    save_project(p, out / "outlet-001.diptych")
    kept = (out / "outlet-001.diptych").read_bytes()
    reviews[1].write_text(rewrite(7), encoding="utf-8")
    assert main(argv) == 1
    assert "has review work" in read_summary(out)[1]["error"]
    assert (out / "outlet-001.diptych").read_bytes() == kept


def test_killed_batch_restarted_does_every_pair_exactly_once(tmp_path: Path) -> None:
    n = 40
    reviews = make_reviews(tmp_path / "in", n)
    out = tmp_path / "out"
    argv = ["batch", "--reference", str(REFERENCE), *map(str, reviews), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen([sys.executable, "-m", "diptych", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / PARTIAL).is_file() and (out / PARTIAL).read_bytes().count(b"\n") >= 8:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the batch ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker processes
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    done_before = project_mtimes(out)
    assert 8 <= len(done_before) < n and not (out / "summary.csv").exists()
    for p in done_before:
        load_project(out / p)  # whole, every one of them
    restarted = subprocess.run([sys.executable, "-m", "diptych", *argv], capture_output=True, text=True, timeout=300)
    assert restarted.returncode == 0, restarted.stderr
    done = len(done_before)
    assert f"{n} pairs ({n - done} reviewed now, {done} done before, 0 failed)" in restarted.stdout
    rows = read_summary(out)
    assert sorted(r["id"] for r in rows) == sorted({f"outlet-{k:03d}" for k in range(n)})
    assert all(r["error"] == "" for r in rows)
    after = project_mtimes(out)
    assert len(after) == n and all(after[p] == t for p, t in done_before.items())  # none done twice
    assert not (out / PARTIAL).exists() and not list(out.glob(".*.tmp"))


def test_reference_is_read_and_segmented_once_per_worker(tmp_path: Path) -> None:
    reviews = make_reviews(tmp_path, 3)
    batch._references.clear()
    batch._stat_sha.clear()
    batch.stats.clear()
    ref = str(REFERENCE)
    rows = [review_pair(PairTask(f"p{k}", ref, str(r), ref, str(r), f"p{k}.diptych", BatchOptions(language="en"))).row
            for k, r in enumerate(reviews)]
    assert all(r["error"] == "" for r in rows)
    assert batch.stats == {"reference_reads": 1, "reference_segmentations": 1}
    # the same text given as a document (as a cluster worker gets it) is not segmented again
    doc = Document(REFERENCE.read_text(encoding="utf-8"), ref)
    review_pair(PairTask("d", None, str(reviews[0]), ref, str(reviews[0]), "d.diptych", BatchOptions(language="en")),
                doc)
    assert batch.stats["reference_segmentations"] == 1


def test_check_count_is_the_windows_check_count(tmp_path: Path) -> None:
    """The summary's "check" column counts the claims whose confidence is below the threshold the
    window uses, as the align contract reports them for the same pair."""
    from diptych.core.align import AlignOptions, align, to_contract
    from diptych.core.ingest import read_document
    from diptych.core.verdict import CHECK_THRESHOLD

    counts = []
    for review in make_reviews(tmp_path, 4):
        row = review_pair(PairTask("p", str(REFERENCE), str(review), "r", "v", "p.diptych")).row
        contract = to_contract(align(read_document(str(REFERENCE)), read_document(str(review)), AlignOptions()))
        expected = sum(1 for v in contract["verdicts"] if v["confidence"] < CHECK_THRESHOLD)
        assert row["check"] == expected
        counts.append(expected)
    assert any(counts)  # the generated rewrites hold claims to check


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise(tmp_path: Path) -> None:
    import pty

    reviews = [str(p) for p in make_reviews(tmp_path / "in", 12)]
    argv = [sys.executable, "-m", "diptych", "batch", "--reference", str(REFERENCE), *reviews, "--jobs", "1"]
    plain = subprocess.run([*argv, "-o", str(tmp_path / "a")], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0
    lines = plain.stderr.splitlines()
    assert lines[-1].startswith("batch: 12/12 pairs, ") and lines[-1].endswith(" pairs/s")
    assert any("s left" in x for x in lines) and "\r" not in plain.stderr
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([*argv, "-o", str(tmp_path / "b")], stdout=subprocess.PIPE, stderr=follower,
                              timeout=120)
        os.close(follower)
        follower = -1
        got = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert proc.returncode == 0
    bar = got.decode("utf-8", "replace")
    assert "12/12" in bar and "100%" in bar and "pair/s" in bar and "batch: " not in bar


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            out += [int(x) for x in f.read().split()]
    return out


def test_a_worker_process_killed_mid_batch_loses_no_pair(tmp_path: Path) -> None:
    n = 40
    reviews = [str(p) for p in make_reviews(tmp_path / "in", n)]
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "diptych", "batch", "--reference", str(REFERENCE), *reviews,
                             "-o", str(out), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / PARTIAL).is_file() and (out / PARTIAL).read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.005)
        workers = [w for c in _children(proc.pid) for w in _children(c)]  # the forkserver's children
        assert proc.poll() is None and workers
        os.kill(workers[0], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 0, stderr
    assert f"{n} pairs ({n} reviewed now, 0 done before, 0 failed)" in stdout
    rows = read_summary(out)
    assert sorted(r["id"] for r in rows) == [f"outlet-{k:03d}" for k in range(n)]
    assert len(list(out.glob("*.diptych"))) == n
    assert main(["batch", "--reference", str(REFERENCE), *reviews, "-o", str(out), "--jobs", "1"]) == 0
    assert not list(out.glob(".*.tmp"))  # a project the killed worker had half written is cleared


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from diptych.core import batch_run

    monkeypatch.setattr(batch_run, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a port on 127.0.0.1 where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    assert main(["batch", "--reference", str(REFERENCE), str(REFERENCE), "-o", str(out),
                 "--scheduler", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"diptych: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert err.count("\n") == 1 and not out.exists()
