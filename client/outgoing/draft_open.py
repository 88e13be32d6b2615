"""Opening a message of a Drafts folder as a draft, and forgetting cached copies of old drafts.

- `draft_for_message(store, message_row)` returns the local draft a cached Drafts-folder message
  is a copy of (ours, by Message-ID, or one imported earlier, by its origin), or imports it as a
  new local draft that continues it (`origin_message_id`). Idempotent: opening the same message
  twice gives the same draft. With a company signature policy in force, the signature copy the
  saved draft carries is taken out (the composer shows the company's own block). Raises `ComposeError` in words (not a draft, body not cached,
  attachments over the cache limit: importing it without them would lose them when sent).
- `settle_drafts_without_server(store, account_id)` does what a drafts push does for an
  account that has no server (the demo), whose cache is its only copy.
Store work on the calling thread (worker thread in the app); no network.
"""

from __future__ import annotations

from client.compose.drafts import draft_from_message, forget_cached_copies, save_draft
from client.compose.headers import ComposeError
from client.signatures.enforce import without_signature_copies
from client.store.db import Store


def draft_for_message(store: Store, message_row: int) -> int:
    """The id of the local draft for the cached message ``message_row`` of a Drafts folder."""
    row = store.get_message(message_row)
    if row is None:
        raise ComposeError(f"There is no message {message_row} in the cache.")
    folder = store.folder(row.folder_id)
    if folder is None or folder.role != "drafts":
        raise ComposeError("Only a message of a Drafts folder opens as a draft; "
                           "use Reply or Forward for this one.")
    if row.message_id:
        found = store.conn.execute(
            "SELECT id FROM drafts WHERE account_id = ? AND server_state != 'discard'"
            " AND (message_id = ? OR origin_message_id = ?) ORDER BY updated DESC LIMIT 1",
            (row.account_id, row.message_id, row.message_id),
        ).fetchone()
        if found is not None:
            return int(found[0])
    if row.body_state == "partial":  # its big attachments are only on the server
        raise ComposeError("This draft's attachments are larger than the attachment cache "
                           "limit and not downloaded; open it in the app that saved it, or "
                           "raise the limit in Settings and sync again.")
    try:
        raw = store.get_raw(row.id)
    except KeyError:
        raise ComposeError("This draft's text is not downloaded yet; sync the account, "
                           "then open it again.") from None
    account = store.account(row.account_id)
    if account is None:
        raise ComposeError(f"There is no message {message_row} in the cache.")
    fields = without_signature_copies(store, draft_from_message(raw, account.email))
    return save_draft(store, account.id, fields, origin_message_id=row.message_id)


def settle_drafts_without_server(store: Store, account_id: int) -> int:
    """For an account without a server: drafts that were sent or discarded leave the cached
    Drafts folder and the drafts table. Returns how many drafts were settled. Idempotent."""
    rows = store.conn.execute(
        "SELECT id, message_id, origin_message_id FROM drafts WHERE account_id = ?"
        " AND server_state = 'discard'", (account_id,),
    ).fetchall()
    for draft_id, message_id, origin in rows:
        forget_cached_copies(store, account_id, (message_id, origin))
        with store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM drafts WHERE id = ? AND server_state = 'discard'",
                         (draft_id,))
    return len(rows)
