"""Skip downloads the cache can serve: rows already stored, bodies kept across a rebuild.

Called by the folder sync (its thread, its ``Store`` and main session) before new mail is
split into fetch batches. Every message handled here is stored in the cache before the batches
run, so the watermark invariant (every server UID at or below it is stored) still holds.
"""

from __future__ import annotations

import hashlib

from client import crashpoints
from client.imap import ImapSession, MessageMeta
from client.store import IncomingMessage, Store
from client.store.derive import header_block, header_columns
from client.store.rows import normalize_flags

_CHUNK = 500
_CHUNK_BYTES = 16 * 1024 * 1024


def refresh_known(store: Store, folder_id: int, metas: list[MessageMeta]) -> tuple[
        list[MessageMeta], list[int]]:
    """Drop metas of UIDs the cache already holds (stored by an interrupted run), updating
    their flags instead. Returns (metas still to fetch, row ids whose flags changed)."""
    if not metas:
        return metas, []
    top = store.conn.execute(
        "SELECT max(uid) FROM messages WHERE folder_id = ?", (folder_id,)
    ).fetchone()[0]
    if top is None or min(m.uid for m in metas) > top:
        return metas, []  # the usual case: everything is new (no need to list the folder)
    known = store.folder_uids(folder_id)
    changes = {
        m.uid: (normalize_flags(m.flags), m.modseq)
        for m in metas
        if m.uid in known and normalize_flags(m.flags) != tuple(known[m.uid])
    }
    updated = store.update_flags(folder_id, changes) if changes else []
    if changes:
        crashpoints.after_commit()
    return [m for m in metas if m.uid not in known], updated


def _has_orphans(store: Store, account_id: int) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM orphan_bodies WHERE account_id = ? LIMIT 1", (account_id,)
    ).fetchone()
    return row is not None


def reuse_kept_bodies(
    store: Store, session: ImapSession, account_id: int, folder_id: int,
    metas: list[MessageMeta],
) -> tuple[list[MessageMeta], list[int]]:
    """After a UIDVALIDITY change: store messages whose Message-ID, size AND header block (its
    SHA-256) match a body ``clear_folder`` kept, without downloading them (checklist P4: a
    same-size message under the same Message-ID with another header is fetched again).
    Returns (metas still to fetch, added ids). One extra command, the headers of the new
    messages streamed (each hashed and dropped), and only when kept bodies exist."""
    if not metas or not _has_orphans(store, account_id):
        return metas, []
    by_uid = {m.uid: m for m in metas}
    reused: list[IncomingMessage] = []
    added: list[int] = []
    done: set[int] = set()

    def flush() -> None:  # bodies are stored as they are matched, not all held at once
        if reused:
            added.extend(store.insert_messages(folder_id, reused, 0).added)
            crashpoints.after_commit()
            done.update(m.uid for m in reused)
            reused.clear()

    for meta, header in session.fetch_headers([m.uid for m in metas]):
        wanted = by_uid.get(meta.uid)
        msgid = header_columns(header).message_id
        body = store.cached_body(account_id, msgid) if msgid and wanted else None
        if wanted is None or body is None or len(body) != wanted.size:
            continue
        if hashlib.sha256(header_block(body)).digest() != hashlib.sha256(header).digest():
            continue
        reused.append(IncomingMessage(
            uid=wanted.uid, raw=body, flags=tuple(sorted(wanted.flags)),
            internaldate=wanted.internaldate, size=wanted.size, modseq=wanted.modseq,
            warnings=wanted.warnings, headers=header_columns(body)))
        if len(reused) >= _CHUNK or sum(len(m.raw) for m in reused) >= _CHUNK_BYTES:
            flush()
    flush()
    return [m for m in metas if m.uid not in done], added
