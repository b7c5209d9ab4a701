"""Only regular files are read, and only so much: devices, FIFOs, sockets and folders are refused
before they are opened; Word and PDF limits apply to what they unpack to, before parsing."""

from __future__ import annotations

import io
import json
import os
import socket
import time
import zipfile
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.ingest import InputError, read_document
from diptych.core.limits import MAX_DOCX_PARAGRAPHS, MAX_PDF_PAGES
from diptych.core.project_file import ProjectFileError, ProjectLock, load_project, save_project
from project_helpers import small_project

pytestmark = pytest.mark.timeout(60)


def _special(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    elif kind == "folder":
        path.mkdir()
    elif kind == "device link":
        path.symlink_to("/dev/zero")
    return path


KINDS = {"fifo": "pipe", "socket": "socket", "folder": "folder", "device link": "device"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_article_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    article = _special(tmp_path, kind, "a.txt")
    other = tmp_path / "b.txt"
    other.write_text("One sentence here.\n", encoding="utf-8")
    started = time.monotonic()
    assert main(["align", str(article), str(other)]) == 2
    err = capsys.readouterr().err
    assert KINDS[kind] in err and err.count("\n") == 1 and "Traceback" not in err
    assert time.monotonic() - started < 10


def test_dev_zero_is_refused_as_a_device() -> None:
    with pytest.raises(InputError, match="is a device, not a file"):
        read_document("/dev/zero")


@pytest.mark.parametrize("kind", ["fifo", "socket", "folder", "device link"])
def test_a_project_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = _special(tmp_path, kind, "p.diptych")
    with pytest.raises(ProjectFileError, match=KINDS[kind]):
        load_project(path)
    assert main(["project", "show", str(path)]) == 2
    assert KINDS[kind] in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["fifo", "folder", "device link"])
def test_a_lock_file_that_is_not_a_regular_file_never_hangs_or_is_written(tmp_path: Path, kind: str) -> None:
    project = tmp_path / "p.diptych"
    save_project(small_project(), project)
    lock_path = _special(tmp_path, kind, ".p.diptych.lock")
    lock = ProjectLock(project)
    assert lock.acquire() is None  # never read from, never written into
    if kind == "device link":  # the link is replaced by a lock of our own; the device is not touched
        assert lock.held and not lock_path.is_symlink() and lock_path.is_file()
        lock.release()
    else:  # nothing to lock with, nobody to warn
        assert not lock.held and not lock_path.is_file()


def test_a_lock_file_linked_elsewhere_is_replaced_not_its_target(tmp_path: Path) -> None:
    project = tmp_path / "p.diptych"
    save_project(small_project(), project)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / ".p.diptych.lock").symlink_to(victim)
    lock = ProjectLock(project)
    assert lock.acquire() is None and lock.held
    lock.release()
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_reads_are_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="over the 4 KB limit"):
        read_document(big, max_bytes=4096)
    assert read_document(big, max_bytes=5000).text.startswith("word")


def _docx(extra: dict[str, bytes] | None = None, paragraphs: int = 2, body: bytes | None = None) -> bytes:
    import docx

    d = docx.Document()
    for k in range(paragraphs):
        d.add_paragraph(f"Paragraph {k} of a document.")
    buf = io.BytesIO()
    d.save(buf)
    if not extra and body is None:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            data = body if body is not None and info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx({"word/media/pad.bin": bytes(12 * 1024 * 1024)}))
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    with pytest.raises(InputError, match=r"unpacks to 12\.\d MB, over the 10\.0 MB limit"):
        read_document(bomb, max_bytes=2 * 1024 * 1024)
    assert time.monotonic() - started < 5
    assert "Paragraph 1" in read_document(bomb, max_bytes=3 * 1024 * 1024).text  # within the limit: read


def test_a_docx_with_too_many_paragraphs_is_refused_before_parsing(tmp_path: Path) -> None:
    many = tmp_path / "many.docx"
    plain = _docx()
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        xml = z.read("word/document.xml")
    head, _, tail = xml.partition(b"<w:body>")
    body = head + b"<w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (MAX_DOCX_PARAGRAPHS + 1) + tail
    many.write_bytes(_docx(body=body))
    started = time.monotonic()
    with pytest.raises(InputError, match="paragraphs"):
        read_document(many)
    assert time.monotonic() - started < 5
    ok = tmp_path / "ok.docx"
    ok.write_bytes(_docx(body=head + b"<w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100 + tail))
    assert read_document(ok).text.count("x") == 100


def test_a_broken_zip_named_docx_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable Word"):
        read_document(bad)


def test_a_pdf_over_the_page_limit_is_refused_before_its_text_is_read(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(MAX_PDF_PAGES + 1):
        w.add_blank_page(200, 200)
    path = tmp_path / "pages.pdf"
    with path.open("wb") as f:
        w.write(f)
    with pytest.raises(InputError, match="page limit"):
        read_document(path)


def test_an_autosave_in_the_way_that_is_a_fifo_is_never_offered_or_written(tmp_path: Path) -> None:
    from diptych.core.project_file import find_recovery, write_autosave

    project = tmp_path / "p.diptych"
    save_project(small_project(), project)
    for f in tmp_path.iterdir():
        if f.name.endswith(".autosave"):
            f.unlink()
    fifo = tmp_path / ".p.diptych.autosave"
    os.mkfifo(fifo)
    assert find_recovery(project) is None
    where = write_autosave(small_project(), project)  # falls back to the data folder
    assert where != fifo and json.loads(where.read_bytes())["format"] == "diptych.project"
