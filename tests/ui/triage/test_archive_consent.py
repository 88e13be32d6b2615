"""Archive (A) for an account without an archive folder, against the real servers: the rep is
asked first; No changes nothing, Yes creates the folder (at once in the cache, its CREATE
queued, so also offline), archives there and the sync creates it on the server (and the undo
brings the mail back)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from client.ops import archive, folder_create
from client.store import Store
from client.sync.engine import sync_account
from tests.client.ops.test_replay import _message_ids, _synced
from tests.client.ops.test_undo_replay import without_archive
from tests.client.sync.env import SyncEnv
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def _archive_without_folder(qtbot, env: SyncEnv, count: int,  # type: ignore[no-untyped-def]
                            offline: bool = False) -> tuple[MainWindow, int]:
    """A window on the account (``count`` messages, no archive folder) after A on its first
    message; ``offline``: its server unreachable."""
    _synced(env, count)
    without_archive(env)
    if offline:
        with Store.open(env.store_path) as store:
            store.update_account(env.account.id, imap_port=1)
    win = MainWindow(env.store_path, babel_locale("en_US"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() == count)
    win.message_view.selectRow(0)
    message = win.selected_ids()[0]
    win.triage.archive_action.trigger()
    return win, message


def test_archive_asks_before_creating_the_folder(qtbot, sync_env: SyncEnv) -> None:  # type: ignore[no-untyped-def]
    env = sync_env
    win, message = _archive_without_folder(qtbot, env, 2)
    box = win.triage.box
    assert box is not None and "has no archive folder" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # "No": nothing changes
    with Store.open(env.store_path) as store:
        assert archive.archive_folder(store, env.account.id) is None
    assert win.message_model.row_of(message) is not None
    win.triage.archive_action.trigger()
    consent = win.triage.box
    assert consent is not None
    next(b for b in consent.buttons() if b.text() == "Create and archive").click()
    qtbot.waitUntil(lambda: "Archived 1 message(s)" in win.triage.undo_bar.label.text(),
                    timeout=20000)
    with Store.open(env.store_path) as store:
        folder = archive.archive_folder(store, env.account.id)
        assert folder is not None
        row = store.get_message(message)
        assert row is not None and row.folder_id == folder.id
    assert win.folder_model.index_of_folder(folder.id).isValid()  # the tree shows it
    wait_for_background_tasks()
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert len(_message_ids(env, "Archive")) == 1
    win.triage.undo()
    with Store.open(env.store_path) as store:
        qtbot.waitUntil(lambda: store.get_message(message).folder_id != folder.id)  # type: ignore[union-attr]
    wait_for_background_tasks()
    assert sync_account(env.store_path, env.account, env.password).error is None
    assert len(_message_ids(env, "INBOX")) == 2 and _message_ids(env, "Archive") == []
    win.close()


def test_archiving_offline_creates_the_folder_locally_and_the_sync_creates_it(  # type: ignore[no-untyped-def]
        qtbot, sync_env: SyncEnv) -> None:
    """Offline: the folder appears at once (pending) with the message in it; after a restart
    it is still there, and the next sync creates it on the server with the message."""
    env = sync_env
    win, message = _archive_without_folder(qtbot, env, 2, offline=True)
    consent = win.triage.box
    assert consent is not None
    next(b for b in consent.buttons() if b.text() == "Create and archive").click()
    qtbot.waitUntil(lambda: "created on the server at the next sync" in
                    win.triage.undo_bar.label.text(), timeout=20000)
    assert win.message_model.row_of(message) is None  # left the Inbox at once
    with Store.open(env.store_path) as store:
        folder = archive.archive_folder(store, env.account.id)
        assert folder is not None and folder_create.is_pending(folder)
        assert store.get_message(message).folder_id == folder.id  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: win.folder_model.index_of_folder(folder.id).isValid())
    shown = win.folder_model.index_of_folder(folder.id)
    assert shown.data().startswith("Archive (pending)")  # then its unread count
    assert "created on the server at the next sync" in shown.data(Qt.ItemDataRole.ToolTipRole)
    wait_for_background_tasks()
    win.close()
    again = MainWindow(env.store_path, babel_locale("en_US"))  # a restart
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.folder_model.index_of_folder(folder.id).isValid())
    assert again.folder_model.index_of_folder(folder.id).data().startswith("Archive (pending)")
    with Store.open(env.store_path) as store:  # back online
        store.update_account(env.account.id, imap_port=env.account.imap_port)
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert len(_message_ids(env, "Archive")) == 1
    with Store.open(env.store_path) as store:
        created = store.folder(folder.id)
        assert created is not None and not folder_create.is_pending(created)
        assert store.get_message(message).folder_id == folder.id  # type: ignore[union-attr]
    again.reload_folders()
    qtbot.waitUntil(lambda: "pending" not in again.folder_model.index_of_folder(folder.id).data())
    wait_for_background_tasks()
    again.close()
