"""The archive folder of an account: found by role, created on the server when missing.

``archive_folder(store, account_id)`` is a quick cache look-up (any thread with its own
Store). ``create_archive(store, session, account_id)`` CREATEs "Archive" on the server and
reads the folder list again (``client.sync.folder_list.reconcile_folders``), so the cache
knows the new folder with its role; call it only after the rep agreed (the app asks, the CLI
needs ``--create``). ``create_archive_online`` connects first. Blocking network I/O: a worker
thread, never the GUI thread. Raises ``ImapError`` subclasses (offline, refused sign-in,
refused CREATE) and ``StoreWriteError``; idempotent (an existing folder is reused).
"""

from __future__ import annotations

from collections.abc import Callable

from client.i18n import _
from client.imap import Endpoint, ImapSession, ProtocolError
from client.store import Account, Folder, Store

#: the name given to a new archive folder (a name every server's role guess reads as archive)
ARCHIVE_NAME = "Archive"


def archive_folder(store: Store, account_id: int) -> Folder | None:
    """The account's archive folder (role "archive", never a local-only folder), or None."""
    folder = store.folder_by_role(account_id, "archive")
    return folder if folder is not None and not folder.is_local else None


def create_archive(store: Store, session: ImapSession, account_id: int) -> Folder:
    """Create the archive folder on the server (see the module docstring) and return it."""
    from client.sync.folder_list import reconcile_folders

    existing = archive_folder(store, account_id)
    if existing is not None:
        return existing
    session.create_folder(ARCHIVE_NAME)
    reconcile_folders(store, session, account_id)
    folder = archive_folder(store, account_id)
    if folder is None:  # the server lists it under a name no role guess reads as archive
        folder = store.folder_by_name(account_id, ARCHIVE_NAME)
        if folder is None:
            raise ProtocolError(_("The server did not list the new folder “{name}”.",
                                  name=ARCHIVE_NAME))
        with store.transaction() as conn:
            conn.execute("UPDATE folders SET role = 'archive' WHERE id = ?", (folder.id,))
        folder = archive_folder(store, account_id)
        assert folder is not None
    return folder


def create_archive_online(
    store: Store, account: Account, password: str,
    connect: Callable[[Endpoint, str, str], ImapSession] = ImapSession.connect,
) -> Folder:
    """Sign in to the account's IMAP server and ``create_archive`` there."""
    from client.sync.engine import endpoint_for

    with connect(endpoint_for(account, timeout=30.0), account.username or account.email,
                 password) as session:
        return create_archive(store, session, account.id)
