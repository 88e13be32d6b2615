"""The account wizard: address and password, server settings, a connection test, the company
signature.

Pages (``pages`` is a ``QStackedWidget``): ``PAGE_ACCOUNT`` (name, address, password),
``PAGE_SERVERS`` (IMAP/SMTP host, port, security, user name; shown when discovery finds nothing
or the rep asks for it), ``PAGE_TEST`` (the result in words; for an untrusted certificate its
SHA-256 fingerprint and a "Trust this certificate" button that pins exactly that fingerprint
for the server that presented it: the incoming one when the login failed on it, the outgoing
one when only that one's certificate is untrusted; ``fingerprint_server`` says which),
``PAGE_SIGNATURE`` (optional, after a successful test: the company signature policy,
``ui.wizard.signature_step``; "Skip" leaves the profile's policy as it is, Finish keeps the
entered policy and closes only once it is installed).
Discovery, storing and testing run in the background (``ui.wizard.jobs``); the password goes only
to the keyring. ``accountAdded(email)`` is emitted when the rep finishes (or skips the signature step) after a
successful test;
cancelling removes an account the wizard had stored. GUI thread only.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from client.accounts.discover import DiscoveryResult
from client.accounts.presets import preset_by_key, preset_for_domain
from client.imap.errors import AuthenticationError, ImapError
from ui.qt.tasks import run_in_background
from ui.sync.sign_in_dialog import SignInDialog
from ui.wizard import jobs, safe_login
from ui.wizard.signature_step import SignatureStep

PAGE_ACCOUNT, PAGE_SERVERS, PAGE_TEST, PAGE_SIGNATURE = range(4)
DEFAULT_PORTS = {("imap", "ssl"): 993, ("imap", "starttls"): 143,
                 ("smtp", "ssl"): 465, ("smtp", "starttls"): 587}


def _two_lines(fingerprint: str) -> str:
    """``AB:CD:…`` (32 pairs) as two lines of 16 pairs, so it is never clipped."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i:i + 16]) for i in range(0, len(pairs), 16))


class AccountWizard(QDialog):
    """See module docstring. ``discover_fn`` replaces network discovery (tests)."""

    accountAdded = Signal(str)
    #: a background step finished (tests wait on it): "found", "tested", "failed"
    stepFinished = Signal(str)

    def __init__(self, db_path: Path, parent: QWidget | None = None, *,
                 discover_fn: jobs.Discover | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.discover_fn = discover_fn
        self.stored_email: str | None = None  # the account this wizard has stored
        self.fingerprint: str | None = None
        self.fingerprint_server = "imap"  # whose certificate `fingerprint` is: imap or smtp
        self.found_preset: str | None = None  # the preset key discovery matched (MX too)
        self.sign_in_dialog: SignInDialog | None = None
        #: how "Sign in with …" shows the sign-in address (any thread; tests replace it)
        self.open_url: Callable[[str], object] = webbrowser.open
        self.busy = False
        self.succeeded = False
        self.smtp_problem: str | None = None
        self.setWindowTitle(self.tr("Add an e-mail account"))
        self.setMinimumSize(640, 380)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._account_page())
        self.pages.addWidget(self._servers_page())
        self.pages.addWidget(self._test_page())
        self.signature_step = SignatureStep(self)
        self.signature_step.busyChanged.connect(lambda busy: self._set_busy(busy))
        self.pages.addWidget(self.signature_step)

        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Continue"), self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.skip_button = QPushButton(self.tr("Skip"), self)
        self.skip_button.clicked.connect(self.skip_signature)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.back_button, self.skip_button,
                       self.next_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_page(PAGE_ACCOUNT)

    # -- pages ----------------------------------------------------------------------------------
    def _account_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("Enter your e-mail address and password. Tradewind looks up the "
                               "server settings for you; the password is kept in your system's "
                               "keyring, never in Tradewind's files."), page)
        intro.setWordWrap(True)
        self.name_field = QLineEdit(page)
        self.name_field.setPlaceholderText(self.tr("e.g. Mei Lin"))
        self.email_field = QLineEdit(page)
        self.email_field.setPlaceholderText(self.tr("you@company.com"))
        self.password_field = QLineEdit(page)
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.manual_button = QPushButton(self.tr("Enter server settings myself…"), page)
        self.manual_button.setFlat(True)
        self.manual_button.clicked.connect(self.manual)
        self.account_error = self._error_label(page)
        #: a Chinese provider's "use the authorization code" advice (ui.wizard.safe_login)
        self.safe_login_hint = QLabel(page)
        self.safe_login_hint.setWordWrap(True)
        self.safe_login_hint.hide()
        self.email_field.textChanged.connect(self._show_safe_login_hint)
        #: "Sign in with Microsoft/Google" for addresses whose preset signs in with OAuth2
        self.oauth_button = QPushButton(page)
        self.oauth_button.hide()
        self.oauth_button.clicked.connect(self.sign_in_with_provider)
        form = QFormLayout()
        form.addRow(self.tr("Your name:"), self.name_field)
        form.addRow(self.tr("E-mail address:"), self.email_field)
        form.addRow(self.tr("Password:"), self.password_field)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.safe_login_hint)
        layout.addWidget(self.oauth_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.manual_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.account_error)
        layout.addStretch(1)
        return page

    def _preset_key(self) -> str | None:
        if self.found_preset:
            return self.found_preset
        found = preset_for_domain(self.email_field.text().strip().rpartition("@")[2])
        return found.key if found else None

    def _show_safe_login_hint(self, _text: str = "") -> None:
        text = safe_login.advice(self._preset_key())
        self.safe_login_hint.setText(text or "")
        self.safe_login_hint.setVisible(bool(text))
        provider = self._oauth_provider()
        if provider is not None:
            label = {"microsoft": "Microsoft", "google": "Google"}.get(provider, provider)
            self.oauth_button.setText(self.tr("Sign in with {0}").format(label))
        self.oauth_button.setVisible(provider is not None)

    def _oauth_provider(self) -> str | None:
        preset = preset_by_key(self._preset_key() or "")
        return preset.oauth if preset is not None else None

    def sign_in_with_provider(self) -> None:
        """Run the browser sign-in (thread pool, with a Cancel dialog), then store the account
        with its tokens and test it like a password account."""
        provider = self._oauth_provider()
        email = self.email_field.text().strip()
        if self.busy or provider is None:
            return
        if "@" not in email:
            self.account_error.setText(self.tr("Enter your full e-mail address, e.g. "
                                               "mei.lin@company.com."))
            self.account_error.show()
            return
        self.account_error.hide()
        dialog = SignInDialog(email, self)
        self.sign_in_dialog = dialog
        db_path, name, discover_fn = self.db_path, self.name_field.text().strip(), self.discover_fn
        open_url = self.open_url
        stored = self.stored_email == email.lower()
        self.succeeded = False
        self._show_page(PAGE_TEST)
        self._show_result(self.tr("Waiting for the sign-in in your browser…"), "")
        self._set_busy(True)

        def signed_in(outcome: jobs.WizardTest) -> None:
            dialog.accept()
            self._tested(outcome)

        def failed(exc: BaseException) -> None:
            dialog.accept()
            self._test_failed(exc)

        run_in_background(
            lambda: jobs.oauth_sign_in_and_test(db_path, email, name, provider,
                                                cancel=dialog.cancel, open_url=open_url,
                                                discover_fn=discover_fn, stored=stored),
            signed_in, failed, owner=self)
        dialog.show()

    def _servers_page(self) -> QWidget:
        page = QWidget(self)
        self.servers_note = QLabel(page)
        self.servers_note.setTextFormat(Qt.TextFormat.PlainText)  # server text (T8)
        self.servers_note.setWordWrap(True)
        self.imap_host = QLineEdit(page)
        self.imap_port = self._port(page, 993)
        self.imap_security = self._security(page, "imap", self.imap_port)
        self.smtp_host = QLineEdit(page)
        self.smtp_port = self._port(page, 465)
        self.smtp_security = self._security(page, "smtp", self.smtp_port)
        self.username_field = QLineEdit(page)
        self.username_field.setPlaceholderText(self.tr("usually your e-mail address"))
        self.servers_error = self._error_label(page)
        form = QFormLayout()
        form.addRow(self.tr("Incoming (IMAP) server:"), self._row(page, self.imap_host,
                                                                   self.imap_port))
        form.addRow(self.tr("Incoming security:"), self.imap_security)
        form.addRow(self.tr("Outgoing (SMTP) server:"), self._row(page, self.smtp_host,
                                                                   self.smtp_port))
        form.addRow(self.tr("Outgoing security:"), self.smtp_security)
        form.addRow(self.tr("User name:"), self.username_field)
        layout = QVBoxLayout(page)
        layout.addWidget(self.servers_note)
        layout.addLayout(form)
        layout.addWidget(self.servers_error)
        layout.addStretch(1)
        return page

    def _test_page(self) -> QWidget:
        page = QWidget(self)
        self.test_title = QLabel(page)
        self.test_title.setTextFormat(Qt.TextFormat.PlainText)
        self.test_title.setWordWrap(True)
        font = self.test_title.font()
        font.setBold(True)
        self.test_title.setFont(font)
        self.test_detail = QLabel(page)
        self.test_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.test_detail.setWordWrap(True)
        self.test_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label = QLabel(page)
        self.fingerprint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setStyleSheet("font-family: monospace;")
        self.trust_button = QPushButton(self.tr("Trust this certificate"), page)
        self.trust_button.clicked.connect(self.trust)
        self.retry_button = QPushButton(self.tr("Test again"), page)
        self.retry_button.clicked.connect(self.test)
        self.settings_button = QPushButton(self.tr("Change server settings"), page)
        self.settings_button.clicked.connect(lambda: self._show_page(PAGE_SERVERS))
        row = QHBoxLayout()
        for button in (self.trust_button, self.retry_button, self.settings_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.test_title)
        layout.addWidget(self.test_detail)
        layout.addWidget(self.fingerprint_label)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    @staticmethod
    def _error_label(parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.hide()
        return label

    @staticmethod
    def _port(parent: QWidget, value: int) -> QSpinBox:
        box = QSpinBox(parent)
        box.setRange(1, 65535)
        box.setValue(value)
        return box

    def _security(self, parent: QWidget, kind: str, port: QSpinBox) -> QComboBox:
        box = QComboBox(parent)
        box.addItem(self.tr("SSL/TLS (recommended)"), "ssl")
        box.addItem(self.tr("STARTTLS (TLS required)"), "starttls")

        def follow(_index: int) -> None:
            if port.value() in DEFAULT_PORTS.values():
                port.setValue(DEFAULT_PORTS[(kind, str(box.currentData()))])

        box.currentIndexChanged.connect(follow)
        return box

    @staticmethod
    def _row(parent: QWidget, host: QLineEdit, port: QSpinBox) -> QWidget:
        holder = QWidget(parent)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(host, 1)
        row.addWidget(port)
        return holder

    # -- navigation -----------------------------------------------------------------------------
    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setEnabled(page != PAGE_ACCOUNT)
        self.skip_button.setVisible(page == PAGE_SIGNATURE)
        self.skip_button.setEnabled(not self.busy)
        if page == PAGE_ACCOUNT:
            self.next_button.setText(self.tr("Continue"))
        elif page == PAGE_SERVERS:
            self.next_button.setText(self.tr("Test connection"))
        elif page == PAGE_TEST:
            self.next_button.setText(self.tr("Continue"))
            self.next_button.setEnabled(self.succeeded and not self.busy)
            return
        else:
            self.next_button.setText(self.tr("Finish"))
        self.next_button.setEnabled(not self.busy)

    def back(self) -> None:
        self._show_page(max(PAGE_ACCOUNT, self.pages.currentIndex() - 1))

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_ACCOUNT:
            self.look_up(manual=False)
        elif page == PAGE_SERVERS:
            self.test()
        elif page == PAGE_TEST and self.succeeded and self.stored_email:
            self._show_page(PAGE_SIGNATURE)
            self.signature_step.start(self.db_path, self.stored_email)
        elif page == PAGE_SIGNATURE and not self.busy:
            self.finish()

    def finish(self) -> None:
        """Install the entered policy (background), then close; without one, just close. A
        refused policy keeps the wizard open with the reason shown."""
        if not self.signature_step.wants_install():
            self.accept()
            return

        def done(installed: bool) -> None:
            if installed:
                self.accept()

        self.signature_step.install(done)

    def skip_signature(self) -> None:
        """Close without touching the profile's signature policy."""
        if self.pages.currentIndex() == PAGE_SIGNATURE and not self.busy:
            self.accept()

    def manual(self) -> None:
        self.look_up(manual=True)

    def _check_account_page(self) -> str | None:
        email = self.email_field.text().strip()
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            return self.tr("Enter your full e-mail address, e.g. mei.lin@company.com.")
        if not self.password_field.text():
            return self.tr("Enter your password.")
        return None

    # -- discovery ------------------------------------------------------------------------------
    def look_up(self, manual: bool) -> None:
        """Find the server settings for the address (background), then test or show them."""
        problem = self._check_account_page()
        if problem:
            self.account_error.setText(problem)
            self.account_error.show()
            return
        self.account_error.hide()
        email = self.email_field.text().strip()
        self._set_busy(True, self.tr("Looking up the settings for {0}…").format(email))
        discover_fn = self.discover_fn
        run_in_background(lambda: jobs.find_settings(email, discover_fn),
                          lambda found: self._found(found, manual),
                          lambda exc: self._found(None, True), owner=self)

    def _found(self, found: DiscoveryResult | None, manual: bool) -> None:
        self._set_busy(False)
        email = self.email_field.text().strip()
        domain = email.rpartition("@")[2]
        if found is None:
            self.servers_note.setText(self.tr(
                "No settings were found for {0}. Enter the servers your provider or IT department "
                "gave you.").format(domain))
            if not self.imap_host.text():
                self.imap_host.setText(f"imap.{domain}")
                self.smtp_host.setText(f"smtp.{domain}")
        else:
            self.found_preset = found.preset
            self._show_safe_login_hint()
            self.servers_note.setText(self.tr("Settings found for {0}. Change them only if your "
                                              "provider told you other ones.").format(domain))
            self.imap_host.setText(found.imap.host)
            self._set_security(self.imap_security, found.imap.security)
            self.imap_port.setValue(found.imap.port)
            if found.smtp is not None:
                self.smtp_host.setText(found.smtp.host)
                self._set_security(self.smtp_security, found.smtp.security)
                self.smtp_port.setValue(found.smtp.port)
            if found.username and found.username != email:
                self.username_field.setText(found.username)
        self.stepFinished.emit("found")
        if found is None or manual:
            self._show_page(PAGE_SERVERS)
        else:
            self.test()

    @staticmethod
    def _set_security(box: QComboBox, security: str) -> None:
        index = box.findData(security)
        if index >= 0:
            box.setCurrentIndex(index)

    # -- testing --------------------------------------------------------------------------------
    def form(self) -> jobs.AccountForm:
        return jobs.AccountForm(
            email=self.email_field.text().strip(), password=self.password_field.text(),
            display_name=self.name_field.text().strip(),
            imap_host=self.imap_host.text().strip(), imap_port=self.imap_port.value(),
            imap_security=str(self.imap_security.currentData()),
            smtp_host=self.smtp_host.text().strip(), smtp_port=self.smtp_port.value(),
            smtp_security=str(self.smtp_security.currentData()),
            username=self.username_field.text().strip(),
        )

    def test(self) -> None:
        """Store (or update) the account and log in once, in the background."""
        if self.busy:
            return
        form = self.form()
        if not form.imap_host or not form.smtp_host:
            self.servers_error.setText(self.tr("Enter both server names."))
            self.servers_error.show()
            self._show_page(PAGE_SERVERS)
            return
        self.servers_error.hide()
        stored, db_path = self.stored_email == form.email.lower(), self.db_path
        if self.stored_email is not None and not stored:
            old = self.stored_email  # the rep changed the address: drop the first one
            self.stored_email = None
            run_in_background(lambda: jobs.forget(db_path, old), lambda _r: None, lambda _e: None)
        self.succeeded = False
        self._show_page(PAGE_TEST)
        self._show_result(self.tr("Testing the connection to {0}…").format(form.imap_host), "")
        self._set_busy(True)
        run_in_background(lambda: jobs.save_and_test(db_path, form, stored), self._tested,
                          self._test_failed, owner=self)

    def trust(self) -> None:
        """Pin exactly the fingerprint shown and test again."""
        if self.fingerprint is None or self.stored_email is None or self.busy:
            return
        email, fingerprint, db_path = self.stored_email, self.fingerprint, self.db_path
        server = self.fingerprint_server
        self._set_busy(True)
        self._show_result(self.tr("Testing the connection again…"), "")
        run_in_background(lambda: jobs.trust_and_test(db_path, email, fingerprint, server),
                          self._tested, self._test_failed, owner=self)

    def _tested(self, outcome: jobs.WizardTest) -> None:
        self._set_busy(False)
        result = outcome.imap
        self.stored_email = result.email.lower()
        self.succeeded = True
        detail = self.tr("Logged in to {0}:{1}. Press Continue for the last, optional step: "
                         "your company's signature.").format(result.host, result.port)
        if outcome.smtp_problem:
            detail += "\n\n" + self.tr(
                "Sending could not be checked: {0}\nMessages you send wait in the outbox until "
                "the outgoing server accepts them; you can fix its settings later.").format(
                outcome.smtp_problem)
        self.smtp_problem = outcome.smtp_problem
        self.fingerprint = outcome.smtp_fingerprint  # only the outgoing server may still need it
        self.fingerprint_server = "smtp"
        if outcome.smtp_fingerprint:
            detail += "\n\n" + self.tr(
                "The outgoing server's certificate is not trusted by this computer. Trust it "
                "only if your IT department confirms this exact fingerprint; Tradewind will then "
                "accept this certificate, and no other, for sending from this account.")
        self._show_result(self.tr("Connected. Your account is ready."), detail)
        self._show_page(PAGE_TEST)
        self.stepFinished.emit("tested")

    def _test_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        form = self.form()
        if isinstance(exc, ImapError):
            # the login failed, so `add` had stored the account: Cancel removes it again
            self.stored_email = form.email.lower()
        why = jobs.explain(exc, form.imap_host, form.imap_port)
        titles = {
            "certificate": self.tr("The server's certificate is not trusted by this computer."),
            "password": self.tr("The server refused the password (or the user name)."),
            "unreachable": self.tr("The server cannot be reached."),
            "protocol": self.tr("The server did not follow the rules of a secure connection."),
            "account": self.tr("The account cannot be added."),
            "signin": self.tr("The sign-in did not work."),
        }
        advice = {
            "certificate": self.tr("Trust it only if your IT department confirms this exact "
                                   "fingerprint. Tradewind will then accept this certificate, "
                                   "and no other, for this account."),
            "password": self.tr("Check the password (and, under server settings, the user "
                                "name). Some providers need an app password."),
            "unreachable": self.tr("Check the server name and port and your internet "
                                   "connection."),
        }
        detail = why.detail
        safe = (safe_login.advice_after_refusal(self._preset_key(), exc.server_reply)
                if isinstance(exc, AuthenticationError) else None)
        if safe is not None:  # the provider's "use the authorization code" refusal
            advice["password"] = safe
        if why.title in advice:
            detail = f"{detail}\n\n{advice[why.title]}"
        self.fingerprint = why.fingerprint if why.title == "certificate" else None
        self.fingerprint_server = "imap"  # the test raises only for the incoming server
        self._show_result(titles.get(why.title, self.tr("The connection failed.")), detail)
        self.stepFinished.emit("failed")

    def _show_result(self, title: str, detail: str) -> None:
        self.test_title.setText(title)
        self.test_detail.setText(detail)
        show_fp = self.fingerprint is not None and bool(detail)
        self.fingerprint_label.setText(
            self.tr("SHA-256 fingerprint:\n{0}").format(_two_lines(self.fingerprint or ""))
            if show_fp else "")
        self.fingerprint_label.setVisible(show_fp)
        self.trust_button.setVisible(show_fp)
        self.retry_button.setVisible(bool(detail) and not self.succeeded)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.busy = busy
        self.next_button.setEnabled(not busy and (self.pages.currentIndex() != PAGE_TEST
                                                  or self.succeeded))
        self.skip_button.setEnabled(not busy)
        self.trust_button.setEnabled(not busy)
        self.retry_button.setEnabled(not busy)
        if message:
            self.account_error.setStyleSheet("")
            self.account_error.setText(message)
            self.account_error.show()
        elif not busy:
            self.account_error.setStyleSheet("color: #b00020;")

    # -- closing --------------------------------------------------------------------------------
    def accept(self) -> None:
        if self.succeeded and self.stored_email:
            self.accountAdded.emit(self.stored_email)
        super().accept()

    def reject(self) -> None:
        if self.stored_email is not None and not self.succeeded:
            email, db_path = self.stored_email, self.db_path
            run_in_background(lambda: jobs.forget(db_path, email), lambda _r: None,
                              lambda _e: None)
            self.stored_email = None
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.reject()
        event.accept()
