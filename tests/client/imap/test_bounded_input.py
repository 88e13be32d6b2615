"""What a short server line can make the client allocate (checklist P1, P2): the literal cap
counts a whole message's reply, a literal is held once, UID sets are bounded by EXISTS, and
impossible STATUS numbers are refused. Against the scripted mailbox server."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.imap import Endpoint, ImapSession, OversizedResponse, ProtocolError
from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import make_message
from tests.servers.scripted_mailbox import MailboxMessage, MailboxScript, ScriptedMailbox, literal

PASSWORD = "scripted-secret"
_META = b'FLAGS () RFC822.SIZE %d INTERNALDATE "01-Jul-2024 10:00:00 +0000"'


@pytest.fixture
def mailbox(tmp_path: Path) -> Iterator[Callable[..., ScriptedMailbox]]:
    started: list[ScriptedMailbox] = []

    def factory(messages: list[MailboxMessage], script: MailboxScript | None = None) -> ScriptedMailbox:
        server = ScriptedMailbox(messages, script).start(str(tmp_path))
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()


def _session(server: ScriptedMailbox) -> ImapSession:
    endpoint = Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file, timeout=20)
    return ImapSession.connect(endpoint, "rep", PASSWORD)


def _reply(raw: bytes) -> Callable[[str], bytes | None]:
    return lambda items: raw if "BODY.PEEK[" in items else None


def test_the_literal_cap_counts_every_literal_of_one_message(
        mailbox: Callable[..., ScriptedMailbox]) -> None:
    header, body = b"H" * 600, b"B" * 600
    two_literals = (b"* 1 FETCH (UID 1 " + _META % 600 + b" BODY[HEADER] " + literal(header)
                    + b" BODY[] " + literal(body) + b")\r\n")
    one_literal = (b"* 2 FETCH (UID 2 " + _META % 600 + b" BODY[] " + literal(body) + b")\r\n")
    server = mailbox([MailboxMessage(1, body, reply=_reply(two_literals)),
                      MailboxMessage(2, body, reply=_reply(one_literal))])
    session = _session(server)
    session._client.max_literal = 1000  # each literal fits, the message does not
    session.select("INBOX")
    assert [m.uid for m, _raw in session.fetch_raw([2])] == [2]  # counted afresh per reply
    with pytest.raises(OversizedResponse) as info:
        list(session.fetch_raw([1]))
    assert info.value.uid == 1 and "UID 1" in str(info.value)
    assert session.is_broken
    session.logout()


def test_a_large_literal_is_held_once_in_memory(mailbox: Callable[..., ScriptedMailbox]) -> None:
    size = 24 * 1024 * 1024
    raw = b"Subject: big\r\n\r\n" + b"x" * (size - 16)
    reply = b"* 1 FETCH (UID 1 " + _META % size + b" BODY[] " + literal(raw) + b")\r\n"
    server = mailbox([MailboxMessage(1, b"", reply=_reply(reply))])
    session = _session(server)
    session.select("INBOX")
    tracemalloc.start()
    try:
        got = list(session.fetch_raw([1]))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got[0][1] == raw
    assert peak < 1.4 * size, f"peak {peak / size:.2f} times the literal"
    session.logout()


def test_an_absurd_literal_is_refused_before_allocation(
        mailbox: Callable[..., ScriptedMailbox]) -> None:
    reply = b"* 1 FETCH (UID 1 " + _META % 10 + b" BODY[] {99999999999}\r\n"
    server = mailbox([MailboxMessage(1, b"x" * 10, reply=_reply(reply), hangup=True)])
    session = _session(server)
    session.select("INBOX")
    tracemalloc.start()
    try:
        with pytest.raises(OversizedResponse) as info:
            list(session.fetch_raw([1]))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.uid == 1
    assert peak < 4 * 1024 * 1024
    session.logout()


@pytest.mark.parametrize("capabilities, reply", [
    ("IMAP4rev1 ESEARCH", b'* ESEARCH (TAG "x") UID ALL 1:1000\r\n'),
    ("IMAP4rev1", b"* SEARCH " + b" ".join(b"%d" % n for n in range(1, 1001)) + b"\r\n"),
], ids=["esearch", "search"])
def test_a_uid_list_longer_than_exists_is_refused(
        mailbox: Callable[..., ScriptedMailbox], capabilities: str, reply: bytes) -> None:
    messages = [MailboxMessage(uid, make_message(uid)) for uid in (1, 2, 3)]
    server = mailbox(messages, MailboxScript(capabilities=capabilities, search_reply=reply))
    session = _session(server)
    assert session.select("INBOX").messages == 3
    with pytest.raises(ProtocolError, match="cannot read"):
        session.uids()
    session.noop()  # the session is still usable
    session.logout()


def test_a_huge_uid_range_is_refused_by_arithmetic_not_by_building_it(
        mailbox: Callable[..., ScriptedMailbox]) -> None:
    script = MailboxScript(capabilities="IMAP4rev1 ESEARCH", exists=4294967295,
                           search_reply=b'* ESEARCH (TAG "x") UID ALL 1:4294967295\r\n')
    server = mailbox([MailboxMessage(1, make_message(1))], script)
    session = _session(server)
    session.select("INBOX")
    tracemalloc.start()
    try:
        with pytest.raises(ProtocolError):
            session.uids()
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    session.logout()


def test_more_fetch_replies_than_exists_are_refused(
        mailbox: Callable[..., ScriptedMailbox]) -> None:
    messages = [MailboxMessage(uid, make_message(uid)) for uid in range(1, 201)]
    server = mailbox(messages, MailboxScript(exists=2))
    session = _session(server)
    session.select("INBOX")
    with pytest.raises(ProtocolError, match="more messages"):
        session.fetch_meta("1:*")
    session.logout()


@pytest.mark.parametrize("script", [
    MailboxScript(uidnext=10**25), MailboxScript(uidnext=4294967296),
    MailboxScript(uidvalidity=0), MailboxScript(exists=2**40),
], ids=["uidnext-25-digits", "uidnext-over-32-bit", "uidvalidity-zero", "exists-over-32-bit"])
def test_impossible_status_numbers_fail_the_folder_in_words(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path, script: MailboxScript) -> None:
    server = mailbox([MailboxMessage(1, make_message(1))], script)
    path = profile_dir / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1",
                                    imap_port=server.port, security="ssl", username="rep",
                                    ca_file=server.ca_file)
    report = sync_account(path, account, PASSWORD, connections=0)
    assert report.error is None or "Traceback" not in report.error
    [inbox] = report.folders
    assert inbox.error is not None
    assert "impossible" in inbox.error or "cannot read" in inbox.error
    with Store.open(path) as store:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone() == (0,)


def test_exists_4294967295_syncs_the_real_messages_without_giant_sets(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = [MailboxMessage(uid, make_message(uid)) for uid in (1, 2, 3)]
    server = mailbox(messages, MailboxScript(exists=4294967295, uidnext=4294967295))
    path = profile_dir / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1",
                                    imap_port=server.port, security="ssl", username="rep",
                                    ca_file=server.ca_file)
    for _ in range(2):
        report = sync_account(path, account, PASSWORD, connections=0)
        assert report.status == "ok" and report.folders[0].error is None, report
    with Store.open(path) as store:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone() == (3,)
    assert all(len(line) < 200 for line in server.fetches), server.fetches
