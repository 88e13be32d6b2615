"""Queries that build the id array of the message list; run on a worker thread (no Qt).

Each function opens its own Store on ``db_path`` and closes it. The store sorts by date itself;
sorting by sender or subject reads the rows in chunks and sorts them here (fine at 100,000
messages in the background, about a second).
"""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store

SEARCH_LIMIT = 100_000
_CHUNK = 5000


def folder_ids(
    db_path: Path,
    folder_id: int,
    key: str = "date",
    descending: bool = True,
    threaded: bool = False,
) -> list[int]:
    """Ids of the folder's messages sorted by ``key`` ('date', 'from' or 'subject');
    ``threaded`` gives one id per conversation (its newest message in the folder)."""
    with Store.open(db_path) as store:
        ids = store.message_ids(folder_id, order="desc" if descending else "asc", threaded=threaded)
        return ids if key == "date" else _sorted_by(store, ids, key, descending)


def search_ids(db_path: Path, query: str, account_id: int | None) -> list[int]:
    """Ids of messages matching ``query`` (store syntax), newest first.

    Raises ``client.store.SearchSyntaxError`` with a message in words for a bad filter."""
    with Store.open(db_path) as store:
        return [row.id for row in store.search(query, account_id=account_id, limit=SEARCH_LIMIT)]


def _sorted_by(store: Store, ids: list[int], key: str, descending: bool) -> list[int]:
    keyed: list[tuple[str, float, int]] = []
    for start in range(0, len(ids), _CHUNK):
        for row in store.rows_by_ids(ids[start : start + _CHUNK]):
            text = (row.from_name or row.from_email) if key == "from" else _subject_key(row.subject)
            keyed.append((text.casefold(), -row.sort_date, row.id))
    keyed.sort(reverse=descending)
    return [row_id for _, _, row_id in keyed]


def _subject_key(subject: str) -> str:
    text = subject.strip()
    prefixes = ("re:", "aw:", "fw:", "fwd:", "wg:", "回复：", "回复:", "转发：")
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.casefold().startswith(prefix):
                text = text[len(prefix) :].lstrip()
                changed = True
    return text
