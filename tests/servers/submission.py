"""A real SMTP submission server for tests: aiosmtpd with AUTH and TLS, delivering into Dovecot.

``SubmissionServer(dovecot)`` starts two listeners on 127.0.0.1 in the test process:
``starttls_port`` (587-style: STARTTLS required before AUTH and MAIL) and ``ssl_port``
(465-style implicit TLS). Both use a certificate from the Dovecot fixture's test CA, so the same
``ca_file`` trusts them, unless ``cert=`` (a ``tests.servers.certs.ServerCert``) gives the
listeners a certificate of their own (then ``ca_file`` is that certificate's CA). AUTH PLAIN and LOGIN check the Dovecot users' passwords; accepted mail is
delivered into Dovecot over LMTP before the final 250 (delivery is synchronous).

Fault switches (attributes, set by a test and reset by ``reset()``):
- ``fail_next = (code, text)``: the next DATA is answered with that reply instead of delivering;
- ``refuse_rcpt = {address: (code, text)}``: per-recipient refusals at RCPT time;
- ``drop_after_data = True``: deliver, then cut the connection before sending the final 250
  (the "crash between DATA and the result" case);
- ``size_limit``: the SIZE advertised in EHLO and enforced (552 above it);
- ``auth_echo = True``: a refused AUTH is answered with a 535 that repeats the password tried
  (a hostile or careless server), to test that no client error text shows it;
- ``drop_during_auth = True``: the next AUTH cuts the connection instead of answering.
OAuth2 (with ``oauth=`` an ``OAuthServer``): AUTH XOAUTH2 and OAUTHBEARER are offered too; a
token is accepted when the OAuth server says it is live for the user named in the SASL message.
A refusal answers a ``334`` JSON error challenge first (as Google and Microsoft do), then 535.
``smtp_auth_disabled = True`` refuses OAuth2 like a Microsoft tenant with authenticated SMTP
switched off (``535 5.7.139``). ``oauth_refusals`` counts refused OAuth2 attempts.
``received`` lists every delivered ``(mail_from, rcpt_tos, data)``; ``auth_log`` the user names
that logged in (never passwords).
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import threading
import warnings
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.servers.certs import ServerCert
from tests.servers.dovecot import HOST, DovecotServer, free_port

# The implicit-TLS listener requires AUTH without STARTTLS (TLS is already on): aiosmtpd warns
# about that on every connection. It is the intended 465-style set-up, so silence exactly that.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
logging.getLogger("mail.log").setLevel(logging.ERROR)


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


class _Handler:
    def __init__(self, server: SubmissionServer) -> None:
        self.server = server

    async def _oauth(self, smtp: SMTP, args: list[str], mechanism: str) -> AuthResult:
        import base64
        import json
        import re

        if len(args) > 1:
            raw = base64.b64decode(args[1])
        else:
            answer = await smtp.challenge_auth("")
            if answer is MISSING:
                return AuthResult(success=False, handled=False)
            raw = answer if isinstance(answer, bytes) else b""
        text = raw.decode("utf-8", "replace")
        if mechanism == "XOAUTH2":
            match = re.fullmatch(r"user=([^\x01]*)\x01auth=Bearer ([^\x01]*)\x01\x01", text)
        else:
            match = re.fullmatch(r"n,a=([^,]*),(?:\x01[a-z]+=[^\x01]*)*?\x01auth=Bearer "
                                 r"([^\x01]*)(?:\x01[a-z]+=[^\x01]*)*\x01\x01", text)
            if match and "port=" not in text:
                match = None
        oauth = self.server.oauth
        user = match.group(1).replace("=2C", ",").replace("=3D", "=") if match else ""
        ok = bool(match and oauth is not None and oauth.active_user(match.group(2)) == user)
        if ok and not self.server.smtp_auth_disabled:
            self.server.auth_log.append(user)
            return AuthResult(success=True, handled=False, auth_data=user)
        self.server.oauth_refusals += 1
        if self.server.smtp_auth_disabled:
            return AuthResult(success=False, handled=False, message=(
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled "
                "for the Tenant."))
        error = base64.b64encode(json.dumps({"status": "401", "schemes": "bearer"}).encode())
        await smtp.push(b"334 " + error)
        await smtp._reader.readline()  # the client's empty line ends the exchange
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Username and Password not accepted")

    async def auth_XOAUTH2(self, smtp: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        return await self._oauth(smtp, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, smtp: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        return await self._oauth(smtp, args, "OAUTHBEARER")

    async def handle_RCPT(  # noqa: N802 - aiosmtpd hook name
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        refusal = self.server.refuse_rcpt.get(address.lower())
        if refusal:
            return f"{refusal[0]} {refusal[1]}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd hook name
        self, smtp: SMTP, session: Session, envelope: Envelope
    ) -> str:
        if self.server.fail_next is not None:
            code, text = self.server.fail_next
            self.server.fail_next = None
            return f"{code} {text}"
        data = envelope.original_content or b""
        if isinstance(data, str):
            data = data.encode("utf-8")
        await asyncio.get_running_loop().run_in_executor(
            None, self.server.deliver, str(envelope.mail_from), list(envelope.rcpt_tos), data
        )
        if self.server.drop_after_data:
            self.server.drop_after_data = False
            transport = smtp.transport
            if transport is not None:
                transport.abort()
            return "421 connection dropped by test"
        return "250 2.0.0 Message accepted for delivery"


class SubmissionServer:
    """Two aiosmtpd listeners (STARTTLS and implicit TLS) in front of a Dovecot test server."""

    def __init__(self, dovecot: DovecotServer, size_limit: int = 30 * 1024 * 1024,
                 cert: ServerCert | None = None, oauth: Any = None) -> None:
        self.dovecot = dovecot
        self.host = HOST
        self.size_limit = size_limit
        self.cert = cert
        self.ca_file = cert.ca_file if cert else dovecot.ca_file
        self.cert_sha256 = cert.cert_sha256 if cert else dovecot.cert_sha256
        self.received: list[Delivery] = []
        self.auth_log: list[str] = []
        self.fail_next: tuple[int, str] | None = None
        self.refuse_rcpt: dict[str, tuple[int, str]] = {}
        self.drop_after_data = False
        self.auth_echo = False
        self.drop_during_auth = False
        self.oauth = oauth
        self.smtp_auth_disabled = False
        self.oauth_refusals = 0
        self._passwords: dict[str, str] = {}
        self._lock = threading.Lock()
        self._controllers: list[Controller] = []
        self.starttls_port = 0
        self.ssl_port = 0

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> SubmissionServer:
        context = self._server_context()
        self.starttls_port, self.ssl_port = free_port(), free_port()
        common: dict[str, Any] = dict(
            authenticator=self._authenticate,
            auth_required=True,
            data_size_limit=self.size_limit,
            enable_SMTPUTF8=True,
        )
        starttls = Controller(
            _Handler(self), hostname=HOST, port=self.starttls_port, server_hostname="localhost",
            tls_context=context, require_starttls=True, auth_require_tls=True, **common,
        )
        implicit = Controller(
            _Handler(self), hostname=HOST, port=self.ssl_port, server_hostname="localhost",
            ssl_context=context, auth_require_tls=False, **common,
        )
        for controller in (starttls, implicit):
            controller.start()
            self._controllers.append(controller)
        return self

    def stop(self) -> None:
        for controller in self._controllers:
            controller.stop()
        self._controllers.clear()

    def reset(self) -> None:
        """Forget what earlier tests delivered and set: the server is shared by the session."""
        with self._lock:
            self.received.clear()
            self.auth_log.clear()
        self.oauth_refusals = 0
        self.smtp_auth_disabled = False
        self.fail_next = None
        self.refuse_rcpt = {}
        self.drop_after_data = False
        self.auth_echo = False
        self.drop_during_auth = False

    def allow(self, username: str, password: str) -> None:
        """Accept AUTH for this user (the same name and password as on Dovecot)."""
        self._passwords[username] = password

    # -- internals --------------------------------------------------------------------------
    def _server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        if self.cert is not None:
            context.load_cert_chain(str(self.cert.cert_file), str(self.cert.key_file))
            return context
        tls = self.dovecot.root / "tls"
        context.load_cert_chain(str(tls / "cert.pem"), str(tls / "key.pem"))
        return context

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode("utf-8", "replace")
        tried = auth_data.password.decode("utf-8", "replace")
        if self.drop_during_auth:
            self.drop_during_auth = False
            if server.transport is not None:
                server.transport.abort()
            return AuthResult(success=False, handled=True)
        ok = self._passwords.get(user) == tried
        if ok:
            self.auth_log.append(user)
        elif self.auth_echo:
            return AuthResult(success=False, handled=False,
                              message=f"535 5.7.8 password {tried} is wrong for {user}")
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535

    def deliver(self, mail_from: str, rcpt_tos: list[str], data: bytes) -> None:
        with self._lock:
            local = [r for r in rcpt_tos if r.lower().endswith("@example.test")]
            if local:
                with smtplib.LMTP(self.dovecot.host, self.dovecot.lmtp_port, timeout=30) as lmtp:
                    lmtp.sendmail(mail_from, local, data)
            self.received.append(Delivery(mail_from, rcpt_tos, data))
