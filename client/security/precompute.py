"""The fraud risk computed as mail arrives, after each sync, so opening a message reads it
from ``risk_cache`` instead of computing it (issue 19, "counted as it goes").

``assess_new(store, account_id, limit=PER_SYNC) -> int``: for up to ``limit`` of the account's
messages whose body is stored and that have no cached risk of the current rules, newest first,
every signal of ``assess.assess`` except the text of PDF/DOCX/XLSX attachments; returns how
many it judged. A message without such a document gets its final risk (cached at
``RULES_VERSION``). One with a document gets a provisional one (cached at ``PROVISIONAL``, the
header and body signals only): reading a document (pypdf, python-docx, openpyxl) costs tens of
milliseconds, too much for the sync, so its full risk is computed on first display, which
replaces the provisional row (the lazy fallback of ``risk_of_row``, also for any message not
reached yet). Run by ``client.jobs.after_sync.after_sync`` once the sync's mail is stored
(through ``assess_after_sync``, which skips a sync that changed nothing). The
limit keeps the step to a small share of a sync: an ordinary sync brings a few new messages,
all judged at once; a first sync of a large mailbox gets its newest ``PER_SYNC`` (200) judged and
the rest over the following syncs. A message that fails to parse or to judge is logged and
skipped, so one bad message never stops the step. Caller's ``Store`` on its thread (worker
thread, sync child or CLI, never the GUI thread); idempotent; raises only the store's read
errors. The parsers and the signals (``assess``: confusables, tldextract, ``risk_store``) are
imported only when a message is pending, so a sync that brought nothing (a no-change resync
of ``tradewind sync``, issue 17) does not pay for loading them.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING

from client.mime.model import DEFAULT_LIMITS
from client.security.risk import RULES_VERSION, Risk
from client.store.errors import StoreWriteError

if TYPE_CHECKING:
    from client.store.db import Store
    from client.store.records import MessageRow

log = logging.getLogger(__name__)

#: messages judged per sync at most (see tests/benchmarks/bench_risk_sync.py)
PER_SYNC = 200
#: attachments are not decoded for the quick pass (what it reads of them it takes from ``raw``)
QUICK_LIMITS = replace(DEFAULT_LIMITS, decode_attachments=False)
#: the cache version of a provisional risk: every signal but the attachment documents'
PROVISIONAL = -RULES_VERSION

_PENDING = """
SELECT m.id FROM messages m
JOIN folders f ON f.id = m.folder_id
LEFT JOIN risk_cache r ON r.message_id = m.id AND r.version IN (?, ?)
WHERE f.account_id = ? AND m.deleted = 0 AND m.body_state != 'none' AND r.message_id IS NULL
ORDER BY m.sort_date DESC, m.id DESC LIMIT ?
"""


def pending(store: Store, account_id: int, limit: int = PER_SYNC) -> list[int]:
    """Ids of the account's stored messages without a current (or provisional) cached risk,
    newest first."""
    rows = store.conn.execute(_PENDING, (RULES_VERSION, PROVISIONAL, account_id, max(0, limit)))
    return [int(row[0]) for row in rows]


def quick_risk(store: Store, row: MessageRow) -> tuple[Risk, int] | None:
    """The risk of a message without its documents' text and the cache version it is final
    for (``RULES_VERSION``, or ``PROVISIONAL`` when the message has a document); None for a
    placeholder without a body."""
    from client.mime import parse_message
    from client.security.assess import assess, has_documents

    try:
        raw = store.get_raw(row.id)
    except KeyError:
        return None
    if row.body_state == "none" or not raw.strip():
        return None
    parsed = parse_message(raw, QUICK_LIMITS)
    version = PROVISIONAL if has_documents(parsed) else RULES_VERSION
    return assess(store, row, parsed, raw, with_documents=False), version


_STAMP = """
SELECT coalesce(max(id), 0), count(*), coalesce(sum(body_state != 'none'), 0)
FROM messages WHERE account_id = ?
"""


def _stamp_key(account_id: int) -> str:
    return f"risk.after_sync_stamp.{account_id}"


def assess_after_sync(store: Store, account_id: int, limit: int = PER_SYNC) -> int:
    """``assess_new`` for ``after_sync``, skipped when the account's messages are the same as
    after the previous call (same largest row id, row count and stored bodies): a sync that
    brought nothing does not judge the backlog of a first big sync (200 messages cost about
    1.2 s; a no-change ``tradewind sync`` is meant to take well under 1 s, issue 17). Older
    mail still pending is judged by the next sync that brings mail, or on first display.
    Returns how many it judged; the stamp is written only when it changed."""
    row = store.conn.execute(_STAMP, (account_id,)).fetchone()
    stamp = [int(row[0]), int(row[1]), int(row[2])]
    if store.get_setting(_stamp_key(account_id)) == stamp:
        return 0
    done = assess_new(store, account_id, limit)
    store.set_setting(_stamp_key(account_id), stamp)
    return done


def assess_new(store: Store, account_id: int, limit: int = PER_SYNC) -> int:
    """Judge and cache up to ``limit`` pending messages (see module docstring)."""
    done = 0
    ids = pending(store, account_id, limit)
    if not ids:
        return 0
    from client.security import risk_store

    for message_id in ids:
        row = store.get_message(message_id)
        if row is None:  # expunged meanwhile
            continue
        try:
            found = quick_risk(store, row)
            if found is None:
                continue
            risk_store.cache_risk(store, row.id, found[1], found[0].stored())
            done += 1
        except (StoreWriteError, sqlite3.OperationalError) as exc:  # full disk, busy: try later
            log.warning("fraud risk of message %s not cached after sync: %s", message_id, exc)
            break
        except Exception as exc:  # noqa: BLE001 - one odd message never stops the step; shown lazily
            log.warning("fraud risk of message %s not computed after sync: %s", message_id, exc)
    return done
