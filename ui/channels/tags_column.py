"""The Tags column of the message list (`MessageListModel.COL_TAGS`): a message's channel
tags ("alibaba, fair-canton-2026"). View → "Tags column" (checkable) and the list's column
chooser show it; it starts hidden so a narrow list (150 % on a small screen) keeps room for
the Subject, and the chooser remembers it per folder (`ui.everyday.list_fit`).

`TagsColumn(window)`: the tag map (every tagged row; inquiries are few) loads on the thread
pool after each list reload and after the rule editor changed tags; the model reads it from
the GUI thread. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from client.store.records import MessageRow
from ui.channels import jobs
from ui.models.message_list import COL_TAGS
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class TagsColumn(QObject):
    """See the module."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.texts: dict[int, str] = {}
        self.loads = 0  # finished loads (tests wait on it)
        window.message_model.tags = self.text
        header = window.message_view.horizontalHeader()
        header.resizeSection(COL_TAGS, 110)
        header.setSectionHidden(COL_TAGS, True)
        self.action = QAction(QCoreApplication.translate("ChannelRules", "Tags column"), window)
        self.action.setCheckable(True)
        self.action.setStatusTip(QCoreApplication.translate(
            "ChannelRules", "Show the inquiry channel tags beside each message"))
        self.action.toggled.connect(lambda on: header.setSectionHidden(COL_TAGS, not on))
        window.view_menu.addAction(self.action)
        window.message_model.modelReset.connect(self.reload)
        self.reload()

    def text(self, row: MessageRow) -> str | None:
        return self.texts.get(row.id)

    def reload(self) -> None:
        db_path = self.window.db_path
        run_in_background(lambda: jobs.tag_texts(db_path), self._loaded, lambda _exc: None,
                          owner=self)

    def _loaded(self, texts: dict[int, str]) -> None:
        self.texts = texts
        self.loads += 1
        model = self.window.message_model
        if model.rowCount():
            model.dataChanged.emit(model.index(0, COL_TAGS),
                                   model.index(model.rowCount() - 1, COL_TAGS))
