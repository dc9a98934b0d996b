"""Fetching a web page for import, without letting a URL reach inside our network (SSRF).

`fetch_page(url)` does a GET with:
- http and https only, no credentials in the URL;
- every host resolved first and refused if ANY of its addresses is not a public unicast
  address (loopback, private, link-local — the cloud metadata service at 169.254.169.254 —,
  shared, reserved, multicast, unspecified; IPv4-mapped IPv6 included). The connection then
  goes to the address that was checked, so a DNS answer that changes between the check and
  the connection (rebinding) cannot redirect it;
- the same check on every redirect, at most settings.ARTICLE_FETCH_MAX_REDIRECTS of them;
- a timeout per socket operation and an overall deadline (settings.ARTICLE_FETCH_TIMEOUT)
  after which the connection is cut, however slowly the server keeps sending;
- a size cap (settings.ARTICLE_FETCH_MAX_BYTES), enforced on the bytes read, not on what
  the server declares;
- no proxy from the environment, no cookies, no compressed transfer (Accept-Encoding:
  identity).
Hosts in settings.ARTICLE_FETCH_ALLOWED_HOSTS skip the address check (the tests use it for
their local server; a newsroom may list an intranet CMS).
Every refusal is a ValidationError on the field "url" whose message says what was refused.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

URL_SCHEME = "Only http:// and https:// addresses can be fetched."
URL_INVALID = "Enter a complete web address, such as https://example.org/story."
URL_CREDENTIALS = "Addresses with a user name or password cannot be fetched."
HOST_UNKNOWN = "The host {host} could not be found."
HOST_REFUSED = (
    "{host} is a private, loopback, link-local or otherwise internal address ({address}): "
    "pages are only fetched from the public internet."
)
TOO_MANY_REDIRECTS = "The page redirected more than {limit} times."
REDIRECT_WITHOUT_LOCATION = "The site answered with a redirect but no address to go to."
TIMED_OUT = "{host} did not send the page within {seconds} seconds."
TOO_LARGE = "The page is larger than {limit}, the largest accepted."
HTTP_ERROR = "The site answered {status} {reason}."
NOT_A_PAGE = "The address is not a web page ({content_type})."
UNKNOWN_ENCODING = "The site sent the page compressed ({encoding}); it could not be read."
CONNECTION_FAILED = "Could not fetch the page from {host}: {error}."

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"url": message})


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the address asked for
    final_url: str  # where the page was, after redirects
    content_type: str
    text: str


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked IP the connection goes to


def _getaddrinfo(host: str, port: int) -> list:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def _connect(address: str, port: int, timeout: float | None) -> socket.socket:
    return socket.create_connection((address, port), timeout)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _allowed_hosts() -> set[str]:
    return {host.lower().strip("[]") for host in settings.ARTICLE_FETCH_ALLOWED_HOSTS}


def resolve_target(url: str) -> _Target:
    """Parse `url` and resolve its host; refuse anything but a public http(s) address."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise _refuse(URL_INVALID) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _refuse(URL_SCHEME)
    if parts.username is not None or parts.password is not None:
        raise _refuse(URL_CREDENTIALS)
    host = (parts.hostname or "").lower()
    if not host:
        raise _refuse(URL_INVALID)
    scheme = parts.scheme.lower()
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = _getaddrinfo(host, port)
    except (socket.gaierror, UnicodeError):
        raise _refuse(HOST_UNKNOWN.format(host=host)) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise _refuse(HOST_UNKNOWN.format(host=host))
    if host not in _allowed_hosts():
        for address in addresses:
            if not _is_public(address):
                raise _refuse(HOST_REFUSED.format(host=host, address=address))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _Target(scheme, host, port, path, str(addresses[0]))


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand (the Host header keeps the name)."""

    def __init__(self, target: _Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = _connect(self.address, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: _Target, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self.address = target.address

    def connect(self) -> None:
        sock = _connect(self.address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _headers(target: _Target) -> dict[str, str]:
    return {
        "Host": target.host if target.port in (80, 443) else f"{target.host}:{target.port}",
        "User-Agent": f"Factcheck article import (+{settings.SITE_URL})",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }


def _read_body(response: http.client.HTTPResponse, host: str, deadline: float) -> bytes:
    limit = settings.ARTICLE_FETCH_MAX_BYTES
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _refuse(TOO_LARGE.format(limit=filesizeformat(limit)))
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise _refuse(TOO_LARGE.format(limit=filesizeformat(limit)))
        if time.monotonic() > deadline:
            raise _refuse(TIMED_OUT.format(host=host, seconds=settings.ARTICLE_FETCH_TIMEOUT))
        chunks.append(chunk)
    if time.monotonic() >= deadline:  # the watchdog cut the body short
        raise _refuse(TIMED_OUT.format(host=host, seconds=settings.ARTICLE_FETCH_TIMEOUT))
    return b"".join(chunks)


def decode_page(data: bytes, charset: str | None) -> str:
    """The page as text: the declared charset, else a <meta charset>, else UTF-8/cp1252."""
    candidates = [charset] if charset else []
    if match := _META_CHARSET.search(data[:4096]):
        candidates.append(match.group(1).decode("ascii"))
    for name in candidates:
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _content_type(response: http.client.HTTPResponse) -> tuple[str, str | None]:
    message = response.msg
    return message.get_content_type(), message.get_content_charset()


def _open(target: _Target, deadline: float) -> http.client.HTTPConnection:
    remaining = max(0.1, deadline - time.monotonic())
    timeout = min(remaining, float(settings.ARTICLE_FETCH_TIMEOUT))
    conn_class = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    return conn_class(target, timeout)


def _abort(connection: http.client.HTTPConnection) -> None:
    """At the deadline: cut the connection, so a server that sends a byte now and then (each
    read within the socket timeout) cannot hold the request open."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def fetch_page(url: str) -> FetchedPage:
    """GET `url` safely (see the module docstring); the page's text, decoded."""
    deadline = time.monotonic() + settings.ARTICLE_FETCH_TIMEOUT
    current = url.strip()
    for _hop in range(settings.ARTICLE_FETCH_MAX_REDIRECTS + 1):
        target = resolve_target(current)
        connection = _open(target, deadline)
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _abort, [connection])
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request("GET", target.path, headers=_headers(target))
            response = connection.getresponse()
            if time.monotonic() >= deadline:  # the watchdog cut the headers short
                raise TimeoutError
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise _refuse(REDIRECT_WITHOUT_LOCATION)
                current = urljoin(current, location.strip())
                continue
            return _page(url, current, response, target.host, deadline)
        except (OSError, http.client.HTTPException) as error:
            if isinstance(error, TimeoutError) or time.monotonic() >= deadline:
                seconds = settings.ARTICLE_FETCH_TIMEOUT
                raise _refuse(TIMED_OUT.format(host=target.host, seconds=seconds)) from None
            reason = getattr(error, "reason", None) or error.__class__.__name__
            raise _refuse(CONNECTION_FAILED.format(host=target.host, error=reason)) from None
        finally:
            watchdog.cancel()
            connection.close()
    raise _refuse(TOO_MANY_REDIRECTS.format(limit=settings.ARTICLE_FETCH_MAX_REDIRECTS))


def _page(
    url: str, final: str, response: http.client.HTTPResponse, host: str, deadline: float
) -> FetchedPage:
    if not 200 <= response.status < 300:
        raise _refuse(HTTP_ERROR.format(status=response.status, reason=response.reason))
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise _refuse(UNKNOWN_ENCODING.format(encoding=encoding))
    content_type, charset = _content_type(response)
    if content_type not in PAGE_TYPES:
        raise _refuse(NOT_A_PAGE.format(content_type=content_type))
    data = _read_body(response, host, deadline)
    return FetchedPage(
        url=url, final_url=final, content_type=content_type, text=decode_page(data, charset)
    )
