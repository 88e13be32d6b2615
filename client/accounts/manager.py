"""Account lifecycle for the CLI and the app: add, list, test, trust, remove.

Connection settings live in the store's `accounts` table; the password lives only in the
keyring (`client.profile.secrets`). Settings come from, first match wins: the user's `--imap/--smtp`
(manual always wins), else a provider preset or discovery for the e-mail's domain
(`client.accounts.discover.discover`), else the default `imap.DOMAIN`/`smtp.DOMAIN` guess. A
failed or missing lookup never blocks adding an account; it is only reported in `notes`.

An `AccountManager` wraps one `Store`, so it belongs to the thread that opened that store.
`test()` and `test_smtp()` do network I/O: never call them on a GUI thread. Errors are in words:
`InvalidAccountError` (bad input), `AccountExistsError`, `AccountNotFoundError`,
`MissingPasswordError`, plus `client.profile.secrets` and `client.imap` errors passed through.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from client.accounts.choices import SECURITIES, SERVERS
from client.i18n import _
from client.net import tls
from client.profile import secrets

if TYPE_CHECKING:
    from client.accounts.discover import DiscoveryResult
    from client.imap.models import Security
    from client.oauth.providers import Provider
    from client.oauth.tokens import TokenSet
    from client.store.db import Store
    from client.store.records import Account

log = logging.getLogger(__name__)

DEFAULT_IMAP_PORT = {"ssl": 993, "starttls": 143, "insecure-plain": 143}
DEFAULT_SMTP_PORT = {"ssl": 465, "starttls": 587, "insecure-plain": 587}
_EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class AccountError(Exception):
    """Base of the manager's own errors (messages are for people)."""


class InvalidAccountError(AccountError):
    """An address, host, port, security mode or fingerprint is not valid."""


class AccountExistsError(AccountError):
    """An account with this e-mail address already exists."""


class AccountNotFoundError(AccountError):
    """No account with this e-mail address in the profile."""


class MissingPasswordError(AccountError):
    """The keyring holds no password for the account."""


@dataclass(frozen=True)
class HostPort:
    host: str
    port: int | None


@dataclass(frozen=True)
class AddResult:
    """What `add` stored and where the settings came from.

    `source`: "manual" (the user's --imap/--smtp), "preset", "discovered" or "guess".
    """

    account: Account
    source: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TestResult:
    """A successful login: the capabilities after login, and the endpoint that was used."""

    email: str
    host: str
    port: int
    security: str
    capabilities: tuple[str, ...] = field(default_factory=tuple)


def normalise_email(email: str) -> str:
    """Trimmed address; raises `InvalidAccountError` unless it looks like `local@domain.tld`."""
    value = (email or "").strip()
    if not _EMAIL_RE.match(value):
        raise InvalidAccountError(_("{email!r} is not an e-mail address (expected name@domain).",
                                    email=email))
    return value


def parse_host_port(text: str) -> HostPort:
    """Parse `HOST`, `HOST:PORT`, `[IPv6]` or `[IPv6]:PORT`; raises `InvalidAccountError`."""
    value = (text or "").strip()
    port_text: str | None = None
    if value.startswith("["):
        host, sep, rest = value[1:].partition("]")
        if not sep or not host or (rest and not rest.startswith(":")):
            raise InvalidAccountError(_("{text!r} is not a valid [IPv6]:PORT server address.",
                                        text=text))
        port_text = rest[1:] if rest else None
    else:
        host = value
        if value.count(":") == 1:
            host, port_text = value.split(":")
        if not _HOST_RE.match(host):
            raise InvalidAccountError(_("{text!r} is not a valid server name (HOST or "
                                        "HOST:PORT).", text=text))
    port: int | None = None
    if port_text is not None:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InvalidAccountError(_("{text!r} is not a port number (1-65535).",
                                        text=port_text))
        port = int(port_text)
    return HostPort(host, port)


def normalise_fingerprint(fingerprint: str) -> str:
    """A SHA-256 fingerprint as 64 lowercase hex digits; accepts `AB:CD:...` or plain hex.
    Raises InvalidAccountError in words (the rules live in `client.net.tls`)."""
    try:
        return tls.normalise_fingerprint(fingerprint or "")
    except ValueError as exc:
        raise InvalidAccountError(str(exc)) from None


def format_fingerprint(hex_digits: str) -> str:
    """`ab12…` -> `AB:12:…`, the form browsers and `account test` show."""
    return tls.display_fingerprint(normalise_fingerprint(hex_digits))


Connect = Callable[..., Any]


class AccountManager:
    """Add, list, test, trust and remove accounts over one `Store` (see module docstring)."""

    def __init__(self, store: Store, *, connect: Connect | None = None) -> None:
        self.store = store
        self._connect = connect

    # -- queries -------------------------------------------------------------------------
    def list_accounts(self) -> list[Account]:
        """All accounts in creation order."""
        return self.store.list_accounts()

    def get(self, email: str) -> Account:
        """The account for `email` (case-insensitive) or `AccountNotFoundError`."""
        found = self.store.get_account((email or "").strip())
        if found is None:
            raise AccountNotFoundError(_(
                "There is no account {email!r} in this profile (see `tradewind account list`).",
                email=email))
        return found

    # -- add -----------------------------------------------------------------------------
    def add(
        self,
        email: str,
        password: str,
        *,
        imap: str | None = None,
        smtp: str | None = None,
        security: str | None = None,
        username: str | None = None,
        ca_file: str | None = None,
        display_name: str = "",
        lookup: bool = True,
    ) -> AddResult:
        """Store a new account and its password. Does not connect (use `test`).

        Raises `InvalidAccountError`, `AccountExistsError`, `secrets.KeyringUnavailableError`
        (checked before anything is written). If the keyring write fails, the new row is
        removed again, so a failure leaves nothing behind.
        """
        if not password:
            raise InvalidAccountError(_("A password is needed to add an account."))
        return self._add_row(
            email, lambda address: secrets.set_password(address, password), imap=imap,
            smtp=smtp, security=security, username=username, ca_file=ca_file,
            display_name=display_name, lookup=lookup)

    def _add_row(
        self,
        email: str,
        store_secret: Callable[[str], None],
        *,
        imap: str | None,
        smtp: str | None,
        security: str | None,
        username: str | None,
        ca_file: str | None,
        display_name: str,
        lookup: bool,
        **row: Any,
    ) -> AddResult:
        """The account-row code `add` and `add_oauth` share: check the input and the keyring,
        find the servers, insert the row (`row`: extra columns such as `auth`), then
        `store_secret(address)`; when that fails the row is removed again and the error
        passes. Raises `InvalidAccountError`, `AccountExistsError`, keyring errors."""
        address = normalise_email(email)
        if security is not None and security not in SECURITIES:
            raise InvalidAccountError(_("{mode!r} is not a security mode; use one of {choices}.",
                                        mode=security, choices=", ".join(SECURITIES)))
        if ca_file is not None:
            ca_file = _check_ca_file(ca_file)
        imap_hp = parse_host_port(imap) if imap else None
        smtp_hp = parse_host_port(smtp) if smtp else None
        if self.store.get_account(address) is not None:
            raise AccountExistsError(_("An account for {email} already exists.", email=address))
        secrets.check_backend()

        settings, source, notes = self._settings_for(address, imap_hp, smtp_hp, security, lookup)
        mode = security or settings.get("security") or "ssl"
        imap_port = settings.get("imap_port") or DEFAULT_IMAP_PORT[mode]
        smtp_port = settings.get("smtp_port") or DEFAULT_SMTP_PORT[mode]
        try:
            account = self.store.add_account(
                address,
                display_name=display_name,
                imap_host=settings["imap_host"],
                imap_port=int(imap_port),
                smtp_host=settings["smtp_host"],
                smtp_port=int(smtp_port),
                security=mode,
                username=(username or settings.get("username") or address),
                ca_file=ca_file,
                preset=settings.get("preset"),
                **row,
            )
        except ValueError as exc:
            raise AccountExistsError(str(exc)) from None
        try:
            store_secret(address)
        except BaseException:
            self.store.remove_account(account.id)
            raise
        log.info("account added: %s (%s, %s)", address, row.get("auth", "password"), source)
        return AddResult(account, source, tuple(notes))

    def _settings_for(
        self,
        address: str,
        imap_hp: HostPort | None,
        smtp_hp: HostPort | None,
        security: str | None,
        lookup: bool,
    ) -> tuple[dict[str, Any], str, list[str]]:
        domain = address.rsplit("@", 1)[1].lower()
        notes: list[str] = []
        found: dict[str, Any] = {}
        source = "guess"
        if imap_hp is None and lookup:
            found, source, lookup_notes = _lookup(address)
            notes.extend(lookup_notes)
        settings: dict[str, Any] = {
            "imap_host": found.get("imap_host") or f"imap.{domain}",
            "imap_port": found.get("imap_port"),
            "smtp_host": found.get("smtp_host") or f"smtp.{domain}",
            "smtp_port": found.get("smtp_port"),
            "security": found.get("security"),
            "username": found.get("username"),
            "preset": found.get("preset"),
        }
        if security is not None and security != found.get("security"):
            # The user's mode changes the meaning of the looked-up ports: use that mode's defaults.
            settings["imap_port"] = settings["smtp_port"] = None
        if imap_hp is not None:
            source = "manual"
            settings.update(imap_host=imap_hp.host, imap_port=imap_hp.port, preset=None)
            if smtp_hp is None:
                settings.update(smtp_host=imap_hp.host, smtp_port=None)
        if smtp_hp is not None:
            settings.update(smtp_host=smtp_hp.host, smtp_port=smtp_hp.port)
        if source == "guess":
            notes.append(
                f"No settings found for {domain}; guessed imap.{domain} and smtp.{domain}. "
                "Give --imap/--smtp if these are wrong."
            )
        return settings, source, notes

    # -- OAuth2 --------------------------------------------------------------------------
    def _secret(self, account: Account) -> str:
        """The password, or for OAuth2 a fresh access token (status needs-login if refused)."""
        from client.oauth.credentials import secret_for

        password = secret_for(account, self.store)
        if password is None:
            raise MissingPasswordError(_(
                "No password for {email} is stored in the keyring. Remove and add the account "
                "again to store one.", email=account.email))
        return password

    def add_oauth(
        self,
        email: str,
        provider: Provider,
        tokens: TokenSet,
        *,
        imap: str | None = None,
        smtp: str | None = None,
        security: str | None = None,
        username: str | None = None,
        ca_file: str | None = None,
        display_name: str = "",
        lookup: bool = True,
    ) -> AddResult:
        """Store a new OAuth2 account (`auth = "oauth2"`, the provider's public settings in the
        row) and its tokens in the keyring. Settings as for `add`. If the keyring write fails
        the row is removed again. Raises as `add`."""
        from client.oauth import tokens as token_store

        return self._add_row(
            email, lambda address: token_store.save(address, tokens), imap=imap, smtp=smtp,
            security=security, username=username, ca_file=ca_file, display_name=display_name,
            lookup=lookup, auth="oauth2", oauth_provider=provider.public_json())

    def relogin(self, email: str, tokens: TokenSet, provider: Provider | None = None) -> Account:
        """Keep the tokens of a new sign-in (and the provider, when given): the account leaves
        `needs-login`; a password account becomes an OAuth2 one (its password entry is
        removed). Nothing else changes (outbox, drafts, cache). Idempotent."""
        from client.oauth import tokens as token_store

        account = self.get(email)
        fields: dict[str, object] = {"auth": "oauth2"}
        if provider is not None:
            fields["oauth_provider"] = provider.public_json()
        token_store.save(account.email, tokens)
        self.store.update_account(account.id, **fields)
        self.store.set_account_status(account.id, "ok", None)
        if account.auth != "oauth2":
            secrets.delete_password(account.email)
        return self.get(email)

    # -- test ----------------------------------------------------------------------------
    def test(self, email: str, *, timeout: float = 30.0) -> TestResult:
        """Log in once and return the capabilities; records the outcome as the account status.

        Raises `AccountNotFoundError`, `MissingPasswordError`, `client.profile.secrets` errors and the
        IMAP adapter's `TLSVerificationError` (with `.fingerprint`), `AuthenticationError`,
        `ServerUnavailable`, `ProtocolError`. Never retries.
        """
        account = self.get(email)
        password = self._secret(account)
        from client.imap.errors import ImapError
        from client.imap.models import Endpoint
        from client.imap.session import ImapSession

        endpoint = Endpoint(
            host=account.imap_host,
            port=account.imap_port,
            security=_security(account.security),
            ca_file=account.ca_file,
            pinned_sha256=account.pinned_sha256,
            timeout=timeout,
            auth=account.auth,
        )
        connect = self._connect or ImapSession.connect
        try:
            session = connect(endpoint, account.username, password)
        except ImapError as exc:
            self.store.set_account_status(account.id, _status_for(exc),
                                          with_login_advice(account, exc))
            raise
        try:
            capabilities = tuple(sorted(str(c) for c in session.capabilities))
        finally:
            _close_quietly(session)
        self.store.set_account_status(account.id, "ok", None)
        return TestResult(
            account.email, account.imap_host, account.imap_port, account.security, capabilities
        )

    # -- trust / remove ------------------------------------------------------------------
    def test_smtp(self, email: str, *, timeout: float = 30.0) -> TestResult:
        """Log in to the account's SMTP server once (TLS verified or matching the SMTP pin, as
        when sending). Does not change the account status (that is the IMAP login's).

        Raises `AccountNotFoundError`, `MissingPasswordError`, `client.profile.secrets` errors and the
        SMTP transport's `SmtpTLSError` (with `.fingerprint`), `SmtpAuthError`,
        `SmtpUnavailable`. Never retries."""
        from client.smtp.account_endpoint import smtp_endpoint_for
        from client.smtp.transport import connect, login

        account = self.get(email)
        password = self._secret(account)
        endpoint = smtp_endpoint_for(self.store, account, timeout)
        smtp = connect(endpoint)
        try:
            login(smtp, endpoint.host, account.username, password, auth=account.auth)
            features = tuple(sorted(f"{k.upper()} {v}".strip()
                                    for k, v in smtp.esmtp_features.items()))
        finally:
            try:
                smtp.quit()
            except Exception:  # noqa: BLE001 - the check is done; a rude close changes nothing
                smtp.close()
        return TestResult(account.email, endpoint.host, endpoint.port, endpoint.security, features)

    def trust(self, email: str, fingerprint: str, *, server: str = "imap") -> Account:
        """Pin the certificate with this SHA-256 fingerprint for the account's `server` ("imap"
        or "smtp"; each has its own pin). Idempotent.

        Later connections to that server accept a certificate the system store does not trust
        only if its fingerprint equals that server's pin (T7). Raises `AccountNotFoundError`,
        `InvalidAccountError`, ValueError for an unknown `server`.
        """
        if server not in SERVERS:
            raise ValueError(f"server must be one of {SERVERS}, not {server!r}")
        account = self.get(email)
        pin = normalise_fingerprint(fingerprint)
        column = "pinned_sha256" if server == "imap" else "smtp_pinned_sha256"
        self.store.update_account(account.id, **{column: pin})
        log.info("%s certificate pinned for %s", server.upper(), account.email)
        return self.get(account.email)

    def remove(self, email: str) -> Account:
        """Delete the account, its cached folders/messages/pending operations and its keyring
        entries; an OAuth2 account's refresh token is first revoked at the provider when it has
        a revocation endpoint (best effort, a network request: worker thread or CLI). Raises `AccountNotFoundError`; keyring trouble is raised after the rows are gone
        (the cache holds no secret, so nothing sensitive is left either way)."""
        account = self.get(email)
        if account.auth == "oauth2":  # best effort, blocking: revoke the sign-in at the provider
            from client.oauth import tokens as token_store
            from client.oauth.credentials import provider_of
            from client.oauth.errors import OAuthError

            try:
                token_store.revoke(account.email, provider_of(account))
            except OAuthError:
                pass
        self.store.remove_account(account.id)
        secrets.delete_password(account.email)
        secrets.delete_token_entry(account.email)
        log.info("account removed: %s", account.email)
        return account


def with_login_advice(account: Account, exc: Exception) -> str:
    """`str(exc)`, plus the provider's advice when it is a refused login at a provider whose
    safe login needs an authorization code (recognised from the server's words). Pure."""
    from client.accounts.login_advice import advice_for_refusal
    from client.imap.errors import AuthenticationError

    if not isinstance(exc, AuthenticationError):
        return str(exc)
    advice = advice_for_refusal(account.preset, exc.server_reply)
    return f"{exc} {advice}" if advice else str(exc)


def _security(value: str) -> Security:
    if value not in SECURITIES:
        raise InvalidAccountError(_(
            "The account's security mode {mode!r} is unknown; remove and add the account "
            "again.", mode=value))
    return cast("Security", value)


def _check_ca_file(ca_file: str) -> str:
    from pathlib import Path

    path = Path(ca_file).expanduser()
    if not path.is_file():
        raise InvalidAccountError(_("The CA file {path} does not exist or is not a file.",
                                    path=ca_file))
    return str(path.absolute())


def _lookup(address: str) -> tuple[dict[str, Any], str, list[str]]:
    """Settings from presets/discovery as a plain dict, its source, and notes. Never raises."""
    try:
        from client.accounts.discover import discover
    except ImportError:
        return {}, "guess", ["Automatic discovery is not available in this build."]
    try:
        result = discover(address)
    except Exception as exc:  # noqa: BLE001 - discover() promises not to raise; a lookup never blocks adding
        log.warning("discovery failed for %s: %s", address, exc)
        return {}, "guess", [f"Looking up the settings failed ({exc})."]
    if result is None:
        return {}, "guess", []
    return _discovery_settings(result)


def _discovery_settings(result: DiscoveryResult) -> tuple[dict[str, Any], str, list[str]]:
    smtp = result.smtp
    settings = {
        "imap_host": result.imap.host,
        "imap_port": result.imap.port,
        "security": result.imap.security,
        "smtp_host": smtp.host if smtp else None,
        "smtp_port": smtp.port if smtp else None,
        "username": result.username,
        "preset": result.preset,
    }
    source = "preset" if result.source in ("preset", "mx-preset") else "discovered"
    notes = [f"Settings found by {result.source} lookup.", *result.notes]
    return settings, source, notes


def _status_for(exc: Exception) -> str:
    name = type(exc).__name__
    return {
        "AuthenticationError": "auth-failed",
        "TLSVerificationError": "untrusted-certificate",
        "ServerUnavailable": "offline",
    }.get(name, "error")


def _close_quietly(session: Any) -> None:
    for name in ("logout", "close"):
        method = getattr(session, name, None)
        if callable(method):
            try:
                method()
            except Exception:  # the login already succeeded; a failing logout changes nothing
                log.debug("closing the test session failed", exc_info=True)
            return
