"""The drafts push: the server's Drafts folder brought up to date with the local drafts.

- `push_drafts(store, account_id, folder)` appends each dirty draft to Drafts with \\Draft
  \\Seen, then removes every older copy with the same Message-ID, and the copy of another
  client that the draft continues: the server holds one copy, never a pile. A crash between
  the two steps leaves an extra copy that the next push removes. Cached rows of removed copies
  go at once. Drafts discarded locally leave the server first. Idempotent.
- `push_account_drafts(store, account, password)` does it over the account's IMAP Drafts.
Blocking (IMAP); worker thread, sync child or CLI; never the GUI thread. Raises the IMAP
client's errors (the drafts stay dirty and go next time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from client.compose.drafts import DraftsFolder
    from client.store.db import Store
    from client.store.records import Account


def push_drafts(store: Store, account_id: int, folder: DraftsFolder) -> list[int]:
    """Bring the server's Drafts up to date with every dirty local draft; returns their ids."""
    from client.compose.drafts import discard_server_copies, forget_cached_copies

    pushed = []
    for draft_id, message_id, origin in store.conn.execute(
        "SELECT id, message_id, origin_message_id FROM drafts WHERE account_id = ? AND"
        " server_state = 'discard' ORDER BY id", (account_id,),
    ).fetchall():
        for mid in filter(None, (message_id, origin)):
            discard_server_copies(folder, mid)
        forget_cached_copies(store, account_id, (message_id, origin))
        with store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM drafts WHERE id = ? AND server_state = 'discard'", (draft_id,))
    rows = store.conn.execute(
        "SELECT id, message_id, raw, updated, origin_message_id FROM drafts WHERE account_id = ?"
        " AND server_state = 'dirty' ORDER BY id", (account_id,),
    ).fetchall()
    for draft_id, message_id, raw, updated, origin in rows:
        new_uid = folder.append_draft(bytes(raw))
        stale = [u for u in folder.uids_with_message_id(message_id) if u != new_uid]
        if new_uid is None and stale:
            stale = stale[:-1]  # no APPENDUID: the newest copy (highest UID) is the one just made
            new_uid = folder.uids_with_message_id(message_id)[-1]
        if stale:
            folder.expunge(stale)
        if origin and origin != message_id:  # the other client's copy this draft continues
            discard_server_copies(folder, origin)
        forget_cached_copies(store, account_id, (message_id, origin), keep_uid=new_uid)
        with store.transaction(durable=True) as conn:
            # Saved again while we were pushing? Then it stays dirty for the next push.
            conn.execute(
                "UPDATE drafts SET server_uid = ?, server_state = CASE WHEN updated = ? THEN"
                " 'saved' ELSE 'dirty' END WHERE id = ?", (new_uid, updated, draft_id),
            )
        pushed.append(int(draft_id))
    return pushed


def push_account_drafts(store: Store, account: Account, password: str) -> list[int]:
    """Bring the server's Drafts up to date with the local drafts of this account. Without a
    dirty or discarded draft it opens no connection (a sync that changed nothing stays quick,
    issue 17)."""
    waiting = store.conn.execute(
        "SELECT 1 FROM drafts WHERE account_id = ? AND server_state IN ('dirty', 'discard')"
        " LIMIT 1", (account.id,)).fetchone()
    if waiting is None:
        return []
    from client.smtp.imap_folders import ImapDraftsFolder  # the composer's code loads for work
    from client.sync.engine import endpoint_for

    folder = ImapDraftsFolder.open(endpoint_for(account), account.username, password)
    try:
        return push_drafts(store, account.id, folder)
    finally:
        folder.close()
