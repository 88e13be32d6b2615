"""The template picker: choose a template and its language, fill the quote, see it rendered.

``QuotePicker(db_path, message_row)`` loads the library, the inquiry's data and the price list
off the GUI thread (``ready`` when done), preselects the last-used template (else the first
quotation) in the buyer's language (``jobs.guess_languages``; the rep may change it), renders
the first preview as soon as that is loaded and re-renders it ``PREVIEW_DELAY_MS`` after the
last change, off the GUI thread; a stale
result is dropped. A template that does not render (syntax error, unknown variable, bad item)
shows the error in words in the preview, with the template's name and line, and "Create reply"
stays disabled. "Create reply" runs ``jobs.create_reply`` (number, draft, PDF if ticked, record)
off the GUI thread, emits ``created(QuoteReply)`` and closes; nothing is saved on failure.
The preview is a ``QTextBrowser`` that follows no link and loads no resource. GUI thread only.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from client.quotes.reply import QuoteReply, QuoteRequest
from client.templates import INCOTERMS_2020, RenderedMail
from client.templates.model import CATEGORIES
from ui.composer.locked_view import blocked_resource
from ui.qt.tasks import run_in_background
from ui.quotes import jobs
from ui.quotes.jobs import language_label

PREVIEW_DELAY_MS = 300
COLUMNS = ("sku", "product", "quantity", "unit", "unit_price")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class PreviewBrowser(QTextBrowser):
    """Shows rendered HTML; follows no link, loads no picture or style from anywhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 (Qt override)
        return blocked_resource(kind)


class SkuDelegate(QStyledItemDelegate):
    """The SKU cell's editor completes from the price list (by SKU or by name)."""

    def __init__(self, entries: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter(self.entries, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        return editor

    def setModelData(self, editor: QWidget, model: Any,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text().split(" — ")[0].strip())


class QuotePicker(QDialog):
    """See the module docstring."""

    ready = Signal()
    previewed = Signal()  # a preview (or its error) is shown
    created = Signal(object)  # QuoteReply
    failed = Signal(str)

    def __init__(self, db_path: Path, message_row: int, parent: QWidget | None = None,
                 template: str | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.message_row = Path(db_path), message_row
        self.wanted_template = template
        self.data: jobs.PickerData | None = None
        self.rendered: RenderedMail | None = None
        self.preview_error = ""
        self.reply: QuoteReply | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Quote"))
        self.resize(1100, 720)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._render)
        self.preview.setHtml(html.escape(self.tr("Loading templates…")))
        run_in_background(lambda: jobs.load_picker_data(self.db_path, message_row),
                          self._loaded, self._load_failed, owner=self)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search templates"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("All categories"), "")
        labels = {"quotation": self.tr("Quotation"), "follow-up": self.tr("Follow-up"),
                  "sample-offer": self.tr("Sample offer"), "price-update": self.tr("Price update"),
                  "faq-answer": self.tr("FAQ answer"), "other": self.tr("Other")}
        for key in CATEGORIES:
            self.category.addItem(labels[key], key)
        self.language_filter = QComboBox(self)
        self.language_filter.addItem(self.tr("All languages"), "")
        self.templates = QListWidget(self)
        self.language = QComboBox(self)  # the variant to use

        self.items_model = QStandardItemModel(0, len(COLUMNS), self)
        self.items_model.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Product"), self.tr("Quantity"), self.tr("Unit"),
             self.tr("Unit price")])
        self.items_view = QTableView(self)
        self.items_view.setModel(self.items_model)
        header = self.items_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (2, 80), (3, 60), (4, 90)):
            self.items_view.setColumnWidth(column, width)
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sku_delegate = SkuDelegate([], self.items_view)
        self.items_view.setItemDelegateForColumn(0, self.sku_delegate)
        self.add_row_button = QPushButton(self.tr("Add item"), self)
        self.remove_row_button = QPushButton(self.tr("Remove item"), self)

        self.currency = QLineEdit("USD", self)
        self.currency.setMaxLength(3)
        self.incoterm = QComboBox(self)
        self.incoterm.addItem(self.tr("(none)"), "")
        for rule in INCOTERMS_2020:
            self.incoterm.addItem(rule, rule)
        self.place = QLineEdit(self)
        self.payment = QLineEdit(self)
        self.validity = QSpinBox(self)
        self.validity.setRange(1, 3650)
        self.validity.setValue(30)
        self.validity.setSuffix(self.tr(" days"))
        self.lead_time = QLineEdit(self)
        self.attach_pdf = QCheckBox(self.tr("Attach PDF quotation"), self)
        self.attach_pdf.setChecked(True)

        self.preview = PreviewBrowser(self)
        self.subject_label = QLabel(self)
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("Create reply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.create_reply)
        self.buttons.rejected.connect(self.reject)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.category)
        filters.addWidget(self.language_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.templates, 1)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Currency:"), self.currency)
        form.addRow(self.tr("Incoterm:"), self.incoterm)
        form.addRow(self.tr("Place:"), self.place)
        form.addRow(self.tr("Payment terms:"), self.payment)
        form.addRow(self.tr("Valid for:"), self.validity)
        form.addRow(self.tr("Lead time:"), self.lead_time)
        left_layout.addLayout(form)
        left_layout.addWidget(self.attach_pdf)

        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(QLabel(self.tr("Items"), self))
        middle_layout.addWidget(self.items_view, 1)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_row_button)
        row_buttons.addWidget(self.remove_row_button)
        row_buttons.addStretch(1)
        middle_layout.addLayout(row_buttons)
        middle_layout.addWidget(self.subject_label)
        middle_layout.addWidget(self.preview, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.setSizes([360, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._filter)
        self.category.currentIndexChanged.connect(self._filter)
        self.language_filter.currentIndexChanged.connect(self._filter)
        self.templates.currentItemChanged.connect(self._template_changed)
        self.language.currentIndexChanged.connect(self.schedule_preview)
        self.items_model.dataChanged.connect(self._item_edited)
        self.items_model.rowsRemoved.connect(self.schedule_preview)
        self.add_row_button.clicked.connect(lambda: self.add_item())
        self.remove_row_button.clicked.connect(self._remove_rows)
        for edit in (self.currency, self.place, self.payment, self.lead_time):
            edit.textChanged.connect(self.schedule_preview)
        self.incoterm.currentIndexChanged.connect(self.schedule_preview)
        self.currency.textChanged.connect(self._refill_rows)
        self.language.currentIndexChanged.connect(self._refill_rows)
        self.validity.valueChanged.connect(self.schedule_preview)

    # -- loading --------------------------------------------------------------------------------
    def _loaded(self, data: jobs.PickerData) -> None:
        self.data = data
        company = self.tr("company price list")
        self.sku_delegate.entries = [
            f"{p.sku} — {p.name_for(None)}"
            + (f" ({company})" if p.sku.casefold() in data.company_skus else "")
            for p in data.products]
        langs = sorted({lang for t in data.library.templates.values() for lang in t.languages})
        for lang in langs:
            self.language_filter.addItem(data.language_labels.get(lang) or language_label(lang),
                                         lang)
        from client.i18n import get_language

        for name in data.library.names():
            template = data.library.templates[name]
            item = QListWidgetItem(f"{template.title_for(get_language())} ({name})",
                                   self.templates)
            item.setData(NAME_ROLE, name)
            item.setToolTip(", ".join(template.languages))
        wanted = self.wanted_template or data.last_template
        if wanted not in data.library.templates:
            quotations = [n for n in data.library.names()
                          if data.library.templates[n].category == "quotation"]
            wanted = quotations[0] if quotations else ""
        self.select_template(wanted)
        if data.last_choices is not None:
            self._use_choices(data.last_choices)
        if self.items_model.rowCount() == 0:
            self.add_item(data.products[0].sku if data.products else "", quantity="1")
        self.ready.emit()
        self.schedule_preview()
        self._timer.stop()  # the first preview at once: nothing is being typed yet
        self._render()
        if self.attach_pdf.isChecked():  # the first PDF of a process pays for font loading
            from client.quotes.pdf_fonts import preload

            run_in_background(preload, lambda _r: None, lambda _e: None, owner=self)

    def _use_choices(self, choices: Any) -> None:
        """Start from the rep's last currency, Incoterm, place, payment, validity, lead time
        and PDF choice (``client.quotes.last_choices``); the items start empty."""
        self.currency.setText(choices.currency)
        index = self.incoterm.findData(choices.incoterm)
        self.incoterm.setCurrentIndex(max(index, 0))
        self.place.setText(choices.place)
        self.payment.setText(choices.payment_terms)
        self.validity.setValue(choices.valid_days)
        self.lead_time.setText(choices.lead_time)
        self.attach_pdf.setChecked(choices.with_pdf)

    def _load_failed(self, exc: BaseException) -> None:
        self._show_error(self.tr("The templates could not be loaded: {0}").format(exc))
        self.ready.emit()

    # -- templates ------------------------------------------------------------------------------
    def select_template(self, name: str) -> None:
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            if item.data(NAME_ROLE) == name:
                self.templates.setCurrentItem(item)
                return

    def template_name(self) -> str:
        item = self.templates.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else ""

    def _filter(self) -> None:
        if self.data is None:
            return
        needle = self.search.text().strip().lower()
        category = self.category.currentData() or ""
        lang = self.language_filter.currentData() or ""
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            template = self.data.library.templates[str(item.data(NAME_ROLE))]
            text = " ".join((template.name, template.title, item.text())).lower()
            visible = ((not needle or needle in text)
                       and (not category or template.category == category)
                       and (not lang or lang in template.languages))
            item.setHidden(not visible)

    def _template_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if self.data is None or current is None:
            return
        name = str(current.data(NAME_ROLE))
        langs = self.data.library.get(name).languages
        chosen = self.data.library.best_language(name, list(self.data.wanted_languages))
        self.language.blockSignals(True)
        self.language.clear()
        for lang in langs:
            self.language.addItem(self.data.language_labels.get(lang) or language_label(lang),
                                  lang)
        self.language.setCurrentIndex(langs.index(chosen))
        self.language.blockSignals(False)
        self.schedule_preview()

    # -- items ----------------------------------------------------------------------------------
    def add_item(self, sku: str = "", product: str = "", quantity: str = "1", unit: str = "",
                 unit_price: str = "") -> None:
        cells = [QStandardItem(v) for v in (sku, product, quantity, unit, unit_price)]
        self.items_model.appendRow(cells)
        self._fill_from_price_list(self.items_model.rowCount() - 1)

    def _remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.items_view.selectionModel().selectedRows()},
                      reverse=True)
        for row in rows:
            self.items_model.removeRow(row)

    def _item_edited(self, top_left: QModelIndex, _bottom_right: QModelIndex) -> None:
        if top_left.column() == 0:
            self._fill_from_price_list(top_left.row())
        self.schedule_preview()

    def _fill_from_price_list(self, row: int) -> None:
        """A known SKU fills the product, unit and unit price (in the currency) read-only."""
        if self.data is None:
            return
        sku = (self.items_model.item(row, 0).text() or "").strip().lower()
        product = next((p for p in self.data.products if p.sku.lower() == sku), None)
        if product is None:
            return
        price = jobs.price_of(product, self.currency.text())
        values = (product.name_for(self.language.currentData()), None, product.unit,
                  "" if price is None else format(price, "f"))
        self.items_model.blockSignals(True)
        for column, value in zip((1, 2, 3, 4), values, strict=True):
            if value is not None:
                self.items_model.item(row, column).setText(value)
        self.items_model.blockSignals(False)
        self.items_view.viewport().update()

    def _refill_rows(self, *_args: object) -> None:
        """Another currency or language: the price-list rows show its price and name."""
        for row in range(self.items_model.rowCount()):
            self._fill_from_price_list(row)

    def item_rows(self) -> list[tuple[str, str, str, str, str]]:
        model = self.items_model
        return [tuple(model.item(r, c).text() for c in range(len(COLUMNS)))  # type: ignore[misc]
                for r in range(model.rowCount())]

    # -- preview --------------------------------------------------------------------------------
    def schedule_preview(self, *_args: object) -> None:
        """Render again ``PREVIEW_DELAY_MS`` after the last change (debounce)."""
        self.create_button.setEnabled(False)
        self._generation += 1
        self._timer.start()

    def _fields(self) -> jobs.PreviewInput:
        return jobs.PreviewInput(
            template=self.template_name(), lang=str(self.language.currentData() or ""),
            items=jobs.item_specs_of(self.item_rows()), currency=self.currency.text(),
            incoterm=str(self.incoterm.currentData() or ""), place=self.place.text(),
            payment_terms=self.payment.text(), valid_days=self.validity.value(),
            lead_time=self.lead_time.text())

    def _render(self) -> None:
        data = self.data
        if data is None or not self.template_name():
            return
        generation = self._generation
        try:
            fields = self._fields()
        except ValueError as exc:  # QuoteInputError: a bad item row
            self._show_error(str(exc))
            return
        run_in_background(lambda: jobs.preview(self.db_path, data, fields),
                          lambda result: self._rendered(generation, result),
                          lambda exc: self._render_failed(generation, exc), owner=self)

    def _rendered(self, generation: int, result: RenderedMail) -> None:
        if generation != self._generation:
            return
        self.rendered, self.preview_error = result, ""
        self.subject_label.setText(self.tr("Subject: {0}").format(result.subject))
        self.preview.setHtml(result.html)
        self.status_label.clear()
        self.create_button.setEnabled(True)
        self.previewed.emit()

    def _render_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_error(str(exc))

    def _show_error(self, message: str) -> None:
        self.rendered, self.preview_error = None, message
        self.subject_label.clear()
        self.preview.setHtml(
            '<p style="color:#b00020"><b>' + html.escape(self.tr("Cannot show this quote:"))
            + "</b></p><p>" + html.escape(message).replace("\n", "<br>") + "</p>")
        self.create_button.setEnabled(False)
        self.previewed.emit()

    # -- creating -------------------------------------------------------------------------------
    def request(self) -> QuoteRequest:
        fields = self._fields()
        return QuoteRequest(
            template=fields.template, items=fields.items, currency=fields.currency,
            incoterm=fields.incoterm, place=fields.place, lang=fields.lang,
            payment_terms=fields.payment_terms, valid_days=fields.valid_days,
            lead_time=fields.lead_time, with_pdf=self.attach_pdf.isChecked())

    def create_reply(self) -> None:
        """Create the reply draft off the GUI thread; ``created`` then closes the dialog."""
        if self.data is None or self.rendered is None:
            return
        try:
            request = self.request()
        except ValueError as exc:
            self._show_error(str(exc))
            return
        library = self.data.library
        self.create_button.setEnabled(False)
        self.status_label.setText(self.tr("Creating the reply…"))
        run_in_background(
            lambda: jobs.create_reply(self.db_path, self.message_row, request, library),
            self._created, self._create_failed, owner=self)

    def _created(self, reply: QuoteReply) -> None:
        self.reply = reply
        self.created.emit(reply)
        self.accept()

    def _create_failed(self, exc: BaseException) -> None:
        message = self.tr("The reply was not created: {0}").format(exc)
        self.status_label.setText(message)
        self.create_button.setEnabled(self.rendered is not None)
        self.failed.emit(message)
