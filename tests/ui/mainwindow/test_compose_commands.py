"""The main window's New / Reply / Reply all / Forward / Delete commands.

The composer window belongs to ``ui.composer``; here a stand-in records how it is opened, so
these tests check the main window's side of the contract only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from client.compose.drafts import DraftFields, list_drafts, save_draft
from client.store.db import Store
from ui.mainwindow.window import MainWindow
from ui.qt.tasks import wait_for_background_tasks


class FakeComposer(QObject):
    queued = Signal(object)
    opened: list[tuple[Path, str, int | None]] = []
    drafts: list[int] = []  # the draft ids of composers opened in "draft" mode

    def __init__(self, db_path: Path, mode: str = "new", message_row: int | None = None,
                 draft_id: int | None = None) -> None:
        super().__init__()
        type(self).opened.append((db_path, mode, message_row))
        self.draft_id = draft_id
        self.raised = 0
        if draft_id is not None:
            type(self).drafts.append(draft_id)

    def raise_(self) -> None:
        self.raised += 1

    def activateWindow(self) -> None:  # noqa: N802 (Qt name)
        return None

    def show(self) -> None:
        return None


@pytest.fixture
def fake_composer(window: MainWindow) -> type[FakeComposer]:
    FakeComposer.opened = []
    FakeComposer.drafts = []
    window.compose.composer_factory = FakeComposer
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
    assert len(window.compose.composers) == 4


def test_queued_message_is_reported(qtbot, window: MainWindow, fake_composer) -> None:  # type: ignore[no-untyped-def]
    composer = window.compose.open_composer("new")

    class Queued:
        recipients = ("hans.kraemer@kraemer-licht.example",)

    composer.queued.emit(Queued())
    assert "Queued in the outbox for hans.kraemer@kraemer-licht.example" in window.statusBar().currentMessage()


def test_delete_hides_the_message_and_queues_the_change(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    before = window.message_model.rowCount()
    window.message_view.selectRow(1)
    victim = window.message_model.message_id_at(1)
    window.delete_action.trigger()
    # the demo account has no Trash: Delete asks first (ui.triage.controller)
    box = window.triage.box  # type: ignore[attr-defined]
    next(b for b in box.buttons() if b.text() == "Delete for good").click()
    qtbot.waitUntil(lambda: window.message_model.rowCount() == before - 1)
    assert window.message_model.row_of(victim) is None  # type: ignore[arg-type]

    def ops() -> list[tuple[str]]:
        with Store.open(demo_db) as store:
            return store.conn.execute("SELECT kind FROM pending_ops WHERE message_row = ?",
                                      (victim,)).fetchall()

    qtbot.waitUntil(lambda: bool(ops()))  # replayed against the server later (the row left
    # the list at once, the write lands in the background)


def _show_drafts_folder(qtbot, window: MainWindow) -> list[int]:  # type: ignore[no-untyped-def]
    account = window.store.list_accounts()[0]
    drafts = window.store.folder_by_role(account.id, "drafts")
    assert drafts is not None
    window.select_folder(drafts.id)
    qtbot.waitUntil(lambda: window.list_source == ("folder", drafts.id))
    rows = [window.message_model.message_id_at(r) for r in range(window.message_model.rowCount())]
    assert rows  # the demo has drafts saved "by another client"
    return [r for r in rows if r is not None]


def test_enter_on_a_message_of_drafts_opens_it_as_a_draft_once(qtbot, window: MainWindow, demo_db: Path, fake_composer) -> None:  # type: ignore[no-untyped-def]
    window.message_view.selectRow(0)  # Inbox: Enter opens nothing
    window.message_view.setFocus()
    qtbot.keyClick(window.message_view, Qt.Key.Key_Return)
    wait_for_background_tasks()
    assert fake_composer.opened == []

    rows = _show_drafts_folder(qtbot, window)
    window.message_view.selectRow(0)
    qtbot.keyClick(window.message_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(fake_composer.drafts) == 1)
    [draft_id] = fake_composer.drafts
    assert fake_composer.opened == [(demo_db, "draft", None)]
    [composer] = window.compose.composers
    window.compose.edit_draft_action.trigger()  # Message → Edit draft on the same message
    qtbot.waitUntil(lambda: composer.raised == 1)  # the open composer comes to the front
    assert fake_composer.drafts == [draft_id] and window.compose.composers == [composer]
    with Store.open(demo_db) as store:
        [draft] = list_drafts(store)
        cached = store.get_message(rows[0])
        assert cached is not None and draft.fields.subject == cached.subject
        origin = store.conn.execute("SELECT origin_message_id FROM drafts").fetchone()[0]
        assert origin == cached.message_id


def test_edit_draft_is_in_the_message_menu_and_the_context_menu_of_drafts(qtbot, window: MainWindow, fake_composer) -> None:  # type: ignore[no-untyped-def]
    menus = {a.text(): a.menu().actions() for a in window.menuBar().actions() if a.menu()}
    assert window.compose.edit_draft_action in menus["&Message"]
    assert window.compose.local_drafts_action in menus["&File"]
    window.message_view.selectRow(0)
    inbox_menu = window.list_menu()
    assert window.compose.edit_draft_action not in inbox_menu.actions()
    assert window.reply_action in inbox_menu.actions()
    _show_drafts_folder(qtbot, window)
    window.message_view.selectRow(0)
    assert window.list_menu().actions()[0] is window.compose.edit_draft_action
    window.message_view.clearSelection()
    window.compose.edit_draft_action.trigger()
    assert "Select one draft" in window.statusBar().currentMessage()
    assert fake_composer.opened == []


def test_local_only_drafts_are_listed_and_open(qtbot, window: MainWindow, demo_db: Path, fake_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        draft_id = save_draft(store, account.id, DraftFields(
            sender=account.email, to="hans@example.de", subject="Only here", text="not pushed"))
    dialog = window.compose.show_local_drafts()
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled())
    assert dialog.draft_ids() == [draft_id]
    assert dialog.table.topLevelItem(0).text(0) == "Only here"
    assert dialog.table.topLevelItem(0).text(3) == "Only on this computer"
    dialog.open_current()
    assert fake_composer.drafts == [draft_id]
