"""Opening articles from the web: a bounded fetch against a server on 127.0.0.1, one line for each
failure, and a snapshot kept in the project so that reopening never fetches again."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from diptych.core.fetch import FetchError, fetch_article, is_url, read_source
from diptych.core.link import LinkCancelled
from diptych.core.project_file import load_project
from web_server import ARTICLE, PARAGRAPHS, Server, serving


@pytest.fixture
def web() -> Iterator[Server]:
    with serving() as s:
        yield s


def _fails(url: str, match: str, **kw: object) -> str:
    kw.setdefault("timeout", 5)  # no fetch of a test waits longer than this
    with pytest.raises(FetchError) as e:
        fetch_article(url, **kw)  # type: ignore[arg-type]
    message = str(e.value)
    assert "\n" not in message and match in message, message
    return message


def test_article_text_without_the_boilerplate_and_its_snapshot(web: Server) -> None:
    f = fetch_article(web.url("/article"), timeout=5)
    for p in PARAGRAPHS:
        assert p in f.document.text
    for junk in ("cookies", "Copyright", "Most read", "Sport"):
        assert junk not in f.document.text
    snap = f.snapshot
    assert snap.url == snap.final_url == web.url("/article") and snap.status == 200
    assert snap.sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert snap.text == f.document.text and snap.html is None
    assert datetime.fromisoformat(snap.retrieved.replace("Z", "+00:00")).tzinfo is not None
    assert f.provenance.url == web.url("/article") and f.provenance.outlet == "City Gazette"
    assert f.provenance.published == ""  # the page states no date, and none is guessed from its text
    web.article = ARTICLE.replace("<title>", '<meta property="article:published_time" content="2025-06-02T08:00:00Z">'
                                             "<title>")
    assert fetch_article(web.url("/article")).provenance.published == "2025-06-02"
    web.article = ARTICLE
    assert f.document.format == "html" and f.document.name == "article"
    kept = fetch_article(web.url("/article"), keep_html=True).snapshot
    assert kept.html == ARTICLE and kept.encoding == "utf-8"


def test_redirects_are_followed_to_the_final_address(web: Server) -> None:
    f = fetch_article(web.url("/moved"))
    assert f.snapshot.url == web.url("/moved") and f.snapshot.final_url == web.url("/article")
    assert web.hits == ["/moved", "/go/article", "/article"]


def test_each_failure_is_one_line_naming_it(web: Server) -> None:
    assert _fails(web.url("/missing"), "HTTP 404 Not Found").startswith(web.url("/missing"))
    _fails(web.url("/loop-a"), "redirect loop")
    _fails(web.url("/chain/0"), "more than 3 redirects", max_redirects=3)
    assert web.hits.count("/chain/0") == 1 and len([h for h in web.hits if h.startswith("/chain/")]) == 4
    _fails(web.url("/binary"), "is not an HTML page (it is application/octet-stream)")
    _fails(web.url("/huge"), "is too big", max_bytes=100_000)
    _fails(web.url("/huge-unsized"), "is too big", max_bytes=100_000)
    _fails(web.url("/empty"), "no article text was found")
    _fails(web.url("/article").replace("http:", "https:"), "TLS error")
    _fails("ftp://127.0.0.1/file.html", "only http and https")
    _fails("http://", "not a web address")


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_slow_page_times_out(web: Server, path: str) -> None:
    began = time.monotonic()
    _fails(web.url(path), "timed out", timeout=0.5)
    assert time.monotonic() - began < 5


def test_a_closed_port_cannot_connect() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _fails(f"http://127.0.0.1:{port}/", "cannot connect", timeout=2)


def test_cancelling_stops_the_download(web: Server) -> None:
    began = time.monotonic()
    asked = []
    with pytest.raises(LinkCancelled):
        fetch_article(web.url("/trickle"), timeout=20, cancelled=lambda: asked.append(1) or len(asked) > 3)
    assert time.monotonic() - began < 5


def test_read_source_tells_addresses_from_files(tmp_path: Path, web: Server) -> None:
    assert is_url("https://example.org/x") and is_url("HTTP://example.org") and not is_url("notes/a.txt")
    (tmp_path / "a.txt").write_text("A file.\n", encoding="utf-8")
    doc, fetched = read_source(str(tmp_path / "a.txt"))
    assert doc.text == "A file.\n" and fetched is None
    doc, fetched = read_source(web.url("/article"))
    assert fetched is not None and doc is fetched.document


def diptych(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diptych", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


def test_url_project_reopens_without_the_network_with_the_same_claims(tmp_path: Path) -> None:
    out = tmp_path / "web.diptych"
    with serving() as web:
        web.article = ARTICLE.replace("seven votes to two", "eight votes to one")
        review_url = web.url("/article")
        done = diptych("project", "create", str(Path(__file__).parent.parent / "resources" / "samples" /
                                                  "reference-003.txt"), review_url, "-o", str(out),
                       "--language", "en", "--keep-html")
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # no progress output when standard error is not a terminal
        hits = len(web.hits)
        first = load_project(out)
        assert len(web.hits) == hits
    second = load_project(out)  # the server is gone: nothing is fetched
    snap = second.articles["right"].snapshot
    assert snap is not None and snap.url == review_url and snap.status == 200
    assert snap.html is not None and "eight votes to one" in snap.html
    assert second.document("right").text == snap.text
    assert "The city council approved the 2025 budget on Tuesday by eight votes to one." in [
        second.claim_text("right", c.id) for c in second.claims("right")]
    assert [(c.start, c.end) for c in second.claims("right")] == [(c.start, c.end) for c in first.claims("right")]
    assert second.articles["right"].provenance.url == review_url
    shown = diptych("project", "show", str(out))
    assert shown.returncode == 0 and "City Gazette" in shown.stdout
    assert (f"fetched {snap.retrieved} from {review_url} (HTTP 200, page sha256 {snap.sha256[:16]}…, HTML kept)"
            in shown.stdout)


def test_command_line_failures_are_one_line_and_exit_2(tmp_path: Path, web: Server) -> None:
    for args in (("align", web.url("/article"), web.url("/missing")),
                 ("project", "create", web.url("/binary"), web.url("/article"), "-o", str(tmp_path / "x.diptych"))):
        done = diptych(*args)
        assert done.returncode == 2 and done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("diptych: error: ")
        assert ("HTTP 404" in lines[0]) or ("not an HTML page" in lines[0])
    assert not (tmp_path / "x.diptych").exists()


def test_align_two_urls(web: Server) -> None:
    import json

    done = diptych("align", web.url("/article"), web.url("/moved"), "--language", "en")
    assert done.returncode == 0, done.stderr
    res = json.loads(done.stdout)
    assert res["right"]["path"] == web.url("/article")
    assert res["left"]["claims"] == res["right"]["claims"] and len(res["right"]["claims"]) > len(PARAGRAPHS)
    same = {(lk["left"], lk["right"]) for lk in res["links"] if lk["score"] > 0.95}
    assert all((j, j) in same for j in range(len(res["right"]["claims"])))


def test_progress_is_shown_only_on_a_terminal(tmp_path: Path, web: Server) -> None:
    import os
    import pty

    master, slave = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "diptych", "align", web.url("/article"), web.url("/article"),
                               "--language", "en", "-o", str(tmp_path / "a.json")], stdout=subprocess.PIPE,
                              stderr=slave, timeout=120)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal is closed once everything was read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert done.returncode == 0
    assert b"Fetching 127.0.0.1" in seen
