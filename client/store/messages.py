"""Writing messages: batch insert with threading and watermark, flags, expunges, UIDVALIDITY.

Every method runs on the Store's own thread and commits in one transaction. ``insert_messages``
is idempotent: storing the same batch again changes nothing.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from client.store.base import StoreBase
from client.store.cjk import bigram_text
from client.store.derive import (
    HEADER_VERSION,
    HeaderColumns,
    address_text,
    header_columns,
    sender_key,
)
from client.store.local_rows import next_row_id
from client.store.records import IncomingMessage
from client.store.rederive import apply_header_columns
from client.store.rows import apply_overrides, flag_columns, normalize_flags
from client.store.search_rows import listed_without_search_row
from client.store.threads import ThreadInput, assign_threads

ACTIVE_OP_STATES = ("pending", "running")
_ACTIVE = "('pending', 'running')"


@dataclass(frozen=True, slots=True)
class InsertResult:
    """Row ids added (new or adopted local copies) and updated by one batch, and the ids of
    placeholder rows the real messages replaced (their rows are new ids in ``added``)."""

    added: tuple[int, ...]
    updated: tuple[int, ...]
    replaced: tuple[int, ...] = ()


def _epoch(value: float | datetime | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    return float(value)


class MessagesMixin(StoreBase):
    """Message rows written by the sync engine."""

    # -- helpers shared with client.ops.queue -------------------------------------------------

    def _account_of_folder(self, folder_id: int) -> tuple[int, int | None]:
        row = self.conn.execute(
            "SELECT account_id, uidvalidity FROM folders WHERE id = ?", (folder_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"There is no folder with id {folder_id}.")
        return int(row[0]), row[1]

    def hidden_uids(self, folder_id: int) -> dict[int, tuple[str, ...]]:
        """Server UIDs of this folder whose local row was moved away by a queued operation.

        The sync treats them as known (they are in ``folder_uids``) and never re-inserts them
        until the operation completes or fails.
        """
        _, uidvalidity = self._account_of_folder(folder_id)
        hidden: dict[int, tuple[str, ...]] = {}
        rows = self.conn.execute(
            f"SELECT uid, payload_json FROM pending_ops WHERE folder_id = ? AND kind = 'move' "
            f"AND uid IS NOT NULL AND state IN {_ACTIVE}",
            (folder_id,),
        )
        for uid, payload_json in rows:
            payload = json.loads(payload_json)
            if payload.get("uidvalidity") == uidvalidity:
                hidden[int(uid)] = tuple(payload.get("flags", ()))
        return hidden

    def _flag_overrides(self, folder_id: int) -> dict[int, dict[str, bool]]:
        """{row id: {flag name: value}} that queued flag/delete operations impose locally."""
        overrides: dict[int, dict[str, bool]] = {}
        rows = self.conn.execute(
            f"SELECT p.message_row, p.kind, p.payload_json FROM pending_ops p "
            f"JOIN messages m ON m.id = p.message_row WHERE m.folder_id = ? "
            f"AND p.kind IN ('flags', 'delete') AND p.state IN {_ACTIVE} ORDER BY p.id",
            (folder_id,),
        )
        for row_id, kind, payload_json in rows:
            wanted = overrides.setdefault(int(row_id), {})
            if kind == "delete":
                wanted["deleted"] = True
            else:
                wanted.update(json.loads(payload_json).get("set", {}))
        return overrides

    # -- batch insert -------------------------------------------------------------------------

    def insert_messages(
        self, folder_id: int, batch: list[IncomingMessage], watermark_uid: int
    ) -> InsertResult:
        """Store a fetched batch and advance ``folders.synced_uid`` to ``watermark_uid``.

        One transaction: rows upserted by (folder, uid), raw bytes into ``bodies``, header
        columns via ``client.mime.parse_headers``, thread ids, watermark. Existing rows only get
        their flags/modseq refreshed (and a 'partial' body upgraded to 'full'). A local copy
        (uid NULL, no queued op) with the same Message-ID is adopted instead of duplicated.
        Subject and addresses are searchable at once, except for a row listed from its header
        (``body_state='none'``): its search row follows the listing
        (``client.store.search_rows``), and so does the thread of a batch of such rows
        (``client.store.listed_threads``); body full-text indexing is deferred (``indexed=0``;
        see ``index_pending``). A placeholder (``fetch_error`` set) is stored
        only for a UID without a row; a real message replaces a placeholder row. A body that
        arrives for a row below ``HEADER_VERSION`` re-derives its header columns from it
        (``client.store.rederive``).
        """
        account_id, _ = self._account_of_folder(folder_id)
        hidden = self.hidden_uids(folder_id)
        by_uid: dict[int, IncomingMessage] = {}
        for message in batch:
            if message.uid not in hidden:
                by_uid[int(message.uid)] = message
        real_json = json.dumps(sorted(u for u, m in by_uid.items() if m.fetch_error is None))
        if any(m.fetch_error is not None for m in by_uid.values()):
            taken = {int(u) for (u,) in self.conn.execute(
                "SELECT uid FROM messages WHERE folder_id = ? AND uid IN "
                "(SELECT value FROM json_each(?))", (folder_id, json.dumps(sorted(by_uid))))}
            by_uid = {u: m for u, m in by_uid.items() if m.fetch_error is None or u not in taken}
        uid_json = json.dumps(sorted(by_uid))
        known = {
            int(uid)
            for (uid,) in self.conn.execute(
                "SELECT uid FROM messages WHERE folder_id = ? AND uid IN "
                "(SELECT value FROM json_each(?))",
                (folder_id, uid_json),
            )
        }
        parsed = {uid: m.headers or header_columns(m.raw) for uid, m in by_uid.items()
                  if uid not in known}
        overrides = self._flag_overrides(folder_id)
        with self.transaction() as conn:
            replaced = [int(r) for (r,) in conn.execute(  # the real message arrived
                "SELECT id FROM messages WHERE folder_id = ? AND fetch_error IS NOT NULL AND uid IN "
                "(SELECT value FROM json_each(?))", (folder_id, real_json))]
            if replaced:  # its placeholder goes
                conn.execute("DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))",
                             (json.dumps(replaced),))
            existing = {
                int(uid): (int(row_id), state, flags_json, modseq)
                for uid, row_id, state, flags_json, modseq in conn.execute(
                    "SELECT uid, id, body_state, flags_json, modseq FROM messages "
                    "WHERE folder_id = ? AND uid IN (SELECT value FROM json_each(?))",
                    (folder_id, uid_json),
                )
            }
            updated = self._refresh_existing(by_uid, existing, overrides)
            fresh = {
                uid: by_uid[uid]
                for uid in sorted(by_uid)
                if uid not in existing
            }
            for uid in fresh:
                if uid not in parsed:  # appeared between the read and the lock
                    parsed[uid] = fresh[uid].headers or header_columns(fresh[uid].raw)
            adopted = self._adopt_local_copies(folder_id, fresh, parsed)
            added = self._insert_new(account_id, folder_id, fresh, parsed, adopted)
            conn.execute(
                "UPDATE folders SET synced_uid = max(synced_uid, ?) WHERE id = ?",
                (int(watermark_uid), folder_id),
            )
        return InsertResult(added=tuple(added), updated=tuple(updated), replaced=tuple(replaced))

    def insert_local_message(self, folder_id: int, raw: bytes,
                             flags: tuple[str, ...] = ("\\Seen",)) -> int:
        """Store ``raw`` as a message on no server yet (an imported .eml): a uid-NULL row of
        ``folder_id`` with its whole body, listed and searchable at once (body text indexed
        later, as for fetched mail); the new row id. The caller queues its upload
        (``client.ops.import_file``). Durable; the caller's thread."""
        account_id, _ = self._account_of_folder(folder_id)
        message = IncomingMessage(uid=0, raw=raw, flags=normalize_flags(flags),
                                  internaldate=time.time())
        # uid None becomes the row's NULL uid (a local row); _insert_new takes it from the key
        fresh = cast(dict[int, IncomingMessage], {None: message})
        parsed = cast(dict[int, HeaderColumns], {None: header_columns(raw)})
        with self.transaction(durable=True):
            [row_id] = self._insert_new(account_id, folder_id, fresh, parsed, [])
        return row_id

    def _refresh_existing(
        self,
        by_uid: dict[int, IncomingMessage],
        existing: dict[int, tuple[int, str, str, int | None]],
        overrides: dict[int, dict[str, bool]],
    ) -> list[int]:
        flag_rows: list[tuple[object, ...]] = []
        body_rows: list[tuple[int, bytes, str, int]] = []
        changed: list[int] = []
        for uid, (row_id, state, flags_json, modseq) in existing.items():
            message = by_uid[uid]
            flags = normalize_flags(message.flags)
            if row_id in overrides:
                flags = apply_overrides(flags, overrides[row_id])
            columns = flag_columns(flags)
            new_modseq = message.modseq if message.modseq is not None else modseq
            if columns[0] != flags_json or new_modseq != modseq:
                flag_rows.append((*columns, new_modseq, row_id))
                changed.append(row_id)
            if state != "full" and message.body_state == "full" or (
                    state == "none" and message.body_state == "partial"):
                # a listed row's body arrived (an oversize one as header + text parts)
                body_rows.append((row_id, message.raw, message.body_state,
                                  message.size or len(message.raw)))
                changed.append(row_id)
        db = self.conn
        db.executemany(
            "UPDATE messages SET flags_json = ?, seen = ?, flagged = ?, answered = ?, draft = ?, "
            "deleted = ?, modseq = ? WHERE id = ?",
            flag_rows,
        )
        db.executemany(
            "INSERT INTO bodies(message_id, raw) VALUES (?, ?) "
            "ON CONFLICT(message_id) DO UPDATE SET raw = excluded.raw",
            [(row_id, raw) for row_id, raw, _, _ in body_rows],
        )
        if body_rows:
            # One set-based statement for the whole batch (a body pass upgrades thousands).
            db.execute(
                "UPDATE messages SET body_state = json_extract(j.value, '$[2]'), indexed = 0, "
                "size = json_extract(j.value, '$[1]') FROM json_each(?) AS j "
                "WHERE messages.id = json_extract(j.value, '$[0]')",
                (json.dumps([[row_id, size, body_state]
                             for row_id, _, body_state, size in body_rows]),),
            )
            # A row listed from its header by an older Tradewind may hold what that version
            # read: its header columns come from the body that arrived. Rows listed by this
            # version keep theirs (the header block parses the same as the whole message).
            stale = {int(r) for (r,) in db.execute(
                f"SELECT id FROM messages WHERE header_version < {HEADER_VERSION:d} AND id IN "
                "(SELECT value FROM json_each(?))", (json.dumps([r[0] for r in body_rows]),))}
            uid_of = {row_id: uid for uid, (row_id, _, _, _) in existing.items()}
            apply_header_columns(db, [
                (row_id, by_uid[uid_of[row_id]].headers or header_columns(raw))
                for row_id, raw, _, _ in body_rows if row_id in stale
            ])
        return sorted(set(changed))

    def _adopt_local_copies(
        self,
        folder_id: int,
        fresh: dict[int, IncomingMessage],
        parsed: dict[int, HeaderColumns],
    ) -> list[int]:
        """Give server UIDs to local copies (uid NULL, no queued op) with the same Message-ID."""
        local = self.conn.execute(
            f"SELECT m.id, m.message_id FROM messages m WHERE m.folder_id = ? AND m.uid IS NULL "
            f"AND m.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pending_ops p "
            f"WHERE p.message_row = m.id AND p.state IN {_ACTIVE})",
            (folder_id,),
        ).fetchall()
        if not local:
            return []
        waiting: dict[str, list[int]] = {}
        for row_id, message_id in local:
            waiting.setdefault(message_id, []).append(int(row_id))
        adopted: list[int] = []
        for uid in list(fresh):
            message_id = parsed[uid].message_id
            if message_id and waiting.get(message_id):
                row_id = waiting[message_id].pop(0)
                message = fresh.pop(uid)
                columns = flag_columns(normalize_flags(message.flags))
                self.conn.execute(
                    "UPDATE messages SET uid = ?, flags_json = ?, seen = ?, flagged = ?, "
                    "answered = ?, draft = ?, deleted = ?, modseq = ? WHERE id = ?",
                    (uid, *columns, message.modseq, row_id),
                )
                adopted.append(row_id)
        return adopted

    def _insert_new(
        self,
        account_id: int,
        folder_id: int,
        fresh: dict[int, IncomingMessage],
        parsed: dict[int, HeaderColumns],
        adopted: list[int],
    ) -> list[int]:
        if not fresh:
            return adopted
        db = self.conn
        next_id = next_row_id(db)
        message_rows: list[tuple[object, ...]] = []
        body_rows: list[tuple[int, bytes]] = []
        ref_rows: list[tuple[int, str]] = []
        fts_rows: list[tuple[int, str, str]] = []
        threads: list[ThreadInput] = []
        added = list(adopted)
        for offset, (uid, message) in enumerate(fresh.items()):
            row_id = next_id + offset
            head = parsed[uid]
            internal = _epoch(message.internaldate)
            sort_date = head.date_utc if head.date_utc is not None else (internal or 0.0)
            columns = flag_columns(normalize_flags(message.flags))
            state = message.body_state if message.body_state in ("full", "partial") else "none"
            raw = message.raw
            warnings_json = head.warnings_json
            if message.warnings or message.fetch_error:
                extra = list(message.warnings)
                if message.fetch_error:
                    extra.append(f"The server's reply for this message could not be read "
                                 f"({message.fetch_error}); it is tried again at every sync.")
                warnings_json = json.dumps(json.loads(warnings_json) + extra, ensure_ascii=False)
            message_rows.append((
                row_id, account_id, folder_id, uid, head.message_id, head.subject,
                head.subject_key, sender_key(head.from_name, head.from_email),
                head.from_name, head.from_email, head.to_json, head.cc_json,
                head.reply_to_json, head.date_utc, internal, sort_date,
                message.size if message.size is not None else len(raw), *columns,
                int(head.multipart_mixed), state, head.in_reply_to,
                json.dumps(list(head.references), ensure_ascii=False), warnings_json,
                message.modseq, message.fetch_error, HEADER_VERSION,
            ))
            if raw or state != "none":  # an empty message is still a (stored, empty) body
                body_rows.append((row_id, raw))
            if not listed_without_search_row(state, message.fetch_error):  # else: after listing
                fts_rows.append((row_id, bigram_text(head.subject), bigram_text(address_text(
                    head.from_name, head.from_email, head.to_json, head.cc_json,
                    head.reply_to_json))))
            refs = head.thread_refs
            ref_rows.extend((row_id, ref) for ref in refs)
            threads.append(ThreadInput(row_id, head.message_id, refs, head.subject_key,
                                       head.reply_subject, sort_date))
            added.append(row_id)
        db.executemany(
            "INSERT INTO messages(id, account_id, folder_id, uid, message_id, subject, "
            "subject_key, sender_key, from_name, from_email, to_json, cc_json, reply_to_json, "
            "date_utc, internaldate, sort_date, size, flags_json, seen, flagged, answered, draft, "
            "deleted, has_attachments, body_state, in_reply_to, references_json, warnings_json, "
            "modseq, fetch_error, indexed, header_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            message_rows,
        )
        db.executemany("INSERT INTO bodies(message_id, raw) VALUES (?, ?)", body_rows)
        db.executemany("INSERT OR IGNORE INTO message_refs(message_id, ref) VALUES (?, ?)",
                       ref_rows)
        db.executemany(
            "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
            "VALUES (?, ?, ?, '', '')",
            fts_rows,
        )
        if all(m.body_state not in ("full", "partial") for m in fresh.values()):
            self.listed_threads.defer(account_id, threads)  # threaded after the listing
        else:
            self.listed_threads.flush(db)  # the same order of threading as without deferring
            assign_threads(db, account_id, threads)
        return added

    # -- flags, expunges, UIDVALIDITY ---------------------------------------------------------

    def update_flags(
        self, folder_id: int, changes: dict[int, tuple[tuple[str, ...], int | None]]
    ) -> list[int]:
        """Apply server flags ``{uid: (flags, modseq)}``; return the ids of rows that changed.

        Flags that a queued operation changed locally keep their local value (the server wins
        only when nothing is queued). Unknown UIDs are ignored. Idempotent.
        """
        if not changes:
            return []
        overrides = self._flag_overrides(folder_id)
        uid_json = json.dumps(sorted(int(u) for u in changes))
        with self.transaction() as conn:
            existing = {
                int(uid): (int(row_id), "", flags_json, modseq)
                for uid, row_id, flags_json, modseq in conn.execute(
                    "SELECT uid, id, flags_json, modseq FROM messages WHERE folder_id = ? "
                    "AND uid IN (SELECT value FROM json_each(?))",
                    (folder_id, uid_json),
                )
            }
            incoming = {
                uid: IncomingMessage(uid=uid, raw=b"", flags=tuple(changes[uid][0]),
                                     modseq=changes[uid][1], body_state="none")
                for uid in existing
            }
            return self._refresh_existing(incoming, existing, overrides)

    def remove_uids(self, folder_id: int, uids: list[int] | set[int]) -> list[int]:
        """Delete the rows of UIDs expunged on the server; return their row ids. Idempotent."""
        uid_json = json.dumps(sorted(int(u) for u in uids))
        with self.transaction() as conn:
            ids = [
                int(row_id)
                for (row_id,) in conn.execute(
                    "SELECT id FROM messages WHERE folder_id = ? AND uid IN "
                    "(SELECT value FROM json_each(?))",
                    (folder_id, uid_json),
                )
            ]
            conn.execute(
                "DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        return ids

    def folder_uids(self, folder_id: int) -> dict[int, tuple[str, ...]]:
        """{uid: flags} of every server message the cache knows in this folder, including UIDs
        whose row a queued move took away (see ``hidden_uids``)."""
        known = {
            int(uid): tuple(json.loads(flags_json))
            for uid, flags_json in self.conn.execute(
                "SELECT uid, flags_json FROM messages WHERE folder_id = ? AND uid IS NOT NULL",
                (folder_id,),
            )
        }
        for uid, flags in self.hidden_uids(folder_id).items():
            known.setdefault(uid, flags)
        return known

    def clear_folder(self, folder_id: int) -> int:
        """UIDVALIDITY changed: drop every server row of the folder; return how many.

        Local-only rows (uid NULL) and queued operations stay. Full bodies are kept by
        Message-ID in ``orphan_bodies``: the sync (``client.sync.reuse``) reuses one only for
        a refetched message whose size and header block (SHA-256) match too (P4);
        ``purge_orphan_bodies`` drops the rest once the rebuild is done. The folder's watermark
        and UIDNEXT/HIGHESTMODSEQ/EXISTS are reset; the caller records the new UIDVALIDITY.
        """
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO orphan_bodies(account_id, message_id, raw) "
                "SELECT m.account_id, m.message_id, b.raw FROM messages m "
                "JOIN bodies b ON b.message_id = m.id WHERE m.folder_id = ? "
                "AND m.uid IS NOT NULL AND m.message_id IS NOT NULL AND m.body_state = 'full'",
                (folder_id,),
            )
            cursor = conn.execute(
                "DELETE FROM messages WHERE folder_id = ? AND uid IS NOT NULL", (folder_id,)
            )
            conn.execute(
                "UPDATE folders SET synced_uid = 0, uidnext = NULL, highestmodseq = NULL, "
                "exists_count = NULL WHERE id = ?",
                (folder_id,),
            )
            return int(cursor.rowcount)

    def cached_body(self, account_id: int, message_id: str) -> bytes | None:
        """A body kept by ``clear_folder`` for this Message-ID (stored form), or None."""
        row = self.conn.execute(
            "SELECT raw FROM orphan_bodies WHERE account_id = ? AND message_id = ?",
            (account_id, message_id),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def purge_orphan_bodies(self, account_id: int) -> None:
        """Forget the bodies kept across a UIDVALIDITY change (after the rebuild)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM orphan_bodies WHERE account_id = ?", (account_id,))
