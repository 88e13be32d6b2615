"""The undo history (client.ops.undo) on the cache alone: each kind of action is undone
locally while its op still waits (nothing left for the server), and the history survives a
restart (a new Store on the same file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.ops import queue, undo
from client.store import Folder, FolderRecord, Store
from tests.client.store.factories import incoming, make_raw


@pytest.fixture
def folders(store: Store, account_id: int) -> dict[str, Folder]:
    made = {}
    for name, role in (("INBOX", "inbox"), ("Archive", "archive"), ("Trash", "trash"),
                       ("Customers", None)):
        made[name] = store.upsert_folder(account_id, FolderRecord(name, role=role))
        store.save_folder_state(made[name].id, uidvalidity=100)
    return made


@pytest.fixture
def ids(store: Store, folders: dict[str, Folder]) -> list[int]:
    inbox = folders["INBOX"].id
    store.insert_messages(inbox, [incoming(u, make_raw(u)) for u in (1, 2, 3)], 3)
    return sorted(store.message_ids(inbox))


def _place(store: Store, row_id: int) -> tuple[int, int | None, bool]:
    row = store.get_message(row_id)
    assert row is not None
    return row.folder_id, row.uid, row.deleted


def test_a_queued_move_is_undone_locally_and_leaves_nothing_for_the_server(
        store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]) -> None:
    done = undo.move(store, ids[:2], folders["Customers"].id)
    assert done.changed == ids[:2] and done.entry_id is not None
    assert _place(store, ids[0])[:2] == (folders["Customers"].id, None)
    result = undo.undo_last(store)
    assert result is not None and result.entry.kind == "move"
    assert sorted(result.restored) == ids[:2] and result.notes == []
    assert _place(store, ids[0]) == (folders["INBOX"].id, 1, False)  # its UID back
    assert _place(store, ids[1]) == (folders["INBOX"].id, 2, False)
    assert queue.pending(store, account_id) == []
    assert undo.undo_last(store) is None  # each action is undone once


def test_undo_walks_back_one_action_at_a_time_newest_first(
        store: Store, folders: dict[str, Folder], ids: list[int]) -> None:
    undo.archive(store, [ids[0]], folders["Archive"].id)
    undo.mark(store, [ids[1]], flagged=True)
    first = undo.undo_last(store)
    assert first is not None and first.entry.kind == "flags"
    assert not store.get_message(ids[1]).flagged  # type: ignore[union-attr]
    assert _place(store, ids[0])[0] == folders["Archive"].id  # not yet
    second = undo.undo_last(store)
    assert second is not None and second.entry.kind == "archive"
    assert _place(store, ids[0])[0] == folders["INBOX"].id


def test_delete_to_trash_and_its_undo(store: Store, account_id: int,
                                      folders: dict[str, Folder], ids: list[int]) -> None:
    done = undo.delete(store, [ids[0]])
    assert (done.kind, done.to_trash, done.for_good) == ("delete", 1, 0)
    assert _place(store, ids[0])[0] == folders["Trash"].id
    undo.undo_last(store)
    assert _place(store, ids[0]) == (folders["INBOX"].id, 1, False)
    assert queue.pending(store, account_id) == []


def test_delete_for_good_is_undone_while_its_op_waits(
        store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]) -> None:
    done = undo.delete(store, [ids[0]], for_good=True)
    assert (done.kind, done.to_trash, done.for_good) == ("purge", 0, 1)
    assert _place(store, ids[0]) == (folders["INBOX"].id, 1, True)  # hidden, not in Trash
    assert [op.kind for op in queue.pending(store, account_id)] == ["delete"]
    result = undo.undo_last(store)
    assert result is not None and result.restored == [ids[0]]
    assert _place(store, ids[0]) == (folders["INBOX"].id, 1, False)
    assert queue.pending(store, account_id) == []


def test_delete_in_trash_is_for_good_and_once_replayed_cannot_be_undone(
        store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]) -> None:
    trash = folders["Trash"].id
    store.insert_messages(trash, [incoming(7, make_raw(7))], 7)
    [in_trash] = store.message_ids(trash)
    done = undo.delete(store, [in_trash])
    assert done.kind == "purge"
    [op] = queue.pending(store, account_id)
    queue.begin(store, op.id)
    queue.complete(store, op.id)  # the server expunged it
    result = undo.undo_last(store)
    assert result is not None and result.restored == []
    assert "already removed from the server" in result.notes[0]


def test_a_queued_copy_is_undone_by_dropping_the_copy_and_its_op(
        store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]) -> None:
    done = undo.copy(store, [ids[0]], folders["Customers"].id)
    [copy_row] = done.changed
    assert store.get_message(copy_row) is not None
    undo.undo_last(store)
    assert store.get_message(copy_row) is None
    assert queue.pending(store, account_id) == []
    assert _place(store, ids[0]) == (folders["INBOX"].id, 1, False)


def test_read_and_flag_changes_are_undone_to_their_old_values(
        store: Store, account_id: int, ids: list[int]) -> None:
    queue.mark(store, [ids[1]], flagged=True)  # before the action: stays
    done = undo.mark(store, ids, seen=True, flagged=True)
    assert done.changed == ids
    undo.undo_last(store)
    rows = {r.id: r for r in store.rows_by_ids(ids)}
    assert [rows[i].seen for i in ids] == [False, False, False]
    assert [rows[i].flagged for i in ids] == [False, True, False]
    assert [op.payload["set"] for op in queue.pending(store, account_id)] == [{"flagged": True}]


def test_the_history_survives_a_restart(db_path: Path, store: Store,
                                        folders: dict[str, Folder], ids: list[int]) -> None:
    undo.move(store, [ids[2]], folders["Archive"].id)
    store.close()
    with Store.open(db_path) as again:  # the app or the CLI, started anew
        entry = undo.last_undoable(again)
        assert entry is not None and entry.kind == "move" and len(entry.items) == 1
        assert undo.undo_last(again) is not None
        assert _place(again, ids[2])[0] == folders["INBOX"].id
        assert [e.undone is not None for e in undo.history(again)] == [True]


def test_a_message_moved_on_since_is_named_not_moved_back(
        store: Store, folders: dict[str, Folder], ids: list[int]) -> None:
    undo.move(store, [ids[0]], folders["Archive"].id)
    queue.move(store, [ids[0]], folders["Customers"].id)  # by another route (no history)
    result = undo.undo_last(store)
    assert result is not None and result.restored == []
    assert "moved or deleted since" in result.notes[0]
    assert _place(store, ids[0])[0] == folders["Customers"].id


def test_nothing_changed_records_nothing(store: Store, folders: dict[str, Folder],
                                         ids: list[int]) -> None:
    assert undo.move(store, ids, folders["INBOX"].id).entry_id is None
    assert undo.mark(store, ids, seen=False).entry_id is None
    assert undo.last_undoable(store) is None


def test_the_history_keeps_the_newest_actions(store: Store, ids: list[int],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undo, "KEEP", 3)
    for n in range(5):
        undo.mark(store, [ids[0]], flagged=n % 2 == 0)
    assert len(undo.history(store)) == 3


def test_a_replayed_move_whose_row_the_sync_replaced_is_found_by_message_id(
        store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]) -> None:
    archive = folders["Archive"].id
    undo.move(store, [ids[0]], archive)
    [op] = queue.pending(store, account_id)
    queue.begin(store, op.id)
    # the sync fetched the moved message in Archive (UID 9) before the replay recorded it
    store.insert_messages(archive, [incoming(9, make_raw(1))], 9)
    queue.complete(store, op.id, 9)
    assert store.get_message(ids[0]) is None  # the server's row stays, the local one went
    [server_row] = store.message_ids(archive)
    result = undo.undo_last(store)
    assert result is not None and result.restored == [server_row]
    [back] = queue.pending(store, account_id)
    assert (back.kind, back.folder_id, back.uid, back.target_folder_id) == (
        "move", archive, 9, folders["INBOX"].id)
