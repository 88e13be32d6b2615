"""Shared helpers for sync tests: a profile store with an account on a real test server
(a plugin of tests/conftest.py).

``sync_env`` runs a test against Dovecot; a test marked ``@pytest.mark.server_identity`` runs
against Cyrus IMAP too (the second real server: same-second UIDVALIDITYs, MAILBOXIDs, the
``INBOX.`` namespace with ``.`` as separator, its own BODYSTRUCTURE, CONDSTORE/QRESYNC and
IDLE). Folder names in tests are Dovecot-style (``"Customers/Hamburg"``);
``env.server.mailbox(name)`` gives the wire name for raw commands and
``env.server.shown_name(name)`` what the cache holds.

The rule for ``server_identity`` (the Cyrus run costs as much as the Dovecot one): mark a test
when what it checks depends on how the server behaves: folder identity (renames, deletes,
MAILBOXID, the namespace prefix), UIDVALIDITY, UID/MODSEQ and VANISHED behaviour (flag
changes, expunges, CHANGEDSINCE, the sync planner's paths), how replayed operations land
(MOVE, COPY, STORE, deleted or renamed target folders), what the server makes of messages
(BODYSTRUCTURE, sections, partial bodies, the imaptest corpus) and IDLE notifications. Leave
it off when the test checks the client's own logic over any server: crash and kill points,
injected faults, the sync child and its wire, workers, cancel, re-derivation of old caches,
body reuse, sync phases and indexing, sender checks, TLS. ``@pytest.mark.dovecot_only``
(a test that needs ``reset_uidvalidity``, ``crash`` or ``doveadm``) keeps Cyrus out even when
marked ``server_identity``.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from client.store import Account, FolderRecord, IncomingMessage, Store
from client.store.derive import header_columns
from tests.conftest import unique_user_name
from tests.servers.cyrus import CyrusServer
from tests.servers.dovecot import DovecotServer, MailUser

ImapTestServer = DovecotServer | CyrusServer

_numbers = itertools.count(1)


@dataclass
class SyncEnv:
    """A cache file with one account pointing at ``user`` on ``server``."""

    server: ImapTestServer
    user: MailUser
    store_path: Path
    account: Account

    @property
    def password(self) -> str:
        return self.user.password

    def open(self) -> Store:
        return Store.open(self.store_path)


def add_account(store_path: Path, server: ImapTestServer, user: MailUser, *,
                port: int | None = None) -> Account:
    with Store.open(store_path) as store:
        return store.add_account(
            user.email,
            imap_host=server.host,
            imap_port=port or server.imaps_port,
            security="ssl",
            username=user.username,
            ca_file=str(server.ca_file),
        )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``sync_env`` with the servers the test runs on (see the module docstring)."""
    if "sync_env" not in metafunc.fixturenames:
        return
    servers = ["dovecot"]
    node = metafunc.definition
    if node.get_closest_marker("server_identity") and not node.get_closest_marker("dovecot_only"):
        servers.append("cyrus")
    metafunc.parametrize(
        "sync_env", [pytest.param(name, marks=getattr(pytest.mark, name)) for name in servers],
        indirect=True)


@pytest.fixture
def sync_env(request: pytest.FixtureRequest, profile_dir: Path) -> SyncEnv:
    """An account with a fresh user on the server ``pytest_generate_tests`` chose."""
    server: ImapTestServer = request.getfixturevalue(request.param)
    user = server.add_user(unique_user_name(request), secrets.token_urlsafe(12))
    store_path = profile_dir / "tradewind.db"
    return SyncEnv(server, user, store_path, add_account(store_path, server, user))


def make_message(n: int, *, size: int = 0, subject: str | None = None,
                 message_id: str | None = None) -> bytes:
    """A small RFC 822 message; ``size`` pads the body to about that many bytes."""
    body = f"Hello {n}, the quotation for order {n} is attached.\r\n"
    if size > len(body):
        line = ("0123456789abcdef" * 4 + "\r\n")
        body += line * ((size - len(body)) // len(line) + 1)
    msgid = message_id or f"<msg-{n}-{next(_numbers)}@example.net>"
    return (
        f"From: Buyer {n} <buyer{n}@example.net>\r\n"
        f"To: rep@example.test\r\n"
        f"Subject: {subject or f'Order {n}'}\r\n"
        f"Message-ID: {msgid}\r\n"
        f"Date: Mon, 2 Nov 2026 10:{n % 60:02d}:00 +0000\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    ).encode()


def cache_snapshot(store_path: Path, account_id: int) -> set[tuple[str, int, str, tuple[str, ...], str]]:
    """(folder, uid, message-id, flags, body sha256) of every server-backed cached message."""
    with Store.open(store_path) as store:
        rows = store.conn.execute(
            "SELECT f.name, m.uid, coalesce(m.message_id, ''), m.flags_json, b.raw, m.body_state "
            "FROM messages m JOIN folders f ON f.id = m.folder_id "
            "LEFT JOIN bodies b ON b.message_id = m.id WHERE m.account_id = ? "
            "AND m.uid IS NOT NULL",
            (account_id,),
        ).fetchall()
    import json

    return {
        (name, int(uid), msgid, tuple(json.loads(flags)),
         hashlib.sha256(bytes(raw or b"")).hexdigest() + ":" + state)
        for name, uid, msgid, flags, raw, state in rows
    }


def server_snapshot(server: ImapTestServer, user: MailUser) -> set[tuple[str, int, str]]:
    """(folder as the client shows it, uid, body sha256) of every message on the server, read
    with an admin client."""
    import re

    out: set[tuple[str, int, str]] = set()
    with server.imap_admin(user) as imap:
        typ, listing = imap.list()
        names = []
        for line in listing:
            if isinstance(line, tuple):  # the name came as a literal
                names.append(line[1].decode())
                continue
            text = line.decode() if isinstance(line, bytes) else str(line)
            name = re.sub(r'^\([^)]*\) (NIL|"(?:[^"\\]|\\.)*") ', "", text)
            if name.startswith('"'):
                name = re.sub(r"\\(.)", r"\1", name[1:-1])
            names.append(name)
        for name in names:
            quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
            typ, _ = imap.select(quoted, readonly=True)
            if typ != "OK":
                continue
            typ, data = imap.uid("FETCH", "1:*", "(UID BODY.PEEK[])")
            for item in data:
                if isinstance(item, tuple):
                    uid = int(re.search(rb"UID (\d+)", item[0]).group(1))  # type: ignore[union-attr]
                    out.add((server.shown_name_of_raw(name), uid,
                             hashlib.sha256(item[1]).hexdigest()))
    return out


def store_with_messages(path: Path, count: int, *, listed_only: int = 0) -> None:
    """A cache at ``path`` with one INBOX: ``count`` messages with bodies (Chinese subjects),
    then ``listed_only`` rows listed from their headers only (``body_state='none'``)."""
    with Store.open(path) as store:
        account = store.add_account("rep@example.test")
        folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        batch = [IncomingMessage(uid=n + 1, raw=make_message(n, subject=f"集装箱 报价 {n}"))
                 for n in range(count)]
        store.insert_messages(folder.id, batch, count)
        if listed_only:
            heads = [IncomingMessage(uid=count + n + 1, raw=b"", body_state="none",
                                     headers=header_columns(make_message(count + n)))
                     for n in range(listed_only)]
            store.insert_messages(folder.id, heads, count + listed_only)
