"""What an account's IMAP/SMTP login uses: its password, or a fresh OAuth2 access token.

`secret_for(account, store=None, force_refresh=False) -> str | None`: for a password account the
keyring's password (None when there is none); for an `auth == "oauth2"` account a usable
access token (refreshed first when expired, `client.oauth.tokens`). The token then travels
exactly where a password does (argument, the sync child's stdin line), never argv or a file.
A refused refresh raises `SignInRequired`; with `store` the account's status becomes
`NEEDS_LOGIN` with the reason in words first (nothing else changes: the outbox keeps its
messages). (`client.smtp.account_endpoint.smtp_refresher` wraps it for
the SMTP refresh-once rule.)
Blocking (HTTP to the token endpoint); worker thread or CLI. Raises `OAuthError` subclasses and
`client.profile.secrets` errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from client.i18n import _
from client.oauth import tokens
from client.oauth.errors import OAuthError, ProviderConfigError, SignInRequired
from client.oauth.providers import Provider, from_public_json
from client.profile import secrets

if TYPE_CHECKING:
    from client.store.db import Store
    from client.store.records import Account

NEEDS_LOGIN = "needs-login"


def provider_of(account: Account) -> Provider:
    """The provider stored with an OAuth2 account (its secret from the token record)."""
    if not account.oauth_provider:
        raise ProviderConfigError(_("{email} has no sign-in provider settings; sign in again "
                                    "with tradewind account login {email} --oauth ….",
                                    email=account.email))
    stored = tokens.load(account.email)
    return from_public_json(account.oauth_provider, stored.client_secret if stored else None)


def secret_for(account: Account, store: Store | None = None, *,
               force_refresh: bool = False) -> str | None:
    """See the module docstring."""
    if account.auth != "oauth2":
        return secrets.get_password(account.email)
    try:
        return tokens.access_token(account.email, provider_of(account),
                                   force_refresh=force_refresh)
    except SignInRequired as exc:
        if store is not None:
            store.set_account_status(account.id, NEEDS_LOGIN, str(exc))
        raise


def secret_or_none(account: Account, store: Store | None = None) -> str | None:
    """`secret_for`, with None instead of an OAuth2 failure, for best-effort work (a drafts
    push, an attachment download) that simply waits until the rep signs in again."""
    try:
        return secret_for(account, store)
    except OAuthError:
        return None
