"""The plumbing under ``ImapSession``: login, error translation, raw commands, streaming.

``Connection`` owns one imaplib client (wrapped by an imap-tools ``BaseMailBox`` for login and
logout). It is used by one thread at a time. Every public operation of the session runs inside
``guard()``, which turns library and socket errors into ``ImapError`` subclasses; after a
transport failure the connection is marked broken and every later call raises
``ServerUnavailable`` at once.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Generator, Iterator
from typing import Any

from imap_tools import BaseMailBox
from imap_tools.errors import MailboxLoginError

from client.i18n import _
from client.imap.errors import (
    AuthenticationError,
    ImapError,
    OversizedResponse,
    ProtocolError,
    ServerUnavailable,
)
from client.imap.models import Endpoint
from client.imap.parse import ResponseParseError, Segment, uid_in_text
from client.imap.transport import LiteralTooLarge, open_client
from client.net import sasl
from client.net.redact import without_secret


class _AdoptedMailBox(BaseMailBox):
    """An imap-tools mailbox around a client that ``transport.open_client`` already opened."""

    def __init__(self, client: imaplib.IMAP4) -> None:
        self._adopted = client
        super().__init__()

    def _get_mailbox_client(self) -> imaplib.IMAP4:
        return self._adopted


def server_text(data: object, limit: int = 200) -> str:
    """Server-supplied text made safe to show: decoded, control characters escaped, cut to
    ``limit`` characters and quoted, so it reads as coming from the server (T8)."""
    if isinstance(data, list):
        data = data[-1] if data else b""
    if isinstance(data, tuple):
        data = data[0]
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"“{text}”"


class Connection:
    """Base of ``ImapSession``: see the module docstring."""

    def __init__(self, endpoint: Endpoint, mailbox: BaseMailBox) -> None:
        self.endpoint = endpoint
        self._mailbox = mailbox
        self._client: Any = mailbox.client  # imaplib internals are used throughout
        self._broken = False
        self.capabilities: frozenset[str] = frozenset()
        self._refresh_capabilities()

    # -- setup -------------------------------------------------------------------------------

    @classmethod
    def _open_and_login(cls, endpoint: Endpoint, username: str, password: str) -> BaseMailBox:
        client = open_client(endpoint)
        mailbox = _AdoptedMailBox(client)
        try:
            if client.state == "AUTH":  # PREAUTH, only reachable on insecure-plain
                return mailbox
            _login(mailbox, endpoint, username, password)
        except BaseException:
            with contextlib.suppress(Exception):
                client.shutdown()
            raise
        return mailbox

    def _refresh_capabilities(self) -> None:
        """Ask CAPABILITY again (after TLS and after login, never reusing an older list)."""
        with self.guard():
            self._client.capabilities = ()
            self._client._get_capabilities()
            self.capabilities = frozenset(str(c).upper() for c in self._client.capabilities)

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    @property
    def is_broken(self) -> bool:
        """True once the line was lost or went out of step; every call then raises."""
        return self._broken

    # -- error handling ----------------------------------------------------------------------

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Translate errors raised inside into ``ImapError`` subclasses."""
        if self._broken:
            raise ServerUnavailable(_("The connection to the mail server was lost; reconnect."))
        where = f"{self.endpoint.host}:{self.endpoint.port}"
        try:
            yield
        except ImapError:
            raise
        except ResponseParseError as exc:
            raise ProtocolError(_("The server {where} sent a response Tradewind cannot read "
                                  "({detail}).", where=where, detail=exc)) from None
        except imaplib.IMAP4.abort as exc:
            self._mark_broken()
            if isinstance(exc, LiteralTooLarge) or getattr(self._client, "literal_refused", False):
                uid = uid_in_text(getattr(self._client, "refused_line", b"") or b"")
                if uid is not None:
                    text = _("The server {where} sent an oversized response for message UID "
                             "{uid}; the connection was closed.", where=where, uid=uid)
                else:
                    text = _("The server {where} sent an oversized response; the connection "
                             "was closed.", where=where)
                raise OversizedResponse(text, uid) from None
            raise ServerUnavailable(_("The connection to {where} was lost ({detail}).",
                                      where=where, detail=server_text(str(exc), 120))) from None
        except TimeoutError:
            self._mark_broken()
            raise ServerUnavailable(_("The server {where} stopped answering.",
                                      where=where)) from None
        except (OSError, ssl.SSLError) as exc:
            self._mark_broken()
            raise ServerUnavailable(_("The connection to {where} failed: {detail}.", where=where,
                                      detail=exc.strerror or type(exc).__name__)) from None
        except imaplib.IMAP4.error as exc:
            if "got more than" in str(exc):  # a line over MAX_LINE: stream is out of step
                self._mark_broken()
            raise ProtocolError(_("The server {where} answered with an error: {detail}",
                                  where=where, detail=server_text(str(exc)))) from None

    def _mark_broken(self) -> None:
        self._broken = True
        with contextlib.suppress(Exception):
            self._client.shutdown()

    # -- raw commands ------------------------------------------------------------------------

    def _command(self, name: str, *args: str | bytes) -> tuple[str, list[bytes]]:
        """Run a command to completion; NO/BAD → ``ProtocolError`` with the server's words."""
        for stale in ("COPYUID", "APPENDUID", "VANISHED", "ESEARCH", "STATUS", "LIST", "SEARCH"):
            self._client.untagged_responses.pop(stale, None)
        typ, data = self._client._simple_command(name, *args)
        if typ != "OK":
            what = f"{name} {args[0]!s}" if name == "UID" and args else name
            raise ProtocolError(_("The server refused {command}: {detail}", command=what,
                                  detail=server_text(data)))
        return typ, data

    def _untagged(self, name: str) -> list[list[Segment]]:
        """Pop the untagged responses of one kind, each as a list of segments."""
        return group_segments(self._client.untagged_responses.pop(name, []))

    def _stream(self, name: str, *args: str | bytes) -> Generator[list[Segment], None, None]:
        """Issue a command and yield each untagged FETCH response as soon as it is read.
        Closing the iterator early reads and discards the rest of the response, so the
        connection stays usable."""
        client = self._client
        client.untagged_responses.pop("FETCH", None)
        tag = client._command(name, *args)
        finished = False
        try:
            while client.tagged_commands.get(tag) is None:
                client._get_response()
                yield from group_segments(client.untagged_responses.pop("FETCH", []))
            finished = True
            typ, data = client.tagged_commands.pop(tag)
            if typ != "OK":
                raise ProtocolError(_("The server refused {command}: {detail}", command=name,
                                      detail=server_text(data)))
        finally:
            if not finished:
                self._drain(tag)

    def _drain(self, tag: bytes) -> None:
        client = self._client
        try:
            while client.tagged_commands.get(tag) is None:
                client._get_response()
                client.untagged_responses.pop("FETCH", None)
            client.tagged_commands.pop(tag, None)
        except Exception:  # noqa: BLE001 - a line that fails while draining is broken, whatever the cause
            self._mark_broken()


def group_segments(items: list[Any]) -> list[list[Segment]]:
    """imaplib stores a response with literals as ``(text, literal)`` tuples followed by the
    trailing text; regroup those pieces into one segment list per response."""
    out: list[list[Segment]] = []
    current: list[Segment] = []
    for item in items:
        if isinstance(item, tuple):
            current.append((item[0], item[1]))
        else:
            current.append((item if isinstance(item, bytes) else b"", None))
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _login(mailbox: BaseMailBox, endpoint: Endpoint, username: str, password: str) -> None:
    """OAuth2 (``endpoint.auth == "oauth2"``: ``password`` is the access token), else LOGIN for ASCII credentials, AUTHENTICATE PLAIN (UTF-8) otherwise or when LOGIN is
    disabled. The password never reaches an exception: every library error is replaced."""
    if endpoint.auth == "oauth2":
        _login_oauth2(mailbox, endpoint, username, password)
        return
    caps = mailbox.client.capabilities
    where = f"{endpoint.host}:{endpoint.port}"
    rejected = _("The server {where} rejected the user name or password.", where=where)
    try:
        if _is_ascii(username) and _is_ascii(password) and "LOGINDISABLED" not in caps:
            mailbox.login(username, password, initial_folder=None)
        elif "AUTH=PLAIN" in caps:
            mailbox.login_utf8(username, password, initial_folder=None)
        elif "LOGINDISABLED" in caps:
            raise ProtocolError(_("The server {where} does not allow login on this connection.",
                                  where=where))
        else:
            raise AuthenticationError(_(
                "The server {where} cannot accept this user name or password (it contains "
                "characters the server does not support).", where=where))
    except ImapError:
        raise
    except MailboxLoginError as exc:
        raise _refused(rejected, exc, username, password) from None
    except imaplib.IMAP4.abort:
        raise ServerUnavailable(_("The server {where} closed the connection during login.",
                                  where=where)) from None
    except imaplib.IMAP4.error as exc:
        raise _refused(rejected, exc, username, password) from None
    except (OSError, ssl.SSLError):
        raise ServerUnavailable(_("The connection to {where} failed during login.",
                                  where=where)) from None


def _refused(message: str, exc: Exception, username: str, password: str) -> AuthenticationError:
    """An ``AuthenticationError`` carrying the server's words (never a part of the password)."""
    error = AuthenticationError(message)
    result = getattr(exc, "command_result", None)
    data = result[1] if isinstance(result, tuple) and len(result) > 1 else str(exc)
    error.server_reply = without_secret(server_text(data), password, username)
    return error


def _login_oauth2(mailbox: BaseMailBox, endpoint: Endpoint, username: str, token: str) -> None:
    """AUTHENTICATE OAUTHBEARER or XOAUTH2 (the server's list decides). A refusal arrives as a
    ``+`` continuation holding the server's JSON error, answered with an empty line (RFC 7628
    §3.2.3); it raises ``AuthenticationError`` (the caller may refresh the token once)."""
    client = mailbox.client
    where = f"{endpoint.host}:{endpoint.port}"
    offered = [str(c)[5:] for c in client.capabilities if str(c).upper().startswith("AUTH=")]
    mechanism = sasl.choose(offered)
    if mechanism is None:
        raise AuthenticationError(
            f"The server {where} does not offer OAuth2 sign-in (it offers "
            f"{', '.join(offered) or 'no SASL mechanism'}); use a password or app password.")
    try:
        payload = sasl.initial_response(mechanism, username, token, endpoint.host, endpoint.port)
    except sasl.SaslError as exc:
        raise AuthenticationError(str(exc)) from None
    try:
        typ, _ = client.authenticate(mechanism, lambda challenge: b"" if challenge else payload)
    except imaplib.IMAP4.abort:
        raise ServerUnavailable(f"The server {where} closed the connection during sign-in.") from None
    except imaplib.IMAP4.error:
        raise AuthenticationError(
            f"The server {where} refused the sign-in token ({mechanism}); sign in again if "
            "this repeats.") from None
    except (OSError, ssl.SSLError):
        raise ServerUnavailable(f"The connection to {where} failed during sign-in.") from None
    if typ != "OK":
        raise AuthenticationError(f"The server {where} refused the sign-in token ({mechanism}).")
    mailbox.login_result = (typ, [])  # type: ignore[assignment]


def _is_ascii(text: str) -> bool:
    return text.isascii() and "\r" not in text and "\n" not in text and "\0" not in text
