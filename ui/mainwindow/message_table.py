"""The message list's table view as the main window shows it: whole-row selection, no grid,
fixed-height rows, sorting by date (newest first) and the column widths. GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.message_list import (
    COL_ATTACHMENT,
    COL_DATE,
    COL_FLAG,
    COL_FROM,
    COL_SUBJECT,
    COL_UNREAD,
)


def message_table(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """A table over ``model`` (``ui.models.message_list.MessageListModel``)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(COL_DATE, Qt.SortOrder.DescendingOrder)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for column in (COL_UNREAD, COL_FLAG, COL_ATTACHMENT):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, 26)
    header.resizeSection(COL_FROM, 220)
    header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(COL_DATE, 130)
    return view
