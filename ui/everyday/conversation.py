"""A conversation in its own window: every message of the thread (all folders, so the rep's
own replies from Sent are there) stacked oldest first; the newest and the unread ones are
open, the others show one line (click to open). Read and parsed in the background; GUI
thread only for the widgets. ``load_conversation`` raises ``KeyError`` for a message gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from client.store.db import Store
from client.store.records import MessageRow
from ui.mainwindow.list_queries import SEARCH_LIMIT
from ui.models.message_list import sender_text
from ui.qt.dates import full_date
from ui.qt.screen_fit import fit_to_screen
from ui.qt.tasks import run_in_background
from ui.reader.content import ReaderContent, load_reader_content
from ui.reader.html_content import plain_text_html


def _one_per_message_id(rows: list[MessageRow]) -> list[int]:
    """Ids of ``rows`` not deleted, oldest first, copies of one Message-ID once."""
    rows = sorted((r for r in rows if not r.deleted), key=lambda r: r.sort_date)[:SEARCH_LIMIT]
    seen: set[str] = set()
    ids = []
    for r in rows:
        if r.message_id and r.message_id in seen:
            continue
        if r.message_id:
            seen.add(r.message_id)
        ids.append(r.id)
    return ids


def conversation_ids(db_path: Path, message_id: int) -> list[int]:
    """Ids of the messages of ``message_id``'s thread in every folder, oldest first, copies
    of one Message-ID once (worker thread; opens its own Store). ``KeyError``: message gone."""
    with Store.open(db_path) as store:
        row = store.get_message(message_id)
        if row is None:
            raise KeyError(message_id)
        rows = store.thread_messages(row.thread_id) if row.thread_id is not None else [row]
    return _one_per_message_id(rows)


def threads_ids(db_path: Path, thread_ids: Iterable[int]) -> dict[int, list[int]]:
    """``conversation_ids`` for each thread label in ``thread_ids`` (worker thread); a thread
    with no message left maps to an empty list."""
    with Store.open(db_path) as store:
        return {t: _one_per_message_id(store.thread_messages(t)) for t in thread_ids}


def load_conversation(db_path: Path, message_id: int) -> list[ReaderContent]:
    """The thread's messages, read and parsed (worker thread)."""
    return [load_reader_content(db_path, mid) for mid in conversation_ids(db_path, message_id)]


class MessageCard(QFrame):
    """One message of the conversation: a header line that opens and closes the text."""

    def __init__(self, content: ReaderContent, locale: Locale, opened: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        row = content.row
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        when = full_date(row.date or row.internaldate, locale, None)
        self.toggle.setText(f"{sender_text(row)} — {when}")
        self.toggle.setAccessibleName(self.tr("Message from {0}, {1}").format(
            sender_text(row), when))
        font = self.toggle.font()
        font.setBold(not row.seen)
        self.toggle.setFont(font)
        self.preview = QLabel(" ".join(row.preview.split())[:200], self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # the sender's text (T8)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview.setStyleSheet("QLabel { color: palette(placeholder-text); }")
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setHtml(plain_text_html(content.text))
        self.text.setAccessibleName(self.tr("Message text"))
        self.text.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.toggle)
        layout.addWidget(self.preview)
        layout.addWidget(self.text)
        self.toggle.toggled.connect(self.set_open)
        self.toggle.setChecked(opened)
        self.set_open(opened)

    def set_open(self, opened: bool) -> None:
        self.text.setVisible(opened)
        self.preview.setVisible(not opened)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)

    @property
    def is_open(self) -> bool:
        return self.text.isVisibleTo(self)


class ConversationWindow(QMainWindow):
    """The thread of ``message_id``; ``shown`` fires with the number of messages shown."""

    shown = Signal(int)

    def __init__(self, db_path: Path, message_id: int, locale: Locale,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.babel_locale = locale
        self.cards: list[MessageCard] = []
        self._closed = False
        self.setWindowTitle(self.tr("Conversation"))
        self.status = QLabel(self.tr("Loading…"), self)
        self.column = QWidget(self)
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.addWidget(self.status)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.column)
        self.setCentralWidget(scroll)
        close = QAction(self.tr("Close"), self)
        close.setShortcuts([QKeySequence("Esc"), QKeySequence("Ctrl+W")])
        close.triggered.connect(self.close)
        self.addAction(close)
        fit_to_screen(self, 900, 800)
        run_in_background(lambda: load_conversation(db_path, message_id), self._show,
                          self._failed, owner=self)

    def _show(self, contents: list[ReaderContent]) -> None:
        if self._closed:
            return
        if contents:
            subject = contents[-1].row.subject or self.tr("(no subject)")
            self.setWindowTitle(subject)
            self.status.setText(subject)
            font = self.status.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() + 3)
            self.status.setFont(font)
            self.status.setTextFormat(Qt.TextFormat.PlainText)
        for position, content in enumerate(contents):
            opened = position == len(contents) - 1 or not content.row.seen
            card = MessageCard(content, self.babel_locale, opened, self.column)
            self.cards.append(card)
            self.column_layout.addWidget(card)
        self.column_layout.addStretch(1)
        self.shown.emit(len(contents))

    def _failed(self, exc: BaseException) -> None:
        if not self._closed:
            self.status.setText(self.tr("Cannot show this conversation: {0}").format(exc))

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt name)
        self._closed = True
        super().closeEvent(event)  # type: ignore[arg-type]
