"""The Outbox view: each queued message with its state in words, the reason of a failure, and
for messages whose files upload as links a progress bar (MB done of total); Send now, Edit
(back to a draft) and Cancel act on the selected one.

`OutboxView` (object name `outboxView`) only shows rows (`show_rows(list[OutboxRow])`) and
says what the rep asked for (`sendNowRequested`, `editRequested`, `cancelRequested` with the
message id); the controller runs the jobs. GUI thread only; no I/O.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.outbox.jobs import OutboxRow
from ui.qt.plain_text import clean

ID_ROLE = Qt.ItemDataRole.UserRole
MB = 1024 * 1024
COL_TO, COL_SUBJECT, COL_STATE, COL_DETAILS = range(4)
_ACTIVE = ("queued", "failed", "uncertain", "uploading")


class OutboxView(QWidget):
    """See the module."""

    sendNowRequested = Signal(int)
    editRequested = Signal(int)
    cancelRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self.title = QLabel(self.tr("Outbox"), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("To"), self.tr("Subject"), self.tr("State"),
                                   self.tr("Progress or reason")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("The outbox is empty: every message was sent."), self)
        self.send_button = QPushButton(self.tr("Send now"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.cancel_button = QPushButton(self.tr("Cancel sending"), self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.send_button, self.edit_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.send_button.clicked.connect(lambda: self._ask(self.sendNowRequested))
        self.edit_button.clicked.connect(lambda: self._ask(self.editRequested))
        self.cancel_button.clicked.connect(lambda: self._ask(self.cancelRequested))
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.rows: list[OutboxRow] = []
        self.show_rows([])

    def state_text(self, row: OutboxRow) -> str:
        words = {"uploading": self.tr("Uploading its files"), "queued": self.tr("Waiting"),
                 "sending": self.tr("Sending"), "sent": self.tr("Sent, not yet in Sent"),
                 "uncertain": self.tr("May have been sent"), "failed": self.tr("Failed")}
        return words.get(row.state, row.state)

    def show_rows(self, rows: list[OutboxRow]) -> None:
        """Show these messages, keeping the selected one selected."""
        selected = self.selected_id()
        self.rows = list(rows)
        self.tree.clear()
        for row in rows:
            item = QTreeWidgetItem([clean(row.to), clean(row.subject), self.state_text(row), ""])
            item.setData(COL_TO, ID_ROLE, row.id)
            if row.reason:
                item.setText(COL_DETAILS, clean(row.reason))
                item.setToolTip(COL_DETAILS, clean(row.reason))
            self.tree.addTopLevelItem(item)
            if row.state == "uploading" and row.total and not row.reason:
                bar = QProgressBar(self.tree)
                bar.setRange(0, 100)
                bar.setValue(min(100, row.done * 100 // row.total))
                bar.setFormat(self.tr("{0:.1f} of {1:.1f} MB").format(row.done / MB,
                                                                      row.total / MB))
                self.tree.setItemWidget(item, COL_DETAILS, bar)
            if row.id == selected:
                self.tree.setCurrentItem(item)
        for column in (COL_TO, COL_SUBJECT):
            self.tree.resizeColumnToContents(column)
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(COL_TO, ID_ROLE)) if item is not None else None

    def selected_row(self) -> OutboxRow | None:
        wanted = self.selected_id()
        return next((r for r in self.rows if r.id == wanted), None)

    def select(self, item_id: int) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(COL_TO, ID_ROLE) == item_id:
                self.tree.setCurrentItem(item)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        active = row is not None and row.state in _ACTIVE
        for button in (self.send_button, self.edit_button, self.cancel_button):
            button.setEnabled(active)

    def _ask(self, signal: SignalInstance) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            signal.emit(item_id)
