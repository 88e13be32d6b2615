"""SMTP submission over TLS: connect, authenticate, submit one message.

Rules (checklist T1, T2, T4, T6, T7, O2, O3, O5, O6, O8):
- TLS is required: implicit TLS (465) or STARTTLS (587). STARTTLS not offered or refused aborts
  before AUTH, never falls back; EHLO is sent again after STARTTLS (smtplib drops what it learnt).
- The certificate is verified (system store plus `ca_file`, the context IMAP uses too); an
  untrusted one raises `SmtpTLSError` with its SHA-256 fingerprint, and is accepted only when
  it equals the SMTP server's own pin (`SmtpEndpoint.pinned_sha256`, the account's
  `smtp_pinned_sha256`; the rules are IMAP's: `client/net/tls.py`).
- The server's SIZE from EHLO is checked before MAIL FROM (`SmtpSizeError`).
- Per-recipient refusals are reported; recipients that accepted are not resent to.
- A line cut after DATA but before the final reply raises `SmtpUncertainError`: the caller
  must not assume either outcome (the outbox checks Sent by Message-ID before resending).
- smtplib normalises line ends to CRLF and dot-stuffs the data.

Blocking; call from a worker thread, never the GUI thread. The password never appears in an
exception message.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from client.i18n import _
from client.net.cert_reasons import reason_in_words
from client.net.redact import without_secret
from client.net.tls import (
    TLSPolicy,
    TLSVerificationFailed,
    check_pin,
    handshake_context,
    peek_fingerprint,
)

Security = str  # "ssl" | "starttls" | "insecure-plain"


class SmtpError(Exception):
    """Base class; `str()` is a sentence a rep can read. `permanent` says whether retrying helps."""

    permanent = False


class SmtpUnavailable(SmtpError):
    """The server could not be reached or dropped the line before DATA (retry later)."""


class SmtpTLSError(SmtpError):
    """TLS could not be set up safely; `fingerprint` is the server certificate's SHA-256 (hex)."""

    permanent = True

    def __init__(self, message: str, fingerprint: str | None = None) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


class SmtpAuthError(SmtpError):
    """The server refused the user name or password."""

    permanent = True


class SmtpSizeError(SmtpError):
    """The message is larger than the server accepts (SIZE in EHLO, or a 552 reply)."""

    permanent = True

    def __init__(self, message: str, limit: int | None, size: int) -> None:
        super().__init__(message)
        self.limit = limit
        self.size = size


class SmtpRejected(SmtpError):
    """The server refused the message (5xx: permanent) or asked to retry (4xx)."""

    def __init__(self, message: str, code: int, permanent: bool) -> None:
        super().__init__(message)
        self.code = code
        self.permanent = permanent


class SmtpUncertainError(SmtpError):
    """The line dropped after the data was sent: the message may or may not have gone out."""


@dataclass(frozen=True)
class SmtpEndpoint:
    host: str
    port: int
    security: Security = "ssl"
    ca_file: str | None = None
    pinned_sha256: str | None = None
    timeout: float = 60.0
    #: "password" (AUTH PLAIN/LOGIN) or "oauth2" (the password is an OAuth2 access token)
    auth: str = "password"
    #: OAuth2 only: returns a newly refreshed token; `submit` calls it once when the server
    #: refuses the token (never in a loop)
    token_refresh: Callable[[], str] | None = field(default=None, compare=False, repr=False)


@dataclass
class SubmitResult:
    """Outcome of one submission: who accepted, who was refused and why."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)
    reply: str = ""
    size_limit: int | None = None  # the SIZE the server announced in EHLO (None: none)


def _reply_text(resp: bytes | str) -> str:
    text = resp.decode("utf-8", "replace") if isinstance(resp, bytes) else str(resp)
    return " ".join(text.split())[:500]


def _open(endpoint: SmtpEndpoint, context: ssl.SSLContext) -> smtplib.SMTP:
    """Connect and set up TLS with `context`; EHLO again after STARTTLS."""
    if endpoint.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            endpoint.host, endpoint.port, timeout=endpoint.timeout, context=context
        )
        smtp.ehlo()
        return smtp
    smtp = smtplib.SMTP(endpoint.host, endpoint.port, timeout=endpoint.timeout)
    smtp.ehlo()
    if endpoint.security == "insecure-plain":
        return smtp
    if endpoint.security != "starttls":
        smtp.close()
        raise SmtpError(_("Unknown security setting {mode!r}.", mode=endpoint.security))
    if not smtp.has_extn("starttls"):
        smtp.close()
        raise SmtpTLSError(_(
            "{host} does not offer STARTTLS; Tradewind will not send the password or the "
            "message without encryption.", host=endpoint.host))
    try:
        smtp.starttls(context=context)
    except smtplib.SMTPResponseException as exc:
        smtp.close()
        raise SmtpTLSError(_("{host} refused STARTTLS ({answer}); nothing was sent.",
                             host=endpoint.host, answer=exc.smtp_code)) from None
    smtp.ehlo()  # what was learnt before TLS is discarded by smtplib; ask again
    return smtp


def connect(endpoint: SmtpEndpoint) -> smtplib.SMTP:
    """An SMTP connection with TLS set up and verified (or matching the pinned certificate when
    verification fails). Raises SmtpError subclasses in words."""
    policy = TLSPolicy(endpoint.host, endpoint.ca_file, endpoint.pinned_sha256)
    try:
        try:
            return _open(endpoint, handshake_context(policy))
        except ssl.SSLCertVerificationError as exc:
            if not endpoint.pinned_sha256:
                fingerprint = _fingerprint_of(endpoint)
                raise SmtpTLSError(
                    _("The certificate of {where} is not trusted ({reason}). Its SHA-256 "
                      "fingerprint is {fingerprint}; accept it only if your IT department "
                      "confirms this exact value.", where=endpoint.host,
                      reason=reason_in_words(exc), fingerprint=fingerprint),
                    fingerprint,
                ) from None
        smtp = _open(endpoint, handshake_context(policy, verify=False))
        sock = smtp.sock
        if not isinstance(sock, ssl.SSLSocket):
            smtp.close()
            raise SmtpTLSError(_("The connection to {host} is not encrypted.",
                                 host=endpoint.host))
        try:
            check_pin(policy, sock)
        except TLSVerificationFailed as exc:
            smtp.close()
            raise SmtpTLSError(str(exc), exc.fingerprint) from None
        return smtp
    except (ssl.SSLError, smtplib.SMTPServerDisconnected) as exc:
        raise SmtpUnavailable(_("The secure connection to {host} failed: {detail}.",
                                host=endpoint.host, detail=exc)) from None
    except (OSError, smtplib.SMTPConnectError) as exc:
        where = f"{endpoint.host}:{endpoint.port}"
        raise SmtpUnavailable(_("Cannot reach the mail server {where} ({detail}).", where=where,
                                detail=exc)) from None


def _fingerprint_of(endpoint: SmtpEndpoint) -> str | None:
    """Read the server certificate without trusting it, only to show its fingerprint."""
    try:
        if endpoint.security == "ssl":
            return peek_fingerprint(endpoint.host, endpoint.port, endpoint.timeout)
        smtp = smtplib.SMTP(endpoint.host, endpoint.port, timeout=endpoint.timeout)
        try:
            smtp.ehlo()
            code, _reply = smtp.docmd("STARTTLS")
            if code != 220:
                return None
            return peek_fingerprint(endpoint.host, endpoint.port, endpoint.timeout, sock=smtp.sock)
        finally:
            smtp.close()
    except (OSError, smtplib.SMTPException):
        return None


def login(
    smtp: smtplib.SMTP, host: str, username: str, password: str, mechanism: str | None = None,
    auth: str = "password",
) -> None:
    """With `auth="oauth2"`, `login_oauth2` (`password` is the access token). Else AUTH PLAIN or LOGIN (the server's choice among those, or `mechanism`) with UTF-8
    credentials (RFC 4616; smtplib would only send ASCII). Raises SmtpAuthError (refused) or
    SmtpUnavailable (line cut, temporary failure) in words; no error text holds any part of the
    password, even when the server's reply repeats it."""
    if auth == "oauth2":
        login_oauth2(smtp, host, username, password)
        return
    if not smtp.has_extn("auth"):
        raise SmtpAuthError(_("{host} does not offer authentication on this connection.",
                              host=host))
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    chosen = (mechanism or next((m for m in ("PLAIN", "LOGIN") if m in offered), "")).upper()
    if chosen not in ("PLAIN", "LOGIN"):
        raise SmtpAuthError(_("{host} offers no login method Tradewind supports ({offered}).",
                              host=host, offered=" ".join(offered)))
    try:
        code, resp = _auth_exchange(smtp, chosen, username, password)
    except (smtplib.SMTPException, OSError) as exc:
        raise SmtpUnavailable(_("The connection to {host} failed during login ({detail}).",
                                host=host, detail=exc.__class__.__name__)) from None
    if code in (235, 503):  # 503: already authenticated on this connection
        return
    reply = without_secret(_reply_text(resp), password, username)
    if 400 <= code < 500:
        raise SmtpUnavailable(_("{host} could not check the login now ({code} {reply}); "
                                "Tradewind tries again later.", host=host, code=code, reply=reply))
    if code in (502, 504):
        shown = f"{code} {reply}"
        raise SmtpAuthError(_("{host} offers no login method Tradewind supports ({offered}).",
                              host=host, offered=shown))
    raise SmtpAuthError(_(
        "{host} refused the user name or password for {username} ({code} {reply}).",
        host=host, username=username, code=code, reply=reply))


class SmtpTokenRefused(SmtpAuthError):
    """The server refused the OAuth2 access token (the caller may refresh it once)."""


class SmtpAuthDisabled(SmtpAuthError):
    """The mailbox may not use authenticated SMTP at all (Microsoft's 535 5.7.139)."""


def login_oauth2(smtp: smtplib.SMTP, host: str, username: str, token: str) -> None:
    """AUTH OAUTHBEARER or XOAUTH2 (the server's EHLO list decides) with an access token.
    A refusal may first come as a 334 challenge holding a JSON error, answered with an empty
    line (RFC 7628 §3.2.3). Raises `SmtpTokenRefused`, `SmtpAuthDisabled`, `SmtpAuthError`,
    `SmtpUnavailable`; no error text holds the token."""
    from client.net import sasl

    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = sasl.choose(offered)
    if mechanism is None:
        raise SmtpAuthError(f"{host} does not offer OAuth2 sign-in for sending (it offers "
                            f"{' '.join(offered) or 'no login method'}).")
    try:
        payload = base64.b64encode(sasl.initial_response(
            mechanism, username, token, host, smtp.sock.getpeername()[1] if smtp.sock else 0,
        )).decode("ascii")
        code, resp = smtp.docmd("AUTH", f"{mechanism} {payload}")
        if code == 334:
            code, resp = smtp.docmd("")
    except sasl.SaslError as exc:
        raise SmtpAuthError(str(exc)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SmtpUnavailable(
            f"The connection to {host} failed during sign-in ({exc.__class__.__name__}).") from None
    if code in (235, 503):
        return
    reply = without_secret(_reply_text(resp), token, username)
    if "5.7.139" in reply:
        raise SmtpAuthDisabled(
            f"{host} does not allow this mailbox to send with a sign-in ({code} {reply}). Your "
            "administrator must enable authenticated SMTP (SMTP AUTH) for your mailbox, e.g. in "
            "the Microsoft 365 admin center under the user's Mail settings.")
    if 400 <= code < 500:
        raise SmtpUnavailable(f"{host} could not check the sign-in now ({code} {reply}); "
                              "Tradewind tries again later.")
    raise SmtpTokenRefused(f"{host} refused the sign-in for {username} ({code} {reply}).")


def _b64(data: str) -> str:
    return base64.b64encode(data.encode("utf-8")).decode("ascii")


def _auth_exchange(smtp: smtplib.SMTP, mechanism: str, username: str,
                   password: str) -> tuple[int, bytes]:
    """One AUTH dialogue; returns the server's final (code, reply). Only base64 (ASCII) goes
    on the line, so smtplib's ASCII command encoding never sees the credentials."""
    if mechanism == "PLAIN":
        code, resp = smtp.docmd("AUTH", "PLAIN " + _b64(f"\0{username}\0{password}"))
        if code == 334:  # the server did not take the initial response: send it again
            code, resp = smtp.docmd(_b64(f"\0{username}\0{password}"))
        return code, resp
    code, resp = smtp.docmd("AUTH", "LOGIN")
    if code != 334:
        return code, resp
    code, resp = smtp.docmd(_b64(username))
    if code != 334:
        return code, resp
    return smtp.docmd(_b64(password))


def server_size_limit(smtp: smtplib.SMTP) -> int | None:
    """The SIZE limit advertised in EHLO, or None when there is none (0 means none too)."""
    value = smtp.esmtp_features.get("size", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def send(
    smtp: smtplib.SMTP, host: str, mail_from: str, recipients: list[str], data: bytes,
    before_data: Callable[[], None] | None = None,
) -> SubmitResult:
    """MAIL/RCPT/DATA for one message on an authenticated connection.

    `before_data` runs after the server said 354 and before the message is handed over: the
    outbox records the hand-over there, so a crash after it is known to be uncertain. If it
    raises, the line is dropped without the message (nothing is delivered) and the exception
    propagates.

    Raises SmtpSizeError, SmtpRejected (4xx/5xx for the whole message), SmtpUnavailable (line cut
    before DATA completed sending), SmtpUncertainError (cut after the data was sent).
    """
    limit = server_size_limit(smtp)
    if limit is not None and len(data) > limit:
        size, most = f"{len(data) / 1e6:.1f}", f"{limit / 1e6:.1f}"
        raise SmtpSizeError(_(
            "The message is {size} MB; {host} accepts at most {limit} MB. Send large files as "
            "a download link instead.", size=size, host=host, limit=most), limit, len(data))
    options = [f"SIZE={len(data)}"]
    needs_utf8 = not all(r.isascii() for r in [mail_from, *recipients])
    if needs_utf8:
        if not smtp.has_extn("smtputf8"):
            raise SmtpRejected(_(
                "{host} cannot deliver to addresses with non-ASCII characters (no SMTPUTF8).",
                host=host), 553, True)
        options.append("SMTPUTF8")
    if not data.isascii():
        if smtp.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
    result = SubmitResult(size_limit=limit)
    try:
        code, resp = smtp.mail(mail_from, options)
        if code != 250:
            _raise_reply(host, code, resp, _("refused the sender address"))
        for rcpt in recipients:
            code, resp = smtp.rcpt(rcpt)
            if code in (250, 251):
                result.accepted.append(rcpt)
            else:
                result.refused[rcpt] = (code, _reply_text(resp))
        if not result.accepted:
            smtp.rset()
            worst = max(result.refused.values(), key=lambda cr: cr[0])
            _raise_reply(host, worst[0], worst[1], _("refused every recipient"))
        code, resp = smtp.docmd("DATA")
        if code != 354:
            _raise_reply(host, code, resp, _("refused the message"))
        if before_data is not None:
            try:
                before_data()
            except BaseException:
                # The server waits for the message: a QUIT now would be read as its text.
                # Dropping the line without the final "." delivers nothing.
                smtp.close()
                raise
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise SmtpUnavailable(_("The connection to {host} dropped before sending: {detail}.",
                                host=host, detail=exc)) from None
    try:
        payload = smtplib.quotedata(data.decode("latin-1")).encode("latin-1")
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        smtp.send(payload + b".\r\n")
        code, resp = smtp.getreply()
    except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as exc:
        raise SmtpUncertainError(_(
            "The connection to {host} dropped after the message was handed over ({detail}); "
            "it may or may not have been sent.", host=host, detail=exc)) from None
    if code == 421 or code < 200:
        raise SmtpUncertainError(_(
            "{host} closed the session after the message was handed over ({code} {reply}); "
            "it may or may not have been sent.", host=host, code=code,
            reply=_reply_text(resp)))
    if code != 250:
        _raise_reply(host, code, resp, _("refused the message"))
    result.reply = _reply_text(resp)
    return result


def _raise_reply(host: str, code: int, resp: bytes | str, what: str) -> None:
    text = _reply_text(resp)
    if code == 552:
        raise SmtpSizeError(_(
            "{host} {what}: the message is too large ({code} {reply}). Send large files as a "
            "download link instead.", host=host, what=what, code=code, reply=text), None, 0)
    raise SmtpRejected(_("{host} {what}: {code} {reply}", host=host, what=what, code=code,
                         reply=text), code, permanent=500 <= code < 600)


def submit(
    endpoint: SmtpEndpoint, username: str, password: str,
    mail_from: str, recipients: list[str], data: bytes,
    before_data: Callable[[], None] | None = None,
) -> SubmitResult:
    """Connect, authenticate and send one message; always closes the connection."""
    smtp = connect(endpoint)
    try:
        try:
            login(smtp, endpoint.host, username, password, auth=endpoint.auth)
        except SmtpTokenRefused:
            if endpoint.token_refresh is None:
                raise
            login(smtp, endpoint.host, username, endpoint.token_refresh(), auth=endpoint.auth)
        return send(smtp, endpoint.host, mail_from, recipients, data, before_data)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
