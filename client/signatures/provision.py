"""A client's signature policy: where it comes from, and the last valid copy kept in the profile.

Settings keys in the store (`Store.get_setting`/`set_setting`):
- `signature_policy.source`: `{"location", "public_key_pem", "ca_file"}` — set by
  `use_policy` (the `tradewind policy use` command or the account wizard);
- `signature_policy.current`: the last valid policy's files (base64) with its location, key id and
  signing time. Written only after a policy passed every check, in one transaction with the
  source, so a refused update never replaces it. It is verified again each time it is loaded;
- `signature_policy.last_check`: the outcome of the last refresh, in words;
- `signature.rep_values`: `{address: {field: value}}` the rep filled in settings, only for fields
  the directory marks `rep_editable`.

`refresh` does blocking I/O (call it from a worker thread when the account goes online);
everything else is local. Each function uses the caller's `Store` (one per thread).
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from typing import Any

from client.i18n import _
from client.signatures.bundle import PolicyBundle, open_verified
from client.signatures.fetch import PolicyUnreachable, read_location
from client.signatures.fields import FieldValueError, check_value
from client.signatures.integrity import parse_public_key, public_pem
from client.signatures.schema import PolicyError
from client.store.db import Store

SOURCE_KEY = "signature_policy.source"
CURRENT_KEY = "signature_policy.current"
LAST_CHECK_KEY = "signature_policy.last_check"
REP_VALUES_KEY = "signature.rep_values"


@dataclass(frozen=True)
class PolicySource:
    location: str
    public_key_pem: str
    ca_file: str | None


@dataclass(frozen=True)
class RefreshResult:
    """`status`: updated, unchanged, refused (bad policy; last valid stays) or unreachable."""

    status: str
    message: str
    in_force: PolicyBundle | None


def source(store: Store) -> PolicySource | None:
    doc = store.get_setting(SOURCE_KEY)
    if not isinstance(doc, dict):
        return None
    return PolicySource(str(doc["location"]), str(doc["public_key_pem"]), doc.get("ca_file"))


def _encode(bundle: PolicyBundle, location: str) -> dict[str, Any]:
    assert bundle.manifest is not None
    return {"files": {n: base64.b64encode(d).decode("ascii") for n, d in bundle.files.items()},
            "location": location, "key_id": bundle.manifest.key_id,
            "signed_at": bundle.manifest.signed_at, "installed_at": time.time()}


def check_policy(location: str, public_key_pem: bytes,
                 ca_file: str | None = None) -> PolicyBundle:
    """Fetch and verify the policy at `location` without keeping anything (the wizard's
    "Check"; `use_policy` runs the same steps). Blocking I/O; any thread. Raises PolicyError
    (bad key, bad policy) or PolicyUnreachable."""
    key = parse_public_key(public_key_pem, "the public key")
    return open_verified(read_location(location, ca_file), key)


def use_policy(store: Store, location: str, public_key_pem: bytes,
               ca_file: str | None = None) -> PolicyBundle:
    """Provision this client: fetch and verify now, then keep source and policy. Idempotent.

    Raises PolicyError (bad key, bad policy) or PolicyUnreachable; on any error nothing changes
    and the previous policy (if any) stays in force.
    """
    bundle = check_policy(location, public_key_pem, ca_file)
    key = parse_public_key(public_key_pem, "the public key")
    with store.transaction():
        store.set_setting(SOURCE_KEY, {"location": location,
                                       "public_key_pem": public_pem(key).decode("ascii"),
                                       "ca_file": ca_file})
        store.set_setting(CURRENT_KEY, _encode(bundle, location))
        store.set_setting(LAST_CHECK_KEY, {"at": time.time(), "status": "updated",
                                           "message": "Policy installed."})
    return bundle


def refresh(store: Store) -> RefreshResult:
    """Fetch the configured policy; install it if valid and newer. Never raises for a bad or
    unreachable policy: the last valid one stays and the result says why."""
    src = source(store)
    if src is None:
        return RefreshResult("unchanged", "No signature policy is configured.", None)
    try:
        key = parse_public_key(src.public_key_pem.encode("ascii"), "the stored public key")
        fresh = open_verified(read_location(src.location, src.ca_file), key)
    except PolicyUnreachable as exc:
        status, message, fresh_or_none = "unreachable", str(exc), None
    except PolicyError as exc:
        status, message, fresh_or_none = "refused", (
            f"The policy at {src.location} was refused: {exc} The last valid policy stays in "
            "force."), None
    else:
        current = _stored_files(store)
        if current == dict(fresh.files):
            status, message, fresh_or_none = "unchanged", "The policy is up to date.", None
        else:
            status, message, fresh_or_none = "updated", "A new policy was installed.", fresh
    with store.transaction():
        if fresh_or_none is not None:
            store.set_setting(CURRENT_KEY, _encode(fresh_or_none, src.location))
        store.set_setting(LAST_CHECK_KEY, {"at": time.time(), "status": status,
                                           "message": message})
    try:
        in_force = policy_in_force(store)
    except PolicyError:
        in_force = None
    return RefreshResult(status, message, in_force)


def _stored_files(store: Store) -> dict[str, bytes] | None:
    doc = store.get_setting(CURRENT_KEY)
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        return None
    try:
        return {str(n): base64.b64decode(v, validate=True) for n, v in doc["files"].items()}
    except (ValueError, TypeError):
        return None


def policy_in_force(store: Store) -> PolicyBundle | None:
    """The last valid policy, verified again; None when no policy is configured.

    Raises PolicyError when a policy is configured but its kept copy is missing or no longer
    verifies (sending must then stop, not go out without the company signature).
    """
    src = source(store)
    if src is None:
        return None
    files = _stored_files(store)
    if files is None:
        raise PolicyError(_("A company signature policy is configured but no valid copy is "
                            "kept in this profile; connect and run `tradewind policy refresh`."))
    key = parse_public_key(src.public_key_pem.encode("ascii"), "the stored public key")
    try:
        return open_verified(files, key)
    except PolicyError as exc:
        raise PolicyError(_("The kept copy of the company signature policy no longer verifies "
                            "({detail}); run `tradewind policy refresh`.", detail=exc),
                          exc.code) from exc


def last_check(store: Store) -> dict[str, Any] | None:
    doc = store.get_setting(LAST_CHECK_KEY)
    return doc if isinstance(doc, dict) else None


def rep_values(store: Store, address: str) -> dict[str, str]:
    """What the rep filled in settings for this sending address."""
    doc = store.get_setting(REP_VALUES_KEY, {})
    values = doc.get(address.strip().lower(), {}) if isinstance(doc, dict) else {}
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


def check_rep_value(bundle: PolicyBundle, field: str, value: str) -> str:
    """The cleaned value; raises PolicyError when the policy does not let reps fill that field or
    the value is not acceptable. Pure."""
    if field not in bundle.directory.rep_editable:
        allowed = ", ".join(bundle.directory.rep_editable) or _("none")
        raise PolicyError(_("The company policy does not let reps fill {field!r} (fields a rep "
                            "may fill: {allowed}); ask the admin to change the directory.",
                            field=field, allowed=allowed))
    try:
        return check_value(field, value, _("your value"))
    except FieldValueError as exc:
        raise PolicyError(str(exc)) from exc


def set_rep_value(store: Store, bundle: PolicyBundle, address: str, field: str,
                  value: str) -> None:
    """Fill (or clear, with "") one field of the rep's own values; raises PolicyError (see
    `check_rep_value`) before changing anything."""
    checked = check_rep_value(bundle, field, value)
    with store.transaction():
        doc = store.get_setting(REP_VALUES_KEY, {})
        doc = doc if isinstance(doc, dict) else {}
        mine = dict(doc.get(address.strip().lower(), {}))
        if checked:
            mine[field] = checked
        else:
            mine.pop(field, None)
        doc[address.strip().lower()] = mine
        store.set_setting(REP_VALUES_KEY, doc)


def refresh_if_due(store: Store, max_age_s: float = 3600.0,
                   now: float | None = None) -> RefreshResult | None:
    """`refresh` when a policy is configured and the last check is older than `max_age_s`
    (for the account worker when it goes online); None when nothing was due. Blocking I/O."""
    if source(store) is None:
        return None
    check = last_check(store)
    current = time.time() if now is None else now
    if check is not None and current - float(check.get("at", 0)) < max_age_s:
        return None
    return refresh(store)
