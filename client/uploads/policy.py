"""The company's rules for link attachments, distributed in the signed signature policy.

An optional file `links.json` beside `policy.json` in the signed policy folder (so its
SHA-256 is in the signed manifest and nobody but the admin can change it):

    {"schema": "tradewind-link-policy", "version": 1,
     "threshold_mb": 20, "automatic": true, "allow_attach": false,
     "expiry_days": 5, "password": "required",
     "storages": [{"recipient_domains": [".cn"], "url": "https://cn.example.com/"},
                  {"url": "https://eu.example.com/"}]}

Every key but `schema`/`version` is optional. `threshold_mb` replaces the rep's setting;
`automatic` makes files over it links without asking; `allow_attach` (default true) says
whether the rep may keep such a file attached anyway; `expiry_days` replaces the storage's
(S3 still at most 7); `password` is "required", "optional" (default) or "off"; `storages`
picks the rep's configured storage whose URL is the rule's for the recipients (the first rule
whose `recipient_domains` suffixes match every recipient, a rule without them matches all).
The bundle carries no credential: the rep (or provisioning) adds that storage with its secret.

`parse_link_policy(data)` (pure, any thread) and `link_policy_in_force(store)` (the caller's
Store and thread) raise `LinkPolicyError` in words for a broken file; `storage_for(store,
account_email, recipients, policy)` raises `StorageNotFound` when the account lacks the
storage the policy names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from client.i18n import _
from client.uploads.config import (
    MAX_EXPIRY_DAYS,
    StorageConfig,
    StorageConfigError,
    StorageNotFound,
    list_storages,
    storage_for_account,
)

if TYPE_CHECKING:
    from client.store.db import Store

FILE_NAME = "links.json"
SCHEMA_NAME = "tradewind-link-policy"
PASSWORD_RULES = ("required", "optional", "off")


class LinkPolicyError(StorageConfigError):
    """The company's links.json cannot be used (message in words, for the admin and rep)."""


@dataclass(frozen=True)
class StorageRule:
    url: str
    recipient_domains: tuple[str, ...] = ()

    def matches(self, domains: Sequence[str]) -> bool:
        if not self.recipient_domains:
            return True
        return bool(domains) and all(
            any(_suffix(d, s) for s in self.recipient_domains) for d in domains)


def _suffix(domain: str, suffix: str) -> bool:
    domain, suffix = domain.lower().rstrip("."), suffix.lower().strip(".")
    return domain == suffix or domain.endswith("." + suffix)


@dataclass(frozen=True)
class LinkPolicy:
    threshold_mb: float | None = None
    automatic: bool = False
    allow_attach: bool = True
    expiry_days: int | None = None
    password: str = "optional"
    storages: tuple[StorageRule, ...] = ()

    @property
    def password_required(self) -> bool:
        return self.password == "required"

    @property
    def password_allowed(self) -> bool:
        return self.password != "off"


def _norm_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _number(doc: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise LinkPolicyError(_("{file}: {key} must be a number from {low} to {high}.",
                                file=FILE_NAME, key=key, low=format(low, "g"),
                                high=format(high, "g")))
    return float(value)


def _flag(doc: dict[str, Any], key: str, default: bool) -> bool:
    value = doc.get(key, default)
    if not isinstance(value, bool):
        raise LinkPolicyError(_("{file}: {key} must be true or false.", file=FILE_NAME, key=key))
    return value


def _storage_rules(value: Any) -> tuple[StorageRule, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LinkPolicyError(_("{file}: storages must be a list of {example}.", file=FILE_NAME,
                                example='{"url": ...}'))
    rules = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str) \
                or not item["url"].startswith(("https://", "http://")):
            raise LinkPolicyError(_("{file}: storages[{index}] needs an http(s) \"url\".",
                                    file=FILE_NAME, index=index))
        domains = item.get("recipient_domains", [])
        if not isinstance(domains, list) or not all(isinstance(d, str) and d.strip(".")
                                                    for d in domains):
            raise LinkPolicyError(
                _("{file}: storages[{index}].recipient_domains must be a list of domains.",
                  file=FILE_NAME, index=index))
        rules.append(StorageRule(item["url"], tuple(domains)))
    return tuple(rules)


def parse_link_policy(data: bytes) -> LinkPolicy:
    """Parse and check links.json; raises `LinkPolicyError`."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LinkPolicyError(_("{file} is not valid UTF-8 JSON.", file=FILE_NAME)) from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA_NAME:
        raise LinkPolicyError(_("{file} is not a Tradewind link policy "
                                "(\"schema\": \"{schema}\" expected).", file=FILE_NAME,
                                schema=SCHEMA_NAME))
    if doc.get("version") != 1:
        raise LinkPolicyError(_("{file} uses version {version}, which this Tradewind does not "
                                "know (1 expected).", file=FILE_NAME,
                                version=repr(doc.get("version"))))
    password = doc.get("password", "optional")
    if password not in PASSWORD_RULES:
        raise LinkPolicyError(_("{file}: password must be one of {choices}.", file=FILE_NAME,
                                choices=", ".join(PASSWORD_RULES)))
    expiry = _number(doc, "expiry_days", 1, MAX_EXPIRY_DAYS)
    if expiry is not None and expiry != int(expiry):
        raise LinkPolicyError(_("{file}: expiry_days must be a whole number of days.",
                                file=FILE_NAME))
    return LinkPolicy(
        threshold_mb=_number(doc, "threshold_mb", 0, 1_000_000),
        automatic=_flag(doc, "automatic", False),
        allow_attach=_flag(doc, "allow_attach", True),
        expiry_days=int(expiry) if expiry is not None else None,
        password=str(password),
        storages=_storage_rules(doc.get("storages")),
    )


def link_policy_in_force(store: Store) -> LinkPolicy | None:
    """The link rules of the company policy in force, None without a policy or links.json."""
    from client.signatures.provision import policy_in_force

    bundle = policy_in_force(store)
    if bundle is None or FILE_NAME not in bundle.files:
        return None
    return parse_link_policy(bundle.files[FILE_NAME])


def storage_for(store: Store, account_email: str, recipients: Sequence[str],
                policy: LinkPolicy | None) -> StorageConfig:
    """The storage the account's links for `recipients` go to: the policy's rule for them
    (matched by URL among the account's storages), else the account's newest storage."""
    if policy is None or not policy.storages:
        return storage_for_account(store, account_email)
    domains = sorted({r.rsplit("@", 1)[-1].lower() for r in recipients if "@" in r})
    rule = next((r for r in policy.storages if r.matches(domains)), None)
    if rule is None:
        return storage_for_account(store, account_email)
    wanted = _norm_url(rule.url)
    for config in reversed(list_storages(store, account_email)):
        if _norm_url(config.url) == wanted:
            return config
    raise StorageNotFound(
        _("The company policy sends links for these recipients through the storage at {url}, "
          "which the account {account} does not have; add it with `tradewind storage add` (the "
          "administrator gives the user name and secret).", url=rule.url,
          account=repr(account_email)))
