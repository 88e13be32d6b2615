"""OAuth2 tokens of an account: keyring storage, expiry and the refresh-once rule.

The token record (refresh token, access token, its expiry, and the provider's client secret
when it has one) is JSON kept only in the OS keyring through `client.profile.secrets`'
`set_token_entry` / `get_token_entry` (chunked for Windows' limit, scheme documented there);
never in SQLite, config, logs or a command line.

Rules:
- `access_token(email, provider)` returns a token valid for at least `EXPIRY_MARGIN_S` more
  seconds, refreshing it first when it is not (one refresh request).
- `with_access_token(email, provider, attempt, is_auth_failure)` runs `attempt(token)`; when
  the server refuses the token, it refreshes once and tries once more, never in a loop.
- A refused refresh (`invalid_grant`, AADSTS700082/50173 …) raises `SignInRequired`; the
  stored record stays (a later sign-in replaces it) and nothing else is touched.
Blocking (HTTP to the token endpoint); call from a worker thread. Any thread may call.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from client.i18n import _
from client.oauth.errors import OAuthError, SignInRequired, TokenServiceUnavailable, explain
from client.oauth.providers import Provider
from client.profile import secrets

log = logging.getLogger(__name__)
EXPIRY_MARGIN_S = 60.0
T = TypeVar("T")


@dataclass(frozen=True)
class TokenSet:
    """What the keyring holds for one OAuth2 account."""

    access_token: str
    expires_at: float
    refresh_token: str | None = None
    client_secret: str | None = None

    def fresh(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) + EXPIRY_MARGIN_S < self.expires_at

    @classmethod
    def from_reply(cls, reply: dict[str, Any], *, previous_refresh: str | None = None,
                   client_secret: str | None = None, now: float | None = None) -> TokenSet:
        """From a token endpoint's JSON reply (a refresh reply may omit the refresh token)."""
        access = reply.get("access_token")
        if not isinstance(access, str) or not access:
            raise OAuthError(_("The provider's token reply has no access token; sign in again."))
        try:
            lifetime = float(reply.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600.0
        if reply.get("expires_at") is not None and reply.get("expires_in") is None:
            expires_at = float(reply["expires_at"])
        else:
            expires_at = (now if now is not None else time.time()) + lifetime
        refresh = reply.get("refresh_token") or previous_refresh
        return cls(access, expires_at, refresh if isinstance(refresh, str) else None,
                   client_secret)


def save(email: str, tokens: TokenSet) -> None:
    """Store the record (replacing any). Raises `client.profile.secrets.SecretsError`."""
    secrets.set_token_entry(email, json.dumps(asdict(tokens)))


def load(email: str) -> TokenSet | None:
    """The stored record, or None (none, or not readable: treated as "sign in again")."""
    text = secrets.get_token_entry(email)
    if text is None:
        return None
    try:
        data = json.loads(text)
        return TokenSet(str(data["access_token"]), float(data["expires_at"]),
                        data.get("refresh_token"), data.get("client_secret"))
    except (ValueError, KeyError, TypeError):
        return None


def delete(email: str) -> bool:
    """Forget the record; True if there was one. Idempotent."""
    return secrets.delete_token_entry(email)


def _session(provider: Provider, client_secret: str | None) -> Any:
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(
        client_id=provider.client_id, client_secret=client_secret,
        token_endpoint_auth_method="client_secret_post" if client_secret else "none",
    )


def _error_of(exc: Exception) -> tuple[str, str]:
    error = getattr(exc, "error", None) or type(exc).__name__
    description = getattr(exc, "description", None) or ""
    return str(error), str(description)


def refresh(email: str, provider: Provider, stored: TokenSet) -> TokenSet:
    """One refresh request; the new record is saved and returned. Raises `SignInRequired`
    (refused), `TokenServiceUnavailable` (network), `OAuthError`."""
    if not stored.refresh_token:
        raise SignInRequired(_("Tradewind holds no refresh token for {email}; sign in again "
                               "(tradewind account login {email}).", email=email))
    from authlib.integrations.base_client.errors import OAuthError as LibOAuthError
    from requests import RequestException

    secret = stored.client_secret or provider.client_secret
    try:
        reply = _session(provider, secret).refresh_token(
            provider.token_endpoint, refresh_token=stored.refresh_token, timeout=30)
    except LibOAuthError as exc:
        raise explain(*_error_of(exc), provider=provider.shown_name) from None
    except RequestException as exc:
        raise TokenServiceUnavailable(
            f"Cannot reach {provider.shown_name}'s sign-in service to renew the access "
            f"({type(exc).__name__}); Tradewind tries again later.") from None
    tokens = TokenSet.from_reply(dict(reply), previous_refresh=stored.refresh_token,
                                 client_secret=secret)
    save(email, tokens)
    return tokens


def access_token(email: str, provider: Provider, *, force_refresh: bool = False) -> str:
    """A usable access token (refreshed first when expired or `force_refresh`)."""
    stored = load(email)
    if stored is None:
        raise SignInRequired(f"{email} is not signed in (no tokens in the keyring); sign in "
                             f"again (tradewind account login {email}).")
    if stored.fresh() and not force_refresh:
        return stored.access_token
    return refresh(email, provider, stored).access_token


def revoke(email: str, provider: Provider) -> bool:
    """Best effort: ask the provider to revoke the stored refresh token (RFC 7009), when it
    has a revocation endpoint. True if the provider accepted. Never raises for network or
    provider trouble (the keyring entries are deleted by the caller either way)."""
    stored = load(email)
    if stored is None or not stored.refresh_token or not provider.revocation_endpoint:
        return False
    try:
        reply = _session(provider, stored.client_secret or provider.client_secret).revoke_token(
            provider.revocation_endpoint, token=stored.refresh_token,
            token_type_hint="refresh_token", timeout=10)
    except Exception as exc:  # noqa: BLE001 - offline, refused: the token then simply expires
        log.info("the sign-in of %s was not revoked at %s (%s)", email, provider.shown_name,
                 type(exc).__name__)
        return False
    return bool(getattr(reply, "ok", False))


def with_access_token(email: str, provider: Provider, attempt: Callable[[str], T],
                      is_auth_failure: Callable[[BaseException], bool]) -> T:
    """`attempt(token)`; on an authentication failure refresh once and attempt once more."""
    token = access_token(email, provider)
    try:
        return attempt(token)
    except Exception as exc:
        if not is_auth_failure(exc):
            raise
    return attempt(access_token(email, provider, force_refresh=True))
