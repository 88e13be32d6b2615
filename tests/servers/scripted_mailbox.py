"""A scripted one-folder IMAP mailbox on 127.0.0.1 (implicit TLS) for the fetch-path tests.

``ScriptedMailbox(messages).start(tmp_dir)`` serves INBOX holding ``MailboxMessage``s well
enough for ``sync_account`` and ``ImapSession``: CAPABILITY, LOGIN, LIST, STATUS,
EXAMINE/SELECT, UID FETCH (UID FLAGS RFC822.SIZE INTERNALDATE BODYSTRUCTURE ENVELOPE,
BODY.PEEK[], BODY.PEEK[HEADER], BODY.PEEK[HEADER.FIELDS (...)], BODY.PEEK[n]), UID SEARCH,
SEARCH, UID STORE, NOOP, LOGOUT; anything else is answered OK with no data.

The misbehaviour is scripted per message: ``reply(items) -> bytes | None`` may replace that
message's whole FETCH response (``items`` is the item list the client asked for, upper case)
with hand-written bytes: a bad INTERNALDATE, 10,000 parentheses, a literal announced and never
sent. ``bodystructure`` and ``envelope`` give the raw text of those items. ``exists``,
``uidnext`` and ``search_reply`` override what SELECT/STATUS/SEARCH announce, so a test can play
a server that claims EXISTS 4294967295. A reply that hangs up (``hangup=True`` on the message)
closes the connection right after it. ``fetches`` records every UID FETCH line; ``connections``
counts the logins. Each connection is served on its own thread; ``stop()`` ends them.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.servers.scripted_imap import Script, ScriptedImapServer

_ITEM = re.compile(r"BODY\.PEEK\[[^\]]*\](?:<[^>]*>)?|BODY\[[^\]]*\]|[A-Z0-9.]+")


@dataclass
class MailboxMessage:
    uid: int
    raw: bytes
    flags: tuple[str, ...] = ()
    internaldate: str = "01-Jul-2024 10:00:00 +0000"
    bodystructure: bytes | None = None
    envelope: bytes | None = None
    reply: Callable[[str], bytes | None] | None = None
    hangup: bool = False

    @property
    def header(self) -> bytes:
        end = self.raw.find(b"\r\n\r\n")
        return self.raw if end < 0 else self.raw[: end + 4]

    @property
    def text(self) -> bytes:
        end = self.raw.find(b"\r\n\r\n")
        return b"" if end < 0 else self.raw[end + 4:]


@dataclass
class MailboxScript:
    capabilities: str = "IMAP4rev1 UIDPLUS"
    uidvalidity: int = 77
    exists: int | None = None  # None: the real count
    uidnext: int | None = None  # None: max UID + 1
    search_reply: bytes | None = None  # raw "* SEARCH ..." / "* ESEARCH ..." line(s)
    extra: dict[str, bytes] = field(default_factory=dict)  # command → raw untagged lines


def literal(data: bytes) -> bytes:
    return b"{%d}\r\n" % len(data) + data


class ScriptedMailbox(ScriptedImapServer):
    """See the module docstring."""

    def __init__(self, messages: list[MailboxMessage], script: MailboxScript | None = None) -> None:
        self.mailbox = script or MailboxScript()
        super().__init__(Script(implicit_tls=True, tls_capabilities=self.mailbox.capabilities))
        self.messages = sorted(messages, key=lambda m: m.uid)
        self.fetches: list[str] = []
        self.connections = 0

    # -- what the mailbox announces ---------------------------------------------------------

    def _exists(self) -> int:
        return self.mailbox.exists if self.mailbox.exists is not None else len(self.messages)

    def _uidnext(self) -> int:
        if self.mailbox.uidnext is not None:
            return self.mailbox.uidnext
        return (self.messages[-1].uid + 1) if self.messages else 1

    def _select_lines(self) -> bytes:
        return (b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                b"* %d EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY %d] ok\r\n"
                b"* OK [UIDNEXT %d] ok\r\n" % (self._exists(), self.mailbox.uidvalidity,
                                                 self._uidnext()))

    # -- serving ----------------------------------------------------------------------------

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        sock = self._server_context().wrap_socket(conn, server_side=True)
        reader = sock.makefile("rb")
        sock.sendall(b"* OK scripted mailbox ready\r\n")
        while not self._stop.is_set():
            line = reader.readline(1 << 20)
            if not line:
                return
            line = line.rstrip(b"\r\n")
            with self._lock:
                self.received.append(line)
            parts = line.split(b" ", 2)
            if len(parts) < 2:
                continue
            tag, name = parts[0], parts[1].decode("ascii", "replace").upper()
            rest = parts[2].decode("utf-8", "replace") if len(parts) > 2 else ""
            done = tag + b" OK " + name.encode() + b" done\r\n"
            if name == "CAPABILITY":
                sock.sendall(b"* CAPABILITY " + self.mailbox.capabilities.encode() + b"\r\n" + done)
            elif name in ("LOGIN", "AUTHENTICATE"):
                self.connections += 1
                sock.sendall(tag + b" OK logged in\r\n")
            elif name == "LOGOUT":
                sock.sendall(b"* BYE bye\r\n" + tag + b" OK bye\r\n")
                return
            elif name == "LIST":
                sock.sendall(b'* LIST (\\HasNoChildren) "/" "INBOX"\r\n' + done)
            elif name == "STATUS":
                sock.sendall(b'* STATUS "INBOX" (MESSAGES %d UIDNEXT %d UIDVALIDITY %d UNSEEN 0)\r\n'
                             % (self._exists(), self._uidnext(), self.mailbox.uidvalidity) + done)
            elif name in ("SELECT", "EXAMINE"):
                sock.sendall(self._select_lines() + done)
            elif name == "SEARCH":
                sock.sendall(b"* SEARCH\r\n" + done)
            elif name == "UID":
                if not self._uid_command(sock, tag, rest):
                    return
            else:
                sock.sendall(self.mailbox.extra.get(name, b"") + done)

    def _uid_command(self, sock: socket.socket, tag: bytes, rest: str) -> bool:
        verb, _, args = rest.partition(" ")
        verb = verb.upper()
        if verb == "SEARCH":
            reply = self.mailbox.search_reply
            if reply is None:
                reply = b"* SEARCH " + b" ".join(b"%d" % m.uid for m in self.messages) + b"\r\n"
            sock.sendall(reply + tag + b" OK SEARCH done\r\n")
            return True
        if verb != "FETCH":
            sock.sendall(tag + b" OK " + verb.encode() + b" done\r\n")
            return True
        with self._lock:
            self.fetches.append(args)
        uid_set, _, items = args.partition(" ")
        wanted = _ITEM.findall(items.upper())
        chosen = self._pick(uid_set)
        for msn, message in chosen:
            custom = message.reply(items.upper()) if message.reply is not None else None
            sock.sendall(custom if custom is not None else self._fetch_reply(msn, message, wanted))
            if message.hangup and custom is not None:
                return False
        sock.sendall(tag + b" OK FETCH done\r\n")
        return True

    def _pick(self, uid_set: str) -> list[tuple[int, MailboxMessage]]:
        top = self.messages[-1].uid if self.messages else 0
        ranges = []
        for piece in uid_set.split(","):
            lo, _, hi = piece.partition(":")
            a = top if lo == "*" else int(lo)
            b = a if not hi else (top if hi == "*" else int(hi))
            ranges.append((min(a, b), max(a, b)))
        return [(i + 1, m) for i, m in enumerate(self.messages)
                if any(a <= m.uid <= b for a, b in ranges)]

    def _fetch_reply(self, msn: int, m: MailboxMessage, wanted: list[str]) -> bytes:
        out: list[bytes] = []
        for item in wanted:
            if item == "UID":
                out.append(b"UID %d" % m.uid)
            elif item == "FLAGS":
                out.append(b"FLAGS (" + " ".join(m.flags).encode() + b")")
            elif item == "RFC822.SIZE":
                out.append(b"RFC822.SIZE %d" % len(m.raw))
            elif item == "INTERNALDATE":
                out.append(b'INTERNALDATE "' + m.internaldate.encode() + b'"')
            elif item == "MODSEQ":
                out.append(b"MODSEQ (1)")
            elif item == "BODYSTRUCTURE":
                out.append(b"BODYSTRUCTURE " + (m.bodystructure or (
                    b'("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" %d 1 NIL NIL NIL NIL)'
                    % len(m.text))))
            elif item == "ENVELOPE":
                out.append(b"ENVELOPE " + (m.envelope or b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"))
            elif item.startswith("BODY"):
                section = item[item.index("[") + 1: item.index("]")]
                if section == "":
                    data = m.raw
                elif section == "HEADER":
                    data = m.header
                elif section.startswith("HEADER.FIELDS"):
                    names = section[section.index("(") + 1: section.index(")")].split()
                    lines = [ln for ln in m.header.split(b"\r\n")
                             if ln.split(b":")[0].decode("ascii", "replace").upper() in names]
                    data = b"".join(ln + b"\r\n" for ln in lines) + b"\r\n"
                else:
                    data = m.text
                out.append(b"BODY[" + section.encode() + b"] " + literal(data))
        return b"* %d FETCH (" % msn + b" ".join(out) + b")\r\n"
