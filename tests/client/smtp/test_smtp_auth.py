"""SMTP AUTH with UTF-8 credentials (RFC 4616) against the real submission server, and no
character of a password in any error text or log (checklist T10)."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from client.compose.build import Draft, build_message, envelope_recipients, to_bytes
from client.compose.headers import Recipient
from client.smtp.outbox import Outbox
from client.smtp.sender import flush_outbox
from client.smtp.transport import (
    SmtpAuthError,
    SmtpEndpoint,
    SmtpError,
    SmtpUnavailable,
    connect,
    login,
    submit,
)
from client.store.db import Store
from tests.servers.dovecot import MailUser
from tests.servers.submission import SubmissionServer

SECRET = "pässwörd密码"
WRONG = "wrönGpäss密"


def _endpoint(sub: SubmissionServer) -> SmtpEndpoint:
    return SmtpEndpoint(sub.host, sub.starttls_port, "starttls", ca_file=str(sub.ca_file),
                        timeout=10)


def _assert_hides(text: str, secret: str) -> None:
    """No part of the secret: not whole, not base64, not one of its non-ASCII characters."""
    assert secret not in text
    for blob in (secret, f"\0user\0{secret}"):
        assert base64.b64encode(blob.encode()).decode()[:12] not in text
    assert not any(ch in text for ch in secret if not ch.isascii()), text
    for start in range(len(secret) - 3):
        assert secret[start:start + 4].lower() not in text.lower(), text


@pytest.fixture()
def utf8_user(submission: SubmissionServer, smtp_user: MailUser) -> MailUser:
    submission.allow(smtp_user.username, SECRET)
    return smtp_user


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_a_non_ascii_password_logs_in(submission: SubmissionServer, utf8_user: MailUser,
                                      mechanism: str) -> None:
    smtp = connect(_endpoint(submission))
    try:
        login(smtp, submission.host, utf8_user.username, SECRET, mechanism)
    finally:
        smtp.close()
    assert submission.auth_log[-1] == utf8_user.username


def test_a_non_ascii_password_sends_a_message(submission: SubmissionServer,
                                              utf8_user: MailUser) -> None:
    before = len(submission.received)
    submit(_endpoint(submission), utf8_user.username, SECRET, utf8_user.email,
           [utf8_user.email], b"Subject: x\r\n\r\nbody\r\n")
    assert len(submission.received) == before + 1


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
@pytest.mark.parametrize("fault", ["wrong", "echo", "drop"])
def test_every_login_error_hides_the_password(
    submission: SubmissionServer, utf8_user: MailUser, mechanism: str, fault: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    submission.auth_echo = fault == "echo"
    submission.drop_during_auth = fault == "drop"
    caplog.set_level(logging.DEBUG)
    smtp = connect(_endpoint(submission))
    try:
        with pytest.raises(SmtpError) as caught:
            login(smtp, submission.host, utf8_user.username, WRONG, mechanism)
    finally:
        smtp.close()
    expected = SmtpUnavailable if fault == "drop" else SmtpAuthError
    assert isinstance(caught.value, expected)
    text = str(caught.value)
    _assert_hides(text, WRONG)
    assert caught.value.__cause__ is None  # no chained smtplib error carries the password
    assert caught.value.__context__ is None or caught.value.__suppress_context__
    if fault == "wrong":
        assert "refused the user name or password" in text and "535" in text
    for record in caplog.records:
        if record.name.startswith("client"):
            _assert_hides(record.getMessage(), WRONG)


def test_a_flush_with_a_wrong_non_ascii_password_keeps_the_message_and_hides_it(
    tmp_path: Path, submission: SubmissionServer, utf8_user: MailUser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    submission.auth_echo = True
    caplog.set_level(logging.DEBUG)
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account(utf8_user.email, imap_host="127.0.0.1", smtp_host="127.0.0.1")
    draft = Draft(sender=Recipient("", utf8_user.email), to=(Recipient("", utf8_user.email),),
                  subject="Quotation", text="x")
    msg = build_message(draft)
    item = Outbox(store).enqueue(account.id, to_bytes(msg), message_id=str(msg["Message-ID"]),
                                 sender=utf8_user.email, recipients=envelope_recipients(draft))
    report = flush_outbox(store, account.id, _endpoint(submission), utf8_user.username, WRONG,
                          lambda: None)
    assert report.retrying == [item] and report.stopped
    _assert_hides(report.stopped, WRONG)
    waiting = Outbox(store).get(item)
    assert waiting.state == "queued" and waiting.last_error
    _assert_hides(waiting.last_error, WRONG)
    for record in caplog.records:
        if record.name.startswith("client"):
            _assert_hides(record.getMessage(), WRONG)
