"""Message rows as a drag (the list) and as a drop on folders (the tree)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt

from client.store import FolderRecord
from client.store.db import Store
from tests.ui.models.test_folder_tree import _load
from tests.ui.models.test_message_list import CountingLoader
from ui.models.folder_tree import FolderTreeModel
from ui.models.message_list import MESSAGE_IDS_MIME, MessageListModel, ids_from_mime
from ui.qt.dates import babel_locale


def test_rows_drag_as_their_ids_once_each_in_list_order() -> None:
    model = MessageListModel(CountingLoader(), babel_locale("en_US"))
    model.set_ids([50, 40, 30, 20])
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.supportedDragActions() == Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    indexes = [model.index(r, c) for r in (2, 0) for c in range(6)]
    data = model.mimeData(indexes)
    assert model.mimeTypes() == [MESSAGE_IDS_MIME]
    assert ids_from_mime(data) == [50, 30]


def test_only_well_formed_ids_are_read_from_a_drag() -> None:
    def carrying(payload: bytes) -> QMimeData:
        data = QMimeData()
        data.setData(MESSAGE_IDS_MIME, payload)
        return data

    assert ids_from_mime(carrying(b'{"ids": [3, 3, 4]}')) == [3, 4]
    for bad in (b"", b"[1, 2]", b'{"ids": [0]}', b'{"ids": [true]}', b'{"ids": ["5"]}',
                b'{"ids": [1.5]}', b"\xff\xfe", b'{"ids": 7}'):
        assert ids_from_mime(carrying(bad)) == [], bad
    other = QMimeData()
    other.setText('{"ids": [1]}')
    assert ids_from_mime(other) == []


def test_folders_take_drops_local_and_noselect_ones_do_not(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        local = store.recovered_folder(1)
        parent = store.upsert_folder(1, FolderRecord("Parent", "/", None,
                                                     attrs=("\\Noselect",)))
    model = FolderTreeModel()
    _load(model, demo_db)
    data = QMimeData()
    data.setData(MESSAGE_IDS_MIME, b'{"ids": [1, 2]}')
    move = Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, move, -1, -1, model.index_of_folder(4))
    assert not model.canDropMimeData(data, move, -1, -1, model.index_of_folder(local.id))
    assert not model.canDropMimeData(data, move, -1, -1, model.index_of_folder(parent.id))
    dropped: list[tuple[list[int], int, bool]] = []
    model.messagesDropped.connect(lambda ids, folder, copy: dropped.append((ids, folder, copy)))
    assert model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, model.index_of_folder(4))
    assert not model.dropMimeData(data, move, -1, -1, model.index_of_folder(local.id))
    assert dropped == [([1, 2], 4, True)]
