"""A message in its own window (double-click or Enter in the list): the reader with Print,
Print Preview, Save as .eml, zoom (Ctrl +/−, Ctrl+0) and Close (Esc, Ctrl+W).

Created and used on the GUI thread; the message is read and parsed in the background
(``ui.qt.tasks``), the .eml is written in the background too. Failures show in words in the
window (never a traceback); nothing is ever changed in the cache except "read" by the caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel import Locale
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from ui.everyday import print_export, zoom
from ui.qt.screen_fit import fit_to_screen
from ui.qt.tasks import run_in_background
from ui.reader.content import ReaderContent, load_reader_content
from ui.reader.pane import ReaderPane


def eml_name(subject: str) -> str:
    """A file name for the message: its subject without characters file systems refuse."""
    cleaned = "".join(c if c.isalnum() or c in " -_.,()[]" else "_" for c in subject).strip()
    return (cleaned[:80].strip(" .") or "message") + ".eml"


class ReaderWindow(QMainWindow):
    """One message, read from ``db_path``; ``shown`` fires once its content is displayed."""

    shown = Signal(int)

    def __init__(self, db_path: Path, message_id: int, locale: Locale, *, font_size: int = 0,
                 allow_remote: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db_path = db_path
        self.message_id = message_id
        self.babel_locale = locale
        self.font_size = font_size
        self.zoom_steps = 0
        self.content: ReaderContent | None = None
        self._closed = False
        #: asks where to save (tests replace it): (parent, suggested name) -> path or ""
        self.ask_save_path = lambda parent, name: QFileDialog.getSaveFileName(
            parent, self.tr("Save message as"), name, self.tr("Email message (*.eml)"))[0]
        self.pane = ReaderPane(locale, self, actionable_attachments=False)
        self.pane.setAccessibleName(self.tr("Message"))
        self.setCentralWidget(self.pane)
        self.setWindowTitle(self.tr("Loading…"))
        self._make_actions()
        fit_to_screen(self, 900, 760)
        zoom.apply_zoom(self.pane, font_size, 0)
        self.pane.show_loading(message_id)
        run_in_background(lambda: load_reader_content(db_path, message_id, allow_remote),
                          self._show, self._failed, owner=self)

    def _add(self, menu: Any, text: str, keys: list[QKeySequence | str], slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.save_action = self._add(file_menu, self.tr("Save as .eml…"),
                                     [QKeySequence(QKeySequence.StandardKey.Save)], self.save_as)
        self.preview_action = self._add(file_menu, self.tr("Print preview…"),
                                        ["Ctrl+Shift+P"], self.print_preview)
        self.print_action = self._add(file_menu, self.tr("Print…"),
                                      [QKeySequence(QKeySequence.StandardKey.Print)], self.print_message)
        file_menu.addSeparator()
        self.close_action = self._add(file_menu, self.tr("Close"), ["Esc", "Ctrl+W"], self.close)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.zoom_in_action = self._add(view_menu, self.tr("Zoom in"),
                                        ["Ctrl++", "Ctrl+="], lambda: self.zoom_by(1))
        self.zoom_out_action = self._add(view_menu, self.tr("Zoom out"), ["Ctrl+-"],
                                         lambda: self.zoom_by(-1))
        self.zoom_reset_action = self._add(view_menu, self.tr("Actual size"), ["Ctrl+0"],
                                           lambda: self.zoom_by(0))
        for action in (self.save_action, self.preview_action, self.print_action):
            action.setEnabled(False)  # until the message is shown

    # -- content --------------------------------------------------------------------------------
    def _show(self, content: ReaderContent) -> None:
        if self._closed:
            return
        self.content = content
        self.pane.show_content(content)
        zoom.apply_zoom(self.pane, self.font_size, self.zoom_steps)
        self.setWindowTitle(content.row.subject or self.tr("(no subject)"))
        for action in (self.save_action, self.preview_action, self.print_action):
            action.setEnabled(True)
        self.shown.emit(content.row.id)

    def _failed(self, exc: BaseException) -> None:
        if not self._closed:
            self.setWindowTitle(self.tr("Cannot show this message"))
            self.pane.show_error(self.tr("Cannot show this message: {0}").format(exc))

    # -- commands -------------------------------------------------------------------------------
    def zoom_by(self, step: int) -> None:
        """One step bigger (1) or smaller (-1); 0 goes back to the set font size."""
        self.zoom_steps = 0 if step == 0 else zoom.clamp_steps(self.zoom_steps + step)
        zoom.apply_zoom(self.pane, self.font_size, self.zoom_steps)

    def print_document(self, remote: dict[str, bytes] | None = None) -> Any:
        """The printable document of the shown message (None before it is shown); ``remote``:
        the remote pictures fetched for it (used only when allowed for it)."""
        if self.content is None:
            return None
        return print_export.print_document(self.content, self.babel_locale, remote)

    def _with_document(self, then: Any) -> None:
        if self.content is not None:
            print_export.document_in_background(self, self.content, self.babel_locale, then,
                                                self._print_failed)

    def _print_failed(self, exc: BaseException) -> None:
        self._report(self.tr("Cannot print this message: {0}").format(exc), 15000)

    def print_message(self) -> None:
        self._with_document(lambda document: print_export.print_with_dialog(self, document))

    def print_preview(self) -> None:
        self._with_document(lambda document: print_export.preview_dialog(self, document).exec())

    def save_as(self) -> None:
        """Ask for a file and write the message there, as received (.eml)."""
        if self.content is None:
            return
        chosen = self.ask_save_path(self, eml_name(self.content.row.subject))
        if not chosen:
            return
        self.statusBar().showMessage(self.tr("Saving…"))
        print_export.save_eml_in_background(self, self.db_path, self.message_id, Path(chosen),
                                            self._report)

    def _report(self, text: str, msecs: int) -> None:
        if not self._closed:
            self.statusBar().showMessage(text, msecs)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self._closed = True
        super().closeEvent(event)
