"""Reading messages: the list (flat or threaded), id arrays for the 100k-row view, rows by id,
one message, its raw bytes and its thread. Read-only; runs on the Store's own thread."""

from __future__ import annotations

import json
from collections.abc import Sequence

from client.store.base import StoreBase
from client.store.records import MessageRow
from client.store.rows import ROW_COLUMNS, row_to_message

#: a conversation's size as the conversation reader shows it: the thread's messages in every
#: folder (the rep's replies in Sent included), not deleted, copies of one Message-ID once
_THREAD_COUNT = (
    "(SELECT count(DISTINCT coalesce(nullif(t.message_id, ''), -t.id)) FROM messages t "
    "WHERE t.thread_id = m.thread_id AND t.deleted = 0)"
)


def _scope(
    folder_id: int | None, account_id: int | None, include_deleted: bool
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if folder_id is not None:
        clauses.append("m.folder_id = ?")
        params.append(folder_id)
    elif account_id is not None:
        clauses.append("m.account_id = ?")
        params.append(account_id)
    if not include_deleted:
        clauses.append("m.deleted = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _direction(order: str) -> str:
    if order not in ("desc", "asc"):
        raise ValueError("order must be 'desc' (newest first) or 'asc'")
    return order.upper()


#: ``message_ids(sort=...)``: the column each list sort orders by (indexed per folder, schema 5).
SORT_COLUMNS = {"sender": "m.sender_key", "subject": "m.subject_key"}


def _text_order(sort: str, order: str, key: str, date: str) -> str:
    """ORDER BY for a text sort on ``key`` (then ``date``): the key in ``order``, ties newest
    first (reversed as a whole for 'desc', so one index scan serves both directions)."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"sort must be 'date', 'sender' or 'subject', not {sort!r}")
    ahead, ties = ("ASC", "DESC") if _direction(order) == "ASC" else ("DESC", "ASC")
    return f"{key} {ahead}, {date} {ties}, m.id {ahead}"


class ListingMixin(StoreBase):
    """Message queries for the list, the reader and the CLI."""

    def list_messages(
        self,
        folder_id: int | None = None,
        limit: int = 100,
        offset: int = 0,
        order: str = "desc",
        threaded: bool = False,
        *,
        account_id: int | None = None,
        include_deleted: bool = False,
    ) -> list[MessageRow]:
        """A page of messages by date. ``folder_id=None`` lists every folder (of
        ``account_id`` if given). ``threaded=True`` gives one row per thread: its newest
        message in this scope, with ``thread_count``. Rows flagged \\Deleted are hidden unless
        ``include_deleted``."""
        direction = _direction(order)
        where, params = _scope(folder_id, account_id, include_deleted)
        if threaded:
            sql = (
                f"SELECT {ROW_COLUMNS}, count(*), max(m.sort_date) AS newest FROM messages m"
                f"{where} GROUP BY coalesce(m.thread_id, -m.id) "
                f"ORDER BY newest {direction}, m.id {direction} LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                f"SELECT {ROW_COLUMNS} FROM messages m{where} "
                f"ORDER BY m.sort_date {direction}, m.id {direction} LIMIT ? OFFSET ?"
            )
        rows = self.conn.execute(sql, (*params, limit, offset))
        return [row_to_message(row) for row in rows]

    def message_ids(
        self,
        folder_id: int | None = None,
        order: str = "desc",
        threaded: bool = False,
        *,
        account_id: int | None = None,
        include_deleted: bool = False,
        sort: str = "date",
    ) -> list[int]:
        """Every id in list order (same scope as ``list_messages``); the view then pages rows
        with ``rows_by_ids``. ``sort='date'`` orders like ``list_messages``; 'sender' and
        'subject' order by ``sender_key``/``subject_key`` ('asc' = A to Z, equal keys newest
        first; 'desc' is the exact reverse), read from a folder index, no sorting step for a
        flat folder. Threaded lists sort each conversation by its newest message. Raises
        ``ValueError`` for an unknown ``order`` or ``sort``."""
        direction = _direction(order)
        where, params = _scope(folder_id, account_id, include_deleted)
        if sort != "date":
            column = SORT_COLUMNS.get(sort, "")
            if threaded:
                sql = (
                    f"SELECT m.id, max(m.sort_date) AS newest, {column} AS sort_key "
                    f"FROM messages m{where} GROUP BY coalesce(m.thread_id, -m.id) "
                    f"ORDER BY {_text_order(sort, order, 'sort_key', 'newest')}"
                )
            else:
                sql = (
                    f"SELECT m.id FROM messages m{where} "
                    f"ORDER BY {_text_order(sort, order, column, 'm.sort_date')}"
                )
            return [int(row[0]) for row in self.conn.execute(sql, params)]
        if threaded:
            sql = (
                f"SELECT m.id, max(m.sort_date) AS newest FROM messages m{where} "
                f"GROUP BY coalesce(m.thread_id, -m.id) "
                f"ORDER BY newest {direction}, m.id {direction}"
            )
        else:
            sql = f"SELECT m.id FROM messages m{where} ORDER BY m.sort_date {direction}, m.id {direction}"
        return [int(row[0]) for row in self.conn.execute(sql, params)]

    def rows_by_ids(self, ids: list[int], thread_counts: bool = False) -> list[MessageRow]:
        """The rows for ``ids`` in the same order (ids that no longer exist are skipped).
        ``thread_counts`` fills ``thread_count``: the messages of the row's thread in every folder
        (Sent replies included), not deleted, one per Message-ID (as the conversation reader
        shows them)."""
        if not ids:
            return []
        extra = f", {_THREAD_COUNT}" if thread_counts else ""
        found = {
            int(row[0]): row_to_message(row)
            for row in self.conn.execute(
                f"SELECT {ROW_COLUMNS}{extra} FROM messages m "
                "WHERE m.id IN (SELECT value FROM json_each(?))",
                (json.dumps([int(i) for i in ids]),),
            )
        }
        return [found[i] for i in ids if i in found]

    def unread_ids(self, folder_id: int) -> set[int]:
        """Ids of the folder's unread messages not flagged \\Deleted (the partial unread index:
        its cost grows with the unread count, not the folder size)."""
        rows = self.conn.execute(
            "SELECT id FROM messages INDEXED BY messages_unread "
            "WHERE folder_id = ? AND seen = 0 AND deleted = 0",
            (folder_id,),
        )
        return {int(row[0]) for row in rows}

    def unread_among(self, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` are unread (e.g. the rows of a search result)."""
        if not ids:
            return set()
        rows = self.conn.execute(
            "SELECT m.id FROM json_each(?) AS j JOIN messages m ON m.id = j.value "
            "WHERE m.seen = 0",
            (json.dumps([int(i) for i in ids]),),
        )
        return {int(row[0]) for row in rows}

    def flag_counts(self, ids: Sequence[int], flag: str) -> tuple[int, int]:
        """(how many of ``ids`` exist, how many of those have ``flag``: 'seen' or 'flagged').
        Raises ``ValueError`` for another flag."""
        if flag not in ("seen", "flagged"):
            raise ValueError(f"unknown flag {flag!r}")
        row = self.conn.execute(
            f"SELECT count(*), coalesce(sum(m.{flag}), 0) FROM json_each(?) AS j "
            "JOIN messages m ON m.id = j.value",
            (json.dumps([int(i) for i in ids]),),
        ).fetchone()
        return int(row[0]), int(row[1])

    def get_message(self, message_row: int) -> MessageRow | None:
        """One message, or None if it no longer exists."""
        row = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM messages m WHERE m.id = ?", (message_row,)
        ).fetchone()
        return None if row is None else row_to_message(row)

    def get_raw(self, message_row: int) -> bytes:
        """The stored raw message; raises ``KeyError`` if no body is stored for it (in words:
        for a placeholder of an unreadable message, why the server's reply was refused)."""
        row = self.conn.execute(
            "SELECT raw FROM bodies WHERE message_id = ?", (message_row,)
        ).fetchone()
        if row is None:
            failed = self.conn.execute(
                "SELECT fetch_error FROM messages WHERE id = ?", (message_row,)).fetchone()
            if failed is not None and failed[0]:
                raise KeyError(f"The server's reply for this message could not be read "
                               f"({failed[0]}); it is tried again at every sync.")
            raise KeyError(f"No stored body for message {message_row}; fetch it from the server.")
        return bytes(row[0])

    def thread_messages(self, thread_id: int) -> list[MessageRow]:
        """Every message of a thread, in all folders, oldest first."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM messages m WHERE m.thread_id = ? "
            "ORDER BY m.sort_date, m.id",
            (thread_id,),
        )
        return [row_to_message(row) for row in rows]
