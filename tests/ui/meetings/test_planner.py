"""The planner window on the demo profile: attendees with guessed or remembered zones, the
grid with the overlap highlighted, the ranked slots of the same core as `meet plan`, edits
remembered, bad hours refused in words, and Plan a meeting from a message's people."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from babel import Locale
from PySide6.QtCore import QDate, Qt

from client.meetings.contact_zones import remembered_zone
from client.meetings.grid import WORK
from client.meetings.planner import Attendee, plan
from client.store import Store
from ui.mainwindow.window import MainWindow
from ui.meetings.grid_view import COLOURS, OVERLAP
from ui.meetings.planner import COL_HOURS, COL_SOURCE, COL_ZONE, PlannerDialog
from ui.qt.dates import babel_locale

HANS, PRIYA = "hans.kraemer@kraemer-licht.example", "priya@lumentraders.example"
FIRST = date(2026, 12, 1)


def _planner(qtbot, db: Path, people: list[str]) -> PlannerDialog:  # type: ignore[no-untyped-def]
    dialog = PlannerDialog(db, Locale.parse("en_US"), people)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(people) + 1)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.first_day.setDate(QDate(FIRST.year, FIRST.month, FIRST.day))
    return dialog


def test_rows_grid_and_slots_agree_with_the_core(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _planner(qtbot, demo_db, [HANS, PRIYA])
    table = dialog.table
    assert [table.item(r, COL_ZONE).text() for r in range(3)] == [
        "Asia/Shanghai", "Europe/Berlin", "Asia/Kolkata"]  # the demo rep, then remembered
    assert table.item(1, COL_SOURCE).text() == "remembered"
    people = [Attendee(None, "Asia/Shanghai", "CN"), Attendee(HANS, "Europe/Berlin", "DE"),
              Attendee(PRIYA, "Asia/Kolkata", "IN")]
    expected = plan(people, organizer_zone="Asia/Shanghai", first_day=FIRST, days=14,
                    duration=timedelta(minutes=60), step=timedelta(minutes=30), limit=10)
    assert dialog.plan is not None
    assert [s.start for s in dialog.plan.slots] == [s.start for s in expected.slots]
    assert dialog.slots.count() == len(expected.slots)
    assert "inside everyone's hours" in dialog.slots.item(0).text()

    model = dialog.grid_view.hours
    assert model.rowCount() == 3 and model.columnCount() == 14 * 48
    grid = dialog.grid
    assert grid is not None
    inside = grid.overlap.index(True)
    outside = next(k for k, o in enumerate(grid.overlap) if not o and
                   grid.rows[1].states[k] != WORK)
    colour = model.data(model.index(1, inside), Qt.ItemDataRole.BackgroundRole).color()
    assert colour == OVERLAP
    state = grid.rows[1].states[outside]
    assert model.data(model.index(1, outside),
                      Qt.ItemDataRole.BackgroundRole).color() == COLOURS[state]
    assert "Asia/Kolkata" in model.headerData(2, Qt.Orientation.Vertical)
    assert "Sat–Sun" in model.headerData(1, Qt.Orientation.Vertical)

    dialog.slots.setCurrentRow(1)  # choosing a slot chooses the start and the grid column
    assert dialog.chosen == expected.slots[1].start
    assert dialog.invite_button.isEnabled()


def test_a_changed_zone_is_remembered_and_replanned(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _planner(qtbot, demo_db, [HANS])
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.table.item(1, COL_ZONE).setText("Pacific Standard Time")  # a Windows name
    assert dialog.table.item(1, COL_ZONE).text() == "America/Los_Angeles"
    assert "America/Los_Angeles" in dialog.grid_view.hours.headerData(1, Qt.Orientation.Vertical)

    def remembered() -> str | None:
        with Store.open(demo_db) as store:
            found = remembered_zone(store, HANS)
            return found.zone if found else None

    qtbot.waitUntil(lambda: remembered() == "America/Los_Angeles")


def test_bad_working_hours_are_refused_in_words(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _planner(qtbot, demo_db, [HANS])
    before = dialog.plan
    dialog.table.item(1, COL_HOURS).setText("nine to five")
    qtbot.waitUntil(lambda: "09:00-18:00" in dialog.notes.text())
    assert dialog.plan is before


def test_an_attendee_added_from_the_field_gets_a_zone(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _planner(qtbot, demo_db, [])
    dialog.add_field.setText("James <james@sunstate-electrical.example>")
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.add_button.click()
    assert dialog.table.item(1, COL_ZONE).text() == "Australia/Sydney"
    assert dialog.addresses() == ["james@sunstate-electrical.example"]


def test_plan_a_meeting_from_a_message_takes_its_people(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    model = win.message_model
    row = next(r for r in range(model.rowCount())
               if model.message(r).from_email == HANS)  # type: ignore[union-attr]
    win.message_view.selectRow(row)
    qtbot.waitUntil(lambda: win.reader.shown_id is not None)
    menu = win.meetings.menu
    assert [a.text() for a in menu.actions() if a.text()][:2] == [
        "New meeting…", "Plan a meeting with these people…"]
    win.meetings.plan_from_message_action.trigger()
    qtbot.waitUntil(lambda: win.meetings.planner is not None
                    and win.meetings.planner.table.rowCount() >= 2)
    assert HANS in win.meetings.planner.addresses()
    assert "mei.lin@harbor-lighting.example" not in win.meetings.planner.addresses()
    win.meetings.planner.close()


def test_invite_from_the_planner_queues_it_and_says_so(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from client.calendar.calendar_store import CalendarStore
    from client.smtp.outbox import Outbox

    dialog = _planner(qtbot, demo_db, [HANS])
    dialog.slots.setCurrentRow(0)
    dialog.invite_button.click()
    invite = dialog.invite_dialog
    assert invite is not None and invite.to.text() == HANS
    invite.title.setText("Price review")
    with qtbot.waitSignal(invite.sent, timeout=10000):
        invite.send_button.click()
    assert "sent at the next sync" in dialog.notes.text()  # the demo account has no server
    with Store.open(demo_db) as store:
        [item] = Outbox(store).items()
        entry = next(e for e in CalendarStore(store).all() if e.summary == "Price review")
    assert item.state == "queued" and entry.start == dialog.chosen
