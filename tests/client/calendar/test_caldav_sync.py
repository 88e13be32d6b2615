"""Two-way CalDAV sync against a real Radicale server, with offline changes and conflicts."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import pytest

from client.calendar.caldav_sync import SETTING, CalDavError, set_server, sync_calendar
from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.ical_in import parse_calendar
from client.meetings.ical_out import Meeting, Person
from client.profile import secrets as tw_secrets
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.servers.radicale import RadicaleServer

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture
def login(radicale: RadicaleServer) -> tuple[str, str]:
    user, password = f"rep{secrets.token_hex(4)}", secrets.token_urlsafe(12)
    radicale.add_user(user, password)
    return user, password


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tradewind.db") as s:
        yield s


def _event(uid: str, summary: str, hour: int = 10) -> bytes:
    return ical_out.request(Meeting(
        uid=uid, summary=summary, start=datetime(2026, 5, 6, hour, tzinfo=SHANGHAI),
        zone="Asia/Shanghai", duration=timedelta(hours=1), organizer=Person("me@example.com"),
        attendees=(Person("buyer@example.de"),)))


def _server_calendar(radicale: RadicaleServer, user: str, password: str) -> caldav.Calendar:
    principal = caldav.DAVClient(radicale.url, username=user, password=password).principal()
    [calendar] = [c for c in principal.calendars() if c.get_display_name() == "Tradewind"]
    return calendar


def test_two_way_sync_with_an_offline_change_replayed(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, password = login
    cal = CalendarStore(store)
    cal.import_ics(_event("local-1@example.com", "Made here"))
    set_server(store, radicale.url, user, password, "Tradewind")
    assert password not in str(store.get_setting(SETTING))

    first = sync_calendar(store)
    assert (first.pushed, first.waiting) == (1, 0)
    server = _server_calendar(radicale, user, password)
    assert "Made here" in server.get_object_by_uid("local-1@example.com").data

    # made on the server (another device): arrives here
    server.add_event(_event("remote-1@example.com", "Made elsewhere", hour=14).decode())
    second = sync_calendar(store)
    assert second.pulled == 1
    remote = cal.get("remote-1@example.com")
    assert remote is not None and remote.summary == "Made elsewhere"
    assert cal.pending() == []  # what came from the server is not sent back

    # offline: the server is unreachable, the change stays queued and is not lost
    store.set_setting(SETTING, {**store.get_setting(SETTING), "url": "http://127.0.0.1:9/"})
    tw_secrets.set_calendar_password("http://127.0.0.1:9/", user, password)
    cal.import_ics(_event("offline-1@example.com", "Made offline"))
    with pytest.raises(CalDavError) as failed:
        sync_calendar(store)
    assert failed.value.kind == "network" and password not in str(failed.value)
    assert [uid for _, uid, _ in cal.pending()] == ["offline-1@example.com"]

    # back online: replayed
    store.set_setting(SETTING, {**store.get_setting(SETTING), "url": radicale.url})
    third = sync_calendar(store)
    assert third.pushed == 1 and third.waiting == 0
    assert "Made offline" in _server_calendar(radicale, user, password).get_object_by_uid(
        "offline-1@example.com").data


def test_a_change_on_both_sides_keeps_both_versions(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, password = login
    cal = CalendarStore(store)
    cal.import_ics(_event("both@example.com", "Original"))
    set_server(store, radicale.url, user, password, "Tradewind")
    sync_calendar(store)

    server_copy = _server_calendar(radicale, user, password).get_object_by_uid("both@example.com")
    server_copy.data = server_copy.data.replace("Original", "Changed on the server")
    server_copy.save()
    [local] = parse_calendar(_event("both@example.com", "Changed here")).events
    cal.save(local)

    report = sync_calendar(store)
    assert report.conflicts == ["both@example.com"]
    row = cal.get("both@example.com")
    assert row is not None and row.summary == "Changed here"
    assert row.conflict_ical is not None and b"Changed on the server" in row.conflict_ical
    assert "Changed on the server" in _server_calendar(radicale, user, password) \
        .get_object_by_uid("both@example.com").data


def test_a_wrong_password_is_an_auth_error_without_the_password(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, _ = login
    set_server(store, radicale.url, user, "not-the-password-42", "Tradewind")
    with pytest.raises(CalDavError) as failed:
        sync_calendar(store)
    assert failed.value.kind == "auth" and "not-the-password-42" not in str(failed.value)


def test_no_server_set_is_explained(store: Store) -> None:
    with pytest.raises(CalDavError, match="calendar server"):
        sync_calendar(store)


def test_cli_server_and_sync(cli: Callable[..., CliResult],
                             radicale: RadicaleServer, login: tuple[str, str],
                             tmp_path: Path) -> None:
    user, password = login
    source = tmp_path / "one.ics"
    source.write_bytes(_event("cli-1@example.com", "From the CLI"))
    assert cli("calendar", "import", str(source)).code == 0
    set_up = cli("calendar", "server", radicale.url, "--user", user, "--json",
                 input=password + "\n")
    assert set_up.code == 0, set_up.err
    assert password not in set_up.out
    synced = cli("calendar", "sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["pushed"] == 1 and synced.json()["waiting"] == 0
    wrong = cli("calendar", "server", radicale.url, "--user", user, input="wrong-pass-77\n")
    assert wrong.code == 0
    failed = cli("calendar", "sync")
    assert failed.code == 3 and "wrong-pass-77" not in failed.err


def test_deletes_are_mirrored_both_ways(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, password = login
    cal = CalendarStore(store)
    for n in (1, 2, 3):
        cal.import_ics(_event(f"del-{n}@example.com", f"Meeting {n}", hour=8 + n))
    set_server(store, radicale.url, user, password, "Tradewind")
    assert sync_calendar(store).pushed == 3

    # deleted on the server (another device): removed here, nothing sent back
    server = _server_calendar(radicale, user, password)
    server.get_object_by_uid("del-1@example.com").delete()
    report = sync_calendar(store)
    assert (report.removed, report.pushed) == (1, 0)
    assert cal.get("del-1@example.com") is None and cal.pending() == []

    # deleted here while offline: a tombstone waits, hidden from the calendar
    store.set_setting(SETTING, {**store.get_setting(SETTING), "url": "http://127.0.0.1:9/"})
    tw_secrets.set_calendar_password("http://127.0.0.1:9/", user, password)
    assert cal.delete("del-2@example.com") == 1
    assert cal.get("del-2@example.com") is None
    assert [r.uid for r in cal.all()] == ["del-3@example.com"]
    assert [(uid, kind) for _, uid, kind in cal.pending()] == [("del-2@example.com", "delete")]
    with pytest.raises(CalDavError):
        sync_calendar(store)
    assert [uid for _, uid, _ in cal.pending()] == ["del-2@example.com"]  # not lost

    # back online: deleted on the server, the tombstone goes
    store.set_setting(SETTING, {**store.get_setting(SETTING), "url": radicale.url})
    report = sync_calendar(store)
    assert (report.deleted, report.waiting) == (1, 0)
    uids = {e.icalendar_component["UID"] for e in
            _server_calendar(radicale, user, password).get_events()}
    assert uids == {"del-3@example.com"}
    assert cal.all(with_deleted=True)[0].uid == "del-3@example.com"
    assert len(cal.all(with_deleted=True)) == 1


def test_a_delete_here_never_wipes_a_change_made_on_the_server(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, password = login
    cal = CalendarStore(store)
    cal.import_ics(_event("kept@example.com", "Original"))
    set_server(store, radicale.url, user, password, "Tradewind")
    sync_calendar(store)
    server_copy = _server_calendar(radicale, user, password).get_object_by_uid("kept@example.com")
    server_copy.data = server_copy.data.replace("Original", "Moved by the buyer")
    server_copy.save()
    cal.delete("kept@example.com")

    report = sync_calendar(store)
    assert report.conflicts == ["kept@example.com"] and report.deleted == 0
    row = cal.get("kept@example.com")
    assert row is not None and row.summary == "Moved by the buyer"  # the server's version back
    assert "Moved by the buyer" in _server_calendar(radicale, user, password) \
        .get_object_by_uid("kept@example.com").data


def test_an_entry_never_synced_is_deleted_at_once(store: Store) -> None:
    cal = CalendarStore(store)
    cal.import_ics(_event("local-only@example.com", "Never synced"))
    assert cal.delete("local-only@example.com") == 1
    assert cal.all(with_deleted=True) == [] and cal.pending() == []
    assert cal.delete("local-only@example.com") == 0  # idempotent


def test_an_empty_server_calendar_removes_nothing_here(
        store: Store, radicale: RadicaleServer, login: tuple[str, str]) -> None:
    user, password = login
    cal = CalendarStore(store)
    for n in range(7):
        cal.import_ics(_event(f"guard-{n}@example.com", f"Call {n}", hour=8 + n))
    set_server(store, radicale.url, user, password, "Tradewind")
    sync_calendar(store)
    for event in _server_calendar(radicale, user, password).get_events():
        event.delete()
    report = sync_calendar(store)
    assert report.removed == 0 and len(cal.all()) == 7
    assert any("lists no event" in p for p in report.problems)


def test_cli_delete(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    source = tmp_path / "one.ics"
    source.write_bytes(_event("cli-del@example.com", "Delete me"))
    assert cli("calendar", "import", str(source)).code == 0
    deleted = cli("calendar", "delete", "cli-del@example.com", "--json")
    assert deleted.code == 0, deleted.err
    assert deleted.json() == {"uid": "cli-del@example.com", "deleted": 1}
    again = cli("calendar", "delete", "cli-del@example.com")
    assert again.code == 2 and "no calendar entry" in again.err
