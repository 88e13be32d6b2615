"""Which files of an outgoing message go as links, and how: the rep's choice within the
company's link policy (`client.uploads.policy`). One decision for the CLI and the composer.

`decide(store, account_id, account_email, recipients, sizes, *, force=, threshold_mb=,
password=, generate_password=, password_place=) -> LinkDecision`:
- the threshold is `threshold_mb`, else the policy's, else the setting `links.threshold_mb`;
  a policy that forbids attaching big files refuses a higher `threshold_mb` and `force=False`
  (keep them attached) for any file over its threshold;
- `force=True` links every file, `force=False` none, None applies the rule (over the
  threshold, or the largest while the message exceeds the server's SIZE);
- a password (given, or generated when asked or when the policy requires one) needs a
  storage that can protect links (`share_password.check_supported`); a policy with
  `"password": "off"` refuses one;
- the storage is the policy's for these recipients, else the account's newest.
The caller's Store and thread; no network. Raises `StorageConfigError` subclasses in words
(`LinkPolicyError`, `LinkPasswordError`, `StorageNotFound`); nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from client.i18n import _
from client.uploads.config import StorageConfig
from client.uploads.outgoing import MB, linked_indexes, server_size_limit, threshold_bytes
from client.uploads.policy import LinkPolicy, LinkPolicyError, link_policy_in_force, storage_for
from client.uploads.share_password import (
    PLACES,
    LinkPasswordError,
    check_password,
    check_supported,
    generate,
)

if TYPE_CHECKING:
    from client.store.db import Store


@dataclass(frozen=True)
class LinkOptions:
    """How the links of one message are made (None: the account's defaults)."""

    storage: StorageConfig | None = None
    password: str | None = None
    password_place: str = "separate"
    expiry_days: int | None = None


@dataclass(frozen=True)
class LinkDecision:
    linked: frozenset[int]
    options: LinkOptions = field(default_factory=LinkOptions)
    password_generated: bool = False
    policy: LinkPolicy | None = None
    threshold: int = 0


def _mb(value: float) -> str:
    return f"{value:g} MB"


def _threshold(store: Store, policy: LinkPolicy | None, override_mb: float | None) -> int:
    if override_mb is not None and override_mb < 0:
        raise LinkPolicyError(_("The link threshold must be 0 MB or more."))
    if policy is not None and policy.threshold_mb is not None:
        if override_mb is not None and override_mb > policy.threshold_mb \
                and not policy.allow_attach:
            raise LinkPolicyError(
                _("The company policy sends files over {size} as links; the threshold cannot "
                  "be raised above that.", size=_mb(policy.threshold_mb)))
        return threshold_bytes(store, override_mb if override_mb is not None
                               else policy.threshold_mb)
    return threshold_bytes(store, override_mb)


def rule_threshold(store: Store, policy: LinkPolicy | None) -> int:
    """The threshold in bytes without a rep's override: the policy's, else the setting."""
    return _threshold(store, policy, None)


def decide(store: Store, account_id: int, account_email: str, recipients: Sequence[str],
           sizes: Sequence[int], names: Sequence[str] | None = None, *,
           force: bool | None = None, threshold_mb: float | None = None,
           password: str | None = None, generate_password: bool = False,
           password_place: str = "separate") -> LinkDecision:
    """See the module."""
    if password_place not in PLACES:
        raise LinkPasswordError(_("The link password goes {places}, not {place}.",
                                  places=" or ".join(PLACES), place=repr(password_place)))
    policy = link_policy_in_force(store)
    threshold = _threshold(store, policy, threshold_mb)
    by_rule = frozenset(linked_indexes(list(sizes), threshold=threshold,
                                       server_limit=server_size_limit(store, account_id)))
    if force is True:
        linked = frozenset(range(len(sizes)))
    elif force is False:
        over = sorted(i for i in range(len(sizes)) if sizes[i] > threshold)
        if over and policy is not None and not policy.allow_attach:
            named = ", ".join((names or [_("file {n}", n=i + 1) for i in range(len(sizes))])[i]
                              for i in over)
            raise LinkPolicyError(
                _("The company policy sends files over {size} as links and does not allow "
                  "attaching them: {files}.", size=_mb(threshold / MB), files=named))
        linked = frozenset()
    else:
        linked = by_rule
    if not linked:
        return LinkDecision(linked, policy=policy, threshold=threshold)
    storage = storage_for(store, account_email, recipients, policy)
    generated = False
    if password is None and (generate_password or (policy is not None
                                                   and policy.password_required)):
        password, generated = generate(), True
    if password is not None:
        if policy is not None and not policy.password_allowed:
            raise LinkPasswordError(_("The company policy does not allow link passwords."))
        check_password(password)
        check_supported(storage)
    expiry = policy.expiry_days if policy is not None else None
    return LinkDecision(linked, LinkOptions(storage, password, password_place, expiry),
                        generated, policy, threshold)
