"""An account's SMTP endpoint and Sent filing policy, read from its `accounts` row.

The SMTP security comes from `accounts.smtp_security` (NULL: 465 → implicit TLS, otherwise
STARTTLS; an `insecure-plain` account stays plain, for loopback tests only), the certificate
rules are the account's (CA file and the SMTP server's own pin, `smtp_pinned_sha256`), and
providers that file sent mail themselves are not appended to (`auto_filed`). For OAuth2
accounts `smtp_refresher` is the `SmtpEndpoint.token_refresh` callback of the refresh-once
rule. Store reads on the caller's thread; only the refresher blocks (HTTP to the token
endpoint, on the sending thread).
"""

from __future__ import annotations

from collections.abc import Callable

from client.i18n import _
from client.oauth.credentials import secret_for
from client.oauth.errors import OAuthError
from client.smtp.sender import files_sent_itself
from client.smtp.transport import SmtpAuthError, SmtpEndpoint
from client.store.db import Store
from client.store.records import Account


def smtp_refresher(account: Account) -> Callable[[], str] | None:
    """For OAuth2 accounts: a callable returning a newly refreshed token (raising
    `SmtpAuthError` in words when that is impossible); None for password accounts."""
    if account.auth != "oauth2":
        return None

    def refresh() -> str:
        try:
            token = secret_for(account, force_refresh=True)
        except OAuthError as exc:
            raise SmtpAuthError(str(exc)) from None
        if token is None:  # pragma: no cover - secret_for returns a token or raises for oauth2
            raise SmtpAuthError(_("{email} is not signed in.", email=account.email))
        return token

    return refresh


def smtp_security(store: Store, account: Account) -> str:
    row = store.conn.execute(
        "SELECT smtp_security FROM accounts WHERE id = ?", (account.id,)
    ).fetchone()
    if row and row[0]:
        return str(row[0])
    if account.security == "insecure-plain":
        return "insecure-plain"
    return "ssl" if account.smtp_port == 465 else "starttls"


def smtp_endpoint_for(store: Store, account: Account, timeout: float = 60.0) -> SmtpEndpoint:
    return SmtpEndpoint(
        host=account.smtp_host, port=account.smtp_port, security=smtp_security(store, account),
        ca_file=account.ca_file, pinned_sha256=account.smtp_pinned_sha256, timeout=timeout,
        auth=account.auth, token_refresh=smtp_refresher(account),
    )


def auto_filed(store: Store, account: Account) -> bool:
    """Whether the provider stores sent mail in Sent itself (set per account, else detected)."""
    row = store.conn.execute(
        "SELECT files_sent_itself FROM accounts WHERE id = ?", (account.id,)
    ).fetchone()
    if row is not None and row[0] is not None:
        return bool(row[0])
    return files_sent_itself(account.imap_host, account.preset)


def set_sending_options(
    store: Store, account: Account, *, smtp_security: str | None = None,
    files_sent_itself: bool | None = None,
) -> None:
    """Per-account overrides (None leaves a value as it is)."""
    with store.transaction() as conn:
        if smtp_security is not None:
            if smtp_security not in ("ssl", "starttls", "insecure-plain"):
                raise ValueError("SMTP security is one of ssl, starttls, insecure-plain.")
            conn.execute("UPDATE accounts SET smtp_security = ? WHERE id = ?",
                         (smtp_security, account.id))
        if files_sent_itself is not None:
            conn.execute("UPDATE accounts SET files_sent_itself = ? WHERE id = ?",
                         (int(files_sent_itself), account.id))
