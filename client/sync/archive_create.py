"""Create an account's archive folder on the server when it has none (the rep agreed).

``create_archive(store, session, account_id)`` CREATEs "Archive" on the server and reads the
folder list again (``client.sync.folder_list.reconcile_folders``), so the cache knows the new
folder with its role; call it only after the rep agreed. ``create_archive_online`` connects
first. The app's A and ``tradewind archive --create`` no longer call it: they queue the folder's
creation (``client.ops.folder_create``), which works offline; this stays for a caller that is
online and wants the folder on the server at once. Blocking network I/O: a worker
thread, never the GUI thread. Raises ``ImapError`` subclasses (offline, refused sign-in,
refused CREATE) and ``StoreWriteError``; idempotent (an existing folder is reused). It sits in
``client/sync`` because it needs the sync's folder list; the look-up is ``client.ops.archive``.
"""

from __future__ import annotations

from collections.abc import Callable

from client.i18n import _
from client.imap import Endpoint, ImapSession, ProtocolError
from client.ops.archive import ARCHIVE_NAME, archive_folder
from client.store import Account, Folder, Store
from client.sync.engine import endpoint_for
from client.sync.folder_list import reconcile_folders


def create_archive(store: Store, session: ImapSession, account_id: int) -> Folder:
    """Create the archive folder on the server (see the module docstring) and return it."""
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
    with connect(endpoint_for(account, timeout=30.0), account.username or account.email,
                 password) as session:
        return create_archive(store, session, account.id)
