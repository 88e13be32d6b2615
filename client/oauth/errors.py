"""OAuth2 failures a rep meets, each in words with the next step (`str()` is the sentence).

`explain(error, description)` maps a provider's error code and description (RFC 6749 §5.2,
Microsoft's AADSTS numbers, Google's `invalid_grant`) to one of these classes. No message
ever holds a token, a code or a client secret. Pure.
"""

from __future__ import annotations

from client.i18n import _


class OAuthError(Exception):
    """Base: the sign-in did not work; the message says why and what to do."""


class ProviderConfigError(OAuthError):
    """The provider settings (built-in, FILE or ISSUER_URL) are missing or unusable."""


class ConsentDenied(OAuthError):
    """The rep (or the provider) declined the permissions Tradewind asked for."""


class AdminConsentRequired(OAuthError):
    """The organisation's administrator must approve the app first (AADSTS65001/90094)."""


class SignInRequired(OAuthError):
    """The refresh token expired or was revoked: the account needs "sign in again"."""


class FlowTimeout(OAuthError):
    """The browser never came back to Tradewind within the time allowed."""


class FlowCancelled(OAuthError):
    """The rep cancelled the sign-in."""


class TokenServiceUnavailable(OAuthError):
    """The provider's token service could not be reached or failed; try again later."""


_ADMIN_CODES = ("AADSTS65001", "AADSTS90094", "AADSTS90008", "admin_consent_required")
_EXPIRED_CODES = ("AADSTS700082", "AADSTS50173", "AADSTS70008", "AADSTS700084", "AADSTS50076")


def explain(error: str, description: str = "", *, provider: str | None = None) -> OAuthError:
    """The exception for an OAuth2 error reply (`error`, `error_description`), in the
    language of ``client.i18n``."""
    provider = provider or _("the provider")
    text = f"{error} {description}"
    detail = _short(description) or error
    if any(code in text for code in _ADMIN_CODES):
        return AdminConsentRequired(
            _("Your organisation's administrator must approve Tradewind before you can sign in "
              "with {provider} ({detail}). Ask IT to grant admin consent for the company's "
              "Tradewind app (docs/oauth.md), then sign in again.",
              provider=provider, detail=detail))
    if any(code in text for code in _EXPIRED_CODES) or error == "invalid_grant":
        return SignInRequired(
            _("Your sign-in with {provider} has expired or was revoked ({detail}). Choose "
              "\"Sign in again\" (or run: tradewind account login EMAIL); nothing waiting to be "
              "sent is lost.", provider=provider, detail=detail))
    if error in ("access_denied", "consent_required", "interaction_required"):
        return ConsentDenied(
            _("The sign-in with {provider} was not completed: the permission to read and send "
              "mail was not given ({detail}). Sign in again and accept the permissions "
              "Tradewind asks for.", provider=provider, detail=detail))
    if error in ("temporarily_unavailable", "server_error"):
        return TokenServiceUnavailable(
            _("{provider} could not complete the sign-in now ({error}); try again in a few "
              "minutes.", provider=provider, error=error))
    return OAuthError(
        _("{provider} refused the sign-in ({reason}). Check the app registration (client id, "
          "redirect address, scopes) with your IT department; docs/oauth.md lists what it "
          "needs.", provider=provider,
          reason=error + (": " + _short(description) if description else "")))


def _short(description: str, limit: int = 160) -> str:
    """The first line of a provider's description, printable and cut to `limit` characters."""
    line = description.strip().splitlines()[0] if description.strip() else ""
    line = "".join(ch for ch in line if ch.isprintable())
    return line if len(line) <= limit else line[:limit] + "…"
