"""The languages of the company signature policy's variants, for detecting a correspondence's
language among them (``client.compose.correspondence``). The caller's Store, its thread; never
raises: a damaged or missing policy gives no languages (sending then says why)."""

from __future__ import annotations

from client.store.db import Store


def policy_languages(store: Store) -> tuple[str, ...]:
    """Every language of every template variant of the policy in force, in order, once."""
    from client.signatures.provision import policy_in_force

    try:
        bundle = policy_in_force(store)
    except Exception:  # noqa: BLE001 - a damaged policy: sending says why
        return ()
    if bundle is None:
        return ()
    seen: dict[str, None] = {}
    for template in bundle.policy.templates.values():
        for lang in template.languages:
            seen.setdefault(lang, None)
    return tuple(seen)
