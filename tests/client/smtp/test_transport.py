"""SMTP submission against the real aiosmtpd submission server delivering into Dovecot."""

from __future__ import annotations

import email
import socket
import threading
from email import policy

import pytest

from client.net.tls import display_fingerprint, same_fingerprint
from client.smtp.transport import (
    SmtpAuthError,
    SmtpEndpoint,
    SmtpRejected,
    SmtpSizeError,
    SmtpTLSError,
    SmtpUncertainError,
    submit,
)
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


def _message(user: MailUser, subject: str = "Quotation 报价", body: str = "Dear buyer,\r\n") -> bytes:
    head = (
        f"From: Anna <{user.email}>\r\nTo: {user.email}\r\nSubject: =?utf-8?b?"
        + __import__("base64").b64encode(subject.encode()).decode()
        + "?=\r\nMessage-ID: <q-1@example.test>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return head.encode() + body.encode("utf-8")


def _inbox(dovecot: DovecotServer, user: MailUser) -> list[bytes]:
    with dovecot.imap_admin(user) as imap:
        imap.select("INBOX")
        _, data = imap.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            out.append(fetched[0][1])
        return out


def _endpoint(sub: SubmissionServer, security: str, **kw: object) -> SmtpEndpoint:
    port = sub.ssl_port if security == "ssl" else sub.starttls_port
    args: dict[str, object] = dict(ca_file=str(sub.ca_file), timeout=10)
    args.update(kw)
    return SmtpEndpoint(sub.host, port, security, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_message_arrives_with_exact_headers(
    submission: SubmissionServer, dovecot: DovecotServer, smtp_user: MailUser, security: str
) -> None:
    raw = _message(smtp_user, body="Line one\r\n.\r\n.hidden dot line\nbare LF line\r\n")
    result = submit(_endpoint(submission, security), smtp_user.username, smtp_user.password,
                    smtp_user.email, [smtp_user.email], raw)
    assert result.accepted == [smtp_user.email] and not result.refused
    [stored] = _inbox(dovecot, smtp_user)
    msg = email.message_from_bytes(stored, policy=policy.default)
    assert msg["Subject"] == "Quotation 报价"
    assert msg["Message-ID"] == "<q-1@example.test>"
    body = msg.get_content()
    assert "Line one\n.\n.hidden dot line\nbare LF line" in body.replace("\r\n", "\n")
    assert submission.auth_log[-1] == smtp_user.username


def test_wrong_password_is_refused_in_words(
    submission: SubmissionServer, smtp_user: MailUser
) -> None:
    before = len(submission.received)
    with pytest.raises(SmtpAuthError, match="refused the user name or password") as info:
        submit(_endpoint(submission, "starttls"), smtp_user.username, "wrong-secret",
               smtp_user.email, [smtp_user.email], _message(smtp_user))
    assert "wrong-secret" not in str(info.value)
    assert len(submission.received) == before


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_untrusted_certificate_shows_fingerprint_and_pin_is_honoured(
    submission: SubmissionServer, dovecot: DovecotServer, smtp_user: MailUser, security: str
) -> None:
    with pytest.raises(SmtpTLSError, match="not trusted") as info:
        submit(_endpoint(submission, security, ca_file=None), smtp_user.username,
               smtp_user.password, smtp_user.email, [smtp_user.email], _message(smtp_user))
    assert same_fingerprint(info.value.fingerprint, dovecot.cert_sha256)
    assert info.value.fingerprint == display_fingerprint(dovecot.cert_sha256)
    assert smtp_user.username not in submission.auth_log
    pinned = _endpoint(submission, security, ca_file=None, pinned_sha256=dovecot.cert_sha256.upper())
    submit(pinned, smtp_user.username, smtp_user.password, smtp_user.email, [smtp_user.email],
           _message(smtp_user))
    wrong_pin = _endpoint(submission, security, ca_file=None, pinned_sha256="ab" * 32)
    with pytest.raises(SmtpTLSError, match="not the one you pinned"):
        submit(wrong_pin, smtp_user.username, smtp_user.password, smtp_user.email,
               [smtp_user.email], _message(smtp_user))


def test_size_limit_from_ehlo_is_checked_before_sending(
    submission: SubmissionServer, smtp_user: MailUser
) -> None:
    before = len(submission.received)
    big = _message(smtp_user, body="x" * 100 + "\r\n") + b"y" * (submission.size_limit + 10)
    with pytest.raises(SmtpSizeError, match="download link") as info:
        submit(_endpoint(submission, "ssl"), smtp_user.username, smtp_user.password,
               smtp_user.email, [smtp_user.email], big)
    assert info.value.limit == submission.size_limit
    assert len(submission.received) == before


def test_per_recipient_refusal_is_reported(
    submission: SubmissionServer, dovecot: DovecotServer, smtp_user: MailUser
) -> None:
    submission.refuse_rcpt = {"nobody@example.test": (550, "5.1.1 No such user")}
    result = submit(_endpoint(submission, "ssl"), smtp_user.username, smtp_user.password,
                    smtp_user.email, [smtp_user.email, "nobody@example.test"], _message(smtp_user))
    assert result.accepted == [smtp_user.email]
    assert result.refused == {"nobody@example.test": (550, "5.1.1 No such user")}
    assert len(_inbox(dovecot, smtp_user)) == 1


@pytest.mark.parametrize("code,permanent", [(451, False), (554, True)])
def test_data_refusal_is_temporary_or_permanent(
    submission: SubmissionServer, smtp_user: MailUser, code: int, permanent: bool
) -> None:
    submission.fail_next = (code, "policy says no")
    with pytest.raises(SmtpRejected, match="policy says no") as info:
        submit(_endpoint(submission, "ssl"), smtp_user.username, smtp_user.password,
               smtp_user.email, [smtp_user.email], _message(smtp_user))
    assert info.value.permanent is permanent and info.value.code == code


def test_line_cut_after_data_is_uncertain(
    submission: SubmissionServer, dovecot: DovecotServer, smtp_user: MailUser
) -> None:
    submission.drop_after_data = True
    with pytest.raises(SmtpUncertainError, match="may or may not"):
        submit(_endpoint(submission, "ssl"), smtp_user.username, smtp_user.password,
               smtp_user.email, [smtp_user.email], _message(smtp_user))
    assert len(_inbox(dovecot, smtp_user)) == 1  # it did go out: the outbox must not resend blindly


class _ScriptedSmtp:
    """A loopback SMTP server that answers EHLO/STARTTLS as scripted and records commands."""

    def __init__(self, ehlo_lines: list[str], starttls_reply: str) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.commands: list[str] = []
        self.ehlo_lines = ehlo_lines
        self.starttls_reply = starttls_reply
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            f = conn.makefile("rwb")
            f.write(b"220 scripted ESMTP\r\n")
            f.flush()
            for line in f:
                cmd = line.decode().strip()
                self.commands.append(cmd)
                verb = cmd.split(" ")[0].upper()
                if verb == "EHLO":
                    lines = ["scripted", *self.ehlo_lines]
                    for i, text in enumerate(lines):
                        sep = " " if i == len(lines) - 1 else "-"
                        f.write(f"250{sep}{text}\r\n".encode())
                elif verb == "STARTTLS":
                    f.write(f"{self.starttls_reply}\r\n".encode())
                elif verb == "QUIT":
                    f.write(b"221 bye\r\n")
                    f.flush()
                    return
                else:
                    f.write(b"250 OK\r\n")
                f.flush()


@pytest.mark.parametrize(
    "ehlo_lines,starttls_reply",
    [(["AUTH PLAIN LOGIN", "SIZE 1000"], "220 go"),  # STARTTLS not advertised
     (["STARTTLS", "AUTH PLAIN LOGIN"], "454 TLS not available"),
     (["STARTTLS", "AUTH PLAIN LOGIN"], "502 not implemented")],
)
def test_starttls_failure_never_falls_back_to_plaintext(
    ehlo_lines: list[str], starttls_reply: str
) -> None:
    server = _ScriptedSmtp(ehlo_lines, starttls_reply)
    with pytest.raises(SmtpTLSError):
        submit(SmtpEndpoint("127.0.0.1", server.port, "starttls", timeout=5), "u", "secret",
               "u@example.test", ["v@example.test"], b"Subject: x\r\n\r\nx\r\n")
    sent = " ".join(server.commands).upper()
    assert "AUTH" not in sent and "MAIL" not in sent and "secret" not in sent.lower()


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_auth_plain_and_login(
    submission: SubmissionServer, smtp_user: MailUser, mechanism: str
) -> None:
    from client.smtp.transport import connect, login

    smtp = connect(_endpoint(submission, "starttls"))
    try:
        login(smtp, submission.host, smtp_user.username, smtp_user.password, mechanism)
        assert submission.auth_log[-1] == smtp_user.username
        with pytest.raises(SmtpAuthError):
            other = connect(_endpoint(submission, "starttls"))
            try:
                login(other, submission.host, smtp_user.username, "nope", mechanism)
            finally:
                other.close()
    finally:
        smtp.close()


def test_a_failing_step_after_354_drops_the_line_and_delivers_nothing(
    submission: SubmissionServer, dovecot: DovecotServer, smtp_user: MailUser
) -> None:
    """The outbox records the hand-over between 354 and the bytes; if that fails (the claim was
    lost, the disk refused), the message must not go out."""

    class Refused(Exception):
        pass

    def refuse() -> None:
        raise Refused("claim lost")

    before = len(submission.received)
    endpoint = _endpoint(submission, "starttls")
    with pytest.raises(Refused):
        submit(endpoint, smtp_user.username, smtp_user.password, smtp_user.email,
               [smtp_user.email], _message(smtp_user), before_data=refuse)
    assert len(submission.received) == before and _inbox(dovecot, smtp_user) == []
    submit(endpoint, smtp_user.username, smtp_user.password, smtp_user.email,
           [smtp_user.email], _message(smtp_user))
    assert len(submission.received) == before + 1 and len(_inbox(dovecot, smtp_user)) == 1
