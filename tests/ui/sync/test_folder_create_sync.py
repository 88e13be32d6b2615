"""Folders created offline, through the app's own sync driver against the real Dovecot: the
tree drops "(pending)" once the sync created the folder; a CREATE the server refuses is told in
a box and the messages are back in the Inbox, the folder gone from the tree."""

from __future__ import annotations

from pathlib import Path

from client.ops import folder_create, undo
from client.profile.paths import DATABASE_NAME
from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import make_message
from tests.servers.dovecot import DovecotServer, MailUser
from tests.ui.sync.test_sync_driver import WAIT_MS, add_account


def _offline_session(profile: Path, dovecot: DovecotServer, user: MailUser,
                     name: str) -> tuple[int, int, int]:
    """A synced Inbox of two, then (as if offline) ``name`` created and one message filed
    there: (the folder, the filed message, the Inbox)."""
    for n in (1, 2):
        dovecot.deliver(user, make_message(n, subject=f"Offer {n}"))
    account = add_account(profile, dovecot, user)
    db = profile / DATABASE_NAME
    assert sync_account(db, account, user.password).error is None
    with Store.open(db) as store:
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        filed = store.message_ids(inbox.id)[0]
        folder = folder_create.queue_create(store, account.id, name)
        undo.move(store, [filed], folder.id)
    return folder.id, filed, inbox.id


def test_the_tree_shows_the_folder_created_by_the_sync(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    folder, filed, _inbox = _offline_session(profile_dir, dovecot, imap_user, "Filed 2027")
    app = open_app(idle_seconds=3600)
    tree = app.window.folder_model
    synced: list[object] = []
    app.driver.accountSynced.connect(lambda _id, report: synced.append(report))
    qtbot.waitUntil(lambda: bool(synced), timeout=WAIT_MS)
    assert "Filed 2027" in synced[0].created_folders  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tree.index_of_folder(folder).isValid()
                    and tree.index_of_folder(folder).data().startswith("Filed 2027")
                    and "pending" not in tree.index_of_folder(folder).data(), timeout=WAIT_MS)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        row = store.get_message(filed)
        assert row is not None and row.folder_id == folder and row.uid is not None
    assert app.controls.notes_box is None


def test_a_refused_folder_is_told_and_the_mail_is_back(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    folder, filed, inbox = _offline_session(profile_dir, dovecot, imap_user, "~Refused")
    app = open_app(idle_seconds=3600)
    qtbot.waitUntil(lambda: app.controls.notes_box is not None, timeout=WAIT_MS)
    box = app.controls.notes_box
    assert box.isVisible() and "nothing is lost" in box.text()
    assert "refused to create the folder “~Refused”" in box.informativeText()
    qtbot.waitUntil(lambda: not app.window.folder_model.index_of_folder(folder).isValid(),
                    timeout=WAIT_MS)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        row = store.get_message(filed)
        assert row is not None and row.folder_id == inbox
    qtbot.waitUntil(lambda: app.window.message_model.row_of(filed) is not None, timeout=WAIT_MS)
    box.close()
