"""The archive folder of an account, found by role: ``archive_folder(store, account_id)`` is a
quick cache look-up (any thread with its own Store). Creating it on the server when it is
missing needs the folder list of the sync, so it lives above: ``client.sync.archive_create``.
"""

from __future__ import annotations

from client.store import Folder, Store

#: the name given to a new archive folder (a name every server's role guess reads as archive)
ARCHIVE_NAME = "Archive"


def archive_folder(store: Store, account_id: int) -> Folder | None:
    """The account's archive folder (role "archive", never a local-only folder), or None."""
    folder = store.folder_by_role(account_id, "archive")
    return folder if folder is not None and not folder.is_local else None
