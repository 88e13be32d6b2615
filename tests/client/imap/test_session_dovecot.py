"""ImapSession against the real Dovecot fixture: TLS, login, folders, fetch, changes, IDLE."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from client.imap import (
    AuthenticationError,
    Endpoint,
    ImapSession,
    ProtocolError,
    TLSVerificationError,
)
from client.net.tls import normalise_fingerprint
from tests.servers.dovecot import DovecotServer, MailUser, imap_quote


def message(n: int, subject: str | None = None, body: str = "hello") -> bytes:
    return (
        f"From: Buyer <buyer@example.net>\r\nTo: rep@example.test\r\n"
        f"Subject: {subject or f'quote {n}'}\r\nMessage-ID: <m{n}@example.net>\r\n"
        f"Date: Mon, 01 Jul 2024 10:00:00 +0000\r\n\r\n{body} {n}\r\n"
    ).encode()


def endpoint(dovecot: DovecotServer, security: str = "ssl", **kw: object) -> Endpoint:
    port = dovecot.imaps_port if security == "ssl" else dovecot.imap_port
    kw.setdefault("ca_file", str(dovecot.ca_file))
    return Endpoint(dovecot.host, port, security, **kw)  # type: ignore[arg-type]


@pytest.fixture
def session(dovecot: DovecotServer, imap_user: MailUser) -> Iterator[ImapSession]:
    with ImapSession.connect(endpoint(dovecot), imap_user.username, imap_user.password) as s:
        yield s


def bulk_append(dovecot: DovecotServer, user: MailUser, folder: str, count: int, start: int = 1) -> None:
    with dovecot.imap_admin(user) as imap:
        for n in range(start, start + count):
            typ, data = imap.append(imap_quote(folder), None, None, message(n))
            assert typ == "OK", data


# -- connecting ----------------------------------------------------------------------------

@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_connect_with_ca_file_and_capabilities_reread_after_login(
        dovecot: DovecotServer, imap_user: MailUser, security: str) -> None:
    with ImapSession.connect(endpoint(dovecot, security), imap_user.username, imap_user.password) as s:
        # Dovecot lists CONDSTORE, MOVE etc. only after login: proves the list was re-read.
        for cap in ("IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "ESEARCH", "SPECIAL-USE"):
            assert cap in s.capabilities
        s.noop()
        # imaplib's command log is disabled: the password is not kept on the connection.
        assert imap_user.password not in repr(vars(s._client)) + repr(vars(s._mailbox))


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_untrusted_certificate_refused_with_fingerprint(
        dovecot: DovecotServer, imap_user: MailUser, security: str) -> None:
    with pytest.raises(TLSVerificationError) as info:
        ImapSession.connect(endpoint(dovecot, security, ca_file=None), imap_user.username, imap_user.password)
    err = info.value
    assert err.fingerprint is not None
    assert normalise_fingerprint(err.fingerprint) == dovecot.cert_sha256
    assert err.fingerprint in str(err) and err.fingerprint.isupper()


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_pinned_fingerprint_accepted_only_when_equal(
        dovecot: DovecotServer, imap_user: MailUser, security: str) -> None:
    pin = dovecot.cert_sha256
    colon = ":".join(pin[i : i + 2] for i in range(0, len(pin), 2)).upper()
    for value in (pin, colon):
        ep = endpoint(dovecot, security, ca_file=None, pinned_sha256=value)
        with ImapSession.connect(ep, imap_user.username, imap_user.password) as s:
            s.noop()
    wrong = ("0" if pin[0] != "0" else "1") + pin[1:]
    with pytest.raises(TLSVerificationError, match="does not match the pinned"):
        ImapSession.connect(endpoint(dovecot, security, ca_file=None, pinned_sha256=wrong),
                            imap_user.username, imap_user.password)


@pytest.mark.parametrize("kind", ["expired", "wrong-host"])
def test_bad_certificates_refused_even_with_the_right_ca(make_dovecot, kind: str) -> None:  # type: ignore[no-untyped-def]
    server: DovecotServer = make_dovecot(cert=kind)
    user = server.add_user("certuser", "pw-certuser")
    with pytest.raises(TLSVerificationError) as info:
        ImapSession.connect(endpoint(server), user.username, user.password)
    assert normalise_fingerprint(info.value.fingerprint or "") == server.cert_sha256


def test_wrong_password_is_authentication_error_without_the_password(
        dovecot: DovecotServer, imap_user: MailUser) -> None:
    secret = "Wr0ng-\u5bc6\u7801-pass"
    for pw in (secret, "plain-wrong-password"):
        with pytest.raises(AuthenticationError) as info:
            ImapSession.connect(endpoint(dovecot), imap_user.username, pw)
        text = "".join(traceback.format_exception(info.value)) + repr(info.value)
        assert pw not in text
        assert info.value.__cause__ is None and info.value.__suppress_context__


def test_insecure_plain_when_chosen(dovecot: DovecotServer, imap_user: MailUser) -> None:
    ep = Endpoint(dovecot.host, dovecot.imap_port, "insecure-plain")
    with ImapSession.connect(ep, imap_user.username, imap_user.password) as s:
        assert s.status("INBOX").messages == 0


# -- folders and status --------------------------------------------------------------------

def test_list_folders_roles_and_unicode_names(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    dovecot.create_folder(imap_user, "报价/2024")
    dovecot.create_folder(imap_user, "Tom & Jerry")
    folders = {f.name: f for f in session.list_folders()}
    roles = {f.role: f.name for f in folders.values() if f.role}
    assert roles == {"inbox": "INBOX", "sent": "Sent", "drafts": "Drafts", "trash": "Trash",
                     "junk": "Junk", "archive": "Archive"}
    assert folders["报价/2024"].raw_name == "&YqVO9w-/2024"
    assert folders["报价/2024"].delimiter == "/"
    assert folders["Tom & Jerry"].raw_name == "Tom &- Jerry"
    dovecot.append(imap_user, "报价/2024", message(1))
    assert session.status("报价/2024").messages == 1
    assert session.select("报价/2024").messages == 1
    assert session.select("&YqVO9w-/2024").messages == 1  # the raw name works too


def test_status_and_select_report_highestmodseq(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    for n in range(3):
        dovecot.deliver(imap_user, message(n))
    status = session.status("INBOX")
    assert (status.messages, status.unseen, status.uidnext) == (3, 3, 4)
    assert status.highestmodseq is not None and status.highestmodseq > 0
    selected = session.select("INBOX")
    assert selected.uidvalidity == status.uidvalidity
    assert (selected.messages, selected.unseen, selected.uidnext) == (3, 3, 4)
    assert selected.highestmodseq == status.highestmodseq
    assert session.uids() == [1, 2, 3]


# -- fetching ------------------------------------------------------------------------------

def test_fetch_raw_thousand_messages_in_one_command_keeps_them_unseen(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    bulk_append(dovecot, imap_user, "INBOX", 1000)
    session.select("INBOX", readonly=False)
    sent: list[tuple[object, ...]] = []
    original = session._client._command

    def spy(name: str, *args: object) -> object:
        sent.append((name, *args))
        return original(name, *args)

    session._client._command = spy
    got = list(session.fetch_raw(range(1, 1001)))
    session._client._command = original
    assert [s[:2] for s in sent] == [("UID", "FETCH")] and sent[0][2] == "1:1000"
    assert [meta.uid for meta, _raw in got] == list(range(1, 1001))
    meta, raw = got[41]
    assert raw == message(42) and meta.size == len(raw) and meta.modseq
    assert "\\Seen" not in meta.flags
    assert session.status("INBOX").unseen == 1000
    assert all("\\Seen" not in m.flags for m in session.fetch_meta("1:*"))


def test_abandoned_fetch_leaves_the_session_usable(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    bulk_append(dovecot, imap_user, "INBOX", 20)
    session.select("INBOX")
    stream = session.fetch_raw(list(range(1, 21)))
    first = next(stream)
    assert first[0].uid == 1
    stream.close()  # type: ignore[attr-defined]
    assert len(session.fetch_meta("1:*")) == 20


def test_uids_from_a_uid_lists_only_those_above(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    bulk_append(dovecot, imap_user, "INBOX", 6)
    with dovecot.imap_admin(imap_user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "4", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    session.select("INBOX")
    assert session.uids() == [1, 2, 3, 5, 6]
    assert session.uids(3) == [3, 5, 6]
    assert session.uids(4) == [5, 6]
    assert session.uids(7) == []  # "7:*" beyond the highest UID: the server names UID 6


def test_changedsince_and_vanished(dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    bulk_append(dovecot, imap_user, "INBOX", 5)
    base = session.select("INBOX").highestmodseq
    assert base is not None
    with dovecot.imap_admin(imap_user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "2", "+FLAGS", "(\\Flagged)")
        imap.uid("STORE", "4", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    session.noop()
    changed = session.fetch_meta("1:*", changedsince=base)
    assert [m.uid for m in changed] == [2]
    assert "\\Flagged" in changed[0].flags and changed[0].modseq and changed[0].modseq > base
    assert session.vanished_since(base, among=[1, 2, 3, 4, 5]) == [4]
    assert session.vanished_since(base, among=[2, 3]) == []


def test_header_and_text_for_oversize_messages(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    raw = (
        b"From: a@example.net\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n"
        b"--b\r\nContent-Type: application/pdf; name=\"quote.pdf\"\r\n"
        b"Content-Disposition: attachment; filename=\"quote.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + b"QUJD\r\n" * 2000 + b"--b--\r\n"
    )
    uid = dovecot.append(imap_user, "INBOX", raw)
    session.select("INBOX")
    partial = session.fetch_header_and_text(uid, max_part=1000)
    assert partial.header.startswith(b"From: a@example.net") and b"Subject: big" in partial.header
    assert [(p.section, data) for p, data in partial.texts] == [("1", b"see attached")]
    assert [(p.section, p.filename, p.size) for p in partial.others] == [("2", "quote.pdf", 11998)]
    assert session.fetch_section(uid, "2").startswith(b"QUJD\r\nQUJD")
    assert session.status("INBOX").unseen == 1
    with pytest.raises(ProtocolError):
        session.fetch_section(uid + 50, "1")


# -- changes -------------------------------------------------------------------------------

def test_store_copy_move_delete_append_with_uidplus(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    bulk_append(dovecot, imap_user, "INBOX", 4)
    session.select("INBOX", readonly=False)
    session.store_flags([1, 2], ["\\Seen", "$Label1"], add=True)
    session.store_flags([2], ["$Label1"], add=False)
    flags = {m.uid: m.flags for m in session.fetch_meta("1:*")}
    assert flags[1] >= {"\\Seen", "$Label1"} and flags[2] == {"\\Seen"}
    with pytest.raises(ValueError):
        session.store_flags([1], ["bad flag)"], add=True)

    assert session.copy([1, 2], "Archive") == {1: 1, 2: 2}
    assert session.move([3], "Trash") == {3: 1}
    session.delete([4])
    assert session.uids() == [1, 2]
    assert session.status("Archive").messages == 2 and session.status("Trash").messages == 1

    when = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    new_uid = session.append("Sent", b"Subject: sent\nFrom: rep@example.test\n\nbody\n", ["\\Seen"], when)
    assert new_uid == 1
    session.select("Sent")
    [(meta, raw)] = list(session.fetch_raw([1]))
    assert raw == b"Subject: sent\r\nFrom: rep@example.test\r\n\r\nbody\r\n"
    assert meta.flags == {"\\Seen"} and meta.internaldate == when


def test_idle_wakes_on_delivery(dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    session.select("INBOX")
    idle_started = threading.Event()
    original = session._client._command

    def spy(name: str, *args: object) -> object:
        tag = original(name, *args)
        if name == "IDLE":
            idle_started.set()
        return tag

    session._client._command = spy

    def deliver_when_idle() -> None:
        idle_started.wait(30)
        dovecot.deliver(imap_user, message(1))

    worker = threading.Thread(target=deliver_when_idle)
    worker.start()
    try:
        lines = session.idle(timeout=60)
    finally:
        worker.join()
        session._client._command = original
    assert any(line.endswith("EXISTS") for line in lines), lines
    assert session.uids() == [1]  # DONE was sent and the session is back in step


def test_idle_returns_empty_on_timeout(session: ImapSession) -> None:
    session.select("INBOX")
    assert session.idle(timeout=0.2) == []
    session.noop()


def test_noop_reports_changes_and_empty_changes_are_no_ops(
        dovecot: DovecotServer, imap_user: MailUser, session: ImapSession) -> None:
    session.select("INBOX", readonly=False)
    assert session.noop_lines() == []
    dovecot.deliver(imap_user, message(1))
    assert "* 1 EXISTS" in session.noop_lines()
    session.store_flags([], ["\\Seen"], add=True)
    session.delete([])
    assert session.copy([], "Archive") == {} and session.move([], "Trash") == {}
    assert session.uids() == [1]


@pytest.mark.parametrize("bad", ["1:3\r\nA1 LOGOUT", "1 2", "", "abc"])
def test_uid_sets_and_sections_are_validated(session: ImapSession, bad: str) -> None:
    session.select("INBOX")
    with pytest.raises(ValueError):
        session.fetch_meta(bad)
    with pytest.raises(ValueError):
        session.fetch_section(1, bad)
    session.noop()


def test_non_ascii_password_logs_in_with_authenticate_plain(dovecot: DovecotServer) -> None:
    user = dovecot.add_user("utf8pw-user", "报价-Pässwörd")
    with ImapSession.connect(endpoint(dovecot), user.username, user.password) as s:
        assert s.status("INBOX").messages == 0
    wrong = user.password.replace("Pä", "pa")
    with pytest.raises(AuthenticationError) as info:
        ImapSession.connect(endpoint(dovecot), user.username, wrong)
    assert wrong not in "".join(traceback.format_exception(info.value))
