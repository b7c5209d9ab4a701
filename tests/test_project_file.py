"""The .diptych file: round trip, atomic save, refusals with one line, migrations, autosave, lock, recent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from diptych.core.project import Project
from diptych.core.project_file import (
    MIGRATIONS,
    PROJECT_FORMAT,
    SCHEMA_VERSION,
    ProjectFileError,
    ProjectLock,
    RecentFiles,
    autosave_path,
    discard_autosave,
    find_recovery,
    load_project,
    project_from_json,
    project_to_json,
    save_project,
    write_autosave,
)
from diptych.core.projectfile import migrations as pf
from project_helpers import edited_project, small_project


def state(p: Project) -> dict:
    d = project_to_json(p)
    return d


def test_round_trip_keeps_every_edit(tmp_path: Path) -> None:
    p = edited_project()
    path = tmp_path / "review.diptych"
    save_project(p, path)
    q = load_project(path)
    assert state(q) == state(p)
    assert q.snapshot()["claims"] == p.snapshot()["claims"]
    assert q.links == p.links and q.reviews == p.reviews
    assert q.articles["left"].provenance == p.articles["left"].provenance
    assert q.reviewer == "Ada Reviewer" and q.options == p.options
    assert q.document("right").text == p.document("right").text
    assert q.document("right").sha256 == p.document("right").sha256
    assert q.document("right").path == p.document("right").path == "review.txt"  # a name: there is no such file
    assert q.counts() == p.counts()
    # the ids of new claims continue after the loaded ones
    rid = q.claims("right")[0].id
    nid = q.split_claim("right", rid, q.document("right").text.index("resigned"))
    assert nid not in {c.id for c in p.claims("right")}


def test_file_is_documented_json_with_quotes(tmp_path: Path) -> None:
    p = edited_project()
    path = tmp_path / "review.diptych"
    save_project(p, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == PROJECT_FORMAT and data["schema_version"] == SCHEMA_VERSION
    text = data["articles"]["right"]["text"]
    for c in data["articles"]["right"]["claims"]:
        q = c["quote"]
        assert text[c["start"]:c["end"]] == q["exact"]
        assert text[:c["start"]].endswith(q["prefix"]) and text[c["end"]:].startswith(q["suffix"])
    assert {lk["origin"] for lk in data["links"]} == {"auto", "manual"}
    assert data["modified"].endswith("Z") and data["created"] and data["generator"].startswith("Diptych")
    assert data["options"]["language"] == "en"


def test_save_sets_modified_and_created(tmp_path: Path) -> None:
    p = small_project()
    assert p.modified == ""
    save_project(p, tmp_path / "a.diptych")
    assert p.modified and p.created == p.modified
    created = p.created
    save_project(p, tmp_path / "a.diptych")
    assert p.created == created


def test_failed_save_raises_one_line_and_leaves_model_alone(tmp_path: Path) -> None:
    p = small_project()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ProjectFileError) as e:
        save_project(p, blocker / "a.diptych")
    assert "\n" not in str(e.value) and "a.diptych" in str(e.value)
    assert p.modified == "" and p.created == ""


def _valid_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "good.diptych"
    save_project(edited_project(), path)
    return path.read_bytes()


def _hash_mismatch(good: bytes) -> bytes:
    data = json.loads(good)
    data["articles"]["left"]["text"] = data["articles"]["left"]["text"].replace("Friday", "Monday")
    for c in data["articles"]["left"]["claims"]:
        c["quote"]["exact"] = data["articles"]["left"]["text"][c["start"]:c["end"]]
    return json.dumps(data).encode()


def _with(good: bytes, **changes: object) -> bytes:
    data = json.loads(good)
    data.update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize("case, expected", [
    ("truncated", "truncated"),
    ("wrong_format", "not a Diptych project"),
    ("future", "newer Diptych"),
    ("binary", "binary"),
    ("hash", "does not match its sha256"),
    ("empty", "is empty"),
    ("latin1", "not UTF-8"),
    ("array", "not a JSON object"),
    ("nan", "not allowed"),
    ("bad_verdict", "reviews.0.verdict"),
    ("dangling_link", "does not exist"),
    ("quote_mismatch", "does not match its quote"),
    ("deep", "not a valid Diptych project"),
])
def test_bad_files_are_refused_with_one_line_and_left_untouched(tmp_path: Path, case: str, expected: str) -> None:
    good = _valid_bytes(tmp_path)
    doc = json.loads(good)
    if case == "bad_verdict":
        doc["reviews"][0]["verdict"] = "maybe"
    if case == "dangling_link":
        doc["links"][0]["left"] = 999
    if case == "quote_mismatch":
        doc["articles"]["right"]["claims"][0]["quote"]["exact"] = "something else"
    data = {
        "truncated": good[: len(good) // 2],
        "wrong_format": _with(good, format="diptych.alignment"),
        "future": _with(good, schema_version=SCHEMA_VERSION + 1),
        "binary": bytes(range(256)) * 4,
        "hash": _hash_mismatch(good),
        "empty": b"   \n",
        "latin1": '{"format": "diptych.project", "reviewer": "Zoë"}'.encode("latin-1"),
        "array": b"[1, 2, 3]",
        "nan": good.replace(b'"score": 1.0', b'"score": NaN', 1) if b'"score": 1.0' in good
        else good.replace(b'"score": ', b'"score": NaN, "x": ', 1),
        "deep": b'{"format": "diptych.project", "schema_version": 1, "links": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    }.get(case) or json.dumps(doc).encode()
    path = tmp_path / "bad.diptych"
    path.write_bytes(data)
    with pytest.raises(ProjectFileError) as e:
        load_project(path)
    msg = str(e.value)
    assert expected in msg and "\n" not in msg and msg.startswith("bad.diptych: ") and len(msg) < 300
    assert path.read_bytes() == data


def test_size_limit_missing_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "big.diptych"
    path.write_bytes(_valid_bytes(tmp_path))
    with pytest.raises(ProjectFileError, match="over the"):
        load_project(path, max_bytes=100)
    with pytest.raises(ProjectFileError, match="no such file"):
        load_project(tmp_path / "missing.diptych")
    with pytest.raises(ProjectFileError, match="folder"):
        load_project(tmp_path)


def test_schema_0_is_migrated_through_the_chain(tmp_path: Path) -> None:
    current = json.loads(_valid_bytes(tmp_path))
    old = dict(current, schema_version=0)
    old["verdicts"] = old.pop("reviews")
    del old["orphans"]
    assert 0 in MIGRATIONS
    p = project_from_json(old)
    assert project_to_json(p)["reviews"] == current["reviews"]
    assert p.review(p.claims("right")[0].id).verdict == "consistent"


def test_migration_chain_runs_every_step_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    chain = {v: (lambda d, v=v: (seen.append(v), d)[1]) for v in range(3)}
    monkeypatch.setattr(pf, "MIGRATIONS", chain)
    monkeypatch.setattr(pf, "SCHEMA_VERSION", 3)
    assert pf.migrate({"schema_version": 0})["schema_version"] == 3
    assert seen == [0, 1, 2]
    monkeypatch.setattr(pf, "MIGRATIONS", {0: chain[0]})
    with pytest.raises(ProjectFileError, match="schema 1 can no longer be read"):
        pf.migrate({"schema_version": 0})


# ----- autosave and recovery ----------------------------------------------------------------------
def test_crash_recovery_restores_unsaved_edits(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    p = small_project()
    save_project(p, path)
    assert find_recovery(str(path)) is None
    rid = p.claims("right")[1].id
    p.set_verdict(rid, "unsupported")
    p.set_note(rid, "unsaved judgement")
    side = write_autosave(p, str(path))
    assert side == autosave_path(str(path)) == tmp_path / ".review.diptych.autosave"
    # ... the process dies here; on the next start:
    found = find_recovery(str(path))
    assert found == side
    recovered = load_project(found)
    assert recovered.review(rid).note == "unsaved judgement" and recovered.review(rid).verdict == "unsupported"
    assert load_project(path).review(rid).note == ""  # the project file itself is the saved state
    save_project(recovered, path)
    assert not side.exists() and find_recovery(str(path)) is None


def test_older_autosave_is_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    p = small_project()
    save_project(p, path)
    side = write_autosave(p, str(path))
    st = path.stat()
    os.utime(side, ns=(st.st_atime_ns, st.st_mtime_ns - 10**9))
    assert find_recovery(str(path)) is None
    discard_autosave(str(path))
    assert not side.exists()


def test_unsaved_project_autosaves_in_the_data_dir(tmp_path: Path) -> None:
    p = small_project()
    where = write_autosave(p, None)
    assert str(where).startswith(os.environ["XDG_DATA_HOME"])
    assert find_recovery(None) == where
    assert load_project(where).counts() == p.counts()
    discard_autosave(None)
    assert find_recovery(None) is None


def test_two_unsaved_reviews_keep_their_own_autosaves(tmp_path: Path) -> None:
    """A second running Diptych's unsaved review is neither overwritten nor offered; an ended
    Diptych's is offered, and declining removes exactly that one."""
    mine = write_autosave(small_project(), None)
    folder = mine.parent
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True).stdout.strip()
    crashed = folder / f"untitled-{ended}.diptych.autosave"
    running = folder / f"untitled-{os.getppid()}.diptych.autosave"
    for other in (crashed, running):
        other.write_bytes(mine.read_bytes())
    os.utime(crashed, ns=(mine.stat().st_mtime_ns + 10**9,) * 2)
    assert find_recovery(None) == crashed
    discard_autosave(None, crashed)
    assert not crashed.exists() and running.exists() and mine.exists()
    assert find_recovery(None) == mine
    discard_autosave(None)
    assert not mine.exists() and running.exists() and find_recovery(None) is None


def test_autosave_falls_back_to_data_dir_when_side_file_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    p = small_project()
    save_project(p, path)
    autosave_path(str(path)).mkdir()  # something in the way of the side file
    where = write_autosave(p, str(path))
    assert str(where).startswith(os.environ["XDG_DATA_HOME"])
    assert find_recovery(str(path)) == where
    discard_autosave(str(path))
    assert find_recovery(str(path)) is None


# ----- lock ---------------------------------------------------------------------------------------
def test_lock_warns_second_window_and_other_process(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    save_project(small_project(), path)
    first = ProjectLock(path)
    assert first.acquire() is None
    assert first.path.exists()
    second = ProjectLock(path)
    assert second.acquire() == "another window of this Diptych"
    first.release()
    assert not first.path.exists()
    assert second.acquire() is None
    second.release()

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = {"pid": other.pid, "host": __import__("socket").gethostname(), "user": "bob", "token": "x"}
        ProjectLock(path).path.write_text(json.dumps(info))
        lock = ProjectLock(path)
        owner = lock.acquire()
        assert owner is not None and str(other.pid) in owner and "bob" in owner
        assert not lock.held
        assert lock.acquire(force=True) is None and lock.held
        lock.release()
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()


def test_stale_lock_of_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    info = {"pid": dead.pid, "host": __import__("socket").gethostname(), "user": "bob", "token": "x"}
    lock = ProjectLock(path)
    lock.path.write_text(json.dumps(info))
    assert lock.acquire() is None and lock.held
    assert json.loads(lock.path.read_text())["pid"] == os.getpid()
    lock.release()
    lock.path.write_bytes(b"\x00garbage")
    assert lock.acquire() is None
    lock.release()


# ----- recent files -------------------------------------------------------------------------------
def test_recent_files_order_limit_prune_clear(tmp_path: Path) -> None:
    recent = RecentFiles()
    assert str(recent.store).startswith(os.environ["XDG_CONFIG_HOME"])
    files = []
    for k in range(12):
        f = tmp_path / f"p{k}.diptych"
        f.write_text("{}")
        files.append(f)
        recent.add(f)
    recent.add(files[5])
    got = RecentFiles().paths()
    assert len(got) == 10 and got[0] == str(files[5]) and got[1] == str(files[11])
    assert str(files[0]) not in got
    files[11].unlink()
    assert str(files[11]) not in RecentFiles().paths()
    recent.clear()
    assert RecentFiles().paths() == []
    recent.store.write_bytes(b"not json")
    assert RecentFiles().paths() == []
    recent.add(files[1])
    assert RecentFiles().paths() == [str(files[1])]


def test_saved_files_get_the_usual_permissions(tmp_path) -> None:
    """A new file is readable like any other the user creates; an existing file keeps its mode."""
    import os
    import stat

    from diptych.core.storage import atomic_write_text

    umask = os.umask(0o022)
    os.umask(umask)
    new = tmp_path / "new.csv"
    atomic_write_text(new, "a")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic_write_text(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() == "new"


def test_writing_to_a_device_writes_through_and_keeps_the_device(tmp_path) -> None:
    """``-o /dev/null`` or a named pipe must not be replaced by a regular file (a FIFO stands in
    for the device, so a regression cannot damage the machine running the tests)."""
    import os
    import stat
    import threading

    from diptych.core.storage import atomic_write_text

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    atomic_write_text(fifo, "through the pipe")
    reader.join(5)
    assert got == ["through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)
