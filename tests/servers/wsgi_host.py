"""Run a WSGI app on 127.0.0.1 in a thread (cheroot), with a byte counter in front.

``WsgiHost(app).start()`` → ``.port``, ``.url``; ``.stop()`` is idempotent. ``CountingApp``
wraps an app and adds every request-body byte the server read to ``bytes_received`` (per
method in ``by_method``), so tests can prove a resumed upload did not re-send finished parts.
``on_read`` (optional) is called with the running total after each read: a test uses it to cut
the line (through a ``FaultProxy``) in the middle of a part.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from cheroot import wsgi

from tests.servers.dovecot import HOST, free_port

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _CountingInput:
    def __init__(self, inner: Any, owner: CountingApp, method: str) -> None:
        self.inner, self.owner, self.method = inner, owner, method

    def _count(self, data: bytes) -> bytes:
        self.owner.add(self.method, len(data))
        return data

    def read(self, *args: Any) -> bytes:
        return self._count(self.inner.read(*args))

    def readline(self, *args: Any) -> bytes:
        return self._count(self.inner.readline(*args))

    def readlines(self, *args: Any) -> list[bytes]:
        return [self._count(line) for line in self.inner.readlines(*args)]

    def __iter__(self) -> Any:
        for line in self.inner:
            yield self._count(line)


class CountingApp:
    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.bytes_received = 0
        self.by_method: dict[str, int] = {}
        self.requests: list[tuple[str, str]] = []
        self.on_read: Callable[[int], None] | None = None

    def add(self, method: str, n: int) -> None:
        with self.lock:
            self.bytes_received += n
            self.by_method[method] = self.by_method.get(method, 0) + n
            total = self.bytes_received
        if self.on_read is not None and n:
            self.on_read(total)

    def reset(self) -> None:
        with self.lock:
            self.bytes_received = 0
            self.by_method.clear()
            self.requests.clear()
        self.on_read = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", ""))
        with self.lock:
            self.requests.append((method, str(environ.get("PATH_INFO", ""))))
        environ["wsgi.input"] = _CountingInput(environ["wsgi.input"], self, method)
        return self.app(environ, start_response)


class WsgiHost:
    def __init__(self, app: WsgiApp, port: int | None = None) -> None:
        self.app = app
        self.port = port or free_port()
        self.server = wsgi.Server((HOST, self.port), app, numthreads=8, timeout=60)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> WsgiHost:
        self.server.prepare()
        self._thread = threading.Thread(target=self.server.serve, daemon=True, name="wsgi-host")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.server.stop()
            self._thread.join(10)
            self._thread = None
