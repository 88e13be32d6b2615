"""The local half of offline operations: immediate local change + durable queued op."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.ops import queue
from client.store import Folder, FolderRecord, Store
from tests.client.store.factories import incoming, make_raw


@pytest.fixture
def folders(store: Store, account_id: int) -> dict[str, Folder]:
    made = {}
    for name, role in (("INBOX", "inbox"), ("Archive", "archive"), ("Trash", "trash")):
        made[name] = store.upsert_folder(account_id, FolderRecord(name, role=role))
        store.save_folder_state(made[name].id, uidvalidity=100)
    return made


@pytest.fixture
def ids(store: Store, folders: dict[str, Folder]) -> list[int]:
    inbox = folders["INBOX"].id
    store.insert_messages(inbox, [incoming(u, make_raw(u)) for u in (1, 2, 3)], 3)
    store.index_pending()
    return sorted(store.message_ids(inbox))


def _row(store: Store, row_id: int):  # type: ignore[no-untyped-def]
    row = store.get_message(row_id)
    assert row is not None
    return row


def test_mark_changes_row_and_queues_op(store: Store, account_id: int, ids: list[int]) -> None:
    assert queue.mark(store, ids[:2], seen=True) == ids[:2]
    assert _row(store, ids[0]).seen and "\\Seen" in _row(store, ids[0]).flags
    ops = queue.pending(store, account_id)
    assert [(o.kind, o.message_row, o.uid, o.payload["set"]) for o in ops] == [
        ("flags", ids[0], 1, {"seen": True}), ("flags", ids[1], 2, {"seen": True})]
    assert ops[0].message_id == "msg1@supplier.example" and ops[0].payload["uidvalidity"] == 100
    assert queue.mark(store, ids[:1], seen=True) == []  # already read: nothing new
    assert len(queue.pending(store, account_id)) == 2


def test_opposite_marks_cancel(store: Store, account_id: int, ids: list[int]) -> None:
    queue.mark(store, [ids[0]], seen=True, flagged=True)
    queue.mark(store, [ids[0]], seen=False)
    ops = queue.pending(store, account_id)
    assert len(ops) == 1 and ops[0].payload["set"] == {"flagged": True}
    queue.mark(store, [ids[0]], flagged=False)
    assert queue.pending(store, account_id) == []
    row = _row(store, ids[0])
    assert not row.seen and not row.flagged


def test_queued_flags_survive_server_flag_refresh(
    store: Store, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.mark(store, [ids[0]], flagged=True)
    store.update_flags(folders["INBOX"].id, {1: ((), 5)})  # server has not seen our change yet
    assert _row(store, ids[0]).flagged
    store.insert_messages(folders["INBOX"].id, [incoming(1, make_raw(1), (), 6)], 3)
    assert _row(store, ids[0]).flagged


def test_move_makes_local_copy_and_hides_source_uid(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    inbox, archive = folders["INBOX"].id, folders["Archive"].id
    assert queue.move(store, [ids[0]], archive) == [ids[0]]
    row = _row(store, ids[0])
    assert row.folder_id == archive and row.uid is None
    (op,) = queue.pending(store, account_id)
    assert (op.kind, op.folder_id, op.uid, op.target_folder_id) == ("move", inbox, 1, archive)
    assert 1 in store.folder_uids(inbox)  # known to the sync, so not refetched
    result = store.insert_messages(inbox, [incoming(1, make_raw(1))], 3)
    assert result.added == ()
    assert len(store.message_ids(inbox)) == 2


def test_move_back_cancels_and_restores_uid(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.move(store, [ids[0]], folders["Archive"].id)
    queue.move(store, [ids[0]], folders["Trash"].id)
    (op,) = queue.pending(store, account_id)
    assert op.target_folder_id == folders["Trash"].id and op.uid == 1
    queue.move(store, [ids[0]], folders["INBOX"].id)
    assert queue.pending(store, account_id) == []
    row = _row(store, ids[0])
    assert row.folder_id == folders["INBOX"].id and row.uid == 1


def test_complete_move_sets_new_uid(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.move(store, [ids[0]], folders["Archive"].id)
    (op,) = queue.pending(store, account_id)
    assert queue.begin(store, op.id) is not None
    queue.move(store, [ids[0]], folders["INBOX"].id)  # running op: not cancelled locally
    assert [o.kind for o in queue.pending(store, account_id)] == ["move", "move"]
    queue.complete(store, op.id, new_uid=77)
    row = _row(store, ids[0])
    assert row.folder_id == folders["INBOX"].id  # second move still queued
    ops = queue.pending(store, account_id)
    assert len(ops) == 1 and ops[0].folder_id == folders["Archive"].id
    assert ops[0].uid == 77  # the queued second move learnt where the message now is
    assert 77 in store.folder_uids(folders["Archive"].id)  # hidden there until it runs
    queue.complete(store, op.id)  # idempotent
    assert len(queue.pending(store, account_id)) == 1


def test_move_completed_without_uid_is_adopted_by_next_sync(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    archive = folders["Archive"].id
    queue.move(store, [ids[0]], archive)
    (op,) = queue.pending(store, account_id)
    queue.complete(store, op.id)  # server without UIDPLUS
    result = store.insert_messages(archive, [incoming(9, make_raw(1))], 9)
    assert result.added == (ids[0],)
    assert _row(store, ids[0]).uid == 9
    assert len(store.message_ids(archive)) == 1


def test_copy_and_delete_of_unsent_copy_cancels(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    (copy_id,) = queue.copy(store, [ids[0]], folders["Archive"].id)
    copied = _row(store, copy_id)
    assert copied.uid is None and copied.thread_id == _row(store, ids[0]).thread_id
    assert store.get_raw(copy_id) == store.get_raw(ids[0])
    assert {r.id for r in store.search("quotation")} >= {ids[0], copy_id}
    queue.mark(store, [copy_id], flagged=True)
    assert [o.kind for o in queue.pending(store, account_id)] == ["copy", "flags"]
    queue.delete(store, [copy_id])
    assert queue.pending(store, account_id) == []
    assert store.get_message(copy_id) is None
    assert _row(store, ids[0]).folder_id == folders["INBOX"].id


def test_delete_moves_to_trash_or_flags_deleted(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    trash = folders["Trash"].id
    queue.delete(store, [ids[0]])
    row = _row(store, ids[0])
    assert row.folder_id == trash and row.uid is None
    (op,) = queue.pending(store, account_id)
    assert op.kind == "move" and op.payload["reason"] == "delete"
    queue.complete(store, op.id, new_uid=5)
    queue.delete(store, [ids[0]])  # already in Trash: \Deleted + expunge
    row = _row(store, ids[0])
    assert row.deleted and "\\Deleted" in row.flags and row.folder_id == trash
    (op,) = queue.pending(store, account_id)
    assert (op.kind, op.folder_id, op.uid) == ("delete", trash, 5)
    assert ids[0] not in store.message_ids(trash)
    queue.complete(store, op.id)
    assert store.get_message(ids[0]) is None


def test_delete_without_trash_flags_deleted(store: Store, account_id: int) -> None:
    folder = store.upsert_folder(account_id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(folder.id, [incoming(1, make_raw(1))], 1)
    (row_id,) = store.message_ids(folder.id)
    queue.delete(store, [row_id])
    (op,) = queue.pending(store, account_id)
    assert op.kind == "delete" and _row(store, row_id).deleted
    assert store.unread_counts()[folder.id] == 0


def test_permanent_failure_undoes_and_records_reason(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.mark(store, [ids[1]], seen=True)
    queue.move(store, [ids[0]], folders["Archive"].id)
    queue.delete(store, [ids[2]])
    flags_op, move_op, trash_op = queue.pending(store, account_id)
    queue.fail(store, flags_op.id, "timeout", permanent=False)
    again = queue.get_op(store, flags_op.id)
    assert again is not None and again.state == "pending" and again.last_error == "timeout"
    queue.fail(store, flags_op.id, "The server refused to change flags.", permanent=True)
    queue.fail(store, move_op.id, "The folder Archive no longer exists.", permanent=True)
    queue.drop(store, trash_op.id, "The message was deleted on the server meanwhile.")
    assert not _row(store, ids[1]).seen
    for row_id, uid in ((ids[0], 1), (ids[2], 3)):
        row = _row(store, row_id)
        assert row.folder_id == folders["INBOX"].id and row.uid == uid
    assert queue.pending(store, account_id) == []
    reasons = {o.id: (o.state, o.last_error) for o in queue.failures(store, account_id)}
    assert reasons[trash_op.id][0] == "dropped"
    assert "deleted on the server" in str(reasons[trash_op.id][1])
    assert reasons[move_op.id] == ("failed", "The folder Archive no longer exists.")
    assert reasons[flags_op.id] == ("failed", "The server refused to change flags.")
    queue.dismiss_failures(store, account_id)
    assert queue.failures(store, account_id) == []


def test_ops_survive_reopen_in_order(
    db_path: Path, store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.mark(store, [ids[2]], flagged=True)
    queue.move(store, [ids[0]], folders["Archive"].id)
    queue.mark(store, [ids[1]], seen=True)
    expected = [(o.kind, o.message_row) for o in queue.pending(store, account_id)]
    store.close()
    with Store.open(db_path) as reopened:
        assert [(o.kind, o.message_row) for o in queue.pending(reopened, account_id)] == expected
        assert expected == [("flags", ids[2]), ("move", ids[0]), ("flags", ids[1])]
        assert _row(reopened, ids[0]).folder_id == folders["Archive"].id


def test_move_to_foreign_or_unknown_folder(
    store: Store, folders: dict[str, Folder], ids: list[int]
) -> None:
    other = store.add_account("other@tradewind.example")
    foreign = store.upsert_folder(other.id, FolderRecord("INBOX"))
    assert queue.move(store, [ids[0]], foreign.id) == []
    with pytest.raises(ValueError, match="no folder"):
        queue.move(store, [ids[0]], 424242)
    assert queue.mark(store, [999999], seen=True) == []


def test_uidvalidity_change_keeps_queued_ops(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    inbox = folders["INBOX"].id
    queue.move(store, [ids[0]], folders["Archive"].id)
    store.clear_folder(inbox)
    store.save_folder_state(inbox, uidvalidity=200)
    (op,) = queue.pending(store, account_id)
    assert op.payload["uidvalidity"] == 100 and op.message_id == "msg1@supplier.example"
    # UID 1 under the new UIDVALIDITY is a different message: it must be stored
    result = store.insert_messages(inbox, [incoming(1, make_raw(8, message_id="new@x"))], 1)
    assert len(result.added) == 1
    queue.fail(store, op.id, "gone", permanent=True)
    assert _row(store, ids[0]).uid is None  # the old UID is void now


def test_add_keyword_answered_and_forwarded(store: Store, account_id: int, ids: list[int]) -> None:
    assert queue.add_keyword(store, [ids[0]], "\\Answered") == [ids[0]]
    assert queue.add_keyword(store, [ids[0]], "$Forwarded") == [ids[0]]
    row = _row(store, ids[0])
    assert row.answered and "$Forwarded" in row.flags
    (op,) = queue.pending(store, account_id)  # merged into one flags op
    assert op.payload["set"] == {"answered": True, "$Forwarded": True}
    assert queue.add_keyword(store, [ids[0]], "$forwarded") == []  # keywords ignore case
    queue.remove_keyword(store, [ids[0]], "$Forwarded")
    (op,) = queue.pending(store, account_id)
    assert op.payload["set"] == {"answered": True}
    for bad in ("", "a b", "\\Recent", "\\Bogus", "\\Deleted", "seen", "x\r\nBcc: y"):
        with pytest.raises(ValueError):
            queue.add_keyword(store, [ids[0]], bad)


def test_keyword_survives_flag_refresh_until_replayed(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    queue.add_keyword(store, [ids[0]], "$Forwarded")
    store.update_flags(folders["INBOX"].id, {1: (("\\Seen",), 9)})
    assert _row(store, ids[0]).flags == ("$Forwarded", "\\Seen")
    (op,) = queue.pending(store, account_id)
    queue.complete(store, op.id)
    store.update_flags(folders["INBOX"].id, {1: (("\\Seen",), 10)})
    assert _row(store, ids[0]).flags == ("\\Seen",)  # server wins once nothing is queued


def test_nothing_can_be_moved_or_copied_into_a_local_only_folder(
    store: Store, account_id: int, ids: list[int]
) -> None:
    recovered = store.recovered_folder(account_id)
    for action in (queue.move, queue.copy):
        with pytest.raises(ValueError, match="exists only on this computer"):
            action(store, [ids[0]], recovered.id)
    assert queue.pending(store, account_id) == []
    assert _row(store, ids[0]).folder_id != recovered.id


def test_ops_of_deleted_folders_end_newest_first_with_their_local_change_undone(
    store: Store, account_id: int, folders: dict[str, Folder], ids: list[int]
) -> None:
    gone = store.upsert_folder(account_id, FolderRecord("Samples"))
    queue.move(store, [ids[0]], gone.id)  # into the deleted folder ...
    queue.mark(store, [ids[0]], flagged=True)  # ... then flagged there
    [copy_row] = queue.copy(store, [ids[1]], gone.id)
    queue.mark(store, [ids[2]], seen=True)  # an op elsewhere stays
    notes = queue.end_ops_of_folders(store, [gone])
    assert len(notes) == 3 and all("“Samples” was deleted on the server" in n for n in notes)
    assert "stays in “INBOX”" in notes[0]
    back = _row(store, ids[0])
    assert (back.folder_id, back.uid, back.flagged) == (folders["INBOX"].id, 1, False)
    assert store.get_message(copy_row) is None and _row(store, ids[1]).uid == 2
    [left] = queue.pending(store, account_id)
    assert left.message_row == ids[2]
    assert sorted(op.state for op in queue.failures(store, account_id)) == ["dropped"] * 3
    assert queue.end_ops_of_folders(store, [gone]) == []  # idempotent


def test_notes_of_deleted_folders_carry_no_control_characters(
    store: Store, account_id: int, folders: dict[str, Folder]
) -> None:
    inbox = folders["INBOX"].id
    store.insert_messages(inbox, [incoming(9, make_raw(9, subject="Offer\u202e fdp.exe"))], 9)
    [row] = store.message_ids(inbox)
    gone = store.upsert_folder(account_id, FolderRecord("Old\u2067 \x1b[31mred"))
    queue.move(store, [row], gone.id)
    [note] = queue.end_ops_of_folders(store, [gone])
    assert not [ch for ch in note if not ch.isprintable()]
    assert "“Old [31mred” was deleted on the server" in note and "Offer fdp.exe" in note
