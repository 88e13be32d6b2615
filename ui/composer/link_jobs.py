"""Composer jobs for files sent as links (issue 14), run on the thread pool, never the GUI
thread. Each opens its own Store on `db_path`.

- `split(db_path, account_id, paths) -> LinkSplit`: reads the files to attach; the big ones
  (the company policy's threshold, else the setting; or over the server's SIZE) stay unread,
  with the policy's rule: `automatic` (they become links without asking), `allow_attach`,
  `password` ("required"/"optional"/"off"). Raises `OSError` (unreadable file),
  `LinkPolicyError` (a broken links.json) in words.
- `send_options(db_path, account_id, fields, link_files, password, place) -> LinkOptions`:
  the storage, expiry and password the queueing uses (`client.uploads.send_options.decide`
  for these recipients); raises `StorageConfigError` subclasses in words (no storage, a
  storage that cannot protect links, a policy refusal) before anything is queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from client.compose.build import OutgoingAttachment
from client.compose.drafts import DraftFields
from client.store.db import Store

if TYPE_CHECKING:
    from client.uploads.send_options import LinkOptions


@dataclass(frozen=True)
class LinkSplit:
    attached: list[OutgoingAttachment]
    big: list[Path]
    automatic: bool = False
    allow_attach: bool = True
    password: str = "optional"
    threshold_mb: float = 10.0


def split(db_path: Path, account_id: int | None, paths: list[Path]) -> LinkSplit:
    """See the module."""
    from client.uploads.outgoing import MB, linked_indexes, server_size_limit
    from client.uploads.policy import link_policy_in_force
    from client.uploads.send_options import rule_threshold

    with Store.open(db_path) as store:
        policy = link_policy_in_force(store)
        threshold = rule_threshold(store, policy)
        limit = server_size_limit(store, account_id) if account_id is not None else None
    sizes = [p.stat().st_size for p in paths]
    big = linked_indexes(sizes, threshold=threshold, server_limit=limit)
    attached = [OutgoingAttachment(p.name, p.read_bytes())
                for i, p in enumerate(paths) if i not in big]
    big_paths = [p for i, p in enumerate(paths) if i in big]
    if policy is None:
        return LinkSplit(attached, big_paths, threshold_mb=threshold / MB)
    return LinkSplit(attached, big_paths, policy.automatic, policy.allow_attach,
                     policy.password, threshold / MB)


def send_options(db_path: Path, account_id: int, fields: DraftFields,
                 link_files: tuple[Path, ...], password: str | None,
                 place: str) -> LinkOptions:
    """See the module."""
    from client.uploads.outgoing import recipient_addresses
    from client.uploads.send_options import decide
    from client.uploads.share_password import LinkPasswordError

    with Store.open(db_path) as store:
        account = store.account(account_id)
        email = account.email if account is not None else ""
        sizes = [p.stat().st_size if p.exists() else 0 for p in link_files]
        decision = decide(store, account_id, email, recipient_addresses(fields), sizes,
                          [p.name for p in link_files], force=True, password=password,
                          password_place=place)
    if decision.password_generated:  # the rep never saw it: the box must show it first
        raise LinkPasswordError("Your company requires a password on shared links: tick "
                                "\"Protect the links with a password\" and send again.")
    return decision.options
