"""A local HTTP server for URL-import tests: the fixture news pages, redirects and refusals.

Only 127.0.0.1 is ever contacted. Routes:
  /pages/<name>.html        a fixture page (tests/fixtures/news/pages), text/html; charset=utf-8
  /redirect/<n>/<name>.html  n redirects (302) before the page
  /redirect-to?url=<url>    one redirect to any address (to probe the redirect checks)
  /loop                     redirects to itself forever
  /slow                     sends headers, then nothing for 30 s
  /drip                     a byte every 0.4 s (each read is quick; the whole is too slow)
  /drip-headers             the same, one header line at a time
  /big                      an endless page without Content-Length
  /declared-big             declares 50 MB
  /image.png  /gzip  /missing  /plain.txt  /latin1  /empty  /no-location
"""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).resolve().parent / "fixtures" / "news" / "pages"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    requests: list[dict] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        if "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        type(self).requests.append({"path": self.path, "host": self.headers.get("Host")})
        if path.startswith("/pages/"):
            page = PAGES / Path(path).name
            if page.suffix == ".html" and page.is_file():
                return self._send(200, page.read_bytes())
            return self._send(404, b"not found")
        if path.startswith("/redirect/"):
            _, _, count, name = path.split("/", 3)
            remaining = int(count) - 1
            target = f"/pages/{name}" if remaining <= 0 else f"/redirect/{remaining}/{name}"
            return self._send(302, headers={"Location": target})
        if path == "/redirect-to":
            return self._send(302, headers={"Location": query["url"][0]})
        if path == "/loop":
            return self._send(301, headers={"Location": "/loop"})
        if path == "/no-location":
            return self._send(302)
        if path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            time.sleep(30)
            return None
        if path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for n in range(100):
                self.wfile.write(f"X-Slow-{n}: x\r\n".encode())
                self.wfile.flush()
                time.sleep(0.4)
            return None
        if path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>x</p>")
                self.wfile.flush()
                time.sleep(0.4)
            return None
        if path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"word " * 2000 + b"</p>"
            for _ in range(2000):
                self.wfile.write(chunk)
            return None
        if path == "/declared-big":
            return self._send(200, b"<p>small</p>", {"Content-Length": str(50 * 1024 * 1024)})
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"})
        if path == "/gzip":
            body = gzip.compress(b"<p>compressed</p>")
            return self._send(200, body, {"Content-Encoding": "gzip"})
        if path == "/plain.txt":
            body = b"Plain headline\n\nFirst paragraph of a plain text story."
            return self._send(200, body, {"Content-Type": "text/plain; charset=utf-8"})
        if path == "/latin1":
            body = ("<html><head><title>Caf\u00e9 news</title></head><body><article><p>"
                    + "Le caf\u00e9 du coin a rouvert ses portes apr\u00e8s des travaux. " * 8
                    + "</p></article></body></html>").encode("latin-1")  # fmt: skip
            return self._send(200, body, {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == "/empty":
            return self._send(200, b"<html><body><script>app()</script><img src=x></body></html>")
        return self._send(404, b"<p>missing</p>")


class NewsServer:
    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def requests(self) -> list[dict]:
        return _Handler.requests

    def __enter__(self) -> NewsServer:
        _Handler.requests = []
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
