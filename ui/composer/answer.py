"""The composer's answering controls: the correspondence's language, the reply style and the
checks before sending. Kept apart from ``window.py``, which calls a few hooks.

``AnswerControls(window)`` adds to a ``ComposerWindow``:
- a *Language* row (replies and forwards): the language the "On … wrote:" line, a forward's
  header block and the signature's variant are in, detected from the message answered
  (``DraftFields.language``) and changeable; a change re-renders the quote's first line (or
  the whole quote while it is unedited) and the signature, in the background;
- a *Reply style* choice in the toolbar (top, bottom, inline; the setting
  ``compose.reply_style`` is the default): bottom moves the quote above the rep's text,
  inline puts the cursor into the quote;
- ``send_requested()``: the address lines are checked first (errors beside their fields,
  only sending is blocked), then the checks before sending run on the thread pool
  (``presend.run_checks``); with findings ``PreSendDialog`` asks, else (or after *Send
  anyway*) ``window.queue_now()`` queues. *Send the big files as links* moves the attachments
  the finding names (those added from files) to the window's link files first.
GUI thread only; store work goes through ``run_in_background``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel

from client.compose.assemble import SignatureBlock
from client.compose.checks import Finding
from client.compose.quote_language import QUOTE_LANGUAGES, base_language
from ui.composer import jobs
from ui.composer.address_check import AddressProblems, address_row
from ui.composer.presend import PreSendDialog, run_checks, switch_off
from ui.composer.quote_edit import REPLY_STYLES, reply_style, style_labels
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.composer.window import ComposerWindow


__all__ = ["AddressProblems", "AnswerControls", "address_row"]

#: the languages offered besides the detected one (their own names are shown)
OFFERED = (*QUOTE_LANGUAGES, "ja", "ko", "ar")


def language_name(code: str) -> str:
    """The language's own name (English, 中文, Deutsch…), or the code."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except Exception:  # noqa: BLE001 - an unknown code is shown as it is
        return code
    return name[:1].upper() + name[1:] if name else code


class AnswerControls(QObject):
    """See the module docstring."""

    def __init__(self, window: ComposerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PreSendDialog | None = None
        self.file_paths: dict[str, Path] = {}  # attachment name -> the file it was read from
        self.language_box = QComboBox(window)
        self.language_box.setObjectName("correspondenceLanguage")
        self.language_label = QLabel(self.tr("Language:"), window)
        self.language_box.setToolTip(self.tr("The language of the reply's header and of the "
                                             "signature, detected from the message"))
        window.form.addRow(self.language_label, self.language_box)
        self._show_language_row(False)
        self.style_box = QComboBox(window)
        self.style_box.setObjectName("replyStyle")
        for style, label in zip(REPLY_STYLES, style_labels(), strict=True):
            self.style_box.addItem(label, style)
        self.style_action = window.toolbar.addWidget(self.style_box)
        self.style_action.setVisible(False)
        self.language_box.currentIndexChanged.connect(self._language_changed)
        self.style_box.currentIndexChanged.connect(lambda _i: self.apply_style(self.style()))
        self._filling = False

    # -- language -----------------------------------------------------------------------------
    def _show_language_row(self, visible: bool) -> None:
        self.language_label.setVisible(visible)
        self.language_box.setVisible(visible)

    def language(self) -> str | None:
        data = self.language_box.currentData()
        return str(data) if data else None

    def setup_loaded(self, setup: jobs.ComposerSetup) -> None:
        """Fill the choices from the loaded fields; the reply style from the setting."""
        fields = setup.fields
        answering = fields is not None and bool(fields.quote_html or fields.quote_text)
        self._filling = True
        detected = base_language(fields.language) if fields and fields.language else None
        for code in dict.fromkeys([c for c in (detected, *OFFERED) if c]):
            self.language_box.addItem(language_name(code), code)
        if detected:
            self.language_box.setCurrentIndex(self.language_box.findData(detected))
        self._filling = False
        self._show_language_row(answering)
        self.style_action.setVisible(answering)
        if not answering:
            return
        if fields is not None and self.window.mode == "draft":
            self._set_style(fields.reply_style)
            return
        db_path = self.window.db_path
        run_in_background(lambda: reply_style(db_path), self._set_style, owner=self)

    def _set_style(self, style: str) -> None:
        """The style the composer opens with: not a change of the message (no autosave)."""
        index = self.style_box.findData(style)
        self.style_box.blockSignals(True)
        self.style_box.setCurrentIndex(max(index, 0))
        self.style_box.blockSignals(False)
        self.apply_style(self.style(), by_rep=False)

    def _language_changed(self, _index: int) -> None:
        if self._filling or not self.window.is_ready:
            return
        base = self.window.base_fields
        language = self.language()
        if base is None or language is None:
            return
        self.window.base_fields = replace(base, language=language)
        self.window.refresh_signature()
        row, mode, db_path = self.window.message_row, self.window.mode, self.window.db_path
        if row is None or mode not in ("reply", "reply_all", "forward"):
            return
        run_in_background(lambda: jobs.load_setup(db_path, mode, row, None, language),
                          lambda setup: self._requoted(language, setup), owner=self)

    def _requoted(self, language: str, setup: jobs.ComposerSetup) -> None:
        fresh, view = setup.fields, self.window.quote_view
        base = self.window.base_fields
        if fresh is None or base is None or language != self.language():
            return  # another language was chosen meanwhile
        self.window.base_fields = replace(base, quote_text=fresh.quote_text,
                                          quote_html=fresh.quote_html, language=language)
        if not view.edited():
            if fresh.quote_html:
                view.show_html(fresh.quote_html)
            else:
                view.show_text(fresh.quote_text or "")
        elif fresh.quote_text and self.window.mode != "forward":
            view.set_first_line(fresh.quote_text.split("\n", 1)[0])
        self.window._changed()

    # -- reply style ----------------------------------------------------------------------------
    def style(self) -> str:
        if not self.style_action.isVisible():
            return "top"
        return str(self.style_box.currentData() or "top")

    def apply_style(self, style: str, by_rep: bool = True) -> None:
        """Order the editor and the quote for ``style``; inline focuses the quote. A choice
        ``by_rep`` changes the message (its draft is saved)."""
        w = self.window
        layout = w.main_layout
        layout.removeWidget(w.quote_view)
        at = layout.indexOf(w.editor) if style == "bottom" else layout.indexOf(w.signature_view) + 1
        layout.insertWidget(at, w.quote_view)
        w.quote_view.max_height = 520 if style == "inline" else 260
        w.quote_view.fit_height()
        if style == "inline":
            w.quote_view.put_cursor_in_quote()
        else:
            w.editor.setFocus()
        if by_rep:
            w._changed()

    # -- signature ------------------------------------------------------------------------------
    def signature_shown(self, block: SignatureBlock) -> None:
        """A personal signature (no company logo) gets its own caption."""
        if block.images:
            self.window.signature_caption.setText(self.tr(
                "Company signature (set by your company; it cannot be edited here)"))
        else:
            self.window.signature_caption.setText(self.tr(
                "Your signature (change it in Settings → Composer)"))

    # -- sending --------------------------------------------------------------------------------
    def remember_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.file_paths[path.name] = path

    def send_requested(self) -> None:
        """Addresses, then the checks before sending, then ``window.queue_now()``."""
        w = self.window
        problems: list[AddressProblems] = w.address_problems
        if not all([p.check() for p in problems]):  # every field shows its own line
            w._show_error(self.tr("Not sent: correct the addresses marked in red."))
            return
        sender = w.current_sender()
        if sender is None:
            return
        fields, links, db_path = w.fields(), len(w.link_files), w.db_path
        w.send_button.setEnabled(False)
        run_in_background(lambda: run_checks(db_path, sender.account_id, fields, links),
                          self._checked, self._check_failed, owner=self)

    def _check_failed(self, exc: BaseException) -> None:
        self.window.send_button.setEnabled(True)
        self.window._show_error(self.tr("The checks before sending failed: {0}").format(exc))

    def _checked(self, findings: tuple[Finding, ...]) -> None:
        w = self.window
        w.send_button.setEnabled(True)
        if not findings:
            w.queue_now()
            return
        can_link = any(a.filename in self.file_paths for a in w.attachments)
        self.dialog = PreSendDialog(findings, can_link, w)
        self.dialog.answered.connect(lambda choice: self._answered(findings, choice))
        self.dialog.open()

    def _answered(self, findings: tuple[Finding, ...], choice: str) -> None:
        w, dialog = self.window, self.dialog
        if dialog is not None and dialog.dont_ask.isChecked() and choice != "back":
            codes, db_path = dialog.codes(), w.db_path
            run_in_background(lambda: switch_off(db_path, codes), lambda _r: None, owner=self)
        self.dialog = None
        if choice == "back":
            return
        if choice == "links":
            self._to_links(findings)
        w.queue_now()

    def _to_links(self, findings: tuple[Finding, ...]) -> None:
        w = self.window
        wanted = {i for f in findings if f.code == "too-large" for i in f.files}
        keep = []
        for index, attachment in enumerate(w.attachments):
            path = self.file_paths.get(attachment.filename)
            if index in wanted and path is not None and path.is_file():
                if path not in w.link_files:
                    w.link_files.append(path)
            else:
                keep.append(attachment)
        w.attachments = keep
        w._show_attachments()

