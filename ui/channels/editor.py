"""The rule editor (Message → Channel rules…): the rules in evaluation order, a form to add or
change one, remove, move up/down, "Test on the selected message" (which rules match and why),
"Import lead list…" (a CSV under a tag) and "Run on existing mail".

`RulesDialog(db_path, selected, parent)`: ``selected()`` gives the main window's selected
message ids. Every store call runs on the thread pool (`ui.channels.jobs`); a refusal
(`RuleError`, `LeadImportError`) is shown in words under the list and the form keeps what the
rep typed. ``changed`` is emitted after a write (the Tags column reloads). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.channels.platforms import PLATFORMS
from client.channels.rules import KINDS, Rule
from ui.channels import jobs
from ui.channels.explain_text import explanation_text, kind_name
from ui.qt.tasks import run_in_background


class RulesDialog(QDialog):
    """See the module."""

    changed = Signal()

    def __init__(self, db_path: Path, selected: Callable[[], list[int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelRulesDialog")
        self.setWindowTitle(self.tr("Inquiry channel rules"))
        self.db_path, self.selected = db_path, selected
        self.rules: list[Rule] = []
        self.busy = 0  # background calls in flight (tests wait until 0)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("On"), self.tr("Kind"), self.tr("Match"), self.tr("Tag")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.match = QLineEdit(self)
        self.tag = QLineEdit(self)
        self.tag.setPlaceholderText(self.tr("e.g. webform, fair-canton-2026, referral"))
        self.enabled = QCheckBox(self.tr("Enabled"), self)
        self.enabled.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Match"), self.match)
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow("", self.enabled)

        self.add_button = self._button(self.tr("Add"), self.add_rule)
        self.save_button = self._button(self.tr("Save changes"), self.save_rule)
        self.remove_button = self._button(self.tr("Remove"), self.remove_rule)
        self.up_button = self._button(self.tr("Move up"), lambda: self.move_rule(-1))
        self.down_button = self._button(self.tr("Move down"), lambda: self.move_rule(1))
        self.test_button = self._button(self.tr("Test on the selected message"), self.test)
        self.import_button = self._button(self.tr("Import lead list…"), self.import_leads)
        self.run_button = self._button(self.tr("Run on existing mail"), self.run_rules)
        close = self._button(self.tr("Close"), self.accept)

        self.status = QLabel(self)
        self.status.setObjectName("channelRulesStatus")
        self.status.setWordWrap(True)
        self.explanation = QPlainTextEdit(self)
        self.explanation.setReadOnly(True)
        self.explanation.setPlaceholderText(
            self.tr("Select a message in the list, then press “Test on the selected message”."))
        self.explanation.setMaximumHeight(120)

        rows = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button, self.up_button,
                       self.down_button):
            rows.addWidget(button)
        more = QHBoxLayout()
        for button in (self.test_button, self.import_button, self.run_button):
            more.addWidget(button)
        more.addStretch(1)
        more.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(rows)
        layout.addWidget(self.status)
        layout.addWidget(self.explanation)
        layout.addLayout(more)
        self.resize(760, 560)
        self._kind_changed()
        self._selection_changed()
        self.reload()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    # -- background calls ------------------------------------------------------------------------
    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy += 1

        def finished(result: Any) -> None:
            self.busy -= 1
            done(result)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.status.setText(str(exc))

        run_in_background(fn, finished, failed, owner=self)

    def reload(self, select: int | None = None) -> None:
        db = self.db_path
        self._call(lambda: jobs.load(db), lambda result: self._show(*result, select=select))

    def _show(self, rules: list[Rule], lists: dict[str, int], *, select: int | None) -> None:
        self.rules = rules
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            cells = [self.tr("on") if rule.enabled else self.tr("off"), kind_name(rule.kind),
                     self._match_text(rule), rule.tag]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if rule.id == select:
                self.table.selectRow(row)
        self.lead_lists = lists
        self._selection_changed()

    def _match_text(self, rule: Rule) -> str:
        if rule.kind == "platform" and rule.match in PLATFORMS:
            return PLATFORMS[rule.match].name
        if rule.kind == "lead-list":
            count = getattr(self, "lead_lists", {}).get(rule.match)
            if count is not None:
                return self.tr("{0} ({1} addresses)").format(rule.match, count)
        return rule.match

    def _written(self, message: str, select: int | None = None) -> None:
        self.status.setText(message)
        self.changed.emit()
        self.reload(select)

    # -- the form ----------------------------------------------------------------------------
    def current_rule(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _selection_changed(self) -> None:
        rule = self.current_rule()
        for button in (self.save_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(rule is not None)
        if rule is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
            self.match.setText(rule.match)
            self.tag.setText(rule.tag)
            self.enabled.setChecked(rule.enabled)

    def _kind_changed(self) -> None:
        hints = {
            "sender": self.tr("webform@yourcompany.com or @forms.yourcompany.com"),
            "header": self.tr("X-Form-Name, or X-Form-Name: contact"),
            "lead-list": self.tr("the lead list's tag, e.g. fair-canton-2026"),
            "platform": ", ".join(PLATFORMS),
            "referral-phrase": self.tr("e.g. recommended by"),
            "referral-address": self.tr("the referring partner's address"),
        }
        self.match.setPlaceholderText(hints.get(str(self.kind.currentData()), ""))

    def _form(self) -> tuple[str, str, str, bool]:
        return (str(self.kind.currentData()), self.match.text(), self.tag.text(),
                self.enabled.isChecked())

    def add_rule(self) -> None:
        db, (kind, match, tag, on) = self.db_path, self._form()
        self._call(lambda: jobs.add(db, kind, match, tag, on),
                   lambda rule: self._written(self.tr("Rule added."), rule.id))

    def save_rule(self) -> None:
        rule = self.current_rule()
        if rule is None:
            return
        db, (kind, match, tag, on) = self.db_path, self._form()
        self._call(lambda: jobs.update(db, rule.id, kind, match, tag, on),
                   lambda saved: self._written(self.tr("Rule saved."), saved.id))

    def remove_rule(self) -> None:
        rule = self.current_rule()
        if rule is None:
            return
        db = self.db_path
        self._call(lambda: jobs.remove(db, rule.id),
                   lambda _r: self._written(self.tr("Rule removed; the tags it set stay.")))

    def move_rule(self, step: int) -> None:
        rule = self.current_rule()
        if rule is None:
            return
        db, where = self.db_path, max(1, rule.position + step)
        self._call(lambda: jobs.move(db, rule.id, where),
                   lambda _r: self._written(self.tr("Order changed."), rule.id))

    # -- test, import, run -------------------------------------------------------------------
    def test(self) -> None:
        ids = self.selected()
        if not ids:
            self.status.setText(self.tr("Select a message in the list first."))
            return
        db, row = self.db_path, ids[0]
        self._call(lambda: jobs.test(db, row),
                   lambda result: self.explanation.setPlainText(explanation_text(result)))

    def import_leads(self, path: str | None = None, tag: str | None = None) -> None:
        """Ask for the CSV file and the tag (``path``/``tag`` given by tests), then import."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Import lead list"), "", self.tr("CSV files (*.csv);;All files (*)"))
            if not path:
                return
        if tag is None:
            tag, ok = QInputDialog.getText(self, self.tr("Import lead list"),
                                           self.tr("Tag for this list (e.g. fair-canton-2026):"))
            if not ok:
                return
        db, csv_path, name = self.db_path, Path(path), tag

        def done(report: jobs.LeadReport) -> None:
            text = self.tr("Imported {0} addresses as “{1}”.").format(report.imported, report.tag)
            for number, reason in report.bad:
                text += "\n" + self.tr("Row {0} skipped: {1}").format(number, reason)
            self._written(text)

        self._call(lambda: jobs.leads(db, csv_path, name), done)

    def run_rules(self) -> None:
        db = self.db_path
        self._call(lambda: jobs.run(db), lambda report: self._written(
            self.tr("Looked at {0} messages; tagged {1}.").format(report.rows, report.tagged)))
