"""The OAuth2 provider table and custom providers from a JSON FILE or an ISSUER_URL.

A `Provider` is everything the flow and the refresh need: endpoints, client id (and, for
Google's desktop clients, the non-confidential client secret), scopes, the redirect host and
which mail hosts it covers. Tradewind ships no client id: for the built-in providers it comes
from the profile's settings (`oauth.microsoft.client_id`, `oauth.google.client_id`,
`oauth.google.client_secret`), set by the admin's instructions (docs/oauth.md).

A custom provider (a company's identity server, the test bed) is a JSON object with RFC 8414
names: `authorization_endpoint`, `token_endpoint`, optional `revocation_endpoint`, `client_id`,
optional `client_secret`, `scopes` (a list), optional `issuer`; or an ISSUER_URL whose
`/.well-known/oauth-authorization-server` document gives the endpoints (the client id and
scopes then come from settings `oauth.custom.client_id` / `oauth.custom.scopes`, or from a FILE
that names the `issuer` only).

Endpoints must be https, except loopback addresses (RFC 8252 §7.3, the test bed).
`Provider.public_json()` is what the account row keeps (`accounts.oauth_provider`): no
client secret. Pure except `load_provider` for an ISSUER_URL (one HTTP GET; worker thread).
Raises `ProviderConfigError` in words.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from client.i18n import _
from client.oauth.errors import ProviderConfigError


@dataclass(frozen=True)
class Provider:
    """One OAuth2 authorization server as Tradewind uses it (see the module docstring)."""

    name: str
    authorization_endpoint: str
    token_endpoint: str
    scopes: tuple[str, ...]
    client_id: str
    client_secret: str | None = None
    revocation_endpoint: str | None = None
    #: the host name of the loopback redirect: Microsoft registers http://localhost, Google 127.0.0.1
    redirect_host: str = "127.0.0.1"
    #: mail servers this provider signs in to (lower-case host names)
    hosts: tuple[str, ...] = ()
    #: extra parameters of the authorization request (e.g. Google's access_type=offline)
    auth_params: Mapping[str, str] = field(default_factory=dict)
    label: str = ""

    @property
    def shown_name(self) -> str:
        return self.label or self.name

    def public_json(self) -> str:
        """The provider without its client secret, as JSON (what the account row stores)."""
        return json.dumps({
            "name": self.name, "label": self.label,
            "authorization_endpoint": self.authorization_endpoint,
            "token_endpoint": self.token_endpoint,
            "revocation_endpoint": self.revocation_endpoint,
            "scopes": list(self.scopes), "client_id": self.client_id,
            "redirect_host": self.redirect_host, "hosts": list(self.hosts),
            "auth_params": dict(self.auth_params),
        }, sort_keys=True)


@dataclass(frozen=True)
class _Template:
    label: str
    authorization_endpoint: str
    token_endpoint: str
    scopes: tuple[str, ...]
    hosts: tuple[str, ...]
    redirect_host: str
    revocation_endpoint: str | None = None
    auth_params: Mapping[str, str] = field(default_factory=dict)
    needs_secret: bool = False


#: In the spirit of Thunderbird's OAuth2Providers table.
BUILTIN: dict[str, _Template] = {
    "microsoft": _Template(
        label="Microsoft",
        authorization_endpoint="https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        token_endpoint="https://login.microsoftonline.com/common/oauth2/v2.0/token",
        scopes=("https://outlook.office.com/IMAP.AccessAsUser.All",
                "https://outlook.office.com/SMTP.Send", "offline_access"),
        hosts=("outlook.office365.com", "smtp.office365.com", "outlook.office.com",
               "imap-mail.outlook.com", "smtp-mail.outlook.com"),
        redirect_host="localhost",
    ),
    "google": _Template(
        label="Google",
        authorization_endpoint="https://accounts.google.com/o/oauth2/v2/auth",
        token_endpoint="https://oauth2.googleapis.com/token",
        revocation_endpoint="https://oauth2.googleapis.com/revoke",
        scopes=("https://mail.google.com/",),
        hosts=("imap.gmail.com", "smtp.gmail.com", "imap.googlemail.com", "smtp.googlemail.com"),
        redirect_host="127.0.0.1",
        auth_params={"access_type": "offline", "prompt": "consent"},
        needs_secret=True,
    ),
}

WELL_KNOWN = "/.well-known/oauth-authorization-server"


def provider_for_host(host: str) -> str | None:
    """The built-in provider covering this mail server host, or None. Pure."""
    host = host.strip().lower().rstrip(".")
    return next((name for name, t in BUILTIN.items() if host in t.hosts), None)


def _check_url(url: object, what: str) -> str:
    if not isinstance(url, str) or not url:
        raise ProviderConfigError(f"The provider settings have no {what}.")
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname:
        try:
            loopback = parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname).is_loopback
        except ValueError:
            loopback = False
        if loopback:
            return url
    raise ProviderConfigError(
        f"The provider's {what} must be an https:// address (got {url[:120]!r}).")


def builtin(name: str, settings: Mapping[str, Any]) -> Provider:
    """A built-in provider with the client id (and secret) from `settings`. Pure."""
    template = BUILTIN[name]
    client_id = str(settings.get(f"oauth.{name}.client_id") or "").strip()
    secret = str(settings.get(f"oauth.{name}.client_secret") or "").strip() or None
    if not client_id:
        raise ProviderConfigError(
            _("No {provider} app is registered for this profile: Tradewind ships no client "
              "id. Ask IT for the company's client id and pass it once with --client-id ID "
              "(kept as the setting {setting}), or use --oauth FILE; docs/oauth.md explains "
              "the registration.", provider=template.label, setting="oauth." + name + ".client_id"))
    if template.needs_secret and not secret:
        raise ProviderConfigError(
            _("{provider} desktop apps also need the app's client secret (it is not "
              "confidential for desktop apps): pass --client-secret too (kept as the setting "
              "{setting}).", provider=template.label, setting="oauth." + name + ".client_secret"))
    return Provider(
        name=name, label=template.label,
        authorization_endpoint=template.authorization_endpoint,
        token_endpoint=template.token_endpoint, scopes=template.scopes,
        client_id=client_id, client_secret=secret,
        revocation_endpoint=template.revocation_endpoint,
        redirect_host=template.redirect_host, hosts=template.hosts,
        auth_params=dict(template.auth_params),
    )


def from_metadata(data: Mapping[str, Any], *, name: str = "custom",
                  defaults: Mapping[str, Any] | None = None) -> Provider:
    """A provider from RFC 8414 names (`defaults` fills a missing client id / scopes). Pure."""
    merged: dict[str, Any] = dict(defaults or {})
    merged.update({k: v for k, v in data.items() if v is not None})
    scopes = merged.get("scopes", merged.get("scope"))
    if isinstance(scopes, str):
        scopes = scopes.split()
    if not isinstance(scopes, list | tuple) or not scopes or not all(
            isinstance(s, str) and s and " " not in s for s in scopes):
        raise ProviderConfigError("The provider settings need \"scopes\": a list of scope names.")
    client_id = merged.get("client_id")
    if not isinstance(client_id, str) or not client_id.strip():
        raise ProviderConfigError("The provider settings need a \"client_id\".")
    secret = merged.get("client_secret")
    if secret is not None and not isinstance(secret, str):
        raise ProviderConfigError("\"client_secret\" must be text.")
    revocation = merged.get("revocation_endpoint")
    hosts = merged.get("hosts", [])
    params = merged.get("auth_params", {})
    if not isinstance(hosts, list) or not isinstance(params, dict):
        raise ProviderConfigError("\"hosts\" must be a list and \"auth_params\" an object.")
    return Provider(
        name=str(merged.get("name") or name),
        label=str(merged.get("label") or merged.get("issuer") or name),
        authorization_endpoint=_check_url(merged.get("authorization_endpoint"),
                                          "authorization_endpoint"),
        token_endpoint=_check_url(merged.get("token_endpoint"), "token_endpoint"),
        revocation_endpoint=_check_url(revocation, "revocation_endpoint") if revocation else None,
        scopes=tuple(scopes), client_id=client_id.strip(), client_secret=secret or None,
        redirect_host=str(merged.get("redirect_host") or "127.0.0.1"),
        hosts=tuple(str(h).lower() for h in hosts),
        auth_params={str(k): str(v) for k, v in params.items()},
    )


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProviderConfigError(f"Cannot read the provider file {path}: "
                                  f"{exc.strerror or type(exc).__name__}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProviderConfigError(f"The provider file {path} is not valid JSON ({exc}).") from None
    if not isinstance(data, dict):
        raise ProviderConfigError(f"The provider file {path} must hold one JSON object.")
    return data


def fetch_metadata(issuer: str, *, get: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """The issuer's RFC 8414 document (blocking GET; worker thread)."""
    url = _check_url(issuer, "issuer address").rstrip("/") + WELL_KNOWN
    if get is None:
        import requests

        def get(address: str) -> Any:
            reply = requests.get(address, timeout=30)
            reply.raise_for_status()
            return reply.json()
    try:
        data = get(url)
    except Exception as exc:  # noqa: BLE001 - requests, JSON and socket errors all mean "cannot use it"
        raise ProviderConfigError(f"Cannot read the sign-in settings at {url} "
                                  f"({type(exc).__name__}).") from None
    if not isinstance(data, dict):
        raise ProviderConfigError(f"The sign-in settings at {url} are not a JSON object.")
    return data


def load_provider(spec: str, settings: Mapping[str, Any]) -> Provider:
    """`microsoft`, `google`, a JSON FILE path or an ISSUER_URL → `Provider`.

    A FILE may name only an `issuer` (plus client id / scopes); its metadata is then fetched.
    Raises `ProviderConfigError`."""
    spec = spec.strip()
    if spec.lower() in BUILTIN:
        return builtin(spec.lower(), settings)
    custom_defaults = {
        "client_id": settings.get("oauth.custom.client_id"),
        "client_secret": settings.get("oauth.custom.client_secret"),
        "scopes": settings.get("oauth.custom.scopes"),
    }
    if spec.startswith(("https://", "http://")):
        return from_metadata(fetch_metadata(spec), defaults=custom_defaults)
    path = Path(spec).expanduser()
    if not path.is_file():
        raise ProviderConfigError(
            f"--oauth takes microsoft, google, a JSON file or an issuer https:// address; "
            f"{spec!r} is none of these.")
    data = _read_file(path)
    if "token_endpoint" not in data and isinstance(data.get("issuer"), str):
        data = {**fetch_metadata(data["issuer"]), **data}
    return from_metadata(data, defaults=custom_defaults)


def from_public_json(text: str, client_secret: str | None) -> Provider:
    """The provider an account row stored (`public_json`), with its secret put back. Pure."""
    try:
        data = json.loads(text)
    except (TypeError, json.JSONDecodeError):
        raise ProviderConfigError("The account's sign-in settings are damaged; sign in again "
                                  "with tradewind account login EMAIL --oauth ….") from None
    provider = from_metadata(data, name=str(data.get("name") or "custom"))
    return replace(provider, client_secret=client_secret, label=str(data.get("label") or ""))
