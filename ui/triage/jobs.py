"""The worker-thread side of the triage commands: each call opens and closes its own ``Store``
(``client.ops.undo`` does the work), so the GUI thread never writes to the cache. Raise what
the core raises (``StoreWriteError``, ``ValueError``); nothing here is idempotent (each call
is one more action in the undo history).
"""

from __future__ import annotations

from pathlib import Path

from client.ops import folder_create, undo
from client.ops.archive import ARCHIVE_NAME
from client.store import Folder
from client.store.db import Store

RECENT_KEY = "triage.recent_folders"
RECENT_MAX = 5


def recent_folders(store: Store, account_id: int) -> list[int]:
    """The folders the rep moved or copied to last in this account, newest first (a quick
    settings read: any thread with its own Store)."""
    value = store.get_setting(RECENT_KEY, {})
    found = value.get(str(account_id), []) if isinstance(value, dict) else []
    return [int(f) for f in found if isinstance(f, int)][:RECENT_MAX]


def _remember(store: Store, account_id: int, folder_id: int) -> None:
    value = store.get_setting(RECENT_KEY, {})
    value = value if isinstance(value, dict) else {}
    kept = [f for f in recent_folders(store, account_id) if f != folder_id]
    value[str(account_id)] = [folder_id, *kept][:RECENT_MAX]
    store.set_setting(RECENT_KEY, value)


def move(db_path: Path, ids: list[int], folder_id: int, *, copy: bool = False) -> undo.Action:
    """Move (or copy) ``ids`` into ``folder_id`` and remember it as a recent folder."""
    with Store.open(db_path) as store:
        done = (undo.copy if copy else undo.move)(store, ids, folder_id)
        folder = store.folder(folder_id)
        if done.changed and folder is not None:
            _remember(store, folder.account_id, folder_id)
        return done


def archive(db_path: Path, ids: list[int], folder_id: int) -> undo.Action:
    """Archive ``ids`` into the archive folder ``folder_id``."""
    with Store.open(db_path) as store:
        return undo.archive(store, ids, folder_id)


def create_archive_and_archive(db_path: Path, account_id: int, ids: list[int]
                               ) -> tuple[Folder, undo.Action]:
    """Create the missing archive folder (the rep agreed) and archive into it: the folder
    appears in the cache at once, its CREATE queued before the moves
    (``client.ops.folder_create``), so this works offline and the next sync creates it on
    the server first."""
    with Store.open(db_path) as store:
        folder = folder_create.queue_create(store, account_id, ARCHIVE_NAME, role="archive")
        return folder, undo.archive(store, ids, folder.id)


def delete(db_path: Path, ids: list[int], *, for_good: bool) -> undo.Action:
    """Delete to Trash (for good in Trash / without Trash), or for good (Shift+Delete)."""
    with Store.open(db_path) as store:
        return undo.delete(store, ids, for_good=for_good)


def undo_last(db_path: Path) -> undo.UndoResult | None:
    """Undo the newest action of the history (None: nothing to undo)."""
    with Store.open(db_path) as store:
        return undo.undo_last(store)
