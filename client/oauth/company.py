"""The company's registered OAuth2 apps from the signed company bundle, merged with settings.

An admin registers the company's app once (docs/oauth.md) and ships its client id in the
signature-policy distribution as one more signed file, `oauth.json` (the manifest signs every
file of the policy folder, so nothing else changes in the bundle):

    {"schema_version": 1,
     "providers": {"microsoft": {"client_id": "…"},
                   "google": {"client_id": "…", "client_secret": "…"},
                   "custom": {"client_id": "…", "scopes": ["…"]}}}

`oauth_settings(store)` gives the `oauth.<provider>.<key>` values `providers.load_provider`
takes: the profile's own settings (`--client-id`) win, else the bundle's. A policy that is
configured but does not verify contributes nothing (its words stay with the signature code).
Runs on the store's thread; pure apart from reading the store.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from client.oauth.errors import ProviderConfigError
from client.oauth.providers import BUILTIN

if TYPE_CHECKING:
    from client.store.db import Store

BUNDLE_FILE = "oauth.json"
_PROVIDERS = (*BUILTIN, "custom")
_KEYS = ("client_id", "client_secret", "scopes")


def parse_bundle_file(data: bytes) -> dict[str, Any]:
    """`oauth.json` → `{"oauth.<provider>.<key>": value}`. Raises `ProviderConfigError`."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProviderConfigError(f"The company bundle's {BUNDLE_FILE} is not valid JSON "
                                  f"({exc}).") from None
    if not isinstance(doc, dict) or doc.get("schema_version") != 1:
        raise ProviderConfigError(f"The company bundle's {BUNDLE_FILE} must be an object with "
                                  "\"schema_version\": 1.")
    providers = doc.get("providers", {})
    if not isinstance(providers, dict):
        raise ProviderConfigError(f"{BUNDLE_FILE}: \"providers\" must be an object.")
    out: dict[str, Any] = {}
    for name, entry in providers.items():
        if name not in _PROVIDERS or not isinstance(entry, dict):
            raise ProviderConfigError(f"{BUNDLE_FILE}: unknown provider {name!r} (use "
                                      f"{', '.join(_PROVIDERS)}).")
        for key, value in entry.items():
            if key not in _KEYS:
                raise ProviderConfigError(f"{BUNDLE_FILE}: {name} has an unknown key {key!r}.")
            out[f"oauth.{name}.{key}"] = value
    return out


def bundle_settings(store: Store) -> dict[str, Any]:
    """What the signed company bundle in force says (empty without one)."""
    from client.signatures import provision
    from client.signatures.schema import PolicyError

    try:
        bundle = provision.policy_in_force(store)
    except PolicyError:
        return {}
    if bundle is None or BUNDLE_FILE not in bundle.files:
        return {}
    return parse_bundle_file(bundle.files[BUNDLE_FILE])


def oauth_settings(store: Store) -> dict[str, Any]:
    """The bundle's values overlaid with the profile's own settings."""
    merged = bundle_settings(store)
    for name in _PROVIDERS:
        for key in _KEYS:
            value = store.get_setting(f"oauth.{name}.{key}")
            if value is not None:
                merged[f"oauth.{name}.{key}"] = value
    return merged
