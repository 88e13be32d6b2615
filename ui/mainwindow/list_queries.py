"""Queries that build the id array of the message list; run on a worker thread (no Qt).

Each function opens its own Store on ``db_path`` and closes it. Every folder sort is one
query the store answers from an index (schema 5: ``messages_folder_sender`` and
``messages_folder_subject`` beside the date index): about 15 ms for a 47,000-message folder,
about 80 ms grouped by conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from client.store.db import Store

SEARCH_LIMIT = 100_000
#: the list model's sort keys -> ``Store.message_ids(sort=...)``
STORE_SORTS = {"date": "date", "from": "sender", "subject": "subject"}


def folder_ids(
    db_path: Path,
    folder_id: int,
    key: str = "date",
    descending: bool = True,
    threaded: bool = False,
) -> list[int]:
    """Ids of the folder's messages sorted by ``key`` ('date', 'from' or 'subject');
    ``threaded`` gives one id per conversation (its newest message in the folder), sorted by
    that message. 'from' sorts by shown name then address, 'subject' by the subject without
    Re:/Fwd:/回复:/转发:… prefixes or [list] tags (both case-insensitive), equal keys newest
    first ascending; descending is the exact reverse. Raises ``ValueError`` for another key."""
    if key not in STORE_SORTS:
        raise ValueError(f"unknown sort key {key!r}")
    with Store.open(db_path) as store:
        return store.message_ids(
            folder_id, order="desc" if descending else "asc", threaded=threaded,
            sort=STORE_SORTS[key],
        )


def search_ids(db_path: Path, query: str, account_id: int | None) -> list[int]:
    """Ids of messages matching ``query`` (store syntax), newest first.

    Raises ``client.store.SearchSyntaxError`` with a message in words for a bad filter."""
    with Store.open(db_path) as store:
        return [row.id for row in store.search(query, account_id=account_id, limit=SEARCH_LIMIT)]


def flag_counts(db_path: Path, ids: Sequence[int], flag: str) -> tuple[int, int]:
    """(how many of ``ids`` still exist, how many of those have ``flag`` 'seen' or 'flagged'),
    in one query: "toggle" on a big selection. Worker thread only; read-only."""
    with Store.open(db_path) as store:
        return store.flag_counts(ids, flag)


@dataclass(frozen=True)
class NextUnread:
    """Where "next unread" goes: ``row`` of the list shown, else ``folder_id`` (a folder with
    unread mail to open), else nowhere (both None: no more unread messages)."""

    row: int | None = None
    folder_id: int | None = None


def next_unread(
    db_path: Path,
    ids: Sequence[int],
    current: int,
    folder_id: int | None = None,
    folder_order: Sequence[int] = (),
) -> NextUnread:
    """The next unread row after ``current`` in ``ids`` (the list in its shown order; -1 = from
    the top). Past the end, like Thunderbird: the first folder after ``folder_id`` in
    ``folder_order`` (tree order, wrapping) with unread mail, else the first unread row above
    ``current`` (wrapping in this folder). ``folder_id=None`` (search results) only wraps in
    the list. One query on the unread index (or over ``ids`` for a search); the scan of the
    id array is in memory. Worker thread only (opens its own Store); read-only."""
    with Store.open(db_path) as store:
        unread = store.unread_among(ids) if folder_id is None else store.unread_ids(folder_id)
        start = max(current + 1, 0)
        for row in range(start, len(ids)):
            if ids[row] in unread:
                return NextUnread(row=row)
        if folder_id is not None and folder_id in folder_order:
            counts = store.unread_counts()
            at = list(folder_order).index(folder_id)
            for other in (*folder_order[at + 1 :], *folder_order[:at]):
                if counts.get(other, 0) > 0:
                    return NextUnread(folder_id=other)
    for row in range(min(start, len(ids))):
        if ids[row] in unread:
            return NextUnread(row=row)
    return NextUnread()
