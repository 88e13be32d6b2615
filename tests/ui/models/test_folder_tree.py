"""The folder tree model over the demo profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from client.store.db import Store
from ui.models.folder_tree import FOLDER_ID_ROLE, UNREAD_ROLE, FolderTreeModel
from ui.qt.plain_text import tooltip_shown


def _load(model: FolderTreeModel, db: Path) -> None:
    with Store.open(db) as store:
        accounts = store.list_accounts()
        model.load(accounts, {a.id: store.folders(a.id) for a in accounts}, store.unread_counts())


def test_model_tester_and_nesting(qtmodeltester, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = FolderTreeModel()
    _load(model, demo_db)
    qtmodeltester.check(model, force_py=True)
    account = model.item(0)
    top = [account.child(i).text() for i in range(account.rowCount())]
    assert top[0].startswith("Inbox (")
    projects = next(account.child(i) for i in range(account.rowCount())
                    if account.child(i).text() == "Projects")
    assert projects.child(0).text() == "Al Noor Hotel Dubai (1)"
    assert projects.child(0).data(UNREAD_ROLE) == 1
    assert len(model.folder_ids()) == 6


def test_unread_count_updates(demo_db: Path) -> None:
    model = FolderTreeModel()
    _load(model, demo_db)
    inbox_index = next(model.index_of_folder(f) for f in model.folder_ids()
                       if str(model.index_of_folder(f).data()).startswith("Inbox"))
    folder_id = inbox_index.data(FOLDER_ID_ROLE)
    model.set_unread(folder_id, 0)
    assert model.index_of_folder(folder_id).data() == "Inbox"


def test_tree_order_puts_subfolders_under_their_parent(demo_db: Path) -> None:
    model = FolderTreeModel()
    _load(model, demo_db)
    order = model.folder_ids_in_tree_order()
    assert sorted(order) == sorted(model.folder_ids())
    names = [tooltip_shown(model.index_of_folder(f).data(Qt.ItemDataRole.ToolTipRole))
             for f in order]
    assert names[0] == "INBOX"
    assert names.index("Projects/Al Noor Hotel Dubai") == names.index("Projects") + 1
    # shown top to bottom: each index is below the one before it in the view's order
    rows = [(model.index_of_folder(f).parent().row(), model.index_of_folder(f).row())
            for f in order]
    top_level = [r for p, r in rows if p == 0]
    assert top_level == sorted(top_level)
