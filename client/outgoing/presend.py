"""The checks before sending with an account's limits: ``checks_for(store, account_id, fields,
link_files=, skip=, threshold=)`` runs ``client.compose.checks.run_checks`` with the provider's
limit (the recorded SMTP SIZE, else the preset's) and the link threshold (``client.uploads``),
minus the checks the rep switched off. The caller's ``Store`` on its thread; never raises.
It sits in ``client/outgoing`` because the limits come from the uploads layer.
"""

from __future__ import annotations

from collections.abc import Iterable

from client.compose.checks import PRESET_LIMITS, Finding, Limits, disabled_checks, run_checks
from client.compose.drafts import DraftFields
from client.store.db import Store
from client.uploads.outgoing import server_size_limit, threshold_bytes


def limits_for(store: Store, account_id: int) -> Limits:
    """The account's provider limit (recorded SMTP SIZE, else the preset's) and the link
    threshold (setting ``links.threshold_mb``)."""
    limit = server_size_limit(store, account_id)
    if limit is None:
        account = store.account(account_id)
        limit = PRESET_LIMITS.get(account.preset or "") if account is not None else None
    return Limits(limit, threshold_bytes(store))


def checks_for(store: Store, account_id: int, fields: DraftFields, *, link_files: int = 0,
               skip: Iterable[str] = (), threshold: bool = True) -> tuple[Finding, ...]:
    """``run_checks`` with the account's limits and the rep's switched-off checks;
    ``threshold=False``: the rep chose to attach whatever the link threshold says."""
    limits = limits_for(store, account_id)
    if not threshold:
        limits = Limits(limits.size_limit, None)
    return run_checks(fields, limits, link_files=link_files,
                      disabled=disabled_checks(store) | set(skip))
