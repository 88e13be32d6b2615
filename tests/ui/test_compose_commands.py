"""The main window's New / Reply / Reply all / Forward / Delete commands.

The composer window belongs to ``ui.composer``; here a stand-in records how it is opened, so
these tests check the main window's side of the contract only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from client.store.db import Store
from ui.main_window import MainWindow


class FakeComposer(QObject):
    queued = Signal(object)
    opened: list[tuple[Path, str, int | None]] = []

    def __init__(self, db_path: Path, mode: str = "new", message_row: int | None = None) -> None:
        super().__init__()
        type(self).opened.append((db_path, mode, message_row))

    def show(self) -> None:
        return None


@pytest.fixture
def fake_composer(window: MainWindow) -> type[FakeComposer]:
    FakeComposer.opened = []
    window.composer_factory = FakeComposer
    return FakeComposer


def test_reply_reply_all_forward_open_the_composer_for_the_shown_message(qtbot, window: MainWindow, demo_db: Path, fake_composer) -> None:  # type: ignore[no-untyped-def]
    window.reply_action.trigger()  # nothing shown yet: asks to select a message
    assert fake_composer.opened == [] and "Select a message" in window.statusBar().currentMessage()
    window.message_view.selectRow(0)
    shown = window.message_model.message_id_at(0)
    qtbot.waitUntil(lambda: window.reader.shown_id == shown)
    for action in (window.reply_action, window.reply_all_action, window.forward_action,
                   window.new_action):
        action.trigger()
    assert fake_composer.opened == [(demo_db, "reply", shown), (demo_db, "reply_all", shown),
                                    (demo_db, "forward", shown), (demo_db, "new", None)]
    assert len(window.composers) == 4


def test_queued_message_is_reported(qtbot, window: MainWindow, fake_composer) -> None:  # type: ignore[no-untyped-def]
    composer = window.open_composer("new")

    class Queued:
        recipients = ("hans.kraemer@kraemer-licht.example",)

    composer.queued.emit(Queued())
    assert "Queued in the outbox for hans.kraemer@kraemer-licht.example" in window.statusBar().currentMessage()


def test_delete_hides_the_message_and_queues_the_change(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    before = window.message_model.rowCount()
    window.message_view.selectRow(1)
    victim = window.message_model.message_id_at(1)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.message_model.rowCount() == before - 1)
    assert window.message_model.row_of(victim) is None  # type: ignore[arg-type]
    with Store.open(demo_db) as store:
        ops = store.conn.execute("SELECT kind FROM pending_ops WHERE message_row = ?", (victim,)).fetchall()
    assert ops  # replayed against the server later
