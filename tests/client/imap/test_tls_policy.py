"""TLS policy against a scripted, misbehaving server (checklist T1–T5, T9, T12, P1)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.imap import (
    AuthenticationError,
    Endpoint,
    ImapSession,
    ProtocolError,
    ServerUnavailable,
)
from tests.servers.scripted_imap import Script, ScriptedImapServer

PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def scripted(tmp_path: Path) -> Iterator[Callable[[Script], ScriptedImapServer]]:
    started: list[ScriptedImapServer] = []

    def factory(script: Script) -> ScriptedImapServer:
        server = ScriptedImapServer(script).start(str(tmp_path))
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()


def _starttls_endpoint(server: ScriptedImapServer, timeout: float = 10.0) -> Endpoint:
    return Endpoint("127.0.0.1", server.port, "starttls", ca_file=server.ca_file, timeout=timeout)


def _assert_no_login(server: ScriptedImapServer) -> None:
    commands = server.commands()
    for forbidden in ("LOGIN", "AUTHENTICATE", "SELECT", "EXAMINE", "LIST"):
        assert forbidden not in commands, commands
    assert not any(PASSWORD.encode() in line for line in server.received)


def test_starttls_happy_path_reaches_login_only_after_tls(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script())
    with ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD) as session:
        assert "AUTH=PLAIN" in session.capabilities
    commands = server.commands()
    login_at = [i for i, name in enumerate(commands) if name in ("LOGIN", "AUTHENTICATE")]
    assert login_at and commands.index("STARTTLS") < login_at[0]


@pytest.mark.parametrize("reply", ["NO not today", "BAD what", "+ go ahead"])
def test_starttls_refused_never_falls_back(scripted: Callable[..., ScriptedImapServer], reply: str) -> None:
    server = scripted(Script(starttls_reply=reply, capabilities="IMAP4rev1 STARTTLS"))
    with pytest.raises(ProtocolError):
        ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD)
    _assert_no_login(server)


def test_starttls_not_advertised(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(capabilities="IMAP4rev1 AUTH=PLAIN"))
    with pytest.raises(ProtocolError, match="does not offer STARTTLS"):
        ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD)
    _assert_no_login(server)
    assert "STARTTLS" not in server.commands()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_preauth_greeting_is_refused(scripted: Callable[..., ScriptedImapServer], security: str) -> None:
    server = scripted(Script(greeting=b"* PREAUTH welcome, no need to log in",
                             implicit_tls=security == "ssl", capabilities="IMAP4rev1 STARTTLS",
                             tls_capabilities="IMAP4rev1"))
    endpoint = Endpoint("127.0.0.1", server.port, security, ca_file=server.ca_file)  # type: ignore[arg-type]
    with pytest.raises(ProtocolError, match="PREAUTH"):
        ImapSession.connect(endpoint, "rep", PASSWORD)
    _assert_no_login(server)


def test_bytes_injected_after_begin_tls_are_rejected(scripted: Callable[..., ScriptedImapServer]) -> None:
    injected = b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA1 OK injected\r\n"
    server = scripted(Script(inject_after_starttls=injected))
    with pytest.raises(ProtocolError, match="unexpected data"):
        ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD)
    _assert_no_login(server)


def test_capabilities_learned_before_tls_are_discarded(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(capabilities="IMAP4rev1 STARTTLS X-PLAINTEXT-ONLY",
                             tls_capabilities="IMAP4rev1 AUTH=PLAIN X-AFTER-TLS"))
    with ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD) as session:
        assert "X-AFTER-TLS" in session.capabilities
        assert "X-PLAINTEXT-ONLY" not in session.capabilities


def test_referral_is_not_followed(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(
        implicit_tls=True, tls_capabilities="IMAP4rev1",
        login_reply="NO [REFERRAL imap://rep@attacker.invalid/] try elsewhere"))
    endpoint = Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file)
    with pytest.raises(AuthenticationError) as info:
        ImapSession.connect(endpoint, "rep", PASSWORD)
    assert "attacker" not in str(info.value)


def test_silent_server_times_out(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(silent=True))
    with pytest.raises(ServerUnavailable):
        ImapSession.connect(_starttls_endpoint(server, timeout=0.5), "rep", PASSWORD)


def test_absurd_literal_is_refused_without_allocating(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(
        implicit_tls=True, tls_capabilities="IMAP4rev1",
        responses={"LIST": b'* LIST () "/" {2147483648}\r\n'}))
    endpoint = Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file, timeout=5)
    session = ImapSession.connect(endpoint, "rep", PASSWORD)
    with pytest.raises(ProtocolError, match="oversized"):
        session.list_folders()
    with pytest.raises(ServerUnavailable):
        session.noop()
    session.logout()


def test_connection_refused_is_server_unavailable(scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script())
    port = server.port
    server.stop()
    with pytest.raises(ServerUnavailable):
        ImapSession.connect(Endpoint("127.0.0.1", port, "ssl", timeout=2), "rep", PASSWORD)


def test_client_identifies_itself_after_login_when_id_is_offered(
        scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(implicit_tls=True, tls_capabilities="IMAP4rev1 ID"))
    endpoint = Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file)
    ImapSession.connect(endpoint, "rep", PASSWORD).logout()
    commands = server.commands()
    assert commands.index("LOGIN") < commands.index("ID")
    id_line = next(line for line in server.received if line.split()[1:2] == [b"ID"])
    assert b"Tradewind" in id_line and b"rep" not in id_line


def test_bytes_injected_in_a_later_packet_break_the_handshake(
        scripted: Callable[..., ScriptedImapServer]) -> None:
    injected = b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA1 OK injected\r\n"
    server = scripted(Script(inject_after_starttls=injected, inject_delay=0.3))
    with pytest.raises(ProtocolError):
        ImapSession.connect(_starttls_endpoint(server), "rep", PASSWORD)
    _assert_no_login(server)


_SELECTED = b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n"
_FETCH_HEAD = b'* 1 FETCH (UID 1 FLAGS () RFC822.SIZE 100 INTERNALDATE "01-Jul-2024 10:00:00 +0000" BODY[] '


def test_line_dropped_inside_a_literal_yields_no_partial_message(
        scripted: Callable[..., ScriptedImapServer]) -> None:
    server = scripted(Script(
        implicit_tls=True, tls_capabilities="IMAP4rev1",
        responses={"EXAMINE": _SELECTED, "UID": _FETCH_HEAD + b"{100}\r\nonly ten b"},
        hangup_after=("UID",)))
    session = ImapSession.connect(Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file),
                                  "rep", PASSWORD)
    session.select("INBOX")
    received = []
    with pytest.raises(ServerUnavailable):
        for item in session.fetch_raw([1]):
            received.append(item)
    assert received == []


def test_unreadable_fetch_response_is_skipped_and_recorded(
        scripted: Callable[..., ScriptedImapServer]) -> None:
    good = b'* 2 FETCH (UID 2 FLAGS (\\Seen) RFC822.SIZE 3 INTERNALDATE "01-Jul-2024 10:00:00 +0000" BODY[] {3}\r\nabc)\r\n'
    server = scripted(Script(
        implicit_tls=True, tls_capabilities="IMAP4rev1",
        responses={"EXAMINE": _SELECTED, "UID": b'* 1 FETCH (UID 1 FLAGS ("unbalanced)\r\n' + good}))
    session = ImapSession.connect(Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file),
                                  "rep", PASSWORD)
    session.select("INBOX")
    got = list(session.fetch_raw([1, 2]))
    assert [(meta.uid, raw) for meta, raw in got] == [(2, b"abc")]
    assert len(session.unparsed) == 1
    session.noop()
    session.logout()


def test_gmail_style_list_and_invalid_utf7_names_round_trip(
        scripted: Callable[..., ScriptedImapServer]) -> None:
    listing = (b'* LIST (\\HasNoChildren) "/" "INBOX"\r\n'
               b'* LIST (\\HasChildren \\Noselect) "/" "[Gmail]"\r\n'
               b'* LIST (\\HasNoChildren) "/" "[Gmail]/Sent Mail"\r\n'
               b'* LIST (\\HasNoChildren) "/" "[Gmail]/&XfJT0ZAB-"\r\n'
               b'* LIST (\\HasNoChildren) "/" "&ZeVnLIqe"\r\n'
               b'* LIST (\\HasNoChildren) "/" {11}\r\nquote"d\\ &-\r\n')
    server = scripted(Script(implicit_tls=True, tls_capabilities="IMAP4rev1",
                             responses={"LIST": listing, "EXAMINE": _SELECTED}))
    session = ImapSession.connect(Endpoint("127.0.0.1", server.port, "ssl", ca_file=server.ca_file),
                                  "rep", PASSWORD)
    folders = session.list_folders()
    assert [(f.name, f.role) for f in folders] == [
        ("INBOX", "inbox"), ("[Gmail]", None), ("[Gmail]/Sent Mail", "sent"),
        ("[Gmail]/已发送", None), ("&ZeVnLIqe", None), ('quote"d\\ &', None)]
    for folder in folders[4:]:
        session.select(folder.name)
    examined = [line for line in server.received if b" EXAMINE " in line]
    assert examined[0].endswith(b' EXAMINE "&ZeVnLIqe"')
    assert examined[1].endswith(b' EXAMINE "quote\\"d\\\\ &-"')
    session.logout()
