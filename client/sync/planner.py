"""Pure sync planner: compare a folder's stored state with the server's and pick the cheapest plan.

No I/O, no clock: ``plan_folder(stored, server, capabilities)`` is a pure function, safe on any
thread. The stored state fields have these meanings (see ``client.store``):

* ``uidvalidity`` is recorded before the first batch of a folder is stored;
* ``synced_uid`` is the watermark: every server UID <= it has been stored (or seen expunged);
* ``uidnext``, ``highestmodseq`` and ``exists`` are saved only when a folder sync completed, so
  ``uidnext is None`` means "never completed" (an initial sync that was interrupted).

Expunge detection without fetching: if ``messages == exists + (uidnext - stored_uidnext)`` then
every old message is still there and every new UID is still there, so nothing was expunged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredFolderState:
    """What the cache remembers about one folder (None = unknown / never completed)."""

    uidvalidity: int | None = None
    uidnext: int | None = None
    highestmodseq: int | None = None
    exists: int | None = None
    synced_uid: int = 0


@dataclass(frozen=True)
class ServerFolderStatus:
    """What STATUS (or SELECT) reported; ``highestmodseq`` None when the mailbox has no modseq."""

    uidvalidity: int
    uidnext: int | None
    messages: int
    highestmodseq: int | None = None


@dataclass(frozen=True)
class Nothing:
    """Nothing changed on the server since the last completed sync."""


@dataclass(frozen=True)
class Rebuild:
    """UIDVALIDITY changed: every cached UID is meaningless; refetch, matching by Message-ID."""

    old_uidvalidity: int
    new_uidvalidity: int


@dataclass(frozen=True)
class FetchNew:
    """Only fetch messages with UID >= ``from_uid``; old messages are known to be unchanged."""

    from_uid: int


@dataclass(frozen=True)
class FlagsSince:
    """CONDSTORE: fetch new mail from ``from_uid``, flags CHANGEDSINCE ``modseq`` for older ones,
    and compare UID lists only when ``check_deletions``."""

    modseq: int
    from_uid: int
    check_deletions: bool


@dataclass(frozen=True)
class QresyncVanished:
    """QRESYNC: new mail from ``from_uid`` plus changed flags and VANISHED UIDs since ``modseq``."""

    modseq: int
    from_uid: int


@dataclass(frozen=True)
class FullCompare:
    """Compare every UID and flag with the cache, then fetch new mail from ``from_uid``."""

    from_uid: int


Plan = Nothing | Rebuild | FetchNew | FlagsSince | QresyncVanished | FullCompare


def _caps(capabilities: Iterable[str]) -> frozenset[str]:
    return frozenset(c.upper() for c in capabilities)


def plan_folder(
    stored: StoredFolderState,
    server: ServerFolderStatus,
    capabilities: Iterable[str],
    *,
    full_check: bool = True,
) -> Plan:
    """Choose the plan for one folder.

    ``full_check`` matters only without CONDSTORE, where flag changes are invisible in STATUS:
    True compares every flag (correct, slower); False trusts UIDNEXT/MESSAGES alone.
    """
    caps = _caps(capabilities)
    if stored.uidvalidity is not None and stored.uidvalidity != server.uidvalidity:
        return Rebuild(stored.uidvalidity, server.uidvalidity)
    from_uid = max(stored.synced_uid, 0) + 1

    if stored.uidnext is None or stored.exists is None:
        # Never completed: nothing cached means nothing to compare.
        return FetchNew(from_uid) if stored.synced_uid <= 0 else FullCompare(from_uid)

    uidnext = server.uidnext
    if uidnext is None or uidnext < stored.uidnext:
        return FullCompare(from_uid)  # a server that forgets UIDs: trust nothing
    has_new = uidnext > from_uid
    no_expunge = server.messages == stored.exists + (uidnext - stored.uidnext)

    condstore = ("CONDSTORE" in caps or "QRESYNC" in caps) and server.highestmodseq is not None
    if condstore:
        assert server.highestmodseq is not None
        if stored.highestmodseq is None or server.highestmodseq < stored.highestmodseq:
            return FullCompare(from_uid)
        if server.highestmodseq == stored.highestmodseq:
            if no_expunge and not has_new:
                return Nothing()
            if no_expunge:
                return FetchNew(from_uid)
            # An expunge always raises HIGHESTMODSEQ on a conforming server; be safe anyway.
            return FullCompare(from_uid)
        if "QRESYNC" in caps and not no_expunge:
            return QresyncVanished(stored.highestmodseq, from_uid)
        return FlagsSince(stored.highestmodseq, from_uid, check_deletions=not no_expunge)

    if full_check:
        return FullCompare(from_uid)
    if no_expunge:
        return FetchNew(from_uid) if has_new else Nothing()
    return FullCompare(from_uid)
