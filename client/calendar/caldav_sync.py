"""Two-way sync of the cached calendar with the rep's CalDAV server (the `caldav` library).

`set_server(store, url, user, password, calendar)` keeps the server in `settings`
(`calendar.caldav`: url, user, calendar name; never the password) and the password in the
keyring (`secrets.set_calendar_password`). `sync_calendar(store)` (blocking network I/O: a
worker thread or the CLI, never the GUI thread) first replays the queued changes
(`calendar_changes`, oldest first), then reads the server's events:
- a queued entry is PUT to the server; when the server's copy changed since our last sync
  (its ETag differs), nothing is overwritten: the server's version is kept beside ours
  (`conflict_ical`, both visible; the server keeps its own) and the change is settled; the
  rep's next change of that entry is sent normally;
- a server event we do not have, or whose ETag changed while we had no queued change, is
  written to the cache without queueing anything;
- an entry deleted here (a tombstone with a queued `delete`) is deleted on the server, unless
  the server's copy changed since our last sync: then the server's version comes back (a
  conflict, reported) rather than losing someone else's change;
- an entry that was on the server (it has an href) and is gone from it, with no change of
  ours waiting, is removed here too (deletes are mirrored). When the server lists no event at
  all while several synced entries exist here, nothing is removed and a problem is reported
  (a wrong or reset calendar must not empty the rep's).
A change is removed from the queue only after the server accepted it, so a failure (offline,
refused) keeps it for the next sync: nothing made offline is lost. Raises `CalDavError` in
words (`kind`: usage, auth, network, keyring or other) with no secret in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from client.calendar.calendar_store import DELETED, CalendarStore, EventRow
from client.meetings.ical_in import CalendarError, parse_calendar
from client.net.redact import describe_error
from client.profile import secrets
from client.store.db import Store

SETTING = "calendar.caldav"
#: with more synced entries than this, an empty server calendar removes nothing here
EMPTY_SERVER_GUARD = 5


class CalDavError(Exception):
    """The sync could not run or finish; `kind` says which kind of failure it is."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    removed: int = 0  # entries deleted on the server, removed here
    deleted: int = 0  # entries deleted here, removed from the server
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    waiting: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "removed": self.removed,
                "deleted": self.deleted, "conflicts": self.conflicts,
                "problems": self.problems, "waiting": self.waiting}

    def text(self) -> str:
        lines = [f"Sent {self.pushed} change(s), received {self.pulled}; "
                 f"{self.waiting} still waiting."]
        if self.removed or self.deleted:
            lines.append(f"Deleted on the server and removed here: {self.removed}; deleted "
                         f"here and removed from the server: {self.deleted}.")
        lines += [f"Conflict (both versions kept): {uid}" for uid in self.conflicts]
        lines += [f"Problem: {p}" for p in self.problems]
        return "\n".join(lines)


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def set_server(store: Store, url: str, user: str, password: str, calendar: str) -> None:
    """Remember the server and store the password in the keyring; raises `CalDavError`."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username:
        raise CalDavError("the CalDAV address must be http(s)://host/path without a user name",
                          "usage")
    if not user.strip():
        raise CalDavError("a CalDAV user name is needed", "usage")
    secrets.set_calendar_password(_safe_url(url), user, password)
    store.set_setting(SETTING, {"url": _safe_url(url), "user": user.strip(),
                                "calendar": calendar or "Tradewind"})


def _describe(exc: BaseException, password: str) -> str:
    """The error in words without any part of the password (`smtp.redact`)."""
    return describe_error(exc, password)


def _connect(settings: dict[str, str], password: str) -> tuple[Any, Any]:
    import caldav as caldav_module
    from caldav.lib import error as dav_error

    caldav: Any = caldav_module  # the library's lazy exports are untyped
    try:
        client = caldav.DAVClient(settings["url"], username=settings["user"], password=password)
        principal = client.principal()
        wanted = settings.get("calendar") or "Tradewind"
        for cal in principal.calendars():
            if (cal.get_display_name() or "") == wanted:
                return client, cal
        return client, principal.make_calendar(name=wanted)
    except dav_error.AuthorizationError as exc:
        raise CalDavError(f"the CalDAV server {settings['url']} refused the user name or "
                          "password", "auth") from exc
    except Exception as exc:  # niquests/urllib3 errors, DNS, TLS, HTTP
        raise CalDavError(f"the CalDAV server {settings['url']} cannot be reached "
                          f"({_describe(exc, password)}); queued changes wait for the next "
                          "sync", "network") from exc


def _resource(rows: list[EventRow]) -> str:
    """One CalDAV resource for a UID: the master and its overridden instances."""
    zones: dict[bytes, None] = {}
    events: list[bytes] = []
    for row in rows:
        text = row.ical
        begin, end = text.find(b"BEGIN:VEVENT"), text.rfind(b"END:VEVENT")
        if begin < 0 or end < 0:
            continue
        events.append(text[begin:end] + b"END:VEVENT\r\n")
        cursor = 0
        while (start := text.find(b"BEGIN:VTIMEZONE", cursor, begin)) >= 0:
            stop = text.find(b"END:VTIMEZONE", start) + len(b"END:VTIMEZONE\r\n")
            zones.setdefault(text[start:stop], None)
            cursor = stop
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tradewind//Calendar//EN\r\n"
            + b"".join(zones) + b"".join(events) + b"END:VCALENDAR\r\n")
    return body.decode("utf-8", "replace")


def _push(client: Any, cal: Any, calendar: CalendarStore, report: SyncReport,
          password: str) -> None:
    import caldav as caldav_module

    caldav: Any = caldav_module

    changes = calendar.pending()
    by_uid: dict[str, list[int]] = {}
    for change_id, uid, _kind in changes:
        by_uid.setdefault(uid, []).append(change_id)
    rows = calendar.all(with_deleted=True)
    for uid, ids in by_uid.items():
        mine = [r for r in rows if r.uid == uid]
        if not mine:
            calendar.done(ids)
            continue
        master = next((r for r in mine if not r.recurrence_id), mine[0])
        if master.status == DELETED:
            _push_delete(client, cal, calendar, master, ids, report, password)
            continue
        try:
            if master.href:
                remote = caldav.Event(client=client, url=master.href, parent=cal)
                try:
                    remote.load()
                    server_etag = remote.etag
                except Exception:  # noqa: BLE001 - gone from the server: put ours back
                    server_etag = None
                if server_etag and master.etag and server_etag != master.etag:
                    calendar.keep_conflict(uid, str(remote.data).encode("utf-8"))
                    # the server's version is now known here: the next pull keeps ours
                    calendar.set_remote(uid, master.href, server_etag)
                    calendar.done(ids)
                    report.conflicts.append(uid)
                    continue
                remote = caldav.Event(client=client, url=master.href, parent=cal,
                                      data=_resource(mine))
                remote.save()
                saved = remote
            else:
                saved = cal.add_event(_resource(mine))
            fresh = cal.get_object_by_uid(uid)
            calendar.set_remote(uid, str(fresh.url or saved.url), fresh.etag)
            calendar.done(ids)
            report.pushed += 1
        except Exception as exc:  # noqa: BLE001 - refused or dropped: keep the change for the next sync
            for change_id in ids:
                calendar.failed(change_id, _describe(exc, password))
            report.problems.append(f"{uid}: {_describe(exc, password)}")


def _push_delete(client: Any, cal: Any, calendar: CalendarStore, row: EventRow,
                 ids: list[int], report: SyncReport, password: str) -> None:
    """Delete the server's copy of the tombstone ``row`` (see the module docstring)."""
    import caldav as caldav_module

    caldav: Any = caldav_module
    if not row.href:
        calendar.forget(row.uid)
        return
    try:
        remote = caldav.Event(client=client, url=row.href, parent=cal)
        try:
            remote.load()
        except Exception:  # noqa: BLE001 - caldav raises many kinds: gone, nothing to delete
            calendar.forget(row.uid)
            report.deleted += 1
            return
        if remote.etag and row.etag and remote.etag != row.etag:
            # changed on the server after our last sync: keep that version, not our delete
            calendar.forget(row.uid)
            report.conflicts.append(row.uid)
            return
        remote.delete()
        calendar.forget(row.uid)
        report.deleted += 1
    except Exception as exc:  # noqa: BLE001 - refused or dropped: the delete waits
        for change_id in ids:
            calendar.failed(change_id, _describe(exc, password))
        report.problems.append(f"{row.uid}: {_describe(exc, password)}")


def _pull(cal: Any, calendar: CalendarStore, report: SyncReport, password: str) -> None:
    waiting = {uid for _, uid, _ in calendar.pending()}
    known = {r.uid: r for r in calendar.all() if not r.recurrence_id}
    try:
        remote_events = cal.get_events()
    except Exception as exc:
        raise CalDavError(f"the CalDAV server's events cannot be read "
                          f"({_describe(exc, password)})", "network") from exc
    on_server: set[str] = set()
    complete = True  # every server event was read: only then is "missing" a delete
    for remote in remote_events:
        data = str(remote.data or "").encode("utf-8")
        try:
            parsed = parse_calendar(data)
        except CalendarError as exc:
            report.problems.append(f"{remote.url}: {exc}")
            complete = False
            continue
        on_server.update(e.uid for e in parsed.events if e.uid)
        usable = [e for e in parsed.events if e.uid and not e.unusable]
        if not usable:
            continue
        uid = usable[0].uid
        local = known.get(uid)
        if uid in waiting or (local is not None and local.etag == remote.etag):
            continue
        for event in usable:
            calendar.save(event, queue=False,
                          partstat=local.partstat if local is not None else "")
        calendar.set_remote(uid, str(remote.url), remote.etag)
        report.pulled += 1
    if complete:
        _mirror_deletes(calendar, known, on_server, waiting, report)


def _mirror_deletes(calendar: CalendarStore, known: dict[str, EventRow], on_server: set[str],
                    waiting: set[str], report: SyncReport) -> None:
    gone = [uid for uid, row in known.items()
            if row.href and uid not in on_server and uid not in waiting]
    synced = sum(1 for row in known.values() if row.href)
    if not on_server and synced > EMPTY_SERVER_GUARD:
        report.problems.append(
            f"the server's calendar lists no event while {synced} entries here came from it; "
            "nothing was removed here (check the calendar name with `tradewind calendar "
            "server`)")
        return
    for uid in gone:
        calendar.forget(uid)
        report.removed += 1


def sync_calendar(store: Store) -> SyncReport:
    """Replay queued changes, then read the server's events; see the module docstring."""
    settings = store.get_setting(SETTING)
    if not isinstance(settings, dict) or not settings.get("url"):
        raise CalDavError("no CalDAV server is set: use `tradewind calendar server URL "
                          "--user NAME` first", "usage")
    password = secrets.get_calendar_password(settings["url"], settings["user"])
    if password is None:
        raise CalDavError(f"no password for {settings['user']} at {settings['url']} in the "
                          "keyring; set the server again", "keyring")
    client, cal = _connect(settings, password)
    calendar = CalendarStore(store)
    report = SyncReport()
    _push(client, cal, calendar, report, password)
    _pull(cal, calendar, report, password)
    report.waiting = len(calendar.pending())
    return report
