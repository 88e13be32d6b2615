"""What the Settings dialog reads and writes, kept in the profile's ``settings`` table. Qt-free.

Every general, sync and link value is defined, read and checked by ``client.settings`` (the
same rules as ``tradewind settings``); this module only gathers them for the dialog. The
signature values the company policy lets the rep fill go through
``client.signatures.provision`` (key ``signature.rep_values``).
``load_settings`` and ``save_settings`` open their own ``Store``: call them on a worker thread.
``save_settings`` checks everything before writing anything and raises
``client.settings.SettingError`` (its ``key`` names the field) / ``PolicyError`` in words.
``fixed_values`` and ``value_problem`` are pure (any thread): what the
policy sets for a sending address over the rep's values (shown read-only; the company-wide
values are only defaults a rep may override where allowed) and why a rep's value is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from client import settings as core_settings
from client.compose.identities import identities
from client.signatures.bundle import PolicyBundle
from client.signatures.fields import FIELD_KINDS
from client.signatures.provision import (
    check_rep_value,
    policy_in_force,
    rep_values,
    set_rep_value,
)
from client.signatures.render import template_for
from client.signatures.schema import PolicyError
from client.store.db import Store
from client.store.records import Account

CACHE_MB_KEY = "sync.attachment_cache_mb"
INTERVAL_KEY = "sync.interval_minutes"
APPEARANCE_KEY = "ui.appearance"
_DEFS = core_settings.SETTINGS
DEFAULT_CACHE_MB = _DEFS[CACHE_MB_KEY].default
DEFAULT_INTERVAL_MIN = _DEFS[INTERVAL_KEY].default
APPEARANCES = _DEFS[APPEARANCE_KEY].choices
#: the keys the Links and Remote content tabs edit
TAB_KEYS = ("links.threshold_mb", "links.heading", "reader.remote_content_senders")


def bounds(key: str) -> tuple[float, float]:
    """The (minimum, maximum) of a numeric setting, for a spin box's range."""
    setting = _DEFS[key]
    assert setting.minimum is not None and setting.maximum is not None
    return setting.minimum, setting.maximum


@dataclass(frozen=True)
class SyncSettings:
    attachment_cache_mb: float = DEFAULT_CACHE_MB
    interval_minutes: int = DEFAULT_INTERVAL_MIN


@dataclass(frozen=True)
class SettingsSnapshot:
    """Everything the dialog shows. ``signature_fields``: fields the policy lets reps fill
    (empty without a policy); ``signature_values``: {address: {field: value}} per identity;
    ``policy``: the verified policy in force (for the preview); ``signature_problem``: why a
    configured policy cannot be used (its kept copy no longer verifies), in words."""

    accounts: tuple[Account, ...]
    sync: SyncSettings
    appearance: str
    signature_fields: tuple[str, ...] = ()
    signature_values: dict[str, dict[str, str]] = field(default_factory=dict)
    policy: PolicyBundle | None = None
    signature_problem: str | None = None
    #: more values by client.settings key (the Links and Remote content tabs), as read there
    core_values: dict[str, Any] = field(default_factory=dict)


def load_sync_settings(store: Store) -> SyncSettings:
    """The sync values in force (defaults for a missing or refused stored value)."""
    return SyncSettings(core_settings.read(store, CACHE_MB_KEY),
                        core_settings.read(store, INTERVAL_KEY))


def load_appearance(store: Store) -> str:
    return str(core_settings.read(store, APPEARANCE_KEY))


def load_settings(db_path: Path) -> SettingsSnapshot:
    """Read the dialog's values (worker thread)."""
    with Store.open(db_path) as store:
        accounts = tuple(store.list_accounts())
        problem: str | None = None
        try:
            bundle = policy_in_force(store)
        except PolicyError as exc:
            bundle, problem = None, str(exc)
        fields: tuple[str, ...] = ()
        values: dict[str, dict[str, str]] = {}
        if bundle is not None:
            fields = tuple(bundle.directory.rep_editable)
            for account in accounts:
                for identity in identities(store, account.id):
                    values[identity.email] = rep_values(store, identity.email)
        core_values = {key: core_settings.read(store, key) for key in TAB_KEYS}
        return SettingsSnapshot(accounts, load_sync_settings(store), load_appearance(store),
                                fields, values, bundle, problem, core_values)


def fixed_values(bundle: PolicyBundle, identity: str,
                 rep: dict[str, str] | None = None) -> dict[str, str]:
    """The values the policy sets for this sending address over anything the rep fills (its
    directory entry, the chosen template; ``email`` is the address), by field. Pure."""
    out: dict[str, str] = {}
    person = bundle.directory.person(identity)
    if person is not None:
        out.update(person.values)
    try:
        out.update(template_for(bundle, identity, rep).values)
    except PolicyError:
        pass  # no rule matches: the preview says so
    out["email"] = identity
    return {name: out[name] for name in FIELD_KINDS if out.get(name)}


def value_problem(bundle: PolicyBundle, name: str, value: str) -> str | None:
    """Why the policy refuses this value of the rep's (English, from the core), else None."""
    try:
        check_rep_value(bundle, name, value)
    except PolicyError as exc:
        return str(exc)
    return None


def save_settings(db_path: Path, sync: SyncSettings, appearance: str,
                  signature_values: dict[str, dict[str, str]] | None = None,
                  others: dict[str, Any] | None = None) -> None:
    """Write the dialog's values (worker thread); nothing is written if any value is refused.
    ``others``: more ``client.settings`` keys with their values (the Links and Remote content
    tabs)."""
    wanted: dict[str, Any] = {CACHE_MB_KEY: sync.attachment_cache_mb,
                              INTERVAL_KEY: sync.interval_minutes, APPEARANCE_KEY: appearance,
                              **(others or {})}
    for key, value in wanted.items():
        core_settings.check(key, value)  # raises SettingError in words, naming its key
    with Store.open(db_path) as store:
        bundle = policy_in_force(store) if signature_values else None
        if bundle is not None and signature_values:
            for filled in signature_values.values():
                for name, text in filled.items():
                    check_rep_value(bundle, name, text)  # raises PolicyError in words
        core_settings.write_many(store, wanted)
        if bundle is not None and signature_values:
            for address, filled in signature_values.items():
                for name, text in filled.items():
                    set_rep_value(store, bundle, address, name, text)


def remove_account(db_path: Path, email: str) -> None:
    """Remove an account, its cached mail and its keyring entry (worker thread)."""
    from client.accounts.manager import AccountManager

    with Store.open(db_path) as store:
        AccountManager(store).remove(email)
