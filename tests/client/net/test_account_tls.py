"""One TLS rule for an account's two servers, against real servers (Dovecot and aiosmtpd).

- The account's CA file means the same for IMAP and SMTP: trusted in addition to the system
  store. The "system store" of these tests is a test CA named by SSL_CERT_FILE (OpenSSL's
  default verify paths read it), so both halves of the rule are checked on real connections.
- Certificate pins are per server: IMAP and SMTP with two different untrusted certificates are
  each pinned and each verified against its own pin only.
"""

from __future__ import annotations

import shlex
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.accounts.manager import AccountManager, format_fingerprint
from client.cli.errors import ExitCode
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.servers.certs import ServerCert, issue_server_cert
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


@pytest.fixture
def own_dovecot(make_dovecot: Callable[..., DovecotServer]) -> DovecotServer:
    """A Dovecot whose certificate comes from a CA of its own (nobody trusts it by default)."""
    return make_dovecot()


@pytest.fixture
def smtp_cert(tmp_path: Path) -> ServerCert:
    return issue_server_cert(tmp_path / "smtp-cert")


@pytest.fixture
def own_submission(own_dovecot: DovecotServer, smtp_cert: ServerCert) -> Iterator[SubmissionServer]:
    """aiosmtpd with a certificate from a second, unrelated CA."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = SubmissionServer(own_dovecot, cert=smtp_cert).start()
    yield server
    server.stop()


@pytest.fixture
def user(own_dovecot: DovecotServer, own_submission: SubmissionServer) -> MailUser:
    mail_user = own_dovecot.add_user("pins", "pins-password-1")
    own_submission.allow(mail_user.username, mail_user.password)
    return mail_user


def _add(cli: Cli, dovecot: DovecotServer, submission: SubmissionServer, user: MailUser,
         *extra: str) -> None:
    added = cli(
        "account", "add", "--email", user.email, "--username", user.username,
        "--imap", f"{dovecot.host}:{dovecot.imaps_port}",
        "--smtp", f"{submission.host}:{submission.starttls_port}", "--security", "ssl",
        "--password-stdin", *extra, input=user.password + "\n",
    )
    assert added.code == 0, added.err


def _pin_columns(email: str) -> tuple[str | None, str | None]:
    with Store.open(Profile.resolve().database) as store:
        account = store.get_account(email)
        assert account is not None
        return account.pinned_sha256, account.smtp_pinned_sha256


def test_imap_and_smtp_certificates_are_pinned_and_checked_separately(
    cli: Cli, own_dovecot: DovecotServer, own_submission: SubmissionServer,
    user: MailUser,
) -> None:
    assert own_dovecot.cert_sha256 != own_submission.cert_sha256
    _add(cli, own_dovecot, own_submission, user)
    imap_fp = format_fingerprint(own_dovecot.cert_sha256)
    smtp_fp = format_fingerprint(own_submission.cert_sha256)

    # Neither server is trusted; each names its own certificate and the command to pin it.
    imap_refused = cli("account", "test", user.email)
    assert imap_refused.code == ExitCode.TLS and imap_fp in imap_refused.err
    smtp_refused = cli("account", "test", user.email, "--server", "smtp", "--json")
    assert smtp_refused.code == ExitCode.TLS
    error = smtp_refused.json()["error"]
    assert error["fingerprint"] == smtp_fp
    assert error["trust_command"] == f"tradewind account trust {user.email} {smtp_fp} --server smtp"

    # Pinning IMAP trusts IMAP only.
    assert cli("account", "trust", user.email, imap_fp, "--server", "imap").code == 0
    assert cli("account", "test", user.email).code == 0
    assert cli("account", "test", user.email, "--server", "smtp").code == ExitCode.TLS
    assert _pin_columns(user.email) == (own_dovecot.cert_sha256, None)

    # The IMAP certificate's pin does not open SMTP: each server is checked against its own.
    assert cli("account", "trust", user.email, imap_fp, "--server", "smtp").code == 0
    wrong = cli("account", "test", user.email, "--server", "smtp")
    assert wrong.code == ExitCode.TLS and smtp_fp in wrong.err

    # The exact command the error printed pins SMTP; IMAP keeps its own pin and still works.
    trusted = cli(*shlex.split(error["trust_command"])[1:])
    assert trusted.code == 0, trusted.err
    smtp_ok = cli("account", "test", user.email, "--server", "smtp", "--json")
    assert smtp_ok.code == 0, smtp_ok.err
    assert smtp_ok.json()["host"] == own_submission.host
    assert own_submission.auth_log == [user.username]
    assert cli("account", "test", user.email).code == 0
    assert _pin_columns(user.email) == (own_dovecot.cert_sha256, own_submission.cert_sha256)
    listed = cli("account", "list", "--json").json()["accounts"][0]
    assert listed["pinned_sha256"] == own_dovecot.cert_sha256
    assert listed["smtp_pinned_sha256"] == own_submission.cert_sha256

    # And the SMTP pin does not open IMAP.
    assert cli("account", "trust", user.email, smtp_fp, "--server", "imap").code == 0
    assert cli("account", "test", user.email).code == ExitCode.TLS


def test_sending_uses_the_smtp_pin(
    cli: Cli, own_dovecot: DovecotServer, own_submission: SubmissionServer,
    user: MailUser, tmp_path: Path,
) -> None:
    _add(cli, own_dovecot, own_submission, user)
    body = tmp_path / "body.txt"
    body.write_text("hello", encoding="utf-8")
    for server, digest in (("imap", own_dovecot.cert_sha256), ("smtp", own_submission.cert_sha256)):
        assert cli("account", "trust", user.email, digest, "--server", server).code == 0
    sent = cli("send", "--from", user.email, "--to", user.email, "--subject", "pinned",
               "--body-file", str(body), "--json")
    assert sent.code == 0, sent.err
    assert [d.rcpt_tos for d in own_submission.received] == [[user.email]]


@pytest.mark.parametrize("store_side", ["imap", "smtp"])
def test_the_ca_file_is_added_to_the_system_store_for_both_servers(
    store_side: str, cli: Cli, own_dovecot: DovecotServer,
    own_submission: SubmissionServer, user: MailUser, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One server is trusted by the system store, the other by the account's CA file: both
    connect, whichever side the CA file covers."""
    imap_ca, smtp_ca = own_dovecot.ca_file, own_submission.ca_file
    system_ca, account_ca = (imap_ca, smtp_ca) if store_side == "imap" else (smtp_ca, imap_ca)
    monkeypatch.setenv("SSL_CERT_FILE", str(system_ca))
    _add(cli, own_dovecot, own_submission, user, "--ca-file", str(account_ca))
    imap = cli("account", "test", user.email)
    assert imap.code == 0, imap.err
    smtp = cli("account", "test", user.email, "--server", "smtp")
    assert smtp.code == 0, smtp.err


def test_a_ca_file_for_one_server_does_not_trust_the_other(
    cli: Cli, own_dovecot: DovecotServer, own_submission: SubmissionServer,
    user: MailUser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty_store = issue_server_cert(tmp_path / "unrelated").ca_file
    monkeypatch.setenv("SSL_CERT_FILE", str(empty_store))  # the system store trusts neither
    _add(cli, own_dovecot, own_submission, user, "--ca-file", str(own_dovecot.ca_file))
    assert cli("account", "test", user.email).code == 0
    smtp = cli("account", "test", user.email, "--server", "smtp")
    assert smtp.code == ExitCode.TLS
    assert format_fingerprint(own_submission.cert_sha256) in smtp.err


def test_trust_rejects_an_unknown_server_kind(cli: Cli, own_dovecot: DovecotServer,
                                              own_submission: SubmissionServer,
                                              user: MailUser) -> None:
    _add(cli, own_dovecot, own_submission, user)
    bad = cli("account", "trust", user.email, "ab" * 32, "--server", "pop3")
    assert bad.code == ExitCode.USAGE
    with Store.open(Profile.resolve().database) as store:
        with pytest.raises(ValueError):
            AccountManager(store).trust(user.email, "ab" * 32, server="pop3")
