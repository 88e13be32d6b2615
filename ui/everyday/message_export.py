"""Print, Print Preview and Save as .eml for the message shown in the main window's reader
(File menu), the same as the reader window's commands (``print_export``).

``MessageExport(window)`` is created once by ``ui.everyday.controller``. GUI thread only; the
message is read and the file written on worker threads; failures show in words in the status
bar. ``preview``/``ask_save_path`` can be replaced (tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ui.everyday import print_export
from ui.everyday.reader_window import eml_name
from ui.qt.tasks import run_in_background
from ui.reader.content import load_reader_content

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class MessageExport(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ask_save_path = lambda parent, name: QFileDialog.getSaveFileName(
            parent, self.tr("Save message as"), name, self.tr("Email message (*.eml)"))[0]
        self.show_preview = lambda dialog: dialog.exec()
        self.print_with_dialog = print_export.print_with_dialog

    def _shown(self) -> int | None:
        shown = self.window.reader.shown_id
        if shown is None:
            self.window.statusBar().showMessage(self.tr("Select a message first."), 5000)
        return shown

    def _with_content(self, then: Any) -> None:
        message_id = self._shown()
        if message_id is None:
            return
        db_path = self.window.db_path
        allow = message_id in self.window.remote_allowed_ids
        run_in_background(lambda: load_reader_content(db_path, message_id, allow), then,
                          self.window.show_failure, owner=self.window)

    def _with_document(self, then: Any) -> None:
        """``then(document)`` for the shown message (HTML printed as HTML, remote pictures
        only when allowed for it)."""
        locale = self.window.babel_locale
        self._with_content(lambda content: print_export.document_in_background(
            self.window, content, locale, then, self.window.show_failure))

    def print_message(self) -> None:
        """File → Print…: Qt's print dialog for the shown message."""
        self._with_document(lambda document: self.print_with_dialog(self.window, document))

    def preview(self) -> None:
        """File → Print preview…: the pages of the shown message."""
        def show(document: Any) -> None:
            self.last_preview = print_export.preview_dialog(self.window, document)
            self.show_preview(self.last_preview)

        self._with_document(show)

    def save_as(self) -> None:
        """File → Save as .eml…: the shown message as received."""
        message_id = self._shown()
        row = self.window.store.get_message(message_id) if message_id is not None else None
        if message_id is None or row is None:
            return
        chosen = self.ask_save_path(self.window, eml_name(row.subject))
        if not chosen:
            return
        print_export.save_eml_in_background(self.window, self.window.db_path, message_id,
                                            Path(chosen), self.window.statusBar().showMessage)
