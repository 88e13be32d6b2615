"""The folder tree model: accounts at the top, their folders nested by the hierarchy delimiter,
each with its unread count. A ``QStandardItemModel``; rebuilt by ``load``. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from client.store.records import Account, Folder
from ui.qt.plain_text import tooltip

FOLDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
_ROLE_ORDER = {"inbox": 0, "drafts": 1, "sent": 2, "archive": 3, "junk": 4, "trash": 5}


def role_label(role: str | None, name: str) -> str:
    """The translated name of a special folder, or the last part of ``name``."""
    labels = {
        "inbox": QCoreApplication.translate("FolderTree", "Inbox"),
        "sent": QCoreApplication.translate("FolderTree", "Sent"),
        "drafts": QCoreApplication.translate("FolderTree", "Drafts"),
        "archive": QCoreApplication.translate("FolderTree", "Archive"),
        "junk": QCoreApplication.translate("FolderTree", "Junk"),
        "trash": QCoreApplication.translate("FolderTree", "Trash"),
    }
    return labels.get(role or "", name)


class FolderTreeModel(QStandardItemModel):
    """Items carry ``FOLDER_ID_ROLE`` (folders) or ``ACCOUNT_ID_ROLE`` (accounts)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._folder_items: dict[int, QStandardItem] = {}
        self._names: dict[int, str] = {}

    def load(
        self,
        accounts: Sequence[Account],
        folders: Mapping[int, Sequence[Folder]],
        unread: Mapping[int, int],
    ) -> None:
        """Rebuild from ``accounts``, their ``folders`` and ``{folder_id: unread}``."""
        self.clear()
        self._folder_items.clear()
        bold = QFont()
        bold.setBold(True)
        for account in accounts:
            account_item = QStandardItem(account.display_name or account.email)
            account_item.setToolTip(tooltip(account.email))
            account_item.setData(account.id, ACCOUNT_ID_ROLE)
            account_item.setFont(bold)
            account_item.setEditable(False)
            self.appendRow(account_item)
            nodes: dict[str, QStandardItem] = {}
            ordered = sorted(
                folders.get(account.id, ()),
                key=lambda f: (_ROLE_ORDER.get(f.role or "", 9), f.name.casefold()),
            )
            for folder in ordered:
                delimiter = folder.delimiter or ""
                parts = folder.name.split(delimiter) if delimiter else [folder.name]
                parent = account_item
                if folder.role is None and len(parts) > 1:
                    parent = nodes.get(delimiter.join(parts[:-1]), account_item)
                item = QStandardItem()
                item.setEditable(False)
                item.setData(folder.id, FOLDER_ID_ROLE)
                item.setData(account.id, ACCOUNT_ID_ROLE)
                item.setToolTip(tooltip(folder.name))  # server text (T8)
                parent.appendRow(item)
                nodes[folder.name] = item
                self._folder_items[folder.id] = item
                self._names[folder.id] = role_label(folder.role, parts[-1])
                self.set_unread(folder.id, unread.get(folder.id, 0))

    def set_unread(self, folder_id: int, count: int) -> None:
        """Show ``count`` unread messages for the folder (bold with a count when > 0)."""
        item = self._folder_items.get(folder_id)
        if item is None:
            return
        name = self._names.get(folder_id, "")
        item.setText(f"{name} ({count})" if count else name)
        item.setData(count, UNREAD_ROLE)
        font = QFont()
        font.setBold(count > 0)
        item.setFont(font)

    def index_of_folder(self, folder_id: int):  # type: ignore[no-untyped-def]
        """The model index of a folder (invalid if unknown)."""
        item = self._folder_items.get(folder_id)
        return item.index() if item is not None else self.index(-1, -1)

    def folder_ids(self) -> list[int]:
        """Every folder id shown."""
        return list(self._folder_items)

    def folder_ids_in_tree_order(self) -> list[int]:
        """Every folder id as the tree shows it top to bottom (accounts in order, each folder
        before its subfolders): the order "next unread" moves through folders."""
        ordered: list[int] = []

        def walk(item: QStandardItem) -> None:
            for row in range(item.rowCount()):
                child = item.child(row)
                folder_id = child.data(FOLDER_ID_ROLE)
                if folder_id is not None:
                    ordered.append(int(folder_id))
                walk(child)

        walk(self.invisibleRootItem())
        return ordered
