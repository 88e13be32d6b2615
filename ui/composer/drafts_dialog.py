"""File → Local drafts…: every draft saved on this computer, also those not yet on the server.

``LocalDraftsDialog(db_path, locale, parent)`` lists ``jobs.local_drafts`` (loaded in the
background; ``loaded`` is emitted then), newest first, with subject, recipients, when it was
saved (babel, UI locale) and whether the server has it yet. Double-click, Enter or Open emits
``openRequested(draft_id)`` and closes the dialog. GUI thread only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.compose.drafts import SavedDraft
from ui.composer import jobs
from ui.qt.plain_text import tooltip
from ui.qt.tasks import run_in_background

_DRAFT_ID_ROLE = Qt.ItemDataRole.UserRole


class LocalDraftsDialog(QDialog):
    """See module docstring."""

    openRequested = Signal(int)  #: the rep chose this draft (its id)
    loaded = Signal()  #: the list is filled

    def __init__(self, db_path: Path, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.babel_locale = locale
        self.setWindowTitle(self.tr("Local drafts"))
        self.resize(760, 420)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Subject"), self.tr("To"), self.tr("Saved"),
                                    self.tr("Server copy")])
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 190)
        self.table.itemActivated.connect(lambda _item, _col: self.open_current())
        self.message_label = QLabel(self.tr("Loading…"), self)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(self.tr("Open"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        buttons.accepted.connect(self.open_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        run_in_background(lambda: jobs.local_drafts(db_path), self._show, self._failed,
                          owner=self)

    def _show(self, drafts: list[tuple[SavedDraft, str]]) -> None:
        self.table.clear()
        for draft, account in drafts:
            fields = draft.fields
            saved = format_datetime(datetime.fromtimestamp(draft.updated).astimezone(),
                                    format="short", locale=self.babel_locale)
            where = (self.tr("Saved to the server") if draft.server_state == "saved"
                     else self.tr("Only on this computer"))
            item = QTreeWidgetItem([fields.subject.strip() or self.tr("(no subject)"),
                                    fields.to, saved, where])
            item.setToolTip(0, tooltip(account))
            item.setData(0, _DRAFT_ID_ROLE, draft.id)
            self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(2)
        if drafts:
            self.message_label.setText(self.tr("Double-click a draft to continue writing it."))
            first = self.table.topLevelItem(0)
            if first is not None:
                self.table.setCurrentItem(first)
        else:
            self.message_label.setText(self.tr("There are no drafts on this computer."))
        self.open_button.setEnabled(bool(drafts))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message_label.setText(self.tr("The drafts could not be read: {0}").format(exc))

    def draft_ids(self) -> list[int]:
        """The listed drafts' ids, in list order."""
        items = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [int(item.data(0, _DRAFT_ID_ROLE)) for item in items if item is not None]

    def open_current(self) -> None:
        """Open the selected draft (in a composer, through ``openRequested``) and close."""
        item = self.table.currentItem()
        if item is None:
            return
        self.openRequested.emit(int(item.data(0, _DRAFT_ID_ROLE)))
        self.accept()
