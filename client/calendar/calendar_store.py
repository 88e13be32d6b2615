"""The rep's calendar in the cache: `calendar_events` and the CalDAV change queue (schema 14).

`CalendarStore(store)` works on the caller's `Store` (its thread). `save(event, ...)` writes an
entry (one row per UID and RECURRENCE-ID; idempotent) and, with `queue=True`, records a
`put` in `calendar_changes` in the same durable transaction, so a change made offline is
replayed by `caldav_sync` later and never lost. `between(start, end)` lists entries and the
bounded instances of recurring ones (`ical_in.expand`). `import_ics(data)` saves every usable
event of a file in one transaction (unusable ones are listed with the reason; a failure
leaves nothing half-written);
`export_ics()` writes them all back as one VCALENDAR with their VTIMEZONEs. `delete(uid)`
removes an entry: one never on the CalDAV server goes at once; one that is there stays as a
tombstone (status `DELETED`, hidden from `get`, `all`, `between` and the export) with a
`delete` queued, until the sync has removed the server's copy (`forget`). Both tables are
registered as local tables, so `tradewind cache rebuild` keeps them. Raises `CalendarError`
(from `ical_in`) for unreadable files and `StoreWriteError` when the disk refuses.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from client.meetings.ical_in import ParsedEvent, expand, parse_calendar
from client.meetings.vtimezone import vtimezone
from client.store.db import Store

MAX_LIST = 5000
#: the status of an entry deleted here whose server copy the next sync removes
DELETED = "DELETED"
_COLUMNS = ("id, uid, recurrence_id, summary, start_utc, end_utc, all_day, zone, organizer, "
            "status, partstat, sequence, dtstamp, rrule, location, link, message_id, ical, "
            "href, etag, conflict_ical")


@dataclass(frozen=True)
class EventRow:
    id: int
    uid: str
    recurrence_id: str
    summary: str
    start: datetime
    end: datetime
    all_day: bool
    zone: str | None
    organizer: str
    status: str
    partstat: str
    sequence: int
    dtstamp: datetime | None
    rrule: str
    location: str
    link: str
    message_id: str | None
    ical: bytes
    href: str | None
    etag: str | None
    conflict_ical: bytes | None


@dataclass
class ImportResult:
    saved: int = 0
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _row(values: tuple[object, ...]) -> EventRow:
    (rid, uid, rec, summary, start, end, all_day, zone, organizer, status, partstat, sequence,
     dtstamp, rrule, location, link, message_id, ical, href, etag, conflict) = values
    return EventRow(
        int(str(rid)), str(uid), str(rec), str(summary),
        datetime.fromisoformat(str(start)), datetime.fromisoformat(str(end)), bool(all_day),
        None if zone is None else str(zone), str(organizer), str(status), str(partstat),
        int(str(sequence)), _when(None if dtstamp is None else str(dtstamp)), str(rrule),
        str(location), str(link), None if message_id is None else str(message_id),
        _blob(ical),
        None if href is None else str(href), None if etag is None else str(etag),
        None if conflict is None else _blob(conflict),
    )


def _blob(value: object) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode("utf-8")


class CalendarStore:
    """Calendar rows of one profile's cache; the caller's thread."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, uid: str, recurrence_id: str = "") -> EventRow | None:
        """The entry, None when there is none or it is deleted (a tombstone)."""
        found = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM calendar_events WHERE uid = ? AND recurrence_id = ? "
            "AND status != ?", (uid, recurrence_id, DELETED)).fetchone()
        return _row(tuple(found)) if found else None

    def all(self, *, with_deleted: bool = False) -> list[EventRow]:
        """Every entry by start; tombstones only with ``with_deleted`` (the sync)."""
        where = "" if with_deleted else "WHERE status != ? "
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM calendar_events {where}ORDER BY start_utc, id",
            () if with_deleted else (DELETED,)).fetchall()
        return [_row(tuple(r)) for r in rows]

    def rows_of(self, uid: str) -> list[EventRow]:
        """The series row and its overridden occurrences (not tombstones), series first."""
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM calendar_events WHERE uid = ? AND status != ? "
            "ORDER BY recurrence_id != '', start_utc, id", (uid, DELETED)).fetchall()
        return [_row(tuple(r)) for r in rows]

    def delete(self, uid: str) -> int:
        """Delete the entry ``uid`` with its overridden instances (see the module docstring);
        the number of rows it had (0: no such entry). Durable; idempotent."""
        rows = self.store.conn.execute(
            "SELECT COUNT(*), COUNT(href) FROM calendar_events WHERE uid = ? AND status != ?",
            (uid, DELETED)).fetchone()
        count, on_server = int(rows[0]), int(rows[1])
        if not count:
            return 0
        with self.store.transaction(durable=True) as conn:
            if on_server:
                conn.execute("UPDATE calendar_events SET status = ?, updated = ? WHERE uid = ?",
                             (DELETED, time.time(), uid))
                self._queue(conn, uid, "delete")
            else:
                conn.execute("DELETE FROM calendar_events WHERE uid = ?", (uid,))
                conn.execute("DELETE FROM calendar_changes WHERE uid = ?", (uid,))
        return count

    def forget(self, uid: str) -> None:
        """Remove every row of ``uid`` and its queued changes, queueing nothing (the sync:
        deleted on the server, or our delete done there)."""
        with self.store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM calendar_events WHERE uid = ?", (uid,))
            conn.execute("DELETE FROM calendar_changes WHERE uid = ?", (uid,))

    def save(self, event: ParsedEvent, *, partstat: str = "", message_id: str | None = None,
             queue: bool = True, status: str | None = None) -> EventRow:
        """Insert or replace the entry for `event` (must be usable); queue a CalDAV put."""
        if event.start is None or event.end is None or not event.uid:
            raise ValueError(event.unusable or "the event has no UID")
        calendar = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tradewind//Calendar//EN\r\n"
                    + event.timezones + event.ical + b"END:VCALENDAR\r\n")
        old = self.get(event.uid, event.recurrence_id)
        with self.store.transaction(durable=True) as conn:
            conn.execute(
                "INSERT INTO calendar_events(uid, recurrence_id, summary, start_utc, end_utc, "
                "all_day, zone, organizer, status, partstat, sequence, dtstamp, rrule, "
                "location, link, message_id, ical, updated) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(uid, recurrence_id) DO UPDATE SET summary=excluded.summary, "
                "start_utc=excluded.start_utc, end_utc=excluded.end_utc, "
                "all_day=excluded.all_day, zone=excluded.zone, organizer=excluded.organizer, "
                "status=excluded.status, partstat=excluded.partstat, "
                "sequence=excluded.sequence, dtstamp=excluded.dtstamp, rrule=excluded.rrule, "
                "location=excluded.location, link=excluded.link, "
                "message_id=COALESCE(excluded.message_id, message_id), ical=excluded.ical, "
                "updated=excluded.updated",
                (event.uid, event.recurrence_id, event.summary, _iso(event.start),
                 _iso(event.end), int(event.all_day), event.zone, event.organizer,
                 status if status is not None else event.status,
                 partstat or (old.partstat if old else ""), event.sequence,
                 _iso(event.dtstamp) if event.dtstamp else None, event.rrule, event.location,
                 event.link, message_id, calendar, time.time()))
            if queue:
                self._queue(conn, event.uid, "put")
        saved = self.get(event.uid, event.recurrence_id)
        assert saved is not None
        return saved

    def set_partstat(self, uid: str, partstat: str, *, queue: bool = True) -> None:
        with self.store.transaction(durable=True) as conn:
            conn.execute("UPDATE calendar_events SET partstat = ?, updated = ? WHERE uid = ?",
                         (partstat, time.time(), uid))
            if queue:
                self._queue(conn, uid, "put")

    def mark_cancelled(self, uid: str, *, queue: bool = True) -> None:
        with self.store.transaction(durable=True) as conn:
            conn.execute("UPDATE calendar_events SET status = 'CANCELLED', updated = ? "
                         "WHERE uid = ?", (time.time(), uid))
            if queue:
                self._queue(conn, uid, "put")

    def set_remote(self, uid: str, href: str | None, etag: str | None) -> None:
        """Where the CalDAV copy lives (sync only; no change queued)."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE calendar_events SET href = ?, etag = ? WHERE uid = ?",
                         (href, etag, uid))

    def keep_conflict(self, uid: str, server_ical: bytes) -> None:
        """Both sides changed: keep the server's version beside ours (both stay visible)."""
        with self.store.transaction(durable=True) as conn:
            conn.execute("UPDATE calendar_events SET conflict_ical = ? WHERE uid = ?",
                         (server_ical, uid))

    @staticmethod
    def _queue(conn: sqlite3.Connection, uid: str, kind: str) -> None:
        conn.execute("INSERT INTO calendar_changes(uid, kind, created) VALUES (?, ?, ?)",
                     (uid, kind, time.time()))

    def pending(self) -> list[tuple[int, str, str]]:
        """Queued changes (id, uid, kind), oldest first."""
        rows = self.store.conn.execute(
            "SELECT id, uid, kind FROM calendar_changes ORDER BY id").fetchall()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def done(self, change_ids: Iterable[int]) -> None:
        with self.store.transaction(durable=True) as conn:
            conn.executemany("DELETE FROM calendar_changes WHERE id = ?",
                             [(i,) for i in change_ids])

    def failed(self, change_id: int, reason: str) -> None:
        with self.store.transaction(durable=True) as conn:
            conn.execute("UPDATE calendar_changes SET attempts = attempts + 1, last_error = ? "
                         "WHERE id = ?", (reason[:500], change_id))

    def between(self, start: datetime, end: datetime) -> list[tuple[EventRow, datetime, datetime]]:
        """(row, instance start, instance end) overlapping [start, end), by start; recurring
        entries are expanded (bounded), instances overridden by their own row skipped."""
        out: list[tuple[EventRow, datetime, datetime]] = []
        rows = self.all()
        overridden = {(r.uid, r.recurrence_id) for r in rows if r.recurrence_id}
        for row in rows:
            if not row.rrule or row.recurrence_id:  # an override is its own one instance
                if row.start < end and row.end > start:
                    out.append((row, row.start, row.end))
                continue
            parsed = parse_calendar(row.ical).events
            master = next((p for p in parsed if not p.recurrence_id), None)
            if master is None:
                continue
            for begin, finish in expand(master, start, end):
                key = (row.uid, begin.strftime("%Y%m%dT%H%M%SZ"))
                if key not in overridden:
                    out.append((row, begin, finish))
            if len(out) > MAX_LIST:
                break
        out.sort(key=lambda item: (item[1], item[0].id))
        return out[:MAX_LIST]

    def import_ics(self, data: bytes) -> ImportResult:
        """Save every usable event of `data`; raises `CalendarError` for unreadable data."""
        parsed = parse_calendar(data)
        result = ImportResult(warnings=list(parsed.warnings))
        with self.store.transaction(durable=True):  # the whole file or nothing
            for event in parsed.events:
                if event.unusable or not event.uid:
                    label = event.summary or event.uid or "an event"
                    result.refused.append(f"{label[:80]}: {event.unusable or 'no UID'}")
                    continue
                self.save(event)
                result.saved += 1
                result.warnings.extend(f"{event.summary[:60]}: {w}" for w in event.warnings)
        return result

    def export_ics(self) -> bytes:
        """All entries as one VCALENDAR (each TZID's VTIMEZONE once)."""
        zones: dict[str, bytes] = {}
        events: list[bytes] = []
        for row in self.all():
            text = row.ical
            start = text.find(b"BEGIN:VEVENT")
            stop = text.rfind(b"END:VEVENT")
            if start < 0 or stop < 0:
                continue
            events.append(text[start:stop] + b"END:VEVENT\r\n")
            cursor = 0
            while True:
                begin = text.find(b"BEGIN:VTIMEZONE", cursor, start)
                if begin < 0:
                    break
                finish = text.find(b"END:VTIMEZONE", begin) + len(b"END:VTIMEZONE\r\n")
                block = text[begin:finish]
                tzid = block.split(b"TZID:", 1)[-1].split(b"\r\n", 1)[0].split(b"\n", 1)[0]
                zones.setdefault(tzid.decode("utf-8", "replace"), block)
                cursor = finish
            if row.zone and "/" in row.zone and row.zone not in zones:
                try:
                    zones[row.zone] = bytes(vtimezone(row.zone, row.start.year).to_ical())
                except (ValueError, KeyError):
                    pass
        return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tradewind//Calendar//EN\r\n"
                + b"".join(zones.values()) + b"".join(events) + b"END:VCALENDAR\r\n")
