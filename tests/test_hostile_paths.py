"""Paths are what they say: outputs are compared with inputs by identity, a symlink is saved through,
the lock follows the file, a killed save's temporary files are swept."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.project_file import ProjectLock, load_project, save_project
from diptych.core.storage import atomic_write_bytes
from project_helpers import LEFT, RIGHT, edited_project

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "p.diptych"
    save_project(edited_project(), path)
    return path


@pytest.mark.parametrize("how", ["dotdot", "symlink", "hardlink"])
def test_export_never_replaces_the_project_under_another_name(saved: Path, capsys: pytest.CaptureFixture[str],
                                                             how: str) -> None:
    before = saved.read_bytes()
    if how == "dotdot":
        out = saved.parent / "sub" / ".." / saved.name
    elif how == "symlink":
        out = saved.parent / "link.csv"
        out.symlink_to(saved)
    else:
        out = saved.parent / "hard.csv"
        os.link(saved, out)
    assert main(["export", str(saved), "--format", "csv", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "would overwrite the project file" in err and err.count("\n") == 1
    assert saved.read_bytes() == before


def test_export_never_replaces_an_article_of_the_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left, right = tmp_path / "ref.txt", tmp_path / "rev.txt"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    project = tmp_path / "p.diptych"
    assert main(["project", "create", str(left), str(right), "-o", str(project), "--language", "en"]) == 0
    (tmp_path / "x").mkdir()
    assert main(["export", str(project), "--format", "html", "-o", str(tmp_path / "x" / ".." / "rev.txt")]) == 2
    assert "review article" in capsys.readouterr().err
    assert right.read_text(encoding="utf-8") == RIGHT


def test_align_output_refuses_an_existing_file_without_force_and_an_input_always(
        tmp_path: Path, reference_path: Path, review_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "existing.diptych"
    save_project(edited_project(), existing)
    before = existing.read_bytes()
    assert main(["align", str(reference_path), str(review_path), "-o", str(existing)]) == 2
    assert "already exists" in capsys.readouterr().err and existing.read_bytes() == before
    assert main(["align", str(reference_path), str(review_path), "-o", str(existing), "--force",
                 "--language", "en"]) == 0
    assert existing.read_bytes() != before
    copy = tmp_path / "ref.txt"
    copy.write_bytes(reference_path.read_bytes())
    link = tmp_path / "out.json"
    link.symlink_to(copy)
    assert main(["align", str(copy), str(review_path), "-o", str(link), "--force"]) == 2
    assert "reference article" in capsys.readouterr().err
    assert copy.read_bytes() == reference_path.read_bytes()


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(saved: Path) -> None:
    link = saved.parent / "sub" / "via-link.diptych"
    link.symlink_to(saved)
    project = load_project(link)
    project.set_reviewer("Through the link")
    save_project(project, link)
    assert link.is_symlink() and os.readlink(link) == str(saved)
    assert load_project(saved).reviewer == "Through the link"
    assert not any(p.name.endswith(".tmp") for p in saved.parent.rglob("*"))


def test_the_lock_is_the_file_s_whatever_name_opened_it(saved: Path) -> None:
    link = saved.parent / "sub" / "via-link.diptych"
    link.symlink_to(saved)
    first = ProjectLock(saved)
    assert first.acquire() is None
    try:
        second = ProjectLock(link)
        assert second.acquire() == "another window of this Diptych"
        third = ProjectLock(saved.parent / "sub" / ".." / saved.name)
        assert third.acquire() is not None
    finally:
        first.release()


def test_a_killed_save_s_temporary_files_are_swept_on_the_next_save(saved: Path) -> None:
    folder = saved.parent
    dead = folder / f".{saved.name}.abcd1234.tmp"
    dead.write_bytes(b"half a project" * 1000)
    live = folder / f".{saved.name}.live5678.tmp"
    live.write_bytes(b"being written")
    other = folder / ".other.diptych.abcd1234.tmp"
    other.write_bytes(b"another project's")
    holder = os.open(live, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a save that is still running holds its file
    try:
        save_project(load_project(saved), saved)
    finally:
        os.close(holder)
    assert not dead.exists() and live.exists() and other.exists()


def test_a_fifo_or_device_in_place_of_a_project_is_never_written_to(tmp_path: Path) -> None:
    fifo = tmp_path / "p.diptych"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write_bytes(fifo, b"data", special_ok=False)
    with pytest.raises(OSError):  # nobody reads the FIFO: refused at once, not a hang
        atomic_write_bytes(fifo, b"data")
    atomic_write_bytes("/dev/null", b"data")  # a device asked for on purpose is written to
