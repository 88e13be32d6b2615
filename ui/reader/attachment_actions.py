"""What happens when the rep opens or saves attachments from the reader. GUI thread only.

Attached messages (message/rfc822) open in their own reader window. Dialogs run here; the file
work runs in the background (``client.attachment_files``) and the
outcome is reported in the status bar, in words. Opening a file that can run code (``.exe``,
``.js``, ``.html``…) asks first, with "No" as the default.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from client import attachment_files
from client.mime import safe_filename
from ui.qt.plain_text import ask
from ui.qt.tasks import run_in_background
from ui.reader.pane import ReaderPane

if TYPE_CHECKING:  # the attached-message window and its content load on first use (issue 17)
    from ui.reader.attached_message import AttachedMessageWindow
    from ui.reader.content import ReaderAttachment, ReaderContent


class AttachmentActions(QObject):
    """Connects a ``ReaderPane``'s attachment requests to dialogs and background file work."""

    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        reader: ReaderPane,
        status: Callable[[], QStatusBar],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._db_path = db_path
        self._reader = reader
        self._status = status
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.attached_windows: list[AttachedMessageWindow] = []
        reader.openRequested.connect(self.open_attachment)
        reader.saveRequested.connect(self.ask_save)
        reader.saveAllRequested.connect(self.ask_save_all)

    def _message_id(self) -> int | None:
        return self._reader.shown_id

    def _report(self, text: str) -> None:
        self._status().showMessage(text, 10000)

    def _failed(self, exc: BaseException) -> None:
        self._report(self.tr("Could not write the attachment: {0}").format(exc))

    def open_attachment(self, attachment: ReaderAttachment) -> None:
        """Attached messages open in a reader window; other files are extracted to a private
        temporary folder and opened with the system's app."""
        message_id = self._message_id()
        if message_id is None:
            return
        if attachment.content_type.lower() == "message/rfc822":
            self.open_attached_message(message_id, attachment)
            return
        if attachment_files.is_risky(attachment.filename):
            answer = ask(  # the file name comes from the message: plain text (T8)
                self._window,
                QMessageBox.Icon.Warning,
                self.tr("Open attachment"),
                self.tr("“{0}” can run programs on your computer. Open it only if you expected "
                        "it from this sender. Open it anyway?").format(attachment.filename),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        db_path = self._db_path
        run_in_background(
            lambda: attachment_files.extract_for_opening(
                db_path, message_id, attachment.part_id, attachment.filename
            ),
            lambda path: self.open_url(QUrl.fromLocalFile(str(path))),
            self._failed,
            owner=self,
        )

    def open_attached_message(self, message_id: int, attachment: ReaderAttachment) -> None:
        """Parse the attached message in the background and show it in its own window."""
        db_path = self._db_path
        run_in_background(
            lambda: _attached_content(db_path, message_id, attachment.part_id),
            self._show_attached,
            lambda exc: self._report(self.tr("Cannot open the attached message: {0}").format(exc)),
            owner=self,
        )

    def _show_attached(self, content: ReaderContent) -> None:
        from ui.reader.attached_message import AttachedMessageWindow

        window = AttachedMessageWindow(content, self._reader.babel_locale)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.reader.mailtoRequested.connect(self._reader.mailtoRequested)  # our composer
        self.attached_windows.append(window)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        window.show()

    def _forget(self, window: AttachedMessageWindow) -> None:
        if window in self.attached_windows:
            self.attached_windows.remove(window)

    def ask_save(self, attachment: ReaderAttachment) -> None:
        """Ask where to save one attachment, then save it."""
        suggested = str(Path.home() / safe_filename(attachment.filename))
        path, _filter = QFileDialog.getSaveFileName(self._window, self.tr("Save attachment"), suggested)
        if path:
            self.save_to(attachment, Path(path))

    def save_to(self, attachment: ReaderAttachment, target: Path) -> None:
        """Save one attachment to ``target`` in the background."""
        message_id, db_path = self._message_id(), self._db_path
        if message_id is None:
            return
        run_in_background(
            lambda: attachment_files.save_attachment(db_path, message_id, attachment.part_id, target),
            lambda path: self._report(self.tr("Saved {0}").format(path)),
            self._failed,
            owner=self,
        )

    def ask_save_all(self) -> None:
        """Ask for a folder, then save every attachment of the message into it."""
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Save all attachments"))
        if folder:
            self.save_all_to(Path(folder))

    def save_all_to(self, folder: Path) -> None:
        """Save every attachment of the shown message into ``folder`` (never overwriting)."""
        message_id, db_path = self._message_id(), self._db_path
        if message_id is None:
            return
        parts = [(a.part_id, a.filename) for a in self._reader.current_attachments]
        run_in_background(
            lambda: attachment_files.save_all(db_path, message_id, parts, folder),
            lambda paths: self._report(
                self.tr("Saved {0} files to {1}").format(len(paths), folder)
            ),
            self._failed,
            owner=self,
        )


def _attached_content(db_path: Path, message_id: int, part_id: str) -> ReaderContent:
    """Worker thread: ``ui.reader.content.attached_message_content`` (imported on first use)."""
    from ui.reader.content import attached_message_content

    return attached_message_content(db_path, message_id, part_id)
