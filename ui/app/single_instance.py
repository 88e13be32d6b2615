"""One Tradewind app per profile: a second launch hands its targets to the running one.

The running app listens on a `QLocalServer` named from a hash of the profile's resolved path
(`server_name`; user-only access). `hand_over(profile, targets)` is what a second launch does
first: it connects, sends one JSON line `{"open": [targets]}` and waits for `ok`: HANDED means
the running app took them (raise its window, open each target) and this process exits without
a window; NO_APP that none runs; UNRESPONSIVE that one holds the name but did not answer (it
is busy or hung: the caller says so rather than start a second app). It needs no QApplication (blocking socket calls), so the CLI side starts no GUI.
`InstanceServer(profile)` emits `received(list)` on the GUI thread for each hand-over; input
is bounded (64 KB a connection, 32 targets, 8 KB each) and anything else is dropped. GUI
thread only, except `server_name` (pure).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MAX_MESSAGE = 64 * 1024
MAX_TARGETS = 32
MAX_TARGET_CHARS = 8 * 1024
CONNECT_TIMEOUT_MS = 2000  # a failure bound: no answer means no running app to hand over to
REPLY_TIMEOUT_MS = 10_000


def server_name(profile: Path) -> str:
    """The local server's name for `profile` (same for every spelling of the same folder)."""
    try:
        resolved = str(profile.expanduser().resolve())
    except OSError:
        resolved = str(profile.expanduser().absolute())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"tradewind-{digest}"


HANDED, NO_APP, UNRESPONSIVE = "handed", "no-app", "unresponsive"


def hand_over(profile: Path, targets: list[str]) -> str:
    """Give `targets` (maybe none: just show the window) to the app running on `profile`;
    returns HANDED, NO_APP or UNRESPONSIVE."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(profile))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return NO_APP
    message = json.dumps({"open": list(targets)}).encode() + b"\n"
    socket.write(message)
    if not socket.waitForBytesWritten(REPLY_TIMEOUT_MS):
        socket.abort()
        return UNRESPONSIVE
    reply = b""
    while b"\n" not in reply and socket.waitForReadyRead(REPLY_TIMEOUT_MS):
        reply += bytes(socket.readAll().data())
    socket.abort()
    return HANDED if reply.startswith(b"ok") else UNRESPONSIVE


def parse_message(data: bytes) -> list[str] | None:
    """The targets of one hand-over line, or None when it is not one (pure)."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    targets = document.get("open") if isinstance(document, dict) else None
    if not isinstance(targets, list) or len(targets) > MAX_TARGETS:
        return None
    if not all(isinstance(t, str) and len(t) <= MAX_TARGET_CHARS for t in targets):
        return None
    return list(targets)


class InstanceServer(QObject):
    """Listens for hand-overs; `listening` is False when another app already serves the
    profile (then this one should not start) or the name cannot be taken."""

    received = Signal(list)

    def __init__(self, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(profile)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        # With user-only access Qt replaces an existing socket file, so ask first whether an
        # app answers there; a file nobody answers on was left by a crashed app.
        self.listening = False
        if not _answers(self.name):
            QLocalServer.removeServer(self.name)
            self.listening = self.server.listen(self.name)

    def close(self) -> None:
        """Stop listening. Idempotent."""
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            self._buffers.pop(socket, None)
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        targets = parse_message(data.split(b"\n", 1)[0])
        socket.write(b"ok\n" if targets is not None else b"refused\n")
        socket.flush()
        socket.disconnectFromServer()
        if targets is not None:
            self.received.emit(targets)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(CONNECT_TIMEOUT_MS)
    probe.abort()
    return alive
