"""View settings written off the GUI thread: the newest choice wins whatever order the
worker threads run in."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from client import settings
from client.store.db import Store
from ui.everyday.settings_writer import LatestWriter


def test_an_older_write_running_last_does_not_undo_a_newer_one(demo_db: Path) -> None:
    writer = LatestWriter(SimpleNamespace(db_path=demo_db, _show_failure=print))
    writer.store(2, {"ui.reading_pane": "off", "reader.font_size": 14})
    writer.store(1, {"ui.reading_pane": "right", "ui.list_columns": {"search": "AAAA"}})
    with Store.open(demo_db) as store:
        assert settings.read(store, "ui.reading_pane") == "off"
        assert settings.read(store, "reader.font_size") == 14
        assert settings.read(store, "ui.list_columns") == {"search": "AAAA"}  # not superseded
    writer.store(3, {"ui.reading_pane": "bottom"})
    with Store.open(demo_db) as store:
        assert settings.read(store, "ui.reading_pane") == "bottom"


def test_the_window_has_one_writer_owned_by_its_everyday_controller(window) -> None:  # type: ignore[no-untyped-def]
    everyday = window.everyday
    writers = {id(o.writer) for o in (everyday.list_fit, everyday.layout, everyday.icons,
                                      everyday.notifications)}
    assert writers == {id(everyday.writer)}
    # nothing is hung on the window itself any more (issue 11's controllers own their objects)
    for name in ("_everyday_writer", "should_notify", "their_time_action", "their_time_column",
                 "scheduled_sender", "bank_details_dialog"):
        assert not hasattr(window, name), name
    assert window.customers.their_time_action.isCheckable()
    assert window.customers.scheduled is not None and window.bank_details.dialog is None
