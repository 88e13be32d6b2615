"""IDLE (RFC 2177) on the selected folder of an ``ImapSession``: wait until the server reports
a change or the timeout passes, then DONE. Split from ``session.py`` (one concern: waiting).
Called only through ``ImapSession.idle`` on the session's owning thread; raises like the
session (``ProtocolError`` when the server refuses IDLE, ``ServerUnavailable`` on a cut line).
"""

from __future__ import annotations

import select as select_module
import ssl
import time
from typing import TYPE_CHECKING, Any

from client.i18n import _
from client.imap.connection import server_text
from client.imap.errors import ProtocolError
from client.imap.transport import has_buffered_input

if TYPE_CHECKING:
    from client.imap.session import ImapSession

_IDLE_EVENTS = ("EXISTS", "EXPUNGE", "FETCH", "VANISHED")


def idle_for_changes(session: ImapSession, timeout: float) -> list[str]:
    """IDLE on the selected folder until the server reports EXISTS/EXPUNGE/FETCH/VANISHED or
    ``timeout`` seconds pass, then DONE. Returns the untagged lines seen (empty on timeout).
    Callers loop and should re-issue well before 29 minutes. Without IDLE support it waits
    with NOOP semantics: sleeps ``timeout`` and returns NOOP's lines."""
    if not session.has("IDLE"):
        time.sleep(max(0.0, timeout))
        return session.noop_lines()
    lines: list[str] = []
    client = session._client
    with session.guard():
        tag = client._command("IDLE")
        while True:
            resp = client._get_response()
            if resp is None:
                break
            if client.tagged_commands.get(tag) is not None:
                typ, data = client.tagged_commands.pop(tag)
                raise ProtocolError(_("The server refused IDLE: {detail}",
                                      detail=server_text(data)))
            lines.append(resp.decode("utf-8", "replace"))
        deadline = time.monotonic() + max(0.0, timeout)
        while not any(_is_event(line) for line in lines):
            if not _wait_readable(client, deadline):
                break
            resp = client._get_response()
            if resp is not None:
                lines.append(resp.decode("utf-8", "replace"))
        client.send(b"DONE\r\n")
        while client.tagged_commands.get(tag) is None:
            resp = client._get_response()
            if resp is not None and client.tagged_commands.get(tag) is None:
                lines.append(resp.decode("utf-8", "replace"))
        client.tagged_commands.pop(tag)
        session._drop_expunge_noise()
    return [line for line in lines if line.startswith("*")]

def _wait_readable(client: Any, deadline: float) -> bool:
    sock = client.sock
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    if has_buffered_input(client):
        return True
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    ready, _w, _x = select_module.select([sock], [], [], remaining)
    return bool(ready)


def _is_event(line: str) -> bool:
    parts = line.split()
    return len(parts) >= 3 and parts[0] == "*" and parts[2].upper() in _IDLE_EVENTS or (
        len(parts) >= 2 and parts[0] == "*" and parts[1].upper() == "VANISHED")
