"""A loopback TCP proxy that injects network faults: "server gone mid-sync" and friends.

Usage::

    proxy = FaultProxy(dovecot.imaps_port).start()     # or the make_fault_proxy fixture
    connect the client under test to (proxy.host, proxy.port)   # TLS passes through untouched
    proxy.cut_after_downstream(5000)   # the next 5000 server->client bytes pass, then every
                                       # connection is closed (mid-literal if you like)
    proxy.cut_now(reset=True)          # close every open connection now (RST instead of FIN)
    proxy.refuse_new = True            # new connections are accepted and closed at once
    proxy.pause(); proxy.resume()      # stop / restart forwarding (a stalled server)
    proxy.rewrite_downstream(b" STARTTLS", b"")           # tamper with plaintext server lines
    proxy.inject_after_downstream(b"OK Begin TLS", b"* CAPABILITY X\\r\\n")   # EAST-style injection

Counters: ``bytes_down`` (server->client), ``bytes_up`` (client->server), ``connections``
(accepted), ``cuts`` (connections closed by a fault), ``upstream_bytes()`` (everything the client
sent, all connections concatenated: assert e.g. that no LOGIN went out before STARTTLS).
``wait_cut(timeout)`` waits for an armed cut to happen.  All methods are thread-safe; ``stop()`` is
idempotent.  Listens on 127.0.0.1 only.
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections.abc import Callable

HOST = "127.0.0.1"
_POLL_S = 0.05
_CHUNK = 65536


class _Link:
    """One proxied connection: client socket, upstream socket, and a close request."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self.close_requested = False
        self.reset = False
        self.fired_cut = False  # this link used up the downstream budget
        self.cut_peers: list[_Link] = []  # the links that this link's cut closed
        self.closed = threading.Event()


class FaultProxy:
    """Forwards 127.0.0.1:``port`` to 127.0.0.1:``upstream_port`` with injectable faults."""

    def __init__(
        self, upstream_port: int, upstream_host: str = HOST, source_host: str | None = None
    ) -> None:
        """``source_host`` (e.g. ``"127.0.0.2"``) is the loopback address the proxy connects from;
        Dovecot counts a connection whose source equals its own address as secure, so through
        a proxy with another source it sends LOGINDISABLED before STARTTLS like a real server."""
        self.host = HOST
        self.source = (source_host, 0) if source_host else None
        self.port = 0
        self.upstream = (upstream_host, upstream_port)
        self.refuse_new = False
        self.bytes_down = 0
        self.bytes_up = 0
        self.connections = 0
        self.cuts = 0
        self._lock = threading.Lock()
        self._links: list[_Link] = []
        self._threads: list[threading.Thread] = []
        self._sent_up = bytearray()
        self._down_budget: int | None = None
        self._rewrites: list[tuple[bytes, bytes]] = []
        self._inject: tuple[bytes, bytes] | None = None
        self._cut_done = threading.Event()
        self._flowing = threading.Event()
        self._flowing.set()
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FaultProxy:
        """Bind a free port on 127.0.0.1 and start accepting.  Returns self."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, 0))
        listener.listen(16)
        listener.settimeout(_POLL_S)
        self._listener = listener
        self.port = int(listener.getsockname()[1])
        self._spawn(self._accept_loop, "faultproxy-accept")
        return self

    def stop(self) -> None:
        """Close the listener and every connection, join all threads.  Idempotent."""
        self._stopping.set()
        self._flowing.set()
        self._request_close(reset=False)
        for thread in list(self._threads):
            thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ faults

    def cut_after_downstream(self, n_bytes: int) -> None:
        """Let exactly ``n_bytes`` more server->client bytes through, then close every open
        connection (the cut fires once; later traffic flows normally)."""
        if n_bytes < 0:
            raise ValueError("n_bytes must be >= 0")
        with self._lock:
            self._cut_done.clear()
            self._down_budget = n_bytes

    def cut_now(self, reset: bool = False, timeout: float = 5.0) -> int:
        """Close every open connection (RST if ``reset``), wait until they are closed, and return
        how many were cut."""
        links = self._request_close(reset=reset)
        for link in links:
            link.closed.wait(timeout)
        self._cut_done.set()
        return len(links)

    def wait_cut(self, timeout: float = 10.0) -> bool:
        """True once an armed or explicit cut has happened."""
        return self._cut_done.wait(timeout)

    def rewrite_downstream(self, old: bytes, new: bytes) -> None:
        """Replace ``old`` with ``new`` in every later server->client chunk (plaintext only,
        e.g. strip ``b" STARTTLS"`` from a capability list).  A match split across two TCP reads
        is missed, so use it on short lines such as greetings and CAPABILITY."""
        with self._lock:
            self._rewrites.append((old, new))

    def inject_after_downstream(self, marker: bytes, extra: bytes) -> None:
        """Once: insert ``extra`` right after the server line that contains ``marker``, e.g.
        ``inject_after_downstream(b"OK Begin TLS", b"* CAPABILITY IMAP4rev1\\r\\n")``."""
        with self._lock:
            self._inject = (marker, extra)

    def pause(self) -> None:
        """Stop forwarding in both directions (connections stay open)."""
        self._flowing.clear()

    def resume(self) -> None:
        """Forward again after ``pause``."""
        self._flowing.set()

    def upstream_bytes(self) -> bytes:
        """Every byte the clients sent upstream so far (all connections, in arrival order)."""
        with self._lock:
            return bytes(self._sent_up)

    @property
    def open_connections(self) -> int:
        with self._lock:
            return sum(1 for link in self._links if not link.closed.is_set())

    # ------------------------------------------------------------ internals

    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _request_close(self, reset: bool) -> list[_Link]:
        with self._lock:
            links = [link for link in self._links if not link.closed.is_set()]
            for link in links:
                link.reset = reset
                link.close_requested = True
        return links

    def _accept_loop(self) -> None:
        assert self._listener is not None
        listener = self._listener
        while not self._stopping.is_set():
            try:
                client, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                refuse = self.refuse_new
            if refuse:
                _close(client, reset=True)
                with self._lock:
                    self.cuts += 1
                continue
            try:
                upstream = socket.create_connection(
                    self.upstream, timeout=10, source_address=self.source
                )
            except OSError:
                _close(client, reset=True)
                continue
            link = _Link(client, upstream)
            with self._lock:
                self._links.append(link)
            self._spawn(self._pump, "faultproxy-pump", link)

    def _pump(self, link: _Link) -> None:
        selector = selectors.DefaultSelector()
        link.client.setblocking(False)
        link.upstream.setblocking(False)
        selector.register(link.client, selectors.EVENT_READ, "up")
        selector.register(link.upstream, selectors.EVENT_READ, "down")
        try:
            while not link.close_requested:
                if not self._flowing.wait(_POLL_S):
                    continue
                for key, _mask in selector.select(_POLL_S):
                    if not self._forward(link, key.data):
                        return
        finally:
            selector.close()
            cut = link.close_requested
            _close(link.client, reset=link.reset)
            _close(link.upstream, reset=link.reset)
            with self._lock:
                if cut and not self._stopping.is_set():
                    self.cuts += 1
                self._links.remove(link)
            link.closed.set()
            if link.fired_cut:
                for other in link.cut_peers:
                    if other is not link:
                        other.closed.wait(2)
                self._cut_done.set()

    def _forward(self, link: _Link, direction: str) -> bool:
        """Move one chunk; False when the connection is finished (EOF, error or cut)."""
        src, dst = (link.client, link.upstream) if direction == "up" else (link.upstream, link.client)
        try:
            data = src.recv(_CHUNK)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not data:
            return False
        cut_here = False
        with self._lock:
            if direction == "down":
                data = self._tamper(data)
            if direction == "up":
                self.bytes_up += len(data)
                self._sent_up += data
            elif self._down_budget is not None:
                if len(data) >= self._down_budget:
                    data = data[: self._down_budget]
                    self._down_budget = None
                    cut_here = True
                else:
                    self._down_budget -= len(data)
            if direction == "down":
                self.bytes_down += len(data)
        if data and not _send_all(dst, data):
            return False
        if cut_here:
            link.cut_peers = self._request_close(reset=False)
            link.close_requested = True
            link.fired_cut = True
            return False
        return True


    def _tamper(self, data: bytes) -> bytes:
        """Apply rewrites and a pending injection to one downstream chunk (lock held)."""
        for old, new in self._rewrites:
            data = data.replace(old, new)
        if self._inject is not None:
            marker, extra = self._inject
            at = data.find(marker)
            if at >= 0:
                line_end = data.find(b"\n", at + len(marker))
                cut = len(data) if line_end < 0 else line_end + 1
                data = data[:cut] + extra + data[cut:]
                self._inject = None
        return data


def _send_all(sock: socket.socket, data: bytes) -> bool:
    view = memoryview(data)
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_WRITE)
    try:
        while view:
            try:
                sent = sock.send(view)
            except BlockingIOError:
                selector.select(_POLL_S)
                continue
            except OSError:
                return False
            view = view[sent:]
        return True
    finally:
        selector.close()


def _close(sock: socket.socket, reset: bool) -> None:
    try:
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
