-- Schema 14: the rep's calendar in the cache (client/calendar/calendar_store.py).
-- One row per event (uid) and per overridden instance (recurrence_id, '' for the event
-- itself). start_utc/end_utc: ISO 8601 UTC; zone: IANA zone of DTSTART (or the TZID as
-- written when only the file's VTIMEZONE rules are known). ical: the VCALENDAR text of the
-- entry as last applied. message_id: the mail it came from (NULL for imports and local ones).
-- href/etag: the CalDAV copy; conflict_ical: the server's version kept when both changed.
CREATE TABLE IF NOT EXISTS calendar_events (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL,
    recurrence_id TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    start_utc TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    all_day INTEGER NOT NULL DEFAULT 0,
    zone TEXT,
    organizer TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    partstat TEXT NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL DEFAULT 0,
    dtstamp TEXT,
    rrule TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    message_id TEXT,
    ical BLOB NOT NULL,
    href TEXT,
    etag TEXT,
    conflict_ical BLOB,
    updated REAL NOT NULL,
    UNIQUE (uid, recurrence_id)
);
CREATE INDEX IF NOT EXISTS calendar_events_start ON calendar_events(start_utc);
-- Changes made here and not yet on the CalDAV server, in order (kind 'put' or 'delete').
CREATE TABLE IF NOT EXISTS calendar_changes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    created REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
