"""The calendar window on the demo profile: the agenda and the week in the rep's zone, the
moved occurrence in its own place, an entry's details with the organizer's time, delete,
.ics import and export (a bad file refused in words, nothing changed) and Sync calendar
against a real Radicale server, whose copy a delete in the app removes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import caldav
import pytest
from babel import Locale
from PySide6.QtWidgets import QMessageBox

from client.calendar.caldav_sync import set_server
from client.calendar.calendar_store import CalendarStore
from client.store import Store
from tests.servers.radicale import RadicaleServer
from ui.meetings.calendar_view import CalendarView

WEEK = date(2026, 11, 30)  # the demo's anchor is Friday 27 November 2026


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


def _view(qtbot, db: Path) -> CalendarView:  # type: ignore[no-untyped-def]
    view = CalendarView(db, Locale.parse("en_US"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.zone == "Asia/Shanghai" and bool(view.instances), timeout=10000)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.show_week(WEEK)
    return view


def _rows(view: CalendarView) -> list[tuple[str, str]]:
    return [(view.agenda.topLevelItem(i).text(0), view.agenda.topLevelItem(i).text(1))
            for i in range(view.agenda.topLevelItemCount())]


def test_agenda_week_and_details_in_the_reps_zone(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    weekly = "Weekly buyers call: LED panels ↻"
    assert _rows(view) == [
        ("Tue 1 Dec 14:00–16:00", "Showroom visit: Al Noor"),
        ("Tue 1 Dec 16:30–17:15", weekly),
        ("Wed 9 Dec 17:30–18:15", weekly),  # the moved occurrence, not Tuesday 8th
        ("Tue 15 Dec 16:30–17:15", weekly),
        ("Tue 22 Dec 16:30–17:15", weekly),
        ("Tue 29 Dec 16:30–17:15", weekly)]
    assert view.agenda.topLevelItem(0).text(2) == "10:00 Asia/Dubai"
    assert "China" in view.week_label.text()

    # the week grid: Tuesday's column holds both entries at their hours
    assert view.week.item(14, 1).text() == "14:00 Showroom visit: Al Noor"
    assert view.week.item(16, 1).text().startswith("16:30 Weekly buyers call")
    assert view.week.item(10, 1) is None

    view.agenda.setCurrentItem(view.agenda.topLevelItem(0))
    details = view.details.text()
    assert "Your time: Tuesday 1 December 2026 14:00–16:00" in details
    assert "Organizer's time: Tuesday 1 December 10:00" in details and "Asia/Dubai" in details
    assert "Organizer: omar.alfarsi@alnoor-hotels.example" in details
    view.agenda.setCurrentItem(view.agenda.topLevelItem(2))
    assert "This occurrence was changed by the organizer." in view.details.text()
    view.week.setCurrentCell(16, 1)
    assert view.details.text().startswith("Weekly buyers call")
    assert "every week, 8 times" in view.details.text()


def _answer_delete(qtbot, view: CalendarView) -> None:  # type: ignore[no-untyped-def]
    view.delete_button.click()
    qtbot.waitUntil(lambda: view.box is not None)
    assert view.box is not None
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.box.button(QMessageBox.StandardButton.Yes).click()


def test_delete_from_the_view(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    view.agenda.setCurrentItem(view.agenda.topLevelItem(0))
    _answer_delete(qtbot, view)
    assert [t for _, t in _rows(view)].count("Showroom visit: Al Noor") == 0
    with Store.open(demo_db) as store:
        assert CalendarStore(store).get("demo-dubai-showroom@alnoor-hotels.example") is None
    assert "Deleted" in view.status.text()


def test_export_then_import_and_a_bad_file(qtbot, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    exported = tmp_path / "mine.ics"
    view.ask_save_path = lambda: str(exported)
    view.export_file()
    qtbot.waitUntil(lambda: "written" in view.status.text())
    data = exported.read_bytes()
    assert data.count(b"BEGIN:VEVENT") == 4  # three entries, one with an override
    assert b"RECURRENCE-ID" in data

    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage")
    view.ask_open_path = lambda: str(broken)
    view.import_file()
    qtbot.waitUntil(lambda: "Nothing was imported" in view.status.text())
    with Store.open(demo_db) as store:
        assert len(CalendarStore(store).all()) == 4

    with Store.open(demo_db) as store:
        CalendarStore(store).delete("demo-riyadh-tender@harbor-lighting.example")
    view.ask_open_path = lambda: str(exported)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.import_file()
    assert "4 entries imported." in view.status.text()
    with Store.open(demo_db) as store:
        assert CalendarStore(store).get("demo-riyadh-tender@harbor-lighting.example")


def test_sync_calendar_and_a_delete_mirrored_to_radicale(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Path, radicale: RadicaleServer) -> None:
    view = _view(qtbot, demo_db)
    assert not view.sync_button.isEnabled()  # no CalDAV server yet
    radicale.add_user("mei", "secret-pass-1")
    with Store.open(demo_db) as store:
        set_server(store, radicale.url, "mei", "secret-pass-1", "Tradewind")
        for row in CalendarStore(store).all():  # the demo's rows were never queued
            CalendarStore(store).save(_parsed(row.ical, row.recurrence_id))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.reload()
    assert view.sync_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=30000):
        view.sync_button.click()
    assert "Calendar synced:" in view.status.text(), view.status.text()
    principal = caldav.DAVClient(radicale.url, username="mei",
                                 password="secret-pass-1").principal()
    [server] = [c for c in principal.calendars() if c.get_display_name() == "Tradewind"]
    assert len(server.events()) == 3  # the weekly call and its moved occurrence: one object
    weekly = server.get_object_by_uid("demo-weekly-buyers-call@harbor-lighting.example").data
    assert "RECURRENCE-ID" in weekly and "RRULE:FREQ=WEEKLY;COUNT=8" in weekly

    view.agenda.setCurrentItem(view.agenda.topLevelItem(0))  # the showroom visit
    _answer_delete(qtbot, view)
    with qtbot.waitSignal(view.loaded, timeout=30000):
        view.sync_button.click()
    assert len(server.events()) == 2
    assert all("Showroom" not in e.data for e in server.events())


def _parsed(ical: bytes, recurrence_id: str):  # type: ignore[no-untyped-def]
    from client.meetings.ical_in import parse_calendar

    return next(e for e in parse_calendar(ical).events if e.recurrence_id == recurrence_id)


def test_sync_from_the_menu_without_a_server_says_how_to_set_one(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale

    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.meetings.sync_action.trigger()
    view = win.meetings.calendar
    assert view is not None
    qtbot.waitUntil(lambda: "not synced" in view.status.text(), timeout=10000)
    assert "tradewind calendar server" in view.status.text()
    assert not view.sync_button.isEnabled()
    view.close()
