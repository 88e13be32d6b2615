"""Which cached folder is which server folder after a LIST: identity, never a guess.

Rules, in order (pure functions, any thread):

1. The server's RFC 8474 MAILBOXID, when both sides know it: equal ids are the same folder
   (a rename when the names differ), different ids are different folders even under the same
   name (a folder deleted and created again).
2. The same name, unless rule 1 says the two are different mailboxes; the server's full name
   counts as the same name too (a cache from before names honoured NAMESPACE holds
   ``INBOX.Sent`` for what is now shown as ``Sent``).
3. For the rest, a folder that vanished and one that appeared are the same folder renamed only
   when the match is unique on both sides and the counts agree: one vanished folder and one
   new folder with that UIDVALIDITY (Cyrus gives every mailbox created in the same second the
   same UIDVALIDITY, so that alone proves nothing), and the new folder's MESSAGES and UIDNEXT
   equal the cached EXISTS and UIDNEXT. Anything else is a delete plus a create: the new
   folder is downloaded again rather than shown with another folder's messages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from client.imap import FolderInfo, FolderStatus
from client.imap.utf7 import decode_mailbox_name
from client.store import Folder


@dataclass(frozen=True)
class Matched:
    """``pairs``: {server name: cached folder}; ``gone``: cached folders with no server
    folder; ``new``: server folders with no cached folder (names)."""

    pairs: dict[str, Folder]
    gone: tuple[Folder, ...]
    new: tuple[str, ...]


def match_by_identity(cached: Sequence[Folder], listed: Sequence[FolderInfo]) -> Matched:
    """Rules 1 and 2."""
    pairs: dict[str, Folder] = {}
    used: set[int] = set()
    by_id = {f.mailbox_id: f for f in cached if f.mailbox_id}
    for info in listed:
        found = by_id.get(info.mailbox_id) if info.mailbox_id else None
        if found is not None and found.id not in used:
            pairs[info.name] = found
            used.add(found.id)
    by_name = {f.name: f for f in cached}
    for full_name in (False, True):
        for info in listed:
            if info.name in pairs:
                continue
            found = by_name.get(decode_mailbox_name(info.raw_name) if full_name else info.name)
            if found is None or found.id in used:
                continue
            if info.mailbox_id and found.mailbox_id and info.mailbox_id != found.mailbox_id:
                continue  # another mailbox now has this name
            pairs[info.name] = found
            used.add(found.id)
    gone = tuple(f for f in cached if f.id not in used)
    new = tuple(info.name for info in listed if info.name not in pairs)
    return Matched(pairs, gone, new)


def match_by_counts(
    gone: Sequence[Folder],
    new: Mapping[str, FolderStatus],
    new_ids: Mapping[str, str | None] | None = None,
) -> dict[str, Folder]:
    """Rule 3: {new folder name: vanished cached folder} for the unique, count-agreeing
    pairs. ``new`` maps each candidate new folder to its STATUS, ``new_ids`` to its mailbox
    id (two folders that both have ids were already told apart by rule 1)."""
    old_by_validity: dict[int, list[Folder]] = defaultdict(list)
    for folder in gone:
        if folder.uidvalidity is not None:
            old_by_validity[folder.uidvalidity].append(folder)
    new_by_validity: dict[int, list[str]] = defaultdict(list)
    for name, status in new.items():
        new_by_validity[status.uidvalidity].append(name)
    out: dict[str, Folder] = {}
    for validity, olds in old_by_validity.items():
        names = new_by_validity.get(validity, [])
        if len(olds) != 1 or len(names) != 1:
            continue
        old, status = olds[0], new[names[0]]
        if old.mailbox_id and (new_ids or {}).get(names[0]):
            continue
        if old.exists_count == status.messages and old.uidnext == status.uidnext:
            out[names[0]] = old
    return out
