"""Tests of the test bed itself: the Dovecot fixture, its helpers and the fault proxy."""

from __future__ import annotations

import datetime as dt
import hashlib
import imaplib
import os
import re
import socket
import ssl
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest

from tests.servers.dovecot import SPECIAL_USE, DovecotServer, MailUser, imap_quote
from tests.servers.faultproxy import FaultProxy
from tests.support.memory_keyring import MemoryKeyring

RAW = (
    b"From: Buyer <buyer@example.net>\r\nTo: rep@example.test\r\n"
    b"Subject: Quote request\r\nMessage-ID: <q1@example.net>\r\n\r\nPlease quote 2 x 40ft.\r\n"
)


def _list_attributes(imap: imaplib.IMAP4) -> dict[str, set[str]]:
    typ, lines = imap.list()
    assert typ == "OK"
    found: dict[str, set[str]] = {}
    for line in lines:
        assert isinstance(line, bytes)
        match = re.match(rb'\(([^)]*)\) "/" "?([^"]*)"?$', line)
        assert match, line
        found[match.group(2).decode()] = set(match.group(1).decode().split())
    return found


def _fetch(imap: imaplib.IMAP4, folder: str, items: str) -> list[tuple[bytes, bytes | None]]:
    """(response head, literal or None) per message in ``folder``."""
    typ, _ = imap.select(imap_quote(folder))
    assert typ == "OK"
    typ, data = imap.uid("FETCH", "1:*", items)
    assert typ == "OK"
    found: list[tuple[bytes, bytes | None]] = []
    for part in data:
        if isinstance(part, tuple):
            found.append((part[0], part[1]))
        elif part and part != b")":
            found.append((part, None))
    return found


# ------------------------------------------------------------------ TLS


def test_implicit_tls_port_verifies_with_ca_file_and_matches_fingerprint(dovecot: DovecotServer) -> None:
    context = dovecot.client_ssl_context()
    with socket.create_connection((dovecot.host, dovecot.imaps_port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=dovecot.host) as tls:
            der = tls.getpeercert(binary_form=True)
            greeting = tls.recv(1024)
    assert greeting.startswith(b"* OK")
    assert der is not None and hashlib.sha256(der).hexdigest() == dovecot.cert_sha256


def test_implicit_tls_port_is_refused_without_the_ca(dovecot: DovecotServer) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(dovecot.host, dovecot.imaps_port, ssl_context=ssl.create_default_context(), timeout=10)


def test_starttls_port_offers_starttls_and_verifies_with_ca_file(dovecot: DovecotServer, imap_user: MailUser) -> None:
    imap = imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=10)
    try:
        assert "STARTTLS" in imap.capabilities
        typ, _ = imap.starttls(ssl_context=dovecot.client_ssl_context())
        assert typ == "OK"
        imap.login(imap_user.username, imap_user.password)
    finally:
        imap.logout()


def test_starttls_is_refused_without_the_ca(dovecot: DovecotServer) -> None:
    imap = imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=10)
    try:
        with pytest.raises(ssl.SSLCertVerificationError):
            imap.starttls(ssl_context=ssl.create_default_context())
    finally:
        imap.sock.close()


def test_second_server_has_a_different_untrusted_certificate(
    dovecot: DovecotServer, make_dovecot: Callable[..., DovecotServer]
) -> None:
    other = make_dovecot()
    assert other.imaps_port != dovecot.imaps_port
    assert other.cert_sha256 != dovecot.cert_sha256
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(other.host, other.imaps_port, ssl_context=dovecot.client_ssl_context(), timeout=10)
    imaplib.IMAP4_SSL(other.host, other.imaps_port, ssl_context=other.client_ssl_context(), timeout=10).shutdown()


@pytest.mark.parametrize("kind, reason", [("expired", "expired"), ("wrong-host", "mismatch")])
def test_bad_certificate_servers_fail_verification(
    make_dovecot: Callable[..., DovecotServer], kind: str, reason: str
) -> None:
    server = make_dovecot(cert=kind)
    with pytest.raises(ssl.SSLCertVerificationError, match=reason):
        imaplib.IMAP4_SSL(server.host, server.imaps_port, ssl_context=server.client_ssl_context(), timeout=10)


# ------------------------------------------------------------------ users, delivery, folders


def test_fresh_user_has_empty_special_use_folders(dovecot: DovecotServer, imap_user: MailUser) -> None:
    with dovecot.imap_admin(imap_user) as imap:
        folders = _list_attributes(imap)
        assert set(folders) == {"INBOX", *SPECIAL_USE}
        for name, flag in SPECIAL_USE.items():
            assert flag in folders[name], (name, folders[name])
        for name in folders:
            typ, data = imap.status(imap_quote(name), "(MESSAGES)")
            assert typ == "OK" and data[0] is not None and data[0].endswith(b"(MESSAGES 0)")


def test_users_are_distinct_per_test(imap_user: MailUser, dovecot: DovecotServer) -> None:
    other = dovecot.add_user(imap_user.username + "-b", "another-pw")
    assert other.email == f"{other.username}@example.test"
    assert dovecot.add_user(other.username, "another-pw") == other
    dovecot.deliver(imap_user, RAW)
    with dovecot.imap_admin(other) as imap:
        assert _fetch(imap, "INBOX", "(FLAGS)") == []


def test_wrong_password_is_rejected(dovecot: DovecotServer, imap_user: MailUser) -> None:
    wrong = MailUser(imap_user.username, imap_user.password + "x", imap_user.email)
    with pytest.raises(Exception, match="login"):
        dovecot.imap_admin(wrong)


def test_lmtp_delivery_arrives_in_inbox(dovecot: DovecotServer, imap_user: MailUser) -> None:
    dovecot.deliver(imap_user, RAW)
    with dovecot.imap_admin(imap_user) as imap:
        parts = _fetch(imap, "INBOX", "(BODY.PEEK[])")
    assert len(parts) == 1
    body = parts[0][1]
    assert body is not None and body.endswith(RAW)  # LMTP prepends Return-Path and Delivered-To


def test_append_stores_flags_date_and_returns_uid(dovecot: DovecotServer, imap_user: MailUser) -> None:
    when = dt.datetime(2024, 3, 5, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    first = dovecot.append(imap_user, "Sent", RAW, flags=("\\Seen", "$Quoted"), date=when)
    second = dovecot.append(imap_user, "Sent", RAW)
    assert second > first
    with dovecot.imap_admin(imap_user) as imap:
        parts = _fetch(imap, "Sent", "(FLAGS INTERNALDATE BODY.PEEK[])")
    head = parts[0][0]
    assert b"\\Seen" in head and b"$Quoted" in head
    stored = imaplib.Internaldate2tuple(head)
    assert stored is not None and time.mktime(stored) == when.timestamp()
    assert parts[0][1] == RAW


def test_create_folder_with_unicode_and_hierarchy(dovecot: DovecotServer, imap_user: MailUser) -> None:
    dovecot.create_folder(imap_user, "Kunden/报价 2026.Q3")
    uid = dovecot.append(imap_user, "Kunden/报价 2026.Q3", RAW)
    assert uid == 1
    with dovecot.imap_admin(imap_user) as imap:
        folders = _list_attributes(imap)
    assert "Kunden/&YqVO9w- 2026.Q3" in folders


def test_condstore_and_qresync_after_login(dovecot: DovecotServer, imap_user: MailUser) -> None:
    with dovecot.imap_admin(imap_user) as imap:
        typ, data = imap.capability()
        assert typ == "OK" and data[0] is not None
        caps = set(data[0].decode().split())
        assert {"CONDSTORE", "QRESYNC", "IDLE", "MOVE", "UIDPLUS", "SPECIAL-USE"} <= caps
        typ, data = imap._simple_command("ENABLE", "QRESYNC")
        assert typ == "OK"
        typ, data = imap.status("INBOX", "(HIGHESTMODSEQ)")
        assert typ == "OK" and b"HIGHESTMODSEQ" in (data[0] or b"")


def test_reset_uidvalidity_changes_it_and_keeps_messages(dovecot: DovecotServer, imap_user: MailUser) -> None:
    dovecot.deliver(imap_user, RAW)
    before = dovecot.uidvalidity(imap_user, "INBOX")
    after = dovecot.reset_uidvalidity(imap_user, "INBOX")
    assert after != before
    with dovecot.imap_admin(imap_user) as imap:
        typ, _ = imap.select("INBOX")
        assert typ == "OK"
        assert imap.untagged_responses["UIDVALIDITY"][-1] == str(after).encode()
        assert len(_fetch(imap, "INBOX", "(FLAGS)")) == 1


def test_admin_changes_are_visible_to_another_session(dovecot: DovecotServer, imap_user: MailUser) -> None:
    dovecot.deliver(imap_user, RAW)
    with dovecot.imap_admin(imap_user) as admin:
        admin.select("INBOX")
        typ, _ = admin.uid("MOVE", "1", "Archive")
        assert typ == "OK"
    with dovecot.imap_admin(imap_user) as imap:
        assert _fetch(imap, "INBOX", "(FLAGS)") == []
        assert len(_fetch(imap, "Archive", "(FLAGS)")) == 1


def test_stop_is_idempotent_and_leaves_nothing(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot()
    root = server.root
    server.stop()
    server.stop()
    assert not root.exists()
    with pytest.raises(OSError):
        socket.create_connection((server.host, server.imaps_port), timeout=2).close()


# ------------------------------------------------------------------ fault proxy


def _proxied_imap(proxy: FaultProxy, dovecot: DovecotServer, user: MailUser) -> imaplib.IMAP4_SSL:
    imap = imaplib.IMAP4_SSL(proxy.host, proxy.port, ssl_context=dovecot.client_ssl_context(), timeout=10)
    imap.login(user.username, user.password)
    return imap


def test_fault_proxy_cuts_after_n_downstream_bytes(
    dovecot: DovecotServer, imap_user: MailUser, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    big = RAW + b"x" * 200_000 + b"\r\n"
    dovecot.append(imap_user, "INBOX", big)
    proxy = make_fault_proxy(dovecot.imaps_port)
    imap = _proxied_imap(proxy, dovecot, imap_user)
    imap.select("INBOX")
    down_before = proxy.bytes_down
    proxy.cut_after_downstream(10_000)
    with pytest.raises((imaplib.IMAP4.abort, OSError)):
        imap.uid("FETCH", "1", "(BODY.PEEK[])")
    assert proxy.wait_cut(10)
    assert proxy.bytes_down - down_before == 10_000
    assert proxy.cuts == 1 and proxy.open_connections == 0
    # the server is still there: a new connection works
    again = _proxied_imap(proxy, dovecot, imap_user)
    again.logout()
    assert proxy.connections == 2


def test_fault_proxy_cut_now_and_refuse_new(
    dovecot: DovecotServer, imap_user: MailUser, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    proxy = make_fault_proxy(dovecot.imaps_port)
    imap = _proxied_imap(proxy, dovecot, imap_user)
    assert proxy.cut_now(reset=True) == 1
    with pytest.raises((imaplib.IMAP4.abort, OSError)):
        imap.noop()
    proxy.refuse_new = True
    with pytest.raises(OSError):
        _proxied_imap(proxy, dovecot, imap_user)
    proxy.refuse_new = False
    _proxied_imap(proxy, dovecot, imap_user).logout()


def test_fault_proxy_records_plaintext_before_starttls(
    dovecot: DovecotServer, imap_user: MailUser, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    proxy = make_fault_proxy(dovecot.imap_port)
    imap = imaplib.IMAP4(proxy.host, proxy.port, timeout=10)
    imap.starttls(ssl_context=dovecot.client_ssl_context())
    imap.login(imap_user.username, imap_user.password)
    imap.logout()
    sent = proxy.upstream_bytes()
    assert b"STARTTLS\r\n" in sent
    assert proxy.bytes_up == len(sent)
    assert imap_user.password.encode() not in sent  # LOGIN went inside TLS


# ------------------------------------------------------------------ per-test environment


def test_memory_keyring_is_active_and_empty(memory_keyring: MemoryKeyring) -> None:
    assert keyring.get_keyring() is memory_keyring
    assert keyring.get_password("tradewind", "rep@example.test") is None
    keyring.set_password("tradewind", "rep@example.test", "s3cret")
    assert memory_keyring.stored() == {("tradewind", "rep@example.test"): "s3cret"}
    keyring.delete_password("tradewind", "rep@example.test")
    with pytest.raises(keyring.errors.PasswordDeleteError):
        keyring.delete_password("tradewind", "rep@example.test")


def test_profile_points_at_fresh_empty_dir(profile_dir: Path) -> None:
    assert os.environ["TRADEWIND_PROFILE"] == str(profile_dir)
    assert profile_dir.is_dir() and list(profile_dir.iterdir()) == []
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_fault_proxy_rewrite_can_hide_starttls(
    dovecot: DovecotServer, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    proxy = make_fault_proxy(dovecot.imap_port)
    proxy.rewrite_downstream(b" STARTTLS", b"")
    imap = imaplib.IMAP4(proxy.host, proxy.port, timeout=10)
    try:
        assert "STARTTLS" not in imap.capabilities
        with pytest.raises(imaplib.IMAP4.error, match="TLS not supported"):
            imap.starttls(ssl_context=dovecot.client_ssl_context())
    finally:
        imap.shutdown()


def test_fault_proxy_injects_after_starttls_ok(
    dovecot: DovecotServer, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    proxy = make_fault_proxy(dovecot.imap_port)
    proxy.inject_after_downstream(b"OK Begin TLS", b"* CAPABILITY IMAP4rev1 INJECTED\r\n")
    with socket.create_connection((proxy.host, proxy.port), timeout=10) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"* OK")
        sock.sendall(b"a1 STARTTLS\r\n")
        assert reader.readline().startswith(b"a1 OK Begin TLS")
        assert reader.readline() == b"* CAPABILITY IMAP4rev1 INJECTED\r\n"


def test_fault_proxy_pause_holds_traffic_until_resume(
    dovecot: DovecotServer, make_fault_proxy: Callable[[int], FaultProxy]
) -> None:
    proxy = make_fault_proxy(dovecot.imap_port)
    with socket.create_connection((proxy.host, proxy.port), timeout=10) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"* OK")
        proxy.pause()
        sock.sendall(b"a1 NOOP\r\n")
        sock.settimeout(0.3)
        with pytest.raises(TimeoutError):
            sock.recv(100)
        proxy.resume()
        sock.settimeout(10)
        assert reader.readline().startswith(b"a1 OK")


def test_fault_proxy_from_another_source_makes_dovecot_demand_starttls(
    dovecot: DovecotServer, imap_user: MailUser, make_fault_proxy: Callable[..., FaultProxy]
) -> None:
    direct = imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=10)
    assert "LOGINDISABLED" not in direct.capabilities  # loopback to itself counts as secure
    direct.shutdown()
    proxy = make_fault_proxy(dovecot.imap_port, source_host="127.0.0.2")
    imap = imaplib.IMAP4(proxy.host, proxy.port, timeout=10)
    assert "LOGINDISABLED" in imap.capabilities
    with pytest.raises(imaplib.IMAP4.error):
        imap.login(imap_user.username, imap_user.password)
    imap.starttls(ssl_context=dovecot.client_ssl_context())
    imap.login(imap_user.username, imap_user.password)
    imap.logout()


def _numbered(n: int) -> bytes:
    return RAW.replace(b"Quote request", b"Quote request %d" % n)


def test_append_many_returns_uids_in_order(dovecot: DovecotServer, imap_user: MailUser) -> None:
    uids = dovecot.append_many(imap_user, "Drafts", (_numbered(n) for n in range(50)))
    assert uids == list(range(1, 51))
    assert dovecot.fetch_raw(imap_user, "Drafts", 50) == _numbered(49)


def test_state_helpers_read_and_mutate(dovecot: DovecotServer, imap_user: MailUser) -> None:
    first = dovecot.append(imap_user, "INBOX", _numbered(1))
    second = dovecot.append(imap_user, "INBOX", _numbered(2), flags=("\\Seen",))
    third = dovecot.append(imap_user, "INBOX", _numbered(3))
    assert dovecot.uids(imap_user, "INBOX") == [first, second, third]
    assert dovecot.flags(imap_user, "INBOX") == {first: set(), second: {"\\Seen"}, third: set()}
    dovecot.store_flags(imap_user, "INBOX", [first, third], ["\\Flagged", "$Label1"])
    dovecot.store_flags(imap_user, "INBOX", [second], ["\\Seen"], mode="-")
    assert dovecot.flags(imap_user, "INBOX") == {
        first: {"\\Flagged", "$Label1"}, second: set(), third: {"\\Flagged", "$Label1"}
    }
    dovecot.expunge(imap_user, "INBOX", [first])
    dovecot.move(imap_user, "INBOX", [second], "Archive")
    assert dovecot.uids(imap_user, "INBOX") == [third]
    assert dovecot.fetch_raw(imap_user, "INBOX", third) == _numbered(3)
    assert dovecot.fetch_raw(imap_user, "Archive", dovecot.uids(imap_user, "Archive")[0]) == _numbered(2)
    assert dovecot.flags(imap_user, "INBOX")[third] == {"\\Flagged", "$Label1"}  # fetch_raw peeks


@pytest.mark.parametrize("folder", ["INBOX", "Kunden/报价"])
def test_reset_uidvalidity_with_renumber_points_old_uids_at_other_messages(
    dovecot: DovecotServer, imap_user: MailUser, folder: str
) -> None:
    if folder != "INBOX":
        dovecot.create_folder(imap_user, folder)
    uids = [dovecot.append(imap_user, folder, _numbered(n), flags=("\\Seen",) if n == 1 else ()) for n in (1, 2, 3)]
    assert uids == [1, 2, 3]
    before = dovecot.uidvalidity(imap_user, folder)
    after = dovecot.reset_uidvalidity(imap_user, folder, renumber=True)
    assert after > before
    assert dovecot.uids(imap_user, folder) == [1, 2, 3]
    assert [dovecot.fetch_raw(imap_user, folder, uid) for uid in (1, 2, 3)] == [_numbered(3), _numbered(2), _numbered(1)]
    assert dovecot.flags(imap_user, folder)[3] == {"\\Seen"}
    assert dovecot.append(imap_user, folder, _numbered(4)) == 4


def test_missing_dovecot_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.conftest as root_conftest

    monkeypatch.setattr(root_conftest, "find_dovecot", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install dovecot-imapd"):
        root_conftest._require_dovecot()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have it"):
        root_conftest._require_dovecot()


def test_start_retries_when_a_port_is_taken(monkeypatch: pytest.MonkeyPatch, dovecot: DovecotServer) -> None:
    import tests.servers.instance as instance_module  # start() and its free ports live there

    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        taken = blocker.getsockname()[1]
        real_free_port = instance_module.free_port
        handed_out: list[int] = []

        def first_port_taken() -> int:
            port = taken if not handed_out else real_free_port()
            handed_out.append(port)
            return port

        monkeypatch.setattr(instance_module, "free_port", first_port_taken)
        server = DovecotServer().start()
        try:
            assert taken not in (server.imaps_port, server.imap_port, server.lmtp_port)
            assert len(handed_out) == 6  # one failed attempt, then a good one
            imaplib.IMAP4_SSL(server.host, server.imaps_port, ssl_context=server.client_ssl_context(), timeout=10).shutdown()
        finally:
            server.stop()


def test_dirs_of_dead_test_processes_are_swept(make_dovecot: Callable[..., DovecotServer]) -> None:
    import subprocess
    import sys

    from tests.servers.dovecot import sweep_stale_instances

    live = make_dovecot()
    dead_child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    stale = Path(tempfile.mkdtemp(prefix="tw-dovecot-"))
    (stale / "owner.pid").write_text(dead_child.stdout.decode().strip())
    assert sweep_stale_instances() >= 1
    assert not stale.exists()
    assert live.root.exists()


def test_raw_8bit_bytes_survive_with_crlf_line_ends(dovecot: DovecotServer, imap_user: MailUser) -> None:
    subject = "报价单 集装箱".encode("gb18030")
    raw = b"From: a@example.net\nSubject: " + subject + b"\nContent-Type: text/plain; charset=gb2312\n\n" + subject + b"\n.dot\n"
    crlf = raw.replace(b"\n", b"\r\n")
    uid = dovecot.append(imap_user, "INBOX", raw)
    assert dovecot.fetch_raw(imap_user, "INBOX", uid) == crlf
    dovecot.deliver(imap_user, raw)
    delivered = dovecot.fetch_raw(imap_user, "INBOX", dovecot.uids(imap_user, "INBOX")[-1])
    assert delivered.startswith(b"Return-Path: ") and delivered.endswith(crlf)


def test_crash_drops_connections_and_restart_keeps_mail_and_ports(
    make_dovecot: Callable[..., DovecotServer],
) -> None:
    server = make_dovecot()
    user = server.add_user("crashy", "pw-crashy")
    uid = server.append(user, "Archive", RAW)
    ports = (server.imaps_port, server.imap_port, server.lmtp_port)
    fingerprint = server.cert_sha256
    imap = server.imap_admin(user)
    server.crash()
    with pytest.raises((imaplib.IMAP4.abort, OSError)):
        imap.noop()
    with pytest.raises(OSError):
        socket.create_connection((server.host, server.imaps_port), timeout=2).close()
    server.restart()
    assert (server.imaps_port, server.imap_port, server.lmtp_port) == ports
    assert server.cert_sha256 == fingerprint
    assert server.fetch_raw(user, "Archive", uid) == RAW
    server.deliver(user, RAW)
    assert len(server.uids(user, "INBOX")) == 1
