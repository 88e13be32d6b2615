"""One bad message never stops a folder (checklist P6, P1): a scripted server answers FETCH for
one message with a hand-written bad response; the rest of the folder must be stored, the bad
one recorded (a placeholder row with the reason) and tried again by the next sync."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client import events
from client.store import Account, Store
from client.sync.engine import sync_account
from tests.client.sync.env import make_message
from tests.servers.scripted_mailbox import MailboxMessage, MailboxScript, ScriptedMailbox

PASSWORD = "scripted-secret"
_DATE = b'INTERNALDATE "01-Jul-2024 10:00:00 +0000"'


def _meta(uid: int, raw: bytes) -> bytes:
    return b"UID %d FLAGS () RFC822.SIZE %d " % (uid, len(raw)) + _DATE


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


def _account(path: Path, server: ScriptedMailbox) -> Account:
    with Store.open(path) as store:
        return store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=server.port,
                                 security="ssl", username="rep", ca_file=server.ca_file)


def _messages(count: int) -> list[MailboxMessage]:
    return [MailboxMessage(uid, make_message(uid, size=2_000)) for uid in range(1, count + 1)]


def _rows(path: Path) -> dict[int, tuple[str, str, list[str]]]:
    """{uid: (body_state, subject, warnings)}"""
    with Store.open(path) as store:
        rows = store.conn.execute(
            "SELECT uid, body_state, subject, warnings_json FROM messages").fetchall()
        bodies = dict(store.conn.execute(
            "SELECT m.uid, b.raw FROM messages m JOIN bodies b ON b.message_id = m.id").fetchall())
    out = {int(uid): (state, subject, json.loads(w)) for uid, state, subject, w in rows}
    for uid, (state, _s, _w) in out.items():
        if state == "full":
            assert uid in bodies
    return out


def _body_only(raw: bytes) -> Callable[[str], bytes | None]:
    """A reply hook that misbehaves only when the body is asked for."""
    def reply(items: str) -> bytes | None:
        return raw if "BODY.PEEK[]" in items else None
    return reply


def _always(raw: bytes) -> Callable[[str], bytes | None]:
    return lambda items: raw


@pytest.mark.parametrize("case", ["unbalanced", "deep-nesting", "nil-envelope"])
def test_an_unreadable_fetch_reply_skips_one_message_and_syncs_the_rest(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path, case: str) -> None:
    messages = _messages(5)
    bad = messages[2]
    if case == "unbalanced":
        reply = b'* 3 FETCH (UID 3 FLAGS ("unbalanced)\r\n'
    elif case == "deep-nesting":
        reply = b"* 3 FETCH (UID 3 FLAGS () RFC822.SIZE " + b"(" * 10_000 + b")" * 10_000 + b")\r\n"
    else:  # an ENVELOPE with NIL where values belong: Tradewind never reads ENVELOPE
        reply = (b"* 3 FETCH (" + _meta(3, bad.raw) + b" ENVELOPE (NIL NIL NIL NIL NIL NIL NIL "
                 b"NIL NIL NIL) BODY[] " + b"{%d}\r\n" % len(bad.raw) + bad.raw + b")\r\n")
    bad.reply = _always(reply)
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert sorted(rows) == [1, 2, 3, 4, 5]
    for uid in (1, 2, 4, 5):
        assert rows[uid][:2] == ("full", f"Order {uid}")
    if case == "nil-envelope":
        assert rows[3][:2] == ("full", "Order 3")
        return
    state, subject, warnings = rows[3]
    assert state == "none" and subject == ""
    assert any("could not be read" in w for w in warnings), warnings
    with Store.open(path) as store:  # what the reader shows for it
        (row_id,) = store.conn.execute("SELECT id FROM messages WHERE uid = 3").fetchone()
        with pytest.raises(KeyError, match="could not be read"):
            store.get_raw(row_id)
    inbox = report.folders[0]
    assert inbox.error is not None and "UID 3" in inbox.error
    again = sync_account(path, account, PASSWORD, connections=0)  # still unreadable
    assert again.status == "ok" and again.folders[0].unreadable.keys() == {3}, again.folders
    assert _rows(path) == rows  # the placeholder stays, nothing else changed


def test_a_skipped_message_is_fetched_again_once_the_server_answers(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = _messages(4)
    messages[1].reply = _body_only(b'* 2 FETCH (UID 2 BODY[] "unterminated)\r\n')
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    sync_account(path, account, PASSWORD, connections=0)
    assert _rows(path)[2][0] == "none"
    messages[1].reply = None  # the server's problem went away
    with Store.open(path) as store:
        (placeholder,) = store.conn.execute("SELECT id FROM messages WHERE uid = 2").fetchone()
    bus = events.EventBus()
    seen: list[events.FolderChanged] = []
    bus.subscribe(lambda event: seen.append(event) if isinstance(event, events.FolderChanged)
                  else None)
    again = sync_account(path, account, PASSWORD, connections=0, bus=bus)
    assert any(placeholder in event.removed for event in seen), seen  # the list drops it
    assert again.status == "ok" and again.folders[0].error is None, again.folders
    rows = _rows(path)
    assert rows[2] == ("full", "Order 2", [])
    with Store.open(path) as store:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone() == (4,)


def test_a_bad_internaldate_keeps_the_message_with_a_warning(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = _messages(4)
    messages[1].internaldate = "32-Foo-99999 99:99:99 +9999"
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert [rows[uid][:2] for uid in (1, 2, 3, 4)] == [
        ("full", f"Order {uid}") for uid in (1, 2, 3, 4)]
    assert any("arrival date" in w for w in rows[2][2]), rows[2]
    with Store.open(path) as store:
        internal = dict(store.conn.execute("SELECT uid, internaldate FROM messages").fetchall())
    assert internal[2] is None and internal[1] is not None


def test_a_bodystructure_with_a_5000_digit_parameter_name_does_not_stop_the_folder(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = [MailboxMessage(uid, make_message(uid, size=30_000 if uid == 2 else 1_000))
                for uid in (1, 2, 3)]
    text_size = len(messages[1].text)
    messages[1].bodystructure = (
        b'("TEXT" "PLAIN" ("CHARSET" "utf-8" "NAME*' + b"9" * 5_000 + b'" "x") NIL NIL "7BIT" '
        + b"%d 1 NIL NIL NIL NIL)" % text_size)
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0, attachment_cap=10_000)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert rows[1][:2] == ("full", "Order 1") and rows[3][:2] == ("full", "Order 3")
    assert rows[2][:2] == ("partial", "Order 2")


def test_a_bodystructure_that_cannot_be_read_skips_only_that_message(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = [MailboxMessage(uid, make_message(uid, size=30_000 if uid == 2 else 1_000))
                for uid in (1, 2, 3)]
    messages[1].bodystructure = b'("TEXT")'  # far too few fields
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0, attachment_cap=10_000)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert rows[1][0] == "full" and rows[3][0] == "full"
    assert rows[2][0] == "none" and any("could not be read" in w for w in rows[2][2])


def test_an_absurd_literal_never_sent_skips_that_message_and_reconnects(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path) -> None:
    messages = _messages(5)
    messages[2].reply = _body_only(
        b"* 3 FETCH (" + _meta(3, messages[2].raw) + b" BODY[] {99999999999}\r\n")
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert [rows[uid][0] for uid in (1, 2, 4, 5)] == ["full"] * 4
    assert rows[3][0] == "none" and any("could not be read" in w for w in rows[3][2])
    assert "UID 3" in (report.folders[0].error or "")
    assert server.connections >= 2  # the refused literal closed the first connection
    from client.cli.sync_cmd import report_json

    [entry] = report_json(account.email, report)["folders"][0]["unreadable"]
    assert entry["uid"] == 3 and "oversized" in entry["reason"]


@pytest.mark.parametrize("mode", ["helpers", "headers-first", "header-child"])
@pytest.mark.parametrize("case", ["unreadable", "absurd-literal"])
def test_bad_replies_on_helper_connections_and_in_the_headers_pass(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path,
        monkeypatch: pytest.MonkeyPatch, mode: str, case: str) -> None:
    from client.sync import folder_sync

    messages = _messages(9)
    bad = messages[4]
    if case == "unreadable":
        head = b'* 5 FETCH (UID 5 FLAGS ("unbalanced)\r\n'
    else:
        head = b"* 5 FETCH (" + _meta(5, bad.raw) + b" BODY[HEADER] {99999999999}\r\n"
    bad.reply = lambda items: (head if case == "unreadable" else head.replace(
        b"BODY[HEADER]", b"BODY[]")) if "BODY.PEEK[" in items else None
    if mode == "helpers":
        monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0)
    else:
        monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    if mode == "header-child":  # the bad reply reaches read_ahead's helper: the session comes back
        from client.sync import header_child

        monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
        monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 3)
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=2 if mode == "helpers" else 0)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert sorted(rows) == list(range(1, 10))
    assert all(rows[uid][:2] == ("full", f"Order {uid}") for uid in rows if uid != 5), rows
    assert rows[5][0] == "none" and any("could not be read" in w for w in rows[5][2]), rows[5]


def test_a_reply_line_over_the_line_limit_skips_that_message_not_the_sync(
        mailbox: Callable[..., ScriptedMailbox], profile_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist P2: the line limit is module-wide and bounded; a line over it closes the
    connection (the stream is out of step), and the sync goes on on a new one."""
    import imaplib

    monkeypatch.setattr(imaplib, "_MAXLINE", 20_000)
    messages = _messages(5)
    keywords = b" ".join(b"$k%05d" % n for n in range(4_000))  # about 28,000 bytes
    messages[2].reply = _body_only(b"* 3 FETCH (UID 3 FLAGS (" + keywords + b"))\r\n")
    server = mailbox(messages)
    path = profile_dir / "tradewind.db"
    account = _account(path, server)
    report = sync_account(path, account, PASSWORD, connections=0)
    assert report.status == "ok", report.error
    rows = _rows(path)
    assert [rows[uid][0] for uid in (1, 2, 4, 5)] == ["full"] * 4
    assert rows[3][0] == "none" and report.folders[0].unreadable.keys() == {3}
