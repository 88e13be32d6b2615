"""The folder tree model: accounts at the top, their folders nested by the hierarchy delimiter,
each with its unread count. A ``QStandardItemModel``; rebuilt by ``load``. Message rows dragged
from the list (``ui.models.message_list.MESSAGE_IDS_MIME``) can be dropped on a folder that
can take mail (not a local-only or \\Noselect one): ``messagesDropped(ids, folder_id, copy)``
is emitted (copy for a Copy drop, i.e. Ctrl held) and the caller files them. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from client.ops.folder_create import is_pending
from client.store.records import Account, Folder
from ui.qt.plain_text import tooltip

FOLDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
#: True for a folder messages can be moved or copied into
DROP_ROLE = Qt.ItemDataRole.UserRole + 4
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

    #: (message ids, target folder id, copy instead of move) from a drop of list rows
    messagesDropped = Signal(list, int, bool)

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
            account_item.setDragEnabled(False)
            account_item.setDropEnabled(False)
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
                item.setData(not folder.is_local and "\\NOSELECT" not in {
                    a.upper() for a in folder.attrs}, DROP_ROLE)
                item.setDragEnabled(False)
                item.setToolTip(tooltip(folder.name))  # server text (T8)
                parent.appendRow(item)
                nodes[folder.name] = item
                self._folder_items[folder.id] = item
                self._names[folder.id] = role_label(folder.role, parts[-1])
                if is_pending(folder):  # created offline: its CREATE waits for the next sync
                    self._names[folder.id] = self.tr("{0} (pending)").format(
                        self._names[folder.id])
                    item.setToolTip(self.tr("{0}: created on the server at the next sync")
                                    .format(tooltip(folder.name)))
                self.set_unread(folder.id, unread.get(folder.id, 0))

    # -- dropping message rows ---------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt name)
        from ui.models.message_list import MESSAGE_IDS_MIME

        return [MESSAGE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt name)
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        """On a folder that takes mail (not between rows), a move or copy of message rows."""
        from ui.models.message_list import MESSAGE_IDS_MIME

        return (action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)
                and row == -1 and parent.isValid() and bool(parent.data(DROP_ROLE))
                and parent.data(FOLDER_ID_ROLE) is not None
                and data.hasFormat(MESSAGE_IDS_MIME))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Emit ``messagesDropped``; the model itself changes nothing (the rows stay where
        they are for the view: a Move drop never removes anything from this model)."""
        from ui.models.message_list import ids_from_mime

        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = ids_from_mime(data)
        if not ids:
            return False
        self.messagesDropped.emit(ids, int(parent.data(FOLDER_ID_ROLE)),
                                  action == Qt.DropAction.CopyAction)
        return True

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
