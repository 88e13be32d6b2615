"""A small HTTP/1.1 client on the standard library's `http.client`, for the WebDAV provider.

Why not requests here: a plain WebDAV upload is one PUT of the whole file, and the file's
bytes should go from the page cache to the socket without passing through Python
(`os.sendfile`: zero-copy on Linux and macOS; on Windows and over TLS one reused 1 MiB
buffer and `sendall`); requests/urllib3 send a body chunk by chunk from Python and cost
0.15 s of import before the first byte. What requests gave us is kept: Basic auth, keep-alive,
the system's proxy settings (`urllib.request.getproxies`, the same source requests reads;
HTTPS through a `CONNECT` tunnel, proxy credentials from the proxy URL), certificates verified
against certifi's bundle (or `REQUESTS_CA_BUNDLE` / `CURL_CA_BUNDLE`, as requests does).
Redirects are not followed (a 3xx is a `PermanentError` naming the status).

Contract: `PlainHttp(base_url, user, password)`; `request(method, url, what=, headers=)` and
`put_file(url, handle, size, what=, on_sent=)` return a `Reply(status, reason, headers)`
(the body is read and dropped) and raise only `TransientError` (a refused or dropped line, a
timeout) or `PermanentError` (an untrusted certificate; `FileShorter` when the file ends
before `size` bytes were sent); the status is the caller's to check
(`client.uploads.statuses.raise_for`). Messages name the host, never a path. One thread per
instance; every call blocks on the network; `close()` is idempotent.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import socket
import ssl
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from client.i18n import _
from client.uploads.provider import PermanentError, TransientError
from client.uploads.statuses import host_of

CONNECT_TIMEOUT = 15.0  # seconds to open the connection
READ_TIMEOUT = 120.0  # seconds without progress on an open connection
SEND_SLICE = 8 * 1024 * 1024  # bytes per sendfile call: one progress report each
COPY_BUFFER = 1024 * 1024  # the reused buffer where sendfile cannot be used


class FileShorter(PermanentError):
    """The file ended before the announced number of bytes was sent."""


@dataclass(frozen=True)
class Reply:
    """A server's answer; `headers` is case-insensitive (`http.client.HTTPMessage`)."""

    status: int
    reason: str
    headers: Message


def _basic(user: str, password: str) -> str:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return "Basic " + token


def _tls_context() -> ssl.SSLContext:
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if not bundle:
        try:
            import certifi

            bundle = certifi.where()
        except ImportError:  # the system's store
            bundle = None
    return ssl.create_default_context(cafile=bundle)


def _send_body(sock: socket.socket, handle: BinaryIO, size: int,
               on_sent: Callable[[int], None]) -> None:
    """Send `size` bytes of `handle` from its start: `os.sendfile` on a clear-text socket where
    the system has it (no copy through Python); else (TLS, Windows, where `socket.sendfile`
    would fall back to 8 KiB reads) `readinto` one reused `COPY_BUFFER` and `sendall`."""
    sent = 0
    zero_copy = hasattr(os, "sendfile") and not isinstance(sock, ssl.SSLSocket)
    buffer = None if zero_copy else memoryview(bytearray(COPY_BUFFER))
    handle.seek(0)
    while sent < size:
        want = min(SEND_SLICE, size - sent)
        if buffer is None:
            n = sock.sendfile(handle, sent, want)
        else:
            n = handle.readinto(buffer[:min(COPY_BUFFER, want)]) or 0  # type: ignore[attr-defined]
            if n:
                sock.sendall(buffer[:n])
        if n <= 0:
            name = os.path.basename(str(getattr(handle, "name", "")))
            raise FileShorter(_("The file {name} became shorter while it was uploaded.",
                                name=name))
        sent += n
        on_sent(n)


class PlainHttp:
    def __init__(self, base_url: str, user: str, password: str) -> None:
        parts = urlsplit(base_url)
        self.scheme = parts.scheme.lower()
        self.host_name = parts.hostname or ""
        self.port = parts.port or (443 if self.scheme == "https" else 80)
        self.host = host_of(base_url)
        self.headers = {"Authorization": _basic(user, password), "User-Agent": "Tradewind"}
        self.proxy: tuple[str, int] | None = None
        self.proxy_headers: dict[str, str] = {}
        proxy = self._proxy_url()
        if proxy:
            p = urlsplit(proxy if "://" in proxy else "http://" + proxy)
            self.proxy = (p.hostname or "", p.port or 8080)
            if p.username:
                self.proxy_headers["Proxy-Authorization"] = _basic(
                    unquote(p.username), unquote(p.password or ""))
        self._conn: http.client.HTTPConnection | None = None

    def _proxy_url(self) -> str | None:
        proxies = urllib.request.getproxies()
        url = proxies.get(self.scheme) or proxies.get("all")
        if not url or urllib.request.proxy_bypass(self.host_name):
            return None
        return url

    # ------------------------------------------------------------------ connection
    def _connect(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection
        host, port = self.proxy or (self.host_name, self.port)
        if self.scheme == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=CONNECT_TIMEOUT,
                                               context=_tls_context())
            if self.proxy:
                conn.set_tunnel(self.host_name, self.port, headers=self.proxy_headers)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=CONNECT_TIMEOUT)
        conn.connect()
        assert conn.sock is not None
        conn.sock.settimeout(READ_TIMEOUT)
        return conn

    def _target(self, url: str) -> str:
        """The request target: the path, or the absolute URL through a plain HTTP proxy."""
        parts = urlsplit(url)
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        if self.proxy and self.scheme == "http":
            netloc = parts.netloc.rpartition("@")[2]
            return urlunsplit((parts.scheme, netloc, quote(parts.path or "/", safe="/%:@"),
                               parts.query, ""))
        return path

    def _all_headers(self, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = dict(self.headers)
        if self.proxy and self.scheme == "http":
            headers.update(self.proxy_headers)
        headers.update(extra or {})
        return headers

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @contextlib.contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        """Map network exceptions inside the block to the typed errors; close on any error."""
        try:
            yield
        except FileShorter:
            self.close()
            raise
        except ssl.SSLCertVerificationError:
            self.close()
            raise PermanentError(_("{what} failed: the certificate of {host} is not trusted.",
                                   what=what, host=self.host)) from None
        except TimeoutError:
            self.close()
            raise TransientError(_("{what} failed: {host} did not answer in time.", what=what,
                                   host=self.host)) from None
        except (OSError, http.client.HTTPException):
            self.close()
            raise TransientError(
                _("{what} failed: the connection to {host} was refused or dropped.", what=what,
                  host=self.host)
            ) from None

    def _answer(self, conn: http.client.HTTPConnection) -> Reply:
        response = conn.getresponse()
        response.read()
        if response.will_close:
            self.close()
        return Reply(response.status, response.reason or "", response.headers)

    # ------------------------------------------------------------------ requests
    def request(self, method: str, url: str, *, what: str,
                headers: Mapping[str, str] | None = None) -> Reply:
        """A request without a body. A kept-alive connection the server closed meanwhile is
        reopened once (these requests are idempotent)."""
        with self._guard(what):
            for attempt in (1, 2):
                reused = self._conn is not None
                conn = self._conn or self._connect()
                self._conn = conn
                try:
                    conn.request(method, self._target(url), headers=self._all_headers(headers))
                    return self._answer(conn)
                except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                    self.close()
                    if not reused or attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def put_file(self, url: str, handle: BinaryIO, size: int, *, what: str,
                 on_sent: Callable[[int], None], headers: Mapping[str, str] | None = None) -> Reply:
        """PUT `size` bytes of `handle` from its start with a Content-Length, on a new
        connection (`_send_body`; `on_sent(n)` after each slice).
        A server that answers before the body is complete (401, 413, 507) and drops the line
        gives its answer, not a network error."""
        self.close()
        with self._guard(what):
            conn = self._conn = self._connect()
            conn.putrequest("PUT", self._target(url), skip_accept_encoding=True)
            for name, value in self._all_headers(headers).items():
                conn.putheader(name, value)
            conn.putheader("Content-Length", str(size))
            conn.endheaders()
            sock = conn.sock
            assert sock is not None
            try:
                _send_body(sock, handle, size, on_sent)
            except (BrokenPipeError, ConnectionResetError):
                try:
                    return self._answer(conn)  # the server's early answer, if it gave one
                except (OSError, http.client.HTTPException):
                    pass
                raise
            return self._answer(conn)

    def put_chunks(self, url: str, chunks: Iterable[bytes], size: int, *, what: str,
                   headers: Mapping[str, str] | None = None) -> Reply:
        """PUT a body given as chunks (their total is `size`), on a new connection."""
        self.close()
        with self._guard(what):
            conn = self._conn = self._connect()
            all_headers = {**self._all_headers(headers), "Content-Length": str(size)}
            conn.request("PUT", self._target(url), body=iter(chunks), headers=all_headers)
            return self._answer(conn)
