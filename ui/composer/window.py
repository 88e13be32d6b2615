"""The composer window: From, To/Cc/Bcc, subject, rich text, attachments, signature, quote.

``ComposerWindow(db_path, mode, message_row=None, draft_id=None)`` opens empty and fills itself
from ``jobs.load_setup`` in the background (``ready`` is emitted then). The rep's own text lives
in ``editor``; the company signature (``signature_view``, locked) and the quoted original
(``quote_view``, editable for answering inline: ``quote_edit``) are separate widgets and
separate ``DraftFields`` members. ``answer`` (``answer.AnswerControls``) adds the Language row,
the reply style and the checks before sending. The draft is saved every ``AUTOSAVE_MS`` while
it changes and when the window closes, whatever was typed; ``send()`` checks the addresses and
runs the checks, then ``queue_now()`` queues it durably (``jobs.send``) and closes only after
the outbox holds it, then the account's outbox is flushed in the background. Every error is shown in words in ``error_label``; nothing the rep
typed is lost. GUI thread only; all disk and network work goes through ``run_in_background``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from client.compose.assemble import SignatureBlock
from client.compose.build import OutgoingAttachment
from client.compose.drafts import DraftFields
from client.outgoing.message import QueuedMessage
from ui.composer import answer, jobs, link_jobs, spelling
from ui.composer.address_field import AddressField
from ui.composer.attachment_rows import remove_attachment, show_attachments
from ui.composer.current_fields import composer_fields
from ui.composer.editor import ComposeEditor, local_files, toolbar_action
from ui.composer.link_offer import LinkOffer, UploadProgress
from ui.composer.link_password import LinkPasswordBox
from ui.composer.locked_view import LockedHtmlView
from ui.composer.on_screen import keep_on_screen
from ui.composer.quote_edit import QuoteView
from ui.composer.recipient_risk import RecipientRisk
from ui.composer.send_later import SendLaterButton
from ui.qt.screen_fit import fit_to_screen
from ui.qt.tasks import run_in_background

log = logging.getLogger(__name__)

AUTOSAVE_MS = 5000


class ComposerWindow(QWidget):
    """See module docstring."""

    ready = Signal()  #: the prefilled fields are shown
    draftSaved = Signal(int)  #: a save finished (the draft id)
    queued = Signal(object)  #: the message is durably in the outbox (QueuedMessage)
    flushed = Signal(object)  #: the outbox flush after sending finished (FlushReport | None)
    closedWithDraft = Signal(int)  #: closed unsent, its draft saved (the account id)
    uploadProgress = Signal(object)  #: a link file's upload moved on (engine Progress; any thread)

    def __init__(self, db_path: Path, mode: str = "new", message_row: int | None = None,
                 draft_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = db_path
        self.mode = mode
        self.message_row = message_row
        self.draft_id = draft_id
        self.account_id: int | None = None
        self.attachments: list[OutgoingAttachment] = []
        self.link_files: list[Path] = []  # sent as links (uploaded through the outbox)
        self.base_fields: DraftFields | None = None  # threading headers etc. of a reply/forward
        self.signature: SignatureBlock | None = None
        self.senders: tuple[jobs.SenderChoice, ...] = ()
        self.is_ready = False
        self.sent = False
        self._dirty = False
        self._saving = False
        self._save_again = False
        self._close_after_save = False
        self._sending = False
        self._signature_request = 0
        self._discard_after_save = False
        self._signature_error = ""
        self._placed = False
        fit_to_screen(self, 900, 760)
        self.setWindowTitle(self.tr("New message"))
        self.setAcceptDrops(True)
        self._build()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # the reply header follows the correspondence's language, not the UI's (answer.py)
        run_in_background(
            lambda: jobs.load_setup(db_path, mode, message_row, draft_id, None),
            self._setup_loaded, self._show_error, owner=self)

    # -- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.sender_box = QComboBox(self)
        self.to_field = AddressField(self)
        self.cc_field = AddressField(self)
        self.bcc_field = AddressField(self)
        self.subject_field = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("From:"), self.sender_box)
        self.address_problems = []
        for label, address in ((self.tr("To:"), self.to_field), (self.tr("Cc:"), self.cc_field),
                               (self.tr("Bcc:"), self.bcc_field)):
            row, problems = answer.address_row(address, self)
            form.addRow(label, row)
            self.address_problems.append(problems)
        self.recipient_risk = RecipientRisk(self)  # issue 19: Reply-To diversion, lookalikes
        form.addRow("", self.recipient_risk)
        form.addRow(self.tr("Subject:"), self.subject_field)
        self.form = form

        self.editor = ComposeEditor(self)
        self.editor.setPlaceholderText(self.tr("Write your message here…"))
        self.editor.filesDropped.connect(self.add_files)
        self.toolbar = QToolBar(self)
        self.bold_action = toolbar_action(self.toolbar, self.tr("Bold"), "Ctrl+B", self.editor.set_bold, True)
        self.italic_action = toolbar_action(self.toolbar, self.tr("Italic"), "Ctrl+I", self.editor.set_italic, True)
        toolbar_action(self.toolbar, self.tr("Bullets"), "", lambda: self.editor.make_list(False))
        toolbar_action(self.toolbar, self.tr("Numbering"), "", lambda: self.editor.make_list(True))
        toolbar_action(self.toolbar, self.tr("Link…"), "Ctrl+Shift+K", self.ask_link)
        self.toolbar.addSeparator()
        toolbar_action(self.toolbar, self.tr("Attach…"), "Ctrl+Shift+A", self.choose_files)

        self.signature_caption = QLabel(self.tr("Company signature (set by your company; it "
                                                "cannot be edited here)"), self)
        self.signature_caption.setStyleSheet("color: gray; font-size: 11px;")
        self.signature_view = LockedHtmlView(220, self)
        self.signature_view.setObjectName("signature")
        self.signature_caption.hide()
        self.signature_view.hide()
        self.quote_view = QuoteView(260, self)  # editable: answer inline (quote_edit.py)
        self.quote_view.setObjectName("quote")
        self.quote_view.hide()

        self.attachment_list = QListWidget(self)
        self.attachment_list.hide()
        self.remove_attachment_button = QPushButton(self.tr("Remove attachment"), self)
        self.remove_attachment_button.clicked.connect(self.remove_selected_attachment)
        self.remove_attachment_button.hide()
        self.link_offer = LinkOffer(self)
        self.link_offer_label = self.link_offer.label
        self.link_button = self.link_offer.link_button
        self.attach_anyway_button = self.link_offer.attach_button
        self.link_offer.chosen.connect(self._link_choice)
        self.link_password = LinkPasswordBox(self)
        self.upload_progress = UploadProgress(self)
        self.uploadProgress.connect(self.upload_progress.show_progress)  # queued across threads

        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # core/server text (T8)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.send_now)
        send_shortcut = QAction(self)
        send_shortcut.setShortcut(QKeySequence("Ctrl+Return"))
        send_shortcut.triggered.connect(self.send_now)
        self.addAction(send_shortcut)
        self.send_at: float | None = None  # send later (ui.composer.send_later), UTC epoch
        self.send_later_button = SendLaterButton(self)
        self.save_button = QPushButton(self.tr("Save draft"), self)
        self.save_button.clicked.connect(self.save_now)
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.clicked.connect(self.discard)

        bottom = QHBoxLayout()
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.send_later_button)
        bottom.addWidget(self.send_button)
        # everything but the buttons scrolls when the screen is short (150 %: 960x600 points),
        # so Send stays on screen whatever the content (address errors, link offer, quote)
        body = QWidget(self)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.body_scroll, 1)
        outer.addLayout(bottom)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.main_layout = layout
        layout.addLayout(form)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.signature_caption)
        layout.addWidget(self.signature_view)
        layout.addWidget(self.quote_view)
        layout.addWidget(self.attachment_list)
        layout.addWidget(self.remove_attachment_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.link_offer)
        layout.addWidget(self.link_password)
        layout.addWidget(self.upload_progress)
        layout.addWidget(self.error_label)

        for field in (self.to_field, self.cc_field, self.bcc_field, self.subject_field):
            field.textChanged.connect(self._changed)
        self.editor.textChanged.connect(self._changed)
        self.editor.currentCharFormatChanged.connect(self._format_changed)
        self.subject_field.textChanged.connect(self._update_title)
        self.sender_box.currentIndexChanged.connect(self._sender_changed)
        self.to_field.editingFinished.connect(self.refresh_signature)
        self.quote_view.textChanged.connect(self._changed)
        self.answer = answer.AnswerControls(self)  # language, reply style, checks before sending
        self.spelling = spelling.SpellControls(self)  # underlines, suggestions, its language

    def _format_changed(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.Bold.value)
        self.italic_action.setChecked(fmt.fontItalic())

    # -- filling in -----------------------------------------------------------------------------
    def _setup_loaded(self, setup: jobs.ComposerSetup) -> None:
        self.senders = setup.senders
        for choice in setup.senders:
            self.sender_box.addItem(choice.label(), choice)
        for field in (self.to_field, self.cc_field, self.bcc_field):
            field.set_address_book(setup.address_book)
        fields = setup.fields
        if fields is not None:
            self.base_fields = fields
            self._select_sender(setup.account_id, fields.sender)
            self.to_field.setText(fields.to)
            self.cc_field.setText(fields.cc)
            self.bcc_field.setText(fields.bcc)
            self.subject_field.setText(fields.subject)
            if fields.html:
                self.editor.add_images(fields.inline_images)
                self.editor.setHtml(fields.html)
            elif fields.text:
                self.editor.setPlainText(fields.text)
            if fields.quote_html or fields.quote_text:
                self.quote_view.show()
                if fields.quote_html:
                    self.quote_view.show_html(fields.quote_html)
                else:
                    self.quote_view.show_text(fields.quote_text or "")
            self.attachments = list(fields.attachments)
            self.link_files = list(setup.link_files)
            self._show_attachments()
            if setup.link_files:  # the company's password rule for them (off the GUI thread)
                db_path, account_id = self.db_path, setup.account_id
                run_in_background(lambda: link_jobs.split(db_path, account_id, []),
                                  self._files_split, self._show_error, owner=self)
            if setup.link_files_gone:
                self._show_error(self.tr(
                    "No longer on this computer or changed since the draft was saved, so not "
                    "sent: {0}. Add them again to send them.").format(
                        ", ".join(setup.link_files_gone)))
        if not setup.senders:
            self._show_error(self.tr("There is no account to send from yet: add one first "
                                     "(File → Add account…)."))
        self.send_button.setEnabled(bool(setup.senders))
        self.is_ready = True
        self._dirty = False
        self.editor.setFocus()
        self.answer.setup_loaded(setup)  # language, reply style (may focus the quote)
        self.refresh_signature()
        self.ready.emit()

    def _select_sender(self, account_id: int | None, email: str) -> None:
        for index, choice in enumerate(self.senders):
            if choice.email.lower() == email.lower() and account_id in (None, choice.account_id):
                self.sender_box.setCurrentIndex(index)
                return

    def current_sender(self) -> jobs.SenderChoice | None:
        data = self.sender_box.currentData()
        return data if isinstance(data, jobs.SenderChoice) else None

    def _sender_changed(self, _index: int) -> None:
        self._changed()
        self.refresh_signature()

    def _update_title(self, subject: str) -> None:
        self.setWindowTitle(subject.strip() or self.tr("New message"))

    # -- signature ------------------------------------------------------------------------------
    def refresh_signature(self) -> None:
        """Render the company signature for the chosen identity (in the background)."""
        sender = self.current_sender()
        if sender is None or not self.is_ready:
            return
        recipients = tuple(a.strip() for a in self.to_field.text().split(",") if "@" in a)
        reply = self.base_fields is not None and self.base_fields.reply_to_row is not None
        db_path = self.db_path
        self._signature_request += 1
        request = self._signature_request
        language = self.answer.language()
        run_in_background(lambda: jobs.signature_for(db_path, sender.email, recipients, reply,
                                                     language),
                          lambda block: self._signature_rendered(request, block),
                          lambda exc: self._signature_failed(request, exc), owner=self)

    def _signature_rendered(self, request: int, block: SignatureBlock | None) -> None:
        if request != self._signature_request:
            return  # the rep picked another identity meanwhile: a newer render is coming
        if self.error_label.text() == self._signature_error:
            self.error_label.hide()
        self._show_signature(block)

    def _show_signature(self, block: SignatureBlock | None) -> None:
        self.signature = block
        visible = block is not None
        self.signature_caption.setVisible(visible)
        self.signature_view.setVisible(visible)
        if block is not None:
            self.signature_view.show_html(block.html, block.images)
            self.answer.signature_shown(block)

    def _signature_failed(self, request: int, exc: BaseException) -> None:
        if request != self._signature_request:
            return
        self._show_signature(None)
        self._signature_error = self.tr("Company signature: {0}").format(exc)
        self._show_error(self._signature_error)

    # -- attachments ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Attach these files (read in the background)."""
        files = [p for p in paths if p.is_file()]
        if not files:
            return
        self.answer.remember_files(files)  # a too-large finding may send them as links

        sender = self.current_sender()
        account_id = sender.account_id if sender is not None else None
        db_path = self.db_path

        def read() -> link_jobs.LinkSplit:
            return link_jobs.split(db_path, account_id, files)

        self.status_label.setText(self.tr("Attaching…"))
        run_in_background(read, self._files_split, self._show_error, owner=self)

    def _files_split(self, result: link_jobs.LinkSplit) -> None:
        big = result.big
        self.link_password.set_rules(required=result.password == "required",
                                     allowed=result.password != "off")
        if big and result.automatic:  # the company's policy: links without asking
            self.link_files.extend(p for p in big if p not in self.link_files)
            self.link_offer.inform(self.link_files, result.threshold_mb, result.allow_attach)
        elif big:
            self.link_offer.offer([*self.link_offer.paths, *big]
                                  if self.link_offer.isVisible() else big)
        self._files_read(result.attached)

    def _link_choice(self, as_link: bool) -> None:
        paths = self.link_offer.paths
        if as_link:
            self.link_files.extend(p for p in paths if p not in self.link_files)
            self._show_attachments()
            self._changed()
            return
        self.link_files = [p for p in self.link_files if p not in paths]  # policy's links
        self.status_label.setText(self.tr("Attaching…"))
        run_in_background(lambda: jobs.read_files(paths), self._files_read, self._show_error,
                          owner=self)

    def _files_read(self, attachments: list[OutgoingAttachment]) -> None:
        self.attachments.extend(attachments)
        self.status_label.clear()
        self._show_attachments()
        self._changed()

    def _show_attachments(self) -> None:
        count = show_attachments(self.attachment_list, self.attachments, self.link_files)
        self.link_password.show_for(bool(self.link_files))
        self.remove_attachment_button.setVisible(bool(count))

    def remove_selected_attachment(self) -> None:
        if remove_attachment(self.attachment_list.currentRow(), self.attachments,
                             self.link_files):
            self._show_attachments()
            self._changed()

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- text and links -------------------------------------------------------------------------
    def ask_link(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Insert link"),
                                       self.tr("Address (https://… or mailto:…):"))
        if ok and url.strip():
            self.editor.insert_link(url.strip())

    def fields(self) -> DraftFields:
        """What the window holds now, as composer fields (GUI thread; cheap)."""
        return composer_fields(self)

    def _changed(self, *_args: object) -> None:
        if self.is_ready:
            self._dirty = True

    # -- drafts ---------------------------------------------------------------------------------
    def autosave(self) -> None:
        """Save the draft if it changed since the last save (timer)."""
        if self._dirty and not self.sent and not self._sending:
            self.save_now()

    def save_now(self) -> None:
        """Save the draft now, in the background (one save at a time)."""
        sender = self.current_sender()
        if sender is None or self.sent:
            return
        if self._saving:
            self._save_again = True
            return
        self._saving, self._dirty = True, False
        fields, draft_id, db_path = self.fields(), self.draft_id, self.db_path
        self.account_id = sender.account_id
        account_id = sender.account_id
        links = tuple(self.link_files)  # their references, not their bytes
        run_in_background(lambda: jobs.save(db_path, account_id, fields, draft_id, links),
                          self._saved, self._save_failed, owner=self)

    def _saved(self, draft_id: int) -> None:
        self._saving = False
        self.draft_id = draft_id
        if self._discard_after_save:
            self._discard_after_save = False
            self.discard_now()
            return
        self.status_label.setText(self.tr("Draft saved"))
        self.draftSaved.emit(draft_id)
        if self._save_again or (self._close_after_save and self._dirty):
            self._save_again = False
            self.save_now()
        elif self._close_after_save:
            self.close()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._dirty = True
        self._close_after_save = False
        self._show_error(self.tr("The draft could not be saved: {0}").format(exc))

    def discard(self) -> None:
        """Throw the message away (after asking when it holds text): the local draft is
        deleted and the window closes without saving."""
        if not self.editor.is_empty() or self.subject_field.text().strip():
            answer = QMessageBox.question(
                self, self.tr("Discard message"),
                self.tr("Discard this message? Its draft is deleted."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.discard_now()

    def discard_now(self) -> None:
        self.autosave_timer.stop()
        self.sent = True  # nothing more is saved or sent from this window
        if self._saving:  # a save is on its way: discard the draft it creates
            self._discard_after_save = True
            self.hide()
            return
        draft_id, db_path = self.draft_id, self.db_path
        if draft_id is not None:
            run_in_background(lambda: jobs.discard(db_path, draft_id), lambda _r: None,
                              lambda exc: log.warning("discarding draft failed: %s", exc))
        self._dirty = False
        self.close()
        self.deleteLater()

    # -- sending --------------------------------------------------------------------------------
    def send(self) -> None:
        """Check the addresses and run the checks before sending (``answer``), then queue."""
        if self.current_sender() is None or self._sending or self.sent:
            return
        self.recipient_risk.before_send(self.answer.send_requested)  # issue 19

    def send_now(self) -> None:
        """Send (not later): forgets a send-later time the checks stopped before."""
        if not self._sending:
            self.send_at = None
        self.send()

    def queue_now(self) -> None:
        """Queue the message durably; the window closes once the outbox holds it."""
        sender = self.current_sender()
        if sender is None or self._sending or self.sent:
            return
        self.error_label.hide()
        self._sending = True
        self.send_button.setEnabled(False)
        self.status_label.setText(self.tr("Queueing…"))
        fields, draft_id, db_path = self.fields(), self.draft_id, self.db_path
        account_id = sender.account_id
        links, password = tuple(self.link_files), self.link_password.choice()
        send_at = self.send_at
        run_in_background(lambda: jobs.send(db_path, account_id, fields, draft_id, links,
                                            password, send_at),
                          lambda queued: self._queued(account_id, queued), self._send_failed,
                          owner=self)

    def _queued(self, account_id: int, queued: QueuedMessage) -> None:
        self.sent = True
        self._sending = False
        self.autosave_timer.stop()
        self.queued.emit(queued)
        db_path = self.db_path
        if self.send_at is not None:  # scheduled: the flush at its time sends it
            self.close()
            self.deleteLater()
            return
        if not self.link_files:
            run_in_background(lambda: jobs.flush(db_path, account_id), self._flushed,
                              self._flush_failed, owner=self)
            self.close()
            return
        # its files upload first: the window stays, showing the progress, until the flush ends
        self.status_label.setText(self.tr("Uploading the files sent as links…"))
        emit = self.uploadProgress.emit
        run_in_background(lambda: jobs.flush(db_path, account_id, emit), self._flushed,
                          self._flush_failed, owner=self)

    def _flushed(self, report: object) -> None:
        self.flushed.emit(report)
        if self.isVisible():  # it stayed open for its uploads
            self.close()
        self.deleteLater()  # the main window forgets it through `destroyed`

    def _flush_failed(self, exc: BaseException) -> None:
        log.warning("sending the outbox failed (the message stays queued): %s", exc)
        self._flushed(None)

    def _send_failed(self, exc: BaseException) -> None:
        self._sending = False
        self.send_at = None
        self.send_button.setEnabled(True)
        self.status_label.clear()
        self._show_error(self.tr("Not sent: {0}").format(exc))

    def _show_error(self, exc: object) -> None:
        self.error_label.setText(str(exc))
        self.error_label.show()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._placed:  # the first show: the whole window on its screen (on_screen.py)
            self._placed = True
            keep_on_screen(self)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        unsaved = self._dirty or self._saving
        if not self.sent and unsaved and self.current_sender() is not None:
            # keep the window until the draft is safely on disk
            self._close_after_save = True
            if not self._saving:
                self.save_now()
            self.status_label.setText(self.tr("Saving the draft before closing…"))
            event.ignore()
            return
        self.autosave_timer.stop()
        super().closeEvent(event)
        if not self.sent:
            if self.draft_id is not None and self.account_id is not None:
                self.closedWithDraft.emit(self.account_id)  # time to save it on the server
            self.deleteLater()  # a sent one lives until its outbox flush reports
