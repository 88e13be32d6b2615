"""The Composer tab of Settings: the checks before sending, the reply style, and the rep's own
signature per sending address.

``ComposerSettingsTab(db_path)`` reads its values in the background (``loaded``):
``load_composer_settings`` (which checks are on, ``compose.reply_style``, every identity with
its personal signature, whether a company policy is in force). Each check has a box (on by
default; "don't ask again" in the composer unticks it); the personal signature is edited as
simple rich text (bold, italic) per address, and a note says when the company's policy
replaces it. ``save()`` (connected to the dialog's ``saved``) stores everything in the
background (``stored``; ``failed(str)`` in words, e.g. a signature that is too long).
GUI thread only, except the two job functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.compose.checks import CHECKS, disabled_checks, set_check_enabled
from client.compose.identities import identities
from client.signatures.personal import get_personal, set_personal
from client.signatures.provision import policy_in_force
from client.signatures.schema import PolicyError
from client.store.db import Store
from ui.composer.editor import ComposeEditor
from ui.composer.quote_edit import REPLY_STYLES, STYLE_SETTING, style_labels
from ui.qt.tasks import run_in_background
from ui.settings.spell_box import SpellSettingBox


@dataclass
class ComposerSettings:
    """What the tab shows and saves. ``signatures``: {address: (html, text)}."""

    disabled: frozenset[str] = frozenset()
    reply_style: str = "top"
    addresses: tuple[str, ...] = ()
    signatures: dict[str, tuple[str, str]] = field(default_factory=dict)
    policy: bool = False


def load_composer_settings(db_path: Path) -> ComposerSettings:
    """Worker thread: the tab's values from the profile."""
    with Store.open(db_path) as store:
        addresses = tuple(dict.fromkeys(
            i.email for a in store.list_accounts() for i in identities(store, a.id)))
        signatures = {}
        for address in addresses:
            found = get_personal(store, address)
            if found is not None:
                signatures[address] = (found.html, found.text)
        try:
            policy = policy_in_force(store) is not None
        except PolicyError:
            policy = True  # configured but unusable: sending says why; it still wins
        style = store.get_setting(STYLE_SETTING, "top")
        return ComposerSettings(disabled_checks(store),
                                style if style in REPLY_STYLES else "top", addresses,
                                signatures, policy)


def save_composer_settings(db_path: Path, settings: ComposerSettings) -> None:
    """Worker thread: store the tab's values; raises ``ValueError`` in words."""
    with Store.open(db_path) as store:
        for code in CHECKS:
            set_check_enabled(store, code, code not in settings.disabled)
        if settings.reply_style in REPLY_STYLES:
            store.set_setting(STYLE_SETTING, settings.reply_style)
        for address in settings.addresses:
            html, text = settings.signatures.get(address, ("", ""))
            set_personal(store, address, html, text)


class ComposerSettingsTab(QWidget):
    """See the module docstring."""

    loaded = Signal()
    stored = Signal()
    failed = Signal(str)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.settings: ComposerSettings | None = None
        self.current_address = ""
        checks = QGroupBox(self.tr("Checks before sending"), self)
        check_layout = QVBoxLayout(checks)
        labels = (self.tr("Ask when the subject is empty"),
                  self.tr("Ask when the text mentions an attachment but none is attached"),
                  self.tr("Ask when the attachments are too large for the provider or the "
                          "link threshold"),
                  self.tr("Ask when a recipient is a no-reply address"))
        self.check_boxes: dict[str, QCheckBox] = {}
        for code, label in zip(CHECKS, labels, strict=True):
            box = QCheckBox(label, checks)
            box.setChecked(True)
            check_layout.addWidget(box)
            self.check_boxes[code] = box
        self.style_box = QComboBox(self)
        for style, label in zip(REPLY_STYLES, style_labels(), strict=True):
            self.style_box.addItem(label, style)
        signature = QGroupBox(self.tr("Your own signature"), self)
        self.address_box = QComboBox(signature)
        self.editor = ComposeEditor(signature)
        self.editor.setObjectName("personalSignature")
        self.editor.setMinimumHeight(90)
        bold = QPushButton(self.tr("Bold"), signature)
        bold.setCheckable(True)
        bold.toggled.connect(lambda on: self._format(weight=on))
        italic = QPushButton(self.tr("Italic"), signature)
        italic.setCheckable(True)
        italic.toggled.connect(lambda on: self._format(italic=on))
        self.policy_note = QLabel(self.tr("Your company's signature policy is in force: its "
                                          "signature is used instead of this one."), signature)
        self.policy_note.setWordWrap(True)
        self.policy_note.setStyleSheet("color: gray;")
        self.policy_note.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(bold)
        buttons.addWidget(italic)
        buttons.addStretch(1)
        sig_form = QFormLayout(signature)
        sig_form.addRow(self.tr("For:"), self.address_box)
        sig_form.addRow(buttons)
        sig_form.addRow(self.editor)
        sig_form.addRow(self.policy_note)
        layout = QVBoxLayout(self)
        layout.addWidget(checks)
        form = QFormLayout()
        form.addRow(self.tr("Reply style:"), self.style_box)
        layout.addLayout(form)
        self.spell_box = SpellSettingBox(self.db_path, self)  # spell.enabled (spell_box.py)
        layout.addWidget(self.spell_box)
        layout.addWidget(signature, 1)
        self.address_box.currentIndexChanged.connect(self._address_changed)
        db = self.db_path
        run_in_background(lambda: load_composer_settings(db), self._loaded,
                          lambda exc: self.failed.emit(str(exc)), owner=self)

    def title(self) -> str:
        return self.tr("Composer")

    def _format(self, *, weight: bool | None = None, italic: bool | None = None) -> None:
        fmt = QTextCharFormat()
        if weight is not None:
            fmt.setFontWeight(QFont.Weight.Bold if weight else QFont.Weight.Normal)
        if italic is not None:
            fmt.setFontItalic(italic)
        self.editor.mergeCurrentCharFormat(fmt)

    def _loaded(self, settings: ComposerSettings) -> None:
        self.settings = settings
        for code, box in self.check_boxes.items():
            box.setChecked(code not in settings.disabled)
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(settings.reply_style)))
        self.policy_note.setVisible(settings.policy)
        self.address_box.blockSignals(True)
        for address in settings.addresses:
            self.address_box.addItem(address, address)
        self.address_box.blockSignals(False)
        self._address_changed(0)
        self.loaded.emit()

    def _keep_current(self) -> None:
        """Remember what the editor holds for the address shown."""
        if self.settings is None or not self.current_address:
            return
        text = self.editor.toPlainText().strip("\n")
        html = self.editor.body_html() if text.strip() else ""
        self.settings.signatures[self.current_address] = (html, text)

    def _address_changed(self, _index: int) -> None:
        if self.settings is None:
            return
        self._keep_current()
        self.current_address = str(self.address_box.currentData() or "")
        html, text = self.settings.signatures.get(self.current_address, ("", ""))
        if html:
            self.editor.setHtml(html)
        else:
            self.editor.setPlainText(text)

    def save(self) -> None:
        """Store the shown values (background); nothing before they were read."""
        self.spell_box.save()
        if self.settings is None:
            return
        self._keep_current()
        self.settings.disabled = frozenset(
            c for c, box in self.check_boxes.items() if not box.isChecked())
        self.settings.reply_style = str(self.style_box.currentData() or "top")
        settings, db = self.settings, self.db_path
        run_in_background(lambda: save_composer_settings(db, settings),
                          lambda _r: self.stored.emit(),
                          lambda exc: self.failed.emit(str(exc)), owner=self)
