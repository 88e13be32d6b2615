"""What the header-first listing leaves for after every folder is listed (issue 17).

``finish_listing(ctx)`` runs on the sync's worker thread (it owns ``ctx.store``) between the
listing of all folders and the body pass, and once before the folders (what a killed sync
listed gets its threads before new rows join them): the subject/address search rows of listed rows
(``client.store.search_rows``), then their threads (``client.store.listed_threads``), each in
one transaction with a crash point after it. The rows that got a thread are published as
updated (``FolderChanged``), so a list showing them alone regroups them into conversations.
Idempotent and cheap when nothing waits (two indexed queries); raises ``StoreWriteError``.
"""

from __future__ import annotations

import json

from client import crashpoints, events
from client.store.listed_threads import thread_listed
from client.store.search_rows import add_listed_search_rows
from client.sync.folder_sync import SyncContext


def finish_listing(ctx: SyncContext) -> None:
    """Search rows, then threads, of the rows listed from their headers (see above)."""
    store = ctx.store
    if add_listed_search_rows(store, ctx.account_id):
        crashpoints.after_commit()
    if not store.listed_threads.waiting and store.conn.execute(
            "SELECT 1 FROM messages WHERE thread_id IS NULL AND account_id = ? LIMIT 1",
            (ctx.account_id,)).fetchone() is None:
        return  # nothing to thread: no write transaction
    with store.transaction() as conn:
        threaded = thread_listed(conn, store.listed_threads, ctx.account_id)
    if not threaded:
        return
    crashpoints.after_commit()
    by_folder: dict[int, list[int]] = {}
    for folder_id, row_id in store.conn.execute(
            "SELECT folder_id, id FROM messages WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(threaded),)):
        by_folder.setdefault(int(folder_id), []).append(int(row_id))
    for folder_id, ids in sorted(by_folder.items()):
        ctx.bus.publish(events.FolderChanged(ctx.account_id, folder_id, updated=tuple(ids)))
