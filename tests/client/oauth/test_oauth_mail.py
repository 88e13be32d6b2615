"""OAuth2 end to end on real servers: `tradewind account add --oauth FILE`, sync and send with
the token (Dovecot's oauth2 passdb and aiosmtpd both ask the test authorization server), an
expired access token refreshed, a revoked sign-in turning into "sign in again" with the outbox
intact, `account login` bringing it back, and no token in the cache, the profile or the logs."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.oauth.bed import Bed
from tests.servers.dovecot import MailUser
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.dovecot
Cli = Callable[..., CliResult]
PREFIX = "Open this address to sign in: "


def _run_with_browser(cli: Cli, *args: str) -> CliResult:
    """Run the command; a "browser" thread follows the printed address when it appears."""
    import io

    from client.cli.main import main
    from tests.client.cli.fixtures import _Stream

    err = _Stream("", False)
    out = io.StringIO()
    result: dict[str, int] = {}

    def run() -> None:
        result["code"] = main(list(args), stdin=_Stream("", False), stdout=out, stderr=err)

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while thread.is_alive() and time.monotonic() < deadline:
        line = next((x for x in err.getvalue().splitlines() if x.startswith(PREFIX)), None)
        if line:
            requests.get(line[len(PREFIX):], timeout=30)
            break
        time.sleep(0.05)
    thread.join(timeout=60)
    return CliResult(result.get("code", -1), out.getvalue(), err.getvalue())


def _add(cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> CliResult:
    provider = tmp_path / "testbed-idp.json"
    provider.write_text(json.dumps(bed.oauth.provider_json()))
    return _run_with_browser(
        cli, "account", "add", "--email", user.email, "--username", user.username,
        "--imap", f"{bed.dovecot.host}:{bed.dovecot.imaps_port}", "--security", "ssl",
        "--smtp", f"127.0.0.1:{bed.sub.starttls_port}", "--ca-file", str(bed.dovecot.ca_file),
        "--oauth", str(provider), "--no-browser", "--timeout", "60", "--json")


def _send(cli: Cli, user: MailUser, subject: str, tmp_path: Path) -> CliResult:
    body = tmp_path / "body.txt"
    body.write_text("Our quotation follows below.\n", encoding="utf-8")
    return cli("send", "--from", user.email, "--to", user.email, "--subject", subject,
               "--body-file", str(body), "--json")


def test_add_sync_and_send_with_oauth2(cli: Cli, bed: Bed, user: MailUser,
                                       tmp_path: Path) -> None:
    added = _add(cli, bed, user, tmp_path)
    assert added.code == 0, added.err
    doc = json.loads(added.out)
    assert doc["account"]["auth"] == "oauth2"
    assert {"XOAUTH2", "OAUTHBEARER"} <= set(doc["mechanisms"]["imap"])
    assert {"XOAUTH2", "OAUTHBEARER"} <= set(doc["mechanisms"]["smtp"])
    assert sum(1 for line in added.err.splitlines() if line.startswith(PREFIX)) == 1
    tested = cli("account", "test", user.email, "--json")
    assert tested.code == 0, tested.err
    bed.dovecot.deliver(user, b"From: buyer@example.test\r\nSubject: RFQ\r\n\r\nPrice?\r\n")
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["accounts"][0]["added"] >= 1
    sent = _send(cli, user, "OAuth2 quotation", tmp_path)
    assert sent.code == 0, sent.err
    assert user.username in bed.sub.auth_log


def test_an_invitation_from_an_oauth2_account_is_sent_with_its_token(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> None:
    """`meet invite` flushes as `send` does (one queue-and-flush tail): an OAuth2 account signs
    in with its token; it used to look for a password, find none and leave the message."""
    assert _add(cli, bed, user, tmp_path).code == 0
    sent = cli("meet", "invite", "--from", user.email, "--to", user.email,
               "--start", "2026-06-02T09:30", "--zone", "Asia/Shanghai", "--duration", "30",
               "--title", "Sample review", "--json")
    assert sent.code == 0, sent.err
    assert sent.json()["state"] in ("sent", "filed"), sent.json()
    assert user.username in bed.sub.auth_log
    assert "no password" not in sent.err


def test_an_expired_access_token_is_refreshed_and_sync_goes_on(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> None:
    assert _add(cli, bed, user, tmp_path).code == 0
    bed.oauth.expire_access_tokens()  # the stored token still looks valid to the client
    grants = len(bed.oauth.grants)
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    assert bed.oauth.grants[grants:] == ["refresh_token"]  # refreshed once after the refusal
    bed.oauth.expire_access_tokens()
    sent = _send(cli, user, "after expiry", tmp_path)
    assert sent.code == 0, sent.err
    assert bed.oauth.grants[grants:] == ["refresh_token", "refresh_token"]


def test_a_revoked_sign_in_needs_login_and_keeps_the_outbox(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> None:
    assert _add(cli, bed, user, tmp_path).code == 0
    bed.oauth.revoke_refresh_tokens()
    bed.oauth.expire_access_tokens()
    queued = _send(cli, user, "waits for the sign-in", tmp_path)
    assert queued.code == 0, queued.err
    synced = cli("sync", "--json")
    assert synced.code == 3
    assert "Sign in again" in synced.err
    listing = cli("account", "list", "--json").json()["accounts"][0]
    assert listing["status"] == "needs-login"
    outbox = cli("outbox", "--json")
    assert outbox.code == 0 and "waits for the sign-in" in outbox.out
    again = _run_with_browser(cli, "account", "login", user.email, "--no-browser",
                              "--timeout", "60", "--json")
    assert again.code == 0, again.err
    assert cli("account", "list", "--json").json()["accounts"][0]["status"] == "ok"
    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    assert any(d.rcpt_tos == [user.email] for d in bed.sub.received)


def test_no_token_reaches_the_cache_the_profile_or_the_logs(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path, profile_dir: Path,
        memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    added = _add(cli, bed, user, tmp_path)
    assert added.code == 0
    assert cli("sync").code == 0
    bed.oauth.expire_access_tokens()
    assert _send(cli, user, "no leak", tmp_path).code == 0
    issued = list(bed.oauth.issued)
    assert issued
    with Store.open(profile_dir / "tradewind.db") as store:
        store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    blobs = b"".join(p.read_bytes() for p in profile_dir.rglob("*") if p.is_file())
    texts = added.out + added.err + caplog.text + bed.dovecot.log_text()
    for token in issued:
        assert token.encode() not in blobs
        assert token not in texts
    stored = "".join(memory_keyring.stored().values())
    assert any(token in stored for token in issued)


def test_smtp_auth_disabled_for_the_tenant_says_what_the_admin_must_do(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> None:
    assert _add(cli, bed, user, tmp_path).code == 0
    bed.sub.smtp_auth_disabled = True
    result = cli("account", "test", user.email, "--server", "smtp")
    assert result.code == 3
    assert "administrator must enable authenticated SMTP" in result.err


def test_a_wrong_password_never_reaches_the_token_check(
        cli: Cli, bed: Bed, user: MailUser) -> None:
    import imaplib
    import ssl

    checked = len(bed.oauth.introspected)
    context = ssl.create_default_context(cafile=str(bed.dovecot.ca_file))
    with imaplib.IMAP4_SSL(bed.dovecot.host, bed.dovecot.imaps_port, ssl_context=context) as imap:
        with pytest.raises(imaplib.IMAP4.error):
            imap.login(user.username, "wrong-password")
    assert len(bed.oauth.introspected) == checked  # the passdbs keep to their mechanisms


def test_switching_a_password_account_to_oauth2_forgets_the_password(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    added = cli("account", "add", "--email", user.email, "--username", user.username,
                "--imap", f"{bed.dovecot.host}:{bed.dovecot.imaps_port}", "--security", "ssl",
                "--ca-file", str(bed.dovecot.ca_file), "--password-stdin",
                input="an-old-password\n")
    assert added.code == 0, added.err
    provider = tmp_path / "testbed-idp.json"
    provider.write_text(json.dumps(bed.oauth.provider_json()))
    switched = _run_with_browser(cli, "account", "login", user.email, "--oauth", str(provider),
                                 "--no-browser", "--timeout", "60", "--json")
    assert switched.code == 0, switched.err
    assert json.loads(switched.out)["account"]["auth"] == "oauth2"
    assert "an-old-password" not in memory_keyring.stored().values()
    assert cli("account", "test", user.email).code == 0


def test_the_idle_watcher_refreshes_a_refused_token_once(
        cli: Cli, bed: Bed, user: MailUser, tmp_path: Path) -> None:
    """The IDLE connection gets the same rule as sync and send: a refused (but unexpired-looking)
    access token is refreshed once and the login tried once more."""
    from client.jobs.watch import InboxWatcher
    from client.oauth.credentials import secret_for
    from client.profile.config import Profile

    assert _add(cli, bed, user, tmp_path).code == 0
    with Store.open(Profile.resolve().database) as store:
        account = store.list_accounts()[0]
    bed.oauth.expire_access_tokens()  # the stored token still looks valid to the client
    grants = len(bed.oauth.grants)
    watcher = InboxWatcher(account, lambda a: secret_for(a) or "", lambda: None,
                           idle_seconds=1.0).start()
    try:
        deadline = time.monotonic() + 30
        while watcher.connections == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        assert watcher.stop()
    assert watcher.connections >= 1
    assert bed.oauth.grants[grants:] == ["refresh_token"]
