"""The wizard's certificate page pins the server whose certificate it showed: an incoming and an
outgoing server with two different untrusted certificates (real Dovecot and aiosmtpd)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.accounts.manager import format_fingerprint
from client.store.db import Store
from tests.servers.certs import issue_server_cert
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.wizard.test_wizard import _start, found_at
from ui.wizard.dialog import AccountWizard


@pytest.fixture
def servers(make_dovecot: Callable[..., DovecotServer],
            tmp_path: Path) -> Iterator[tuple[DovecotServer, SubmissionServer, MailUser]]:
    imap = make_dovecot()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        smtp = SubmissionServer(imap, cert=issue_server_cert(tmp_path / "smtp-cert")).start()
    user = imap.add_user("wizardpins", "wizard-pins-pw-1")
    smtp.allow(user.username, user.password)
    yield imap, smtp, user
    smtp.stop()


def test_each_trust_click_pins_the_server_whose_certificate_is_shown(  # type: ignore[no-untyped-def]
    qtbot, make_wizard, db: Path,
    servers: tuple[DovecotServer, SubmissionServer, MailUser],
) -> None:
    imap, smtp, user = servers
    wizard: AccountWizard = make_wizard(db, found_at(imap, smtp.starttls_port))
    assert _start(qtbot, wizard, user, user.password) == "failed"
    assert wizard.fingerprint == format_fingerprint(imap.cert_sha256)
    assert wizard.fingerprint_server == "imap" and wizard.trust_button.isVisible()

    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.trust_button.click()
    assert tested.args == ["tested"]
    # Incoming works; the outgoing server shows its own, different certificate to trust.
    assert wizard.smtp_problem and "not trusted" in wizard.smtp_problem
    assert wizard.fingerprint == format_fingerprint(smtp.cert_sha256)
    assert wizard.fingerprint_server == "smtp"
    assert wizard.trust_button.isVisible() and wizard.fingerprint_label.isVisible()
    assert "outgoing server's certificate" in wizard.test_detail.text()
    with Store.open(db) as store:
        account = store.get_account(user.email)
        assert account is not None
        assert (account.pinned_sha256, account.smtp_pinned_sha256) == (imap.cert_sha256, None)
    assert smtp.auth_log == []  # nothing was sent to an untrusted server

    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as again:
        wizard.trust_button.click()
    assert again.args == ["tested"]
    assert wizard.smtp_problem is None and wizard.fingerprint is None
    assert not wizard.trust_button.isVisible()
    assert smtp.auth_log == [user.username]
    with Store.open(db) as store:
        account = store.get_account(user.email)
        assert account is not None
        assert (account.pinned_sha256, account.smtp_pinned_sha256) == (
            imap.cert_sha256, smtp.cert_sha256)
