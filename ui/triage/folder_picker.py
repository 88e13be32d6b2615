"""The "Move to…" / "Copy to…" folder picker: a filter field over the account's folders,
recent folders first. GUI thread only; it reads nothing itself (the caller hands it the
folders and the recent ids, both quick cache look-ups).

Typing filters as you go (case-insensitive, on the shown path and the translated role name);
Up/Down move through the list while the field keeps the focus; Enter or a double-click picks.
``chosen()`` is the picked folder id after ``accepted``. Folder names are server text: they
are shown cleaned as plain text (checklist T8).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.store.records import Folder
from ui.models.folder_tree import role_label
from ui.qt.plain_text import clean

FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


def shown_path(folder: Folder) -> str:
    """A folder as the picker lists it: the role's translated name, else its path."""
    if folder.role:
        return role_label(folder.role, folder.name)
    parts = folder.name.split(folder.delimiter) if folder.delimiter else [folder.name]
    return clean(" / ".join(parts), 300)


class FolderPicker(QDialog):
    """See the module docstring."""

    def __init__(self, folders: Sequence[Folder], recent: Sequence[int], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPicker")
        self.setWindowTitle(title)
        self._folders = list(folders)
        by_id = {f.id: f for f in self._folders}
        self._recent = [by_id[f] for f in recent if f in by_id]
        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText(self.tr("Type to filter folders"))
        self.filter_field.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.empty_label = QLabel(self.tr("No folder matches."), self)
        self.empty_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.filter_field.textChanged.connect(self._fill)
        self.filter_field.returnPressed.connect(self._accept_current)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self._chosen: int | None = None
        self.resize(420, 460)
        self._fill("")

    def chosen(self) -> int | None:
        """The folder picked (None before ``accepted``)."""
        return self._chosen

    def shown_folders(self) -> list[int]:
        """The folder ids listed now, top to bottom (recent ones first when not filtering)."""
        return [int(self.list.item(i).data(FOLDER_ROLE)) for i in range(self.list.count())
                if self.list.item(i).data(FOLDER_ROLE) is not None]

    def _fill(self, text: str) -> None:
        wanted = text.strip().casefold()
        self.list.clear()

        def matches(folder: Folder) -> bool:
            return not wanted or wanted in shown_path(folder).casefold() or \
                wanted in folder.name.casefold()

        recent = [f for f in self._recent if matches(f)]
        rest = [f for f in self._folders if matches(f) and f not in recent]
        if recent:
            self._heading(self.tr("Recent folders"))
            for folder in recent:
                self._add(folder)
            if rest:
                self._heading(self.tr("All folders"))
        for folder in rest:
            self._add(folder)
        first = next((i for i in range(self.list.count())
                      if self.list.item(i).data(FOLDER_ROLE) is not None), None)
        if first is not None:
            self.list.setCurrentRow(first)
        self.empty_label.setVisible(first is None)
        self.ok_button.setEnabled(first is not None)

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.list.addItem(item)

    def _add(self, folder: Folder) -> None:
        item = QListWidgetItem(shown_path(folder))
        item.setData(FOLDER_ROLE, folder.id)
        item.setToolTip(clean(folder.name, 300))
        self.list.addItem(item)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(FOLDER_ROLE) is None:
            return
        self._chosen = int(item.data(FOLDER_ROLE))
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Up/Down in the filter field move through the list (headings skipped)."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.list.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = self.list.currentRow() + step
            while 0 <= row < self.list.count():
                if self.list.item(row).data(FOLDER_ROLE) is not None:
                    self.list.setCurrentRow(row)
                    break
                row += step
            return
        super().keyPressEvent(event)
