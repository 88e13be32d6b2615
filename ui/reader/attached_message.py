"""A window showing a message that arrived as an attachment (message/rfc822). GUI thread only.

It uses the same reader pane as the main window (safe HTML view, plain text, headers), with
attachment names listed but not actionable: the attached message is not in the cache.
"""

from __future__ import annotations

from babel import Locale
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.reader.content import ReaderContent
from ui.reader.pane import ReaderPane


class AttachedMessageWindow(QMainWindow):
    """Shows one ``ReaderContent``; the window title is the message's subject."""

    def __init__(self, content: ReaderContent, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = ReaderPane(locale, self, actionable_attachments=False)
        self.setCentralWidget(self.reader)
        subject = content.row.subject or self.tr("(no subject)")
        self.setWindowTitle(self.tr("{0} — attached message").format(subject))
        self.resize(900, 700)
        self.reader.show_content(content)
