"""The Settings dialog: general (language, tray), accounts, sync, links, appearance, signature.

``AppSettingsDialog(db_path, prefs, parent)`` loads its values in the background
(``values.load_settings``; ``loaded`` is emitted then). OK saves in the background and closes
only once everything is stored (errors in words, the dialog stays open). ``preferences()``
returns the general tab as ``ui.settings.preferences.Preferences`` for the main window to apply (a new
language is applied by the main window at once). Appearance is applied when saved. Accounts are
added through the account wizard and removed after a confirmation. The Signature tab
(``ui.settings.signature_tab``) has the rep's own values and a live preview; a value the policy
refuses is said in words beside its field and is not saved (everything else is; the dialog then
stays open). Every general, sync and link value is checked by ``client.settings``; a value it
refuses shows its message beside the field (``ui.settings.links_tab``). GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.security.remote_content import SETTING_KEY
from client.settings import SettingError
from ui.qt.tasks import run_in_background
from ui.settings import values
from ui.settings.links_tab import LinksTab, problem_label
from ui.settings.preferences import Preferences
from ui.settings.remote_tab import RemoteContentTab
from ui.settings.signature_tab import SignatureTab

_palette_forced = False


def _dark_palette() -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for name, color in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"),
                        (role.Base, "#1e1e1e"), (role.AlternateBase, "#262626"),
                        (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                        (role.ButtonText, "#e6e6e6"), (role.Highlight, "#2f65ca"),
                        (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#353535"),
                        (role.ToolTipText, "#e6e6e6"), (role.Link, "#7aa7ff"),
                        (role.PlaceholderText, "#8c8c8c"), (role.Mid, "#5a5a5a")):
        palette.setColor(name, QColor(color))
    for name in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, name, QColor("#7a7a7a"))
    return palette


def apply_appearance(appearance: str) -> None:
    """Follow the system's light/dark mode ('system') or force one ('light', 'dark'). Where the
    platform cannot switch its colour scheme, a light or dark palette is set instead.
    GUI thread only."""
    global _palette_forced
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    schemes = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}
    if appearance not in schemes:
        hints.unsetColorScheme()
        if _palette_forced:
            app.setPalette(app.style().standardPalette())
            _palette_forced = False
        return
    hints.setColorScheme(schemes[appearance])
    if hints.colorScheme() != schemes[appearance]:  # e.g. the platform has no colour schemes
        app.setPalette(_dark_palette() if appearance == "dark" else app.style().standardPalette())
        _palette_forced = True


class AppSettingsDialog(QDialog):
    """See module docstring."""

    loaded = Signal()
    saved = Signal()
    accountsChanged = Signal()
    #: the rep asked to add an account (the owner opens the wizard, then calls reload())
    addAccountRequested = Signal()

    def __init__(self, db_path: Path, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.prefs = prefs
        self.snapshot: values.SettingsSnapshot | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(600, 440)
        self.resize(900, 620)  # room for the signature preview beside the values
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._accounts_tab(), self.tr("Accounts"))
        self.sync_page = self._sync_tab()
        self.tabs.addTab(self.sync_page, self.tr("Sync"))
        self.links_tab = LinksTab(self)  # checked by client.settings, reasons beside the fields
        self.tabs.addTab(self.links_tab, self.links_tab.title())
        self.remote_tab = RemoteContentTab(self)  # the allow list of client.security
        self.tabs.addTab(self.remote_tab, self.remote_tab.title())
        self.signature_tab = SignatureTab(self.field_label, self)
        self.tabs.addTab(self.signature_tab, self.tr("Signature"))
        from ui.quotes.settings_tab import QuoteSettingsTab  # reminder days (issue 12)

        self.quotes_tab = QuoteSettingsTab(db_path, self)
        self.tabs.addTab(self.quotes_tab, self.quotes_tab.title())
        self.saved.connect(self.quotes_tab.save)
        from ui.settings.composer_tab import ComposerSettingsTab  # checks, reply style (issue 11)

        self.composer_tab = ComposerSettingsTab(db_path, self)
        self.tabs.addTab(self.composer_tab, self.composer_tab.title())
        self.saved.connect(self.composer_tab.save)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # core/server text (T8)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.reload()

    # -- tabs -----------------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        self.language = QComboBox(page)
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(self.prefs.language)))
        self.minimise_to_tray = QCheckBox(
            self.tr("Closing the window keeps Tradewind in the tray"), page)
        self.minimise_to_tray.setChecked(self.prefs.minimise_to_tray)
        self.appearance = QComboBox(page)
        self.appearance.addItem(self.tr("Follow the system (light or dark)"), "system")
        self.appearance.addItem(self.tr("Light"), "light")
        self.appearance.addItem(self.tr("Dark"), "dark")
        form = QFormLayout(page)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Appearance:"), self.appearance)
        form.addRow("", self.minimise_to_tray)
        return page

    def _accounts_tab(self) -> QWidget:
        page = QWidget(self)
        self.account_list = QListWidget(page)
        self.add_account_button = QPushButton(self.tr("Add account…"), page)
        self.add_account_button.clicked.connect(self.addAccountRequested.emit)
        self.remove_account_button = QPushButton(self.tr("Remove…"), page)
        self.remove_account_button.clicked.connect(self.remove_selected_account)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_account_button)
        buttons.addWidget(self.remove_account_button)
        buttons.addStretch(1)
        from ui.settings.authserv_box import AuthservBox  # the fraud guard's server (issue 19)

        self.authserv = AuthservBox(self.db_path, self.account_list, page)
        self.saved.connect(self.authserv.save_if_changed)
        layout = QVBoxLayout(page)
        layout.addWidget(self.account_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.authserv)
        return page

    def _sync_tab(self) -> QWidget:
        page = QWidget(self)
        self.cache_mb = QDoubleSpinBox(page)
        self.cache_mb.setDecimals(1)
        self.cache_mb.setRange(*values.bounds(values.CACHE_MB_KEY))
        self.cache_mb.setSuffix(" MB")
        self.cache_mb.setValue(values.DEFAULT_CACHE_MB)
        self.interval = QSpinBox(page)
        low, high = values.bounds(values.INTERVAL_KEY)
        self.interval.setRange(int(low), int(high))
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(values.DEFAULT_INTERVAL_MIN)
        note = QLabel(self.tr("Attachments larger than the cache size are downloaded when you "
                              "open them. Servers that support IDLE deliver new mail at once; "
                              "the interval applies to the others."), page)
        note.setWordWrap(True)
        self.sync_problems = {key: problem_label(page)
                              for key in (values.CACHE_MB_KEY, values.INTERVAL_KEY)}
        form = QFormLayout(page)
        form.addRow(self.tr("Attachment cache:"), self.cache_mb)
        form.addRow("", self.sync_problems[values.CACHE_MB_KEY])
        form.addRow(self.tr("Check for mail every:"), self.interval)
        form.addRow("", self.sync_problems[values.INTERVAL_KEY])
        form.addRow(note)
        return page

    def show_setting_problem(self, exc: SettingError) -> bool:
        """Show the core's refusal beside the field of its setting (and open that tab);
        False when no field of this dialog holds that setting."""
        for tab, labels in ((self.links_tab, self.links_tab.problem_labels),
                            (self.sync_page, self.sync_problems),
                            (self.remote_tab, {SETTING_KEY: self.remote_tab.problem})):
            label = labels.get(exc.key)
            if label is not None:
                label.setText(str(exc))
                label.show()
                self.tabs.setCurrentWidget(tab)
                return True
        return False

    @property
    def signature_edits(self) -> dict[tuple[str, str], QLineEdit]:
        """The rep's editable signature values by (address, field)."""
        return self.signature_tab.edits

    def field_label(self, name: str) -> str:
        labels = {
            "full_name": self.tr("Full name:"), "title": self.tr("Job title:"),
            "department": self.tr("Department:"), "company": self.tr("Company:"),
            "phone": self.tr("Phone:"), "mobile": self.tr("Mobile:"), "fax": self.tr("Fax:"),
            "website": self.tr("Website:"), "address": self.tr("Address:"),
            "linkedin": self.tr("LinkedIn:"), "whatsapp": self.tr("WhatsApp:"),
            "wechat": self.tr("WeChat:"), "email": self.tr("E-mail:"),
            "skype": self.tr("Skype:"), "line": self.tr("LINE:"),
        }
        return labels.get(name, f"{name}:")

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the values again (background), e.g. after an account was added."""
        db_path = self.db_path
        run_in_background(lambda: values.load_settings(db_path), self._loaded, self._failed,
                          owner=self)

    def _loaded(self, snapshot: values.SettingsSnapshot) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        self.account_list.clear()
        for account in snapshot.accounts:
            text = f"{account.email} — {account.imap_host}"
            if account.preset == "demo":
                text = self.tr("{0} — demo account (no server)").format(account.email)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, account.email)
            self.account_list.addItem(item)
        if first:
            self.cache_mb.setValue(snapshot.sync.attachment_cache_mb)
            self.interval.setValue(snapshot.sync.interval_minutes)
            self.appearance.setCurrentIndex(max(0, self.appearance.findData(snapshot.appearance)))
            self.signature_tab.fill(snapshot)
            self.links_tab.fill(snapshot.core_values)
            self.remote_tab.fill(snapshot.core_values)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error_label.setText(str(exc))
        self.error_label.show()

    # -- accounts -------------------------------------------------------------------------------
    def remove_selected_account(self) -> None:
        item = self.account_list.currentItem()
        if item is None:
            return
        email = str(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(
            self, self.tr("Remove account"),
            self.tr("Remove {0} from Tradewind? Its cached mail, unsent messages and saved "
                    "password are deleted from this computer; the mail on the server stays.")
            .format(email))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_account(email)

    def remove_account(self, email: str) -> None:
        """Remove the account in the background, then list the accounts again."""
        db_path = self.db_path

        def done(_result: object) -> None:
            self.accountsChanged.emit()
            self.reload()

        run_in_background(lambda: values.remove_account(db_path, email), done, self._failed,
                          owner=self)

    # -- saving ---------------------------------------------------------------------------------
    def preferences(self) -> Preferences:
        """The general tab as the main window's preferences."""
        return Preferences(language=str(self.language.currentData()),
                           minimise_to_tray=self.minimise_to_tray.isChecked())

    def signature_values(self) -> dict[str, dict[str, str]]:
        """The acceptable signature values (a refused one is left out: it is not saved)."""
        return self.signature_tab.values_to_save()

    def save(self) -> None:
        """Store everything (background); the dialog closes once it is stored."""
        sync = values.SyncSettings(self.cache_mb.value(), self.interval.value())
        appearance = str(self.appearance.currentData())
        signature, db_path = self.signature_values(), self.db_path
        refused = self.signature_tab.invalid_fields()
        if not self.links_tab.check():  # the core's reason is beside the field; nothing saved
            self.tabs.setCurrentWidget(self.links_tab)
            return
        if self.remote_tab.entry.text().strip() and not self.remote_tab.add_entry():
            self.tabs.setCurrentWidget(self.remote_tab)  # a typed entry the core refuses
            return
        if self.authserv.changed() and not self.authserv.check():  # reason beside the field
            self.tabs.setCurrentIndex(1)
            return
        others = {**self.links_tab.values(), **self.remote_tab.values()}
        self.buttons.setEnabled(False)
        self.error_label.hide()
        for label in self.sync_problems.values():
            label.hide()

        def done(_result: object) -> None:
            apply_appearance(appearance)
            self.buttons.setEnabled(True)
            self.saved.emit()
            if refused:  # the rest is stored; the refused values stay on screen to correct
                names = "; ".join(f"{address} {self.field_label(name).rstrip(':：')}"
                                  for address, name in refused)
                self.error_label.setText(self.tr(
                    "Saved, except these signature values, which are not valid (see the "
                    "Signature tab): {0}").format(names))
                self.error_label.show()
                return
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, SettingError) and self.show_setting_problem(exc):
                return
            self._failed(exc)

        run_in_background(
            lambda: values.save_settings(db_path, sync, appearance, signature, others),
            done, failed, owner=self)
