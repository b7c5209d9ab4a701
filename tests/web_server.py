"""A small web server on 127.0.0.1 for the fetch tests: an article with boilerplate around it,
redirects, a redirect loop, a 404, a binary file, a huge page, a slow and a trickling page."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = [
    "The city council approved the 2025 budget on Tuesday by seven votes to two.",
    "The mayor said the new budget would fund three additional bus lines across the northern districts.",
    "Opposition members criticised the plan, saying it raised property taxes by four percent.",
    "The budget takes effect on the first of January and will be reviewed again in June.",
]

ARTICLE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Council approves budget</title>"
           "<meta property=\"og:site_name\" content=\"City Gazette\"></head><body>"
           "<nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | <a href=\"/sport\">Sport</a></nav>"
           "<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>"
           "<article><h1>Council approves budget</h1>"
           + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
           + "</article><aside>Most read: Local team wins the cup</aside>"
           "<footer>Copyright 2025 City Gazette. All rights reserved.</footer></body></html>")


class Server:
    def __init__(self) -> None:
        self.stop = threading.Event()
        self.hits: list[str] = []
        self.article = ARTICLE
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.hits.append(self.path)
                path = self.path
                if path == "/article":
                    self._send(200, server.article.encode("utf-8"))
                elif path == "/moved":
                    self._send(301, headers={"Location": "/go/article"})
                elif path == "/go/article":
                    self._send(302, headers={"Location": "/article"})
                elif path in ("/loop-a", "/loop-b"):
                    self._send(302, headers={"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
                elif path.startswith("/chain/"):
                    n = int(path.rsplit("/", 1)[1])
                    self._send(302, headers={"Location": f"/chain/{n + 1}"})
                elif path == "/binary":
                    self._send(200, bytes(range(256)) * 64, "application/octet-stream")
                elif path == "/huge":
                    self._send(200, b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>")
                elif path == "/huge-unsized":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        for _ in range(400):
                            self.wfile.write(b"<p>" + b"word " * 2000 + b"</p>")
                    except OSError:
                        pass
                elif path == "/slow":
                    server.stop.wait(10)
                    self._send(200, server.article.encode("utf-8"))
                elif path == "/trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        while not server.stop.is_set():
                            self.wfile.write(b"<p>a little more </p>")
                            self.wfile.flush()
                            time.sleep(0.05)
                    except OSError:
                        pass
                elif path == "/empty":
                    self._send(200, b"<html><head><title>Photos</title></head><body><img src=\"a.jpg\"></body></html>")
                else:
                    self._send(404, b"<html><body>Not here</body></html>")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serving() -> Iterator[Server]:
    s = Server()
    s.thread.start()
    try:
        yield s
    finally:
        s.stop.set()
        s.httpd.shutdown()
        s.httpd.server_close()
        s.thread.join(5)
