"""The account wizard's core work, run off the GUI thread (``ui.qt.tasks.run_in_background``).

``find_settings`` asks presets/autoconfig (``client.accounts.discover``; never raises);
``save_and_test`` stores the account (the password only in the keyring, through
``AccountManager``/``client.profile.secrets``), or updates the one this wizard already stored, then logs
in once to the incoming server and checks the outgoing one (its problems are reported, not
fatal: mail waits in the outbox; an untrusted outgoing certificate is reported with its
fingerprint); ``trust_and_test`` pins exactly the certificate fingerprint the rep approved, for
the server that presented it (IMAP and SMTP each have their own pin; an SMTP server that
presents that very certificate is pinned with it), and tests again; ``forget`` removes the account a cancelled wizard stored. Each opens its own ``Store``.
``explain`` turns any failure into words for the rep (GUI-free, any thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from client.accounts.discover import DiscoveryResult, discover
from client.accounts.manager import AccountError, AccountManager, TestResult
from client.i18n import _
from client.imap.errors import (
    ImapError,
    TLSVerificationError,
)
from client.net.tls import same_fingerprint
from client.oauth.errors import OAuthError
from client.profile import secrets
from client.smtp.account_endpoint import set_sending_options
from client.store.db import Store

Discover = Callable[[str], DiscoveryResult | None]


@dataclass(frozen=True)
class AccountForm:
    """What the rep entered (the password is handed straight to the keyring)."""

    email: str
    password: str
    display_name: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "ssl"
    smtp_host: str = ""
    smtp_port: int = 465
    smtp_security: str = "ssl"
    username: str = ""


def find_settings(email: str, discover_fn: Discover | None = None) -> DiscoveryResult | None:
    """Server settings for this address from presets, DNS or autoconfig; None if none found."""
    return (discover_fn or discover)(email)


@dataclass(frozen=True)
class WizardTest:
    """A successful incoming-mail login, and what the outgoing check found (None: it logged
    in; else the problem in words: sending is not blocked by it, the outbox retries)."""

    imap: TestResult
    smtp_problem: str | None
    #: set when the outgoing server's certificate is not trusted: the rep may pin it
    smtp_fingerprint: str | None = None


@dataclass(frozen=True)
class SmtpCheck:
    """The outgoing check: None/None when it logged in; else the problem in words, and the
    certificate's fingerprint when the problem is an untrusted certificate."""

    problem: str | None = None
    fingerprint: str | None = None


def check_smtp(store: Store, email: str, timeout: float) -> SmtpCheck:
    """Log in to the account's outgoing server once (TLS verified or matching the SMTP pin, as
    when sending). Blocking I/O."""
    from client.smtp.transport import SmtpError, SmtpTLSError

    account = store.get_account(email)
    if account is None or (account.auth != "oauth2" and secrets.get_password(email) is None):
        return SmtpCheck()
    try:
        AccountManager(store).test_smtp(email, timeout=timeout)
    except SmtpTLSError as exc:
        return SmtpCheck(str(exc), exc.fingerprint)
    except SmtpError as exc:
        return SmtpCheck(str(exc))
    return SmtpCheck()


def save_and_test(db_path: Path, form: AccountForm, stored: bool,
                  timeout: float = 20.0) -> WizardTest:
    """Store (``stored=False``) or update (``stored=True``) the account, log in to the incoming
    server once, then check the outgoing server. Raises ``AccountError`` subclasses, keyring
    errors and the IMAP errors of ``explain``."""
    with Store.open(db_path) as store:
        manager = AccountManager(store)
        if not stored:
            manager.add(
                form.email, form.password, imap=f"{form.imap_host}:{form.imap_port}",
                smtp=f"{form.smtp_host}:{form.smtp_port}", security=form.imap_security,
                username=form.username or None, display_name=form.display_name, lookup=False,
            )
        else:
            account = manager.get(form.email)
            if not form.password:
                raise AccountError(_("Enter the password."))
            store.update_account(
                account.id, imap_host=form.imap_host, imap_port=form.imap_port,
                smtp_host=form.smtp_host, smtp_port=form.smtp_port, security=form.imap_security,
                username=form.username or account.email, display_name=form.display_name,
            )
            secrets.set_password(account.email, form.password)
        account = manager.get(form.email)
        set_sending_options(store, account, smtp_security=form.smtp_security)
        result = manager.test(form.email, timeout=timeout)
        smtp = check_smtp(store, form.email, timeout)
        return WizardTest(result, smtp.problem, smtp.fingerprint)


def oauth_sign_in_and_test(
    db_path: Path, email: str, display_name: str, provider_name: str, *,
    cancel: threading.Event, open_url: Callable[[str], object],
    discover_fn: Discover | None = None, timeout: float = 20.0, stored: bool = False,
) -> WizardTest:
    """"Sign in with Microsoft/Google": find the servers, run the browser sign-in (blocking
    until the redirect, a cancel or the time-out), store the OAuth2 account and its tokens,
    log in once and check the outgoing server. Worker thread. Raises `OAuthError` subclasses
    (in words), `AccountError`, keyring and IMAP errors, as `save_and_test`. ``stored``: this
    wizard already stored the account with a password; it switches to OAuth2 (the password
    entry is removed)."""
    from client.oauth.company import oauth_settings
    from client.oauth.pkce_flow import sign_in
    from client.oauth.providers import load_provider

    found = find_settings(email, discover_fn)
    with Store.open(db_path) as store:
        settings = oauth_settings(store)
        secrets.check_backend()  # before the browser: the tokens need a safe keyring
    provider = load_provider(provider_name, settings)
    def open_in_browser(url: str) -> None:
        open_url(url)

    tokens = sign_in(provider, open_url=open_in_browser, login_hint=email, cancel=cancel)
    with Store.open(db_path) as store:
        manager = AccountManager(store)
        if stored:
            manager.relogin(email, tokens, provider)
            secrets.delete_password(email)
        else:
            manager.add_oauth(
                email, provider, tokens, display_name=display_name, lookup=found is None,
                imap=f"{found.imap.host}:{found.imap.port}" if found else None,
                smtp=f"{found.smtp.host}:{found.smtp.port}" if found and found.smtp else None,
                security=found.imap.security if found else None,
                username=found.username if found else None)
        account = manager.get(email)
        if found and found.smtp:
            set_sending_options(store, account, smtp_security=found.smtp.security)
        result = manager.test(email, timeout=timeout)
        smtp = check_smtp(store, email, timeout)
        return WizardTest(result, smtp.problem, smtp.fingerprint)


def trust_and_test(db_path: Path, email: str, fingerprint: str, server: str = "imap",
                   timeout: float = 20.0) -> WizardTest:
    """Pin this certificate (SHA-256) for the account's ``server`` ("imap" or "smtp"), then
    test both servers again. When the outgoing server turns out to present this very
    certificate, it is pinned for it too (the rep approved exactly that certificate)."""
    with Store.open(db_path) as store:
        manager = AccountManager(store)
        manager.trust(email, fingerprint, server=server)
        result = manager.test(email, timeout=timeout)
        smtp = check_smtp(store, email, timeout)
        if server == "imap" and same_fingerprint(smtp.fingerprint, fingerprint):
            manager.trust(email, fingerprint, server="smtp")
            smtp = check_smtp(store, email, timeout)
        return WizardTest(result, smtp.problem, smtp.fingerprint)


def forget(db_path: Path, email: str) -> None:
    """Remove the account (rows and keyring entry) a cancelled wizard had stored."""
    with Store.open(db_path) as store:
        AccountManager(store).remove(email)


@dataclass(frozen=True)
class Explanation:
    """A failure in words; ``fingerprint`` is set when the rep may choose to trust it."""

    title: str
    detail: str
    fingerprint: str | None = None


#: the wizard's title for each ``ImapError.code`` of the core
TITLE_BY_CODE = {"untrusted-certificate": "certificate", "auth-failed": "password",
                 "no-password": "password", "offline": "unreachable", "protocol": "protocol"}


def explain(exc: BaseException, host: str, port: int) -> Explanation:
    """What went wrong, for the rep: a title key from the error's type and ``code`` (the
    wizard words the titles), the core's detail in the rep's language (``client.i18n``)."""
    if isinstance(exc, TLSVerificationError):
        return Explanation("certificate", exc.reason or str(exc), exc.fingerprint)
    if isinstance(exc, ImapError):
        return Explanation(TITLE_BY_CODE.get(exc.code, "other"), str(exc))
    if isinstance(exc, (AccountError, secrets.SecretsError)):
        return Explanation("account", str(exc))
    if isinstance(exc, OAuthError):
        return Explanation("signin", str(exc))
    return Explanation("other", f"{type(exc).__name__}: {exc} ({host}:{port})")
