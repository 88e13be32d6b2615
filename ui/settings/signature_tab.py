"""The Settings dialog's Signature tab: the rep's values per sending address and a live preview.

``fill(snapshot)`` builds one form per sending address: the fields the policy lets the rep fill
are editable unless the directory or template already sets them (each checked as it is typed, ``values.value_problem``; a refused value is said in
words under its field and is left out of ``values_to_save``), the values the policy itself gives
are shown read-only. The preview (the selected address, a recipient-language variant, the reply
form) re-renders 300 ms after the last change: ``render_signature`` then ``preview_document``
(the logo as a data: URL) in a locked ``HtmlView`` (nothing is fetched), and the plain-text form
beside it; a signature that cannot be rendered is explained in words instead. Rendering is pure
and takes well under a millisecond, so it runs on the GUI thread. GUI thread only.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from client.signatures.bundle import PolicyBundle
from client.signatures.fields import FIELD_KINDS, MAX_VALUE_LENGTH
from client.signatures.render import (
    SignatureRequest,
    preview_document,
    render_signature,
    template_for,
)
from client.signatures.schema import PolicyError
from ui.qt.plain_text import tooltip
from ui.reader.html_view import HtmlView
from ui.settings import values
from ui.wizard.signature_step import language_name

PREVIEW_DELAY_MS = 300
REP_TEXT_MARK = "…the rep's text…"  # the placeholder paragraph of preview_document


class SignatureTab(QWidget):
    """See module docstring. ``previewUpdated(address)`` after each re-render (tests wait)."""

    previewUpdated = Signal(str)

    def __init__(self, field_label: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_label = field_label
        self.bundle: PolicyBundle | None = None
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        self.errors: dict[tuple[str, str], QLabel] = {}
        self.problems: dict[tuple[str, str], str] = {}  # refused values, the reason in words
        self.read_only: dict[tuple[str, str], QLineEdit] = {}
        self.html_view: HtmlView | None = None
        self.last_document = ""  # the HTML last handed to the preview
        self.preview_count = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.render_preview)
        self.layout_ = QVBoxLayout(self)

    # -- building ---------------------------------------------------------------------------------
    def fill(self, snapshot: values.SettingsSnapshot) -> None:
        """Show the snapshot's policy and values (replaces whatever was shown)."""
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.edits.clear()
        self.errors.clear()
        self.problems.clear()
        self.read_only.clear()
        self.bundle = snapshot.policy
        if self.bundle is None or not snapshot.signature_values:
            if snapshot.signature_problem:
                text = self.tr("The company signature policy cannot be used: {0}").format(
                    snapshot.signature_problem)
            elif self.bundle is not None:
                text = self.tr("A company signature policy is in force, but this profile has no "
                               "sending address yet.")
            else:
                text = self.tr("No company signature policy is configured for this profile, so "
                               "there is nothing to fill in here.")
            label = QLabel(text, self)
            label.setWordWrap(True)
            self.layout_.addWidget(label)
            self.layout_.addStretch(1)
            return
        intro = QLabel(self.tr("Your company sets the signature. You may fill in the values "
                               "in boxes; the others come from the company's policy."), self)
        intro.setWordWrap(True)
        self.identity_box = QComboBox(self)
        self.forms = QStackedWidget(self)
        for address, current in snapshot.signature_values.items():
            self.identity_box.addItem(address, address)
            self.forms.addWidget(self._form(address, current, snapshot.signature_fields))
        self.language_box = QComboBox(self)
        self.reply_box = QCheckBox(self.tr("Reply form"), self)
        self.identity_box.currentIndexChanged.connect(self._identity_changed)
        self.language_box.currentIndexChanged.connect(lambda _i: self.schedule_preview())
        self.reply_box.toggled.connect(lambda _on: self.schedule_preview())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sending address:"), self))
        top.addWidget(self.identity_box, 1)
        top.addWidget(QLabel(self.tr("Recipient's language:"), self))
        top.addWidget(self.language_box)
        top.addWidget(self.reply_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.forms)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(self._preview_pane())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 580])  # the values readable, the preview still wide
        self.layout_.addWidget(intro)
        self.layout_.addLayout(top)
        self.layout_.addWidget(splitter, 1)
        self._identity_changed(0)

    def _form(self, address: str, current: dict[str, str], editable: tuple[str, ...]) -> QWidget:
        assert self.bundle is not None
        page = QWidget(self)
        form = QFormLayout(page)
        fixed = values.fixed_values(self.bundle, address, current)
        defaults = dict(self.bundle.policy.company_values)
        for name in FIELD_KINDS:
            key = (address, name)
            if name in editable and name not in fixed:
                edit = QLineEdit(current.get(name, ""), page)
                if defaults.get(name):
                    edit.setPlaceholderText(defaults[name])
                error = QLabel(page)
                error.setTextFormat(Qt.TextFormat.PlainText)
                error.setWordWrap(True)
                error.setStyleSheet("color: #b00020;")
                error.hide()
                holder = QWidget(page)
                column = QVBoxLayout(holder)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                column.addWidget(edit)
                column.addWidget(error)
                self.edits[key], self.errors[key] = edit, error
                edit.textChanged.connect(lambda _text, k=key: self._changed(k))
                form.addRow(self.field_label(name), holder)
                self._check(key)
            elif fixed.get(name) or defaults.get(name):
                shown = QLineEdit(fixed.get(name) or defaults[name], page)
                shown.setReadOnly(True)
                shown.setFrame(False)
                shown.setStyleSheet("QLineEdit { background: transparent; }")
                shown.setCursorPosition(0)
                shown.setToolTip(tooltip(shown.text() + "\n" + self.tr(
                    "Set by your company's policy; you cannot change it.")))
                self.read_only[key] = shown
                form.addRow(self.field_label(name), shown)
        return page

    def _preview_pane(self) -> QWidget:
        pane = QWidget(self)
        self.preview_error = QLabel(pane)
        self.preview_error.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_error.setWordWrap(True)
        self.preview_error.setStyleSheet("color: #b00020;")
        self.preview_error.hide()
        self.html_view = HtmlView(pane)
        self.html_view.setMinimumHeight(160)
        self.text_view = QPlainTextEdit(pane)
        self.text_view.setReadOnly(True)
        self.text_view.setMinimumHeight(120)
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Preview (HTML):"), pane))
        column.addWidget(self.preview_error)
        column.addWidget(self.html_view, 3)
        column.addWidget(QLabel(self.tr("Plain-text form:"), pane))
        column.addWidget(self.text_view, 2)
        return pane

    # -- reacting ---------------------------------------------------------------------------------
    def current_address(self) -> str:
        return str(self.identity_box.currentData() or "")

    def _identity_changed(self, index: int) -> None:
        self.forms.setCurrentIndex(max(0, index))
        address = self.current_address()
        self.language_box.blockSignals(True)
        self.language_box.clear()
        self.language_box.addItem(self.tr("Default"), "")
        if self.bundle is not None and address:
            try:
                template = template_for(self.bundle, address, self.values_for(address))
            except PolicyError:
                template = None
            for code in sorted(template.languages) if template is not None else ():
                self.language_box.addItem(language_name(code), code)
        self.language_box.blockSignals(False)
        self.render_preview()

    def _changed(self, key: tuple[str, str]) -> None:
        self._check(key)
        if key[0] == self.current_address():
            self.schedule_preview()

    def _check(self, key: tuple[str, str]) -> None:
        if self.bundle is None:
            return
        problem = values.value_problem(self.bundle, key[1], self.edits[key].text())
        label = self.errors[key]
        if problem is None:
            self.problems.pop(key, None)
            label.setText("")
            label.hide()
        else:
            self.problems[key] = self.problem_words(key[1], problem)
            label.setText(self.problems[key])
            label.show()

    def problem_words(self, name: str, problem: str) -> str:
        """The core's reason for refusing a value, as a translated sentence."""
        kind = FIELD_KINDS.get(name, "text")
        if "longer than" in problem:
            return self.tr("Too long: at most {0} characters.").format(MAX_VALUE_LENGTH)
        if "control character" in problem:
            return self.tr("Use one line, without control characters.")
        if "does not let reps" in problem:
            return self.tr("Your company's policy does not let you fill this value.")
        if kind == "phone":
            return self.tr("Not a phone number: use digits, spaces and + ( ) - . /")
        if kind == "url":
            return self.tr("Not a link: it must start with http:// or https://")
        if kind == "email":
            return self.tr("Not an e-mail address.")
        return problem

    def schedule_preview(self) -> None:
        """Re-render once the rep has stopped typing for ``PREVIEW_DELAY_MS``."""
        self.timer.start()

    def render_preview(self) -> None:
        """Render the selected address's signature now (pure and fast: GUI thread)."""
        self.timer.stop()
        if self.bundle is None or self.html_view is None:
            return
        address = self.current_address()
        request = SignatureRequest(address, language=str(self.language_box.currentData() or "")
                                   or None, reply=self.reply_box.isChecked())
        self.preview_count += 1
        try:
            rendered = render_signature(self.bundle, request, self.values_for(address))
        except PolicyError as exc:
            self.preview_error.setText(self.tr("The signature cannot be shown: {0}").format(exc))
            self.preview_error.show()
            self.last_document = ""
            self.html_view.show_document(f"signature-preview-{self.preview_count}",
                                         "<!DOCTYPE html><html><body></body></html>", {})
            self.text_view.setPlainText("")
            self.previewUpdated.emit(address)
            return
        self.preview_error.hide()
        document = preview_document(rendered).replace(
            REP_TEXT_MARK, html_lib.escape(self.tr("…your message…")))
        self.last_document = document
        self.html_view.show_document(f"signature-preview-{self.preview_count}", document, {})
        option = QTextOption()
        right_to_left = rendered.direction == "rtl"
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if right_to_left
                                else Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if right_to_left
                            else Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text_view.document().setDefaultTextOption(option)
        self.text_view.setPlainText(rendered.block.text)
        self.previewUpdated.emit(address)

    # -- results ----------------------------------------------------------------------------------
    def values_for(self, address: str) -> dict[str, str]:
        """The address's acceptable values as typed (refused ones left out)."""
        return {name: edit.text().strip() for (where, name), edit in self.edits.items()
                if where == address and (where, name) not in self.problems}

    def values_to_save(self) -> dict[str, dict[str, str]]:
        """{address: {field: value}} of every acceptable value (a refused one is not saved)."""
        out: dict[str, dict[str, str]] = {}
        for (address, name), edit in self.edits.items():
            if (address, name) not in self.problems:
                out.setdefault(address, {})[name] = edit.text().strip()
        return out

    def invalid_fields(self) -> list[tuple[str, str]]:
        """(address, field) of every value the policy refuses."""
        return list(self.problems)
