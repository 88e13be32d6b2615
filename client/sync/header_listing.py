"""Plan a big folder's header-first listing without a separate FLAGS/size pass.

Why (issue 17): before the header batches, the folder sync read every new message's FLAGS,
RFC822.SIZE and INTERNALDATE in one ``UID FETCH`` (0.28 s of CPU per 10,000 messages) only to
learn the UIDs and sizes, then read the same metadata again with each header batch. A big
folder's new UIDs now come from one ``UID SEARCH`` (a list of numbers), the header batches
carry the metadata the rows need, and the body pass (``folder_sync.fill_bodies``) takes the
sizes from the listed rows (an oversize message is then fetched as header + text there).

``listing_batches`` runs on the folder sync's thread with its ``Store`` and main session (the
folder selected). It returns None when the metadata pass is still needed: bodies kept across a
UIDVALIDITY reset wait to be matched (``reuse.reuse_kept_bodies`` needs their sizes first), or
the folder holds fewer than ``min_messages`` new UIDs (a small folder is fetched whole as
before). Rows an interrupted run stored above the watermark need no pass of their own: the
header batches upsert them (``Store.insert_messages`` refreshes their flags). Raises
``ImapError`` from the search. Reads only; idempotent.
"""

from __future__ import annotations

from client.imap import ImapSession
from client.store import Store
from client.sync.batches import FetchBatch


def listing_batches(store: Store, session: ImapSession, account_id: int, folder_id: int,
                    from_uid: int, *, min_messages: int, max_count: int) -> list[FetchBatch] | None:
    """Header-only batches of at most ``max_count`` new UIDs each, or None (see above)."""
    kept = store.conn.execute(
        "SELECT 1 FROM orphan_bodies WHERE account_id = ? LIMIT 1", (account_id,)).fetchone()
    if kept is not None:
        return None
    uids = session.uids(from_uid)
    if len(uids) < max(1, min_messages):
        return None
    step = max(1, max_count)
    return [FetchBatch(index, tuple(uids[start:start + step]), 0, headers_only=True)
            for index, start in enumerate(range(0, len(uids), step))]
