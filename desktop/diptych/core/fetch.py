"""Articles from the web: one bounded fetch of an http(s) page, its text extracted by trafilatura,
and a :class:`~diptych.core.project.Snapshot` of what was fetched.

The fetch uses urllib3 with a timeout (for connecting, for each read and for the whole download),
a size limit, a redirect limit and a content-type check; every failure is a one-line
:class:`FetchError` that names the address and what went wrong (``HTTP 404 Not Found``, ``timed
out``, ``not an HTML page``, ``over the size limit``, ``TLS error``, ``redirect loop``). Redirects
are followed here, one hop at a time, so a loop is told apart from a long chain and every hop is
checked to be http(s).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from diptych import __version__
from diptych.core.ingest import InputError, decode_text, extract_html_text, max_bytes_default
from diptych.core.link import LinkCancelled
from diptych.core.project import Project, Provenance, Side, Snapshot
from diptych.core.text import Document, normalise_text

DEFAULT_TIMEOUT = 30.0  # seconds, for connecting, for each read and for the whole page
DEFAULT_MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = f"Diptych/{__version__} (fact-checking; +https://github.com/diptych)"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Progress = Callable[[str, float], None]


class FetchError(InputError):
    """A page that cannot be fetched or read; ``str(err)`` is one line naming the address."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{_short(url)}: {message}")
        self.url = url


@dataclass(frozen=True)
class Fetched:
    """An article read from the web: its document, the snapshot and what its details can say."""

    document: Document
    snapshot: Snapshot
    provenance: Provenance


def is_url(source: str) -> bool:
    """True when ``source`` is written as an address (``scheme://…``) rather than a file name."""
    return bool(_SCHEME.match(source.strip()))


def _short(url: str, limit: int = 120) -> str:
    url = " ".join(url.split())
    return url if len(url) <= limit else url[:limit - 1] + "…"


def _human(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _check_address(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, f"only http and https addresses can be opened, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise FetchError(url, "is not a web address (no host name)")
    return url


def _pool(timeout: float) -> Any:
    import urllib3

    kw: dict[str, Any] = {}
    try:
        import certifi

        kw["ca_certs"] = certifi.where()
    except ImportError:  # pragma: no cover - the system's certificates are used
        pass
    return urllib3.PoolManager(
        num_pools=4, retries=False, timeout=urllib3.Timeout(connect=timeout, read=timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                 "Accept-Encoding": "gzip, deflate"}, cert_reqs="CERT_REQUIRED", **kw)


def _network_error(url: str, e: BaseException, timeout: float) -> FetchError:
    from urllib3 import exceptions as x

    reason = e.reason if isinstance(e, x.MaxRetryError) and e.reason is not None else e
    if isinstance(reason, x.SSLError):
        detail = str(reason.args[0] if reason.args else reason)
        detail = re.sub(r"\s*\(_ssl\.c:\d+\)", "", detail).strip(" ()'\"")
        return FetchError(url, f"TLS error, the secure connection failed ({detail[:140]})")
    # NewConnectionError is a kind of ConnectTimeoutError in urllib3, so it is asked first
    if isinstance(reason, x.NameResolutionError):
        return FetchError(url, "the host name was not found")
    if isinstance(reason, x.NewConnectionError):
        return FetchError(url, "cannot connect (the connection was refused)")
    if isinstance(reason, x.ConnectTimeoutError):
        return FetchError(url, f"timed out connecting (no answer within {timeout:g} s)")
    if isinstance(reason, x.ReadTimeoutError | TimeoutError):
        return FetchError(url, f"timed out (no answer within {timeout:g} s)")
    if isinstance(reason, x.LocationParseError | x.LocationValueError):
        return FetchError(url, "is not a valid web address")
    if isinstance(reason, x.ProtocolError):
        return FetchError(url, "the connection broke off during the download")
    return FetchError(url, f"cannot be fetched ({type(reason).__name__})")


@dataclass(frozen=True)
class Page:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


def fetch_page(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int | None = None,
               max_redirects: int = DEFAULT_MAX_REDIRECTS, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> Page:
    """GET an HTML page: redirects followed (at most ``max_redirects``), at most ``max_bytes``
    read, all within ``timeout`` seconds. Raises :class:`FetchError`, or
    :class:`~diptych.core.link.LinkCancelled` when ``cancelled()`` turns true."""
    from urllib3 import exceptions as x

    start = _check_address(url)
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    progress = progress or (lambda _s, _f: None)
    cancelled = cancelled or (lambda: False)
    deadline = time.monotonic() + timeout
    pool = _pool(timeout)
    seen = [start]
    current = start
    try:
        while True:
            if cancelled():
                raise LinkCancelled()
            host = urlsplit(current).hostname or current
            progress(f"Fetching {host}", 0.0)
            try:
                resp = pool.request("GET", current, preload_content=False, redirect=False, decode_content=True)
            except (x.HTTPError, OSError) as e:
                raise _network_error(current, e, timeout) from None
            try:
                if resp.status in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location")
                    if not location:
                        raise FetchError(current, f"HTTP {resp.status} redirect without a Location")
                    nxt = urljoin(current, location.strip())
                    if nxt in seen:
                        raise FetchError(start, f"redirect loop ({_short(current, 60)} → {_short(nxt, 60)})")
                    if len(seen) > max_redirects:
                        raise FetchError(start, f"more than {max_redirects} redirects")
                    _check_address(nxt)
                    seen.append(nxt)
                    current = nxt
                    continue
                if resp.status >= 400 or resp.status < 200:
                    raise FetchError(current, f"HTTP {resp.status} {resp.reason or ''}".rstrip())
                ctype = resp.headers.get("Content-Type", "")
                mime = ctype.split(";", 1)[0].strip().lower()
                if mime not in HTML_TYPES:
                    raise FetchError(current, f"is not an HTML page (it is {mime or 'of no stated type'})")
                m = re.search(r"charset\s*=\s*\"?([\w.:-]+)", ctype, re.IGNORECASE)
                declared = resp.headers.get("Content-Length", "")
                length = int(declared) if declared.isdigit() else 0
                if length > limit:
                    raise FetchError(current, f"is too big ({_human(length)}, over the {_human(limit)} limit)")
                body = bytearray()
                while True:
                    chunk = resp.read1(65536)  # what has arrived, so a trickling page meets the deadline
                    if not chunk:
                        break
                    body += chunk
                    if len(body) > limit:
                        raise FetchError(current, f"is too big (over the {_human(limit)} limit)")
                    if time.monotonic() > deadline:
                        raise FetchError(current, f"timed out (the page took longer than {timeout:g} s)")
                    if cancelled():
                        raise LinkCancelled()
                    progress(f"Fetching {host}", min(1.0, len(body) / length) if length else 0.5)
                return Page(start, current, resp.status, mime, m.group(1) if m else None, bytes(body))
            except (x.HTTPError, OSError) as e:
                raise _network_error(current, e, timeout) from None
            finally:
                resp.close()  # the connection too: a page is fetched once, nothing is kept open
    finally:
        pool.clear()


def _decode(page: Page) -> tuple[str, str]:
    if page.charset:
        try:
            return page.body.decode(page.charset), page.charset.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(page.body)
    except InputError as e:
        raise FetchError(page.final_url, str(e)) from None


def _metadata(html: str) -> tuple[str, str]:
    """The outlet (site name) and publication date trafilatura finds in the page, if any."""
    try:
        import trafilatura

        # only dates the page states (no guessing from its text: a guessed date is worse than none)
        meta = trafilatura.extract_metadata(html, date_config={"extensive_search": False, "original_date": True})
    except Exception:  # metadata is a convenience
        return "", ""
    if meta is None:
        return "", ""
    return str(meta.sitename or ""), str(meta.date or "")


def fetch_article(url: str, *, keep_html: bool = False, timeout: float = DEFAULT_TIMEOUT,
                  max_bytes: int | None = None, max_redirects: int = DEFAULT_MAX_REDIRECTS,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> Fetched:
    """Fetch a page and extract its article text; the snapshot keeps the page's sha256 (and, with
    ``keep_html``, the page itself)."""
    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects,
                      progress=progress, cancelled=cancelled)
    retrieved = _now()
    html, encoding = _decode(page)
    try:
        text = normalise_text(extract_html_text(html))
    except InputError as e:
        raise FetchError(page.final_url, str(e)) from None
    snapshot = Snapshot(page.url, page.final_url, retrieved, page.status, hashlib.sha256(page.body).hexdigest(),
                        text, html if keep_html else None, encoding)
    outlet, published = _metadata(html)
    provenance = Provenance(url=page.final_url, outlet=outlet, published=published, retrieved=retrieved[:10])
    return Fetched(Document(text, page.final_url, "html", encoding), snapshot, provenance)


def read_source(source: str | Document, max_bytes: int | None = None, *, word_extras: bool = False,
                keep_html: bool = False, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[Document, Fetched | None]:
    """A document from a file name, a web address or an already read document."""
    if isinstance(source, Document):
        return source, None
    if is_url(source):
        fetched = fetch_article(source, keep_html=keep_html, timeout=timeout, max_bytes=max_bytes,
                                progress=progress, cancelled=cancelled)
        return fetched.document, fetched
    from diptych.core.ingest import read_document

    return read_document(source, max_bytes, word_extras=word_extras), None


def attach(project: Project, fetched: dict[Side, Fetched | None]) -> None:
    """Give the articles of a new project the snapshots and details of the pages they came from."""
    for side, f in fetched.items():
        if f is None:
            continue
        art = project.articles[side]
        pv = art.provenance
        art.provenance = replace(pv, url=pv.url or f.provenance.url, outlet=pv.outlet or f.provenance.outlet,
                                 published=pv.published or f.provenance.published,
                                 retrieved=pv.retrieved or f.provenance.retrieved)
        art.snapshot = f.snapshot
