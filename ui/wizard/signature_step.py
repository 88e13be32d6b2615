"""The account wizard's optional "Company signature" step (after a successful connection test).

The rep gives the policy's location (folder, shared folder or https:// address; "Browse…" picks a
folder) and the company's public key (a file, or pasted). "Check" fetches and verifies it in the
background (``signature_jobs.check``) and says in words which policy it is and which template the
account's address gets, or why it was refused. If the profile already has a policy in force, the
step says so and offers to keep it (the default). ``install(done)`` keeps the entered policy
(``signature_jobs.install``, idempotent); a refused policy changes nothing. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.qt.tasks import run_in_background
from ui.wizard import signature_jobs as jobs


def language_name(code: str) -> str:
    """``zh`` → ``中文 (zh)``: the language's own name, so the rep recognises it."""
    native = QLocale(code).nativeLanguageName()
    return f"{native} ({code})" if native else code


class SignatureStep(QWidget):
    """See module docstring. ``stepFinished`` carries "current", "none", "checked",
    "installed" or "refused" (tests wait on it); ``busyChanged`` while a job runs."""

    stepFinished = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path: Path | None = None
        self.email = ""
        self.busy = False
        self.in_force: jobs.CurrentPolicy | None = None
        self.checked: jobs.PolicySummary | None = None
        self.last_refusal: str | None = None  # the kind, e.g. "signature"
        self._generation = 0
        title = QLabel(self.tr("Company signature (optional)"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr(
            "If your company sets one signature for everybody's e-mail, enter where it keeps the "
            "signature policy and the company's public key; your IT department gives you both. "
            "Without a policy, skip this step."), self)
        intro.setWordWrap(True)
        self.current_label = QLabel(self)
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)  # server text (T8)
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_choice = QRadioButton(self.tr("Keep the policy in force"), self)
        self.replace_choice = QRadioButton(self.tr("Use another policy"), self)
        self.choices = QButtonGroup(self)
        for button in (self.keep_choice, self.replace_choice):
            self.choices.addButton(button)
        self.keep_choice.setChecked(True)
        self.keep_choice.toggled.connect(self._follow_choice)
        self.location_field = QLineEdit(self)
        self.location_field.setPlaceholderText(
            self.tr("a folder, or https://intranet.company.example/signature/"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse_folder)
        self.key_file_field = QLineEdit(self)
        self.key_file_field.setPlaceholderText(self.tr("policy-public-key.pem"))
        self.key_button = QPushButton(self.tr("Choose…"), self)
        self.key_button.clicked.connect(self.choose_key_file)
        self.key_text = QPlainTextEdit(self)
        self.key_text.setPlaceholderText("-----BEGIN PUBLIC KEY-----")
        self.key_text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.clicked.connect(self.check)
        self.result_title = QLabel(self)
        self.result_title.setTextFormat(Qt.TextFormat.PlainText)
        self.result_title.setWordWrap(True)
        self.result_title.setFont(font)
        self.result_detail = QLabel(self)
        self.result_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.result_detail.setWordWrap(True)
        self.result_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Policy location:"), self._row(self.location_field,
                                                          self.browse_button))
        form.addRow(self.tr("Public key file:"), self._row(self.key_file_field, self.key_button))
        form.addRow(self.tr("…or paste the key:"), self.key_text)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.keep_choice)
        choice_row.addWidget(self.replace_choice)
        choice_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.current_label)
        layout.addLayout(choice_row)
        layout.addLayout(form)
        layout.addLayout(check_row)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_detail)
        layout.addStretch(1)
        self._show_current(None)

    def _row(self, field: QWidget, button: QPushButton) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(button)
        return holder

    # -- the policy in force ---------------------------------------------------------------------
    def start(self, db_path: Path, email: str) -> None:
        """Show the step for this profile and address: look up the policy in force (background)."""
        self.db_path, self.email = db_path, email
        self._set_busy(True)
        generation = self._next_generation()
        run_in_background(lambda: jobs.current(db_path, email),
                          lambda found: self._current_found(generation, found),
                          lambda exc: self._current_found(
                              generation, jobs.CurrentPolicy(None, str(exc))), owner=self)

    def _current_found(self, generation: int, found: jobs.CurrentPolicy | None) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._show_current(found)
        self.stepFinished.emit("current" if found is not None else "none")

    def _show_current(self, found: jobs.CurrentPolicy | None) -> None:
        self.in_force = found
        has_policy = found is not None
        for button in (self.keep_choice, self.replace_choice):
            button.setVisible(has_policy)
        self.current_label.setVisible(has_policy)
        if found is not None and found.summary is not None:
            self.current_label.setText(self.tr(
                "This profile already uses the company signature policy of {0} from {1}.")
                .format(found.summary.company or "?", found.summary.location) + "\n"
                + self._template_words(found.summary))
            self.keep_choice.setChecked(True)
        elif found is not None:
            self.current_label.setText(self.tr(
                "A company signature policy is configured, but its kept copy cannot be used: "
                "{0}").format(found.problem or ""))
            self.replace_choice.setChecked(True)
        self._follow_choice()

    def keeps_current(self) -> bool:
        """True when a policy is in force and the rep chose to keep it."""
        return (self.in_force is not None and self.in_force.summary is not None
                and self.keep_choice.isChecked())

    def _follow_choice(self, _checked: bool = False) -> None:
        editable = not self.keeps_current()
        for widget in (self.location_field, self.browse_button, self.key_file_field,
                       self.key_button, self.key_text):
            widget.setEnabled(editable)
        self.check_button.setEnabled(editable and not self.busy)

    # -- choosing files --------------------------------------------------------------------------
    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the policy folder"),
                                                  self.location_field.text())
        if folder:
            self.location_field.setText(folder)

    def choose_key_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the company's public key"), self.key_file_field.text(),
            self.tr("Public keys (*.pem);;All files (*)"))
        if path:
            self.key_file_field.setText(path)

    def key(self) -> jobs.PolicyKey:
        return jobs.PolicyKey(self.key_file_field.text(), self.key_text.toPlainText())

    def has_entry(self) -> bool:
        """True when the rep entered a location (Finish then installs it)."""
        return bool(self.location_field.text().strip())

    def wants_install(self) -> bool:
        return not self.keeps_current() and self.has_entry()

    # -- checking and installing -----------------------------------------------------------------
    def check(self) -> None:
        """Fetch and verify what the rep entered (background); keeps nothing."""
        if self.busy:
            return
        location, key, email = self.location_field.text(), self.key(), self.email
        self._set_busy(True)
        self.result_title.setText(self.tr("Checking the policy…"))
        self.result_detail.setText("")
        generation = self._next_generation()
        run_in_background(lambda: jobs.check(location, key, email),
                          lambda summary: self._checked(generation, summary, "checked"),
                          lambda exc: self._refused(generation, exc), owner=self)

    def install(self, done: Callable[[bool], None]) -> None:
        """Keep the entered policy for the profile (background); ``done(True)`` once kept,
        ``done(False)`` when refused (the refusal is shown; nothing changed)."""
        if self.db_path is None or self.busy:
            done(False)
            return
        db_path, location, key, email = (self.db_path, self.location_field.text(), self.key(),
                                         self.email)
        self._set_busy(True)
        self.result_title.setText(self.tr("Installing the policy…"))
        self.result_detail.setText("")
        generation = self._next_generation()

        def installed(summary: jobs.PolicySummary) -> None:
            self._checked(generation, summary, "installed")
            done(True)

        def refused(exc: BaseException) -> None:
            self._refused(generation, exc)
            done(False)

        run_in_background(lambda: jobs.install(db_path, location, key, email), installed,
                          refused, owner=self)

    def _checked(self, generation: int, summary: jobs.PolicySummary, outcome: str) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.checked, self.last_refusal = summary, None
        self.result_title.setStyleSheet("")
        self.result_title.setText(self.tr("Valid policy of {0} (schema version {1}).").format(
            summary.company or "?", summary.schema_version))
        signed = summary.signed_at.replace("T", " ").replace("Z", " UTC")
        lines = [self.tr("Signed on {0} with key {1}.").format(signed, summary.key_id),
                 self._template_words(summary)]
        lines.append(self.tr("It is now in force for this profile.") if outcome == "installed"
                     else self.tr("Press Finish to use it for this profile."))
        self.result_detail.setText("\n".join(lines))
        self.stepFinished.emit(outcome)

    def _template_words(self, summary: jobs.PolicySummary) -> str:
        if summary.template is None:
            return self.tr("No template of this policy applies to {0}: {1}").format(
                self.email, summary.problem or "")
        words = self.tr("Your address {0} gets the template “{1}”.").format(
            self.email, summary.template)
        if summary.languages:
            words += " " + self.tr("Language variants: {0}.").format(
                ", ".join(language_name(code) for code in summary.languages))
        if summary.has_reply_form:
            words += " " + self.tr("Replies get a shorter form.")
        if summary.problem:
            words += "\n" + self.tr("Before you can send with it: {0}").format(summary.problem)
        return words

    def _refused(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.checked = None
        kind = jobs.refusal(exc)
        self.last_refusal = kind
        titles = {
            "unreachable": self.tr("The policy cannot be reached now."),
            "key": self.tr("The public key cannot be used."),
            "schema": self.tr("The policy was refused: it uses a schema version this Tradewind "
                              "does not know."),
            "signature": self.tr("The policy was refused: its signature is not valid."),
            "logo": self.tr("The policy was refused: its logo is missing or not an image."),
            "location": self.tr("The policy location cannot be used."),
            "policy": self.tr("The policy was refused."),
        }
        self.result_title.setStyleSheet("color: #b00020;")
        self.result_title.setText(titles.get(kind, self.tr("The policy could not be checked.")))
        kept = (self.tr("The policy in force stays in force.") if self.in_force is not None
                else self.tr("Nothing was changed."))
        self.result_detail.setText(f"{exc}\n{kept}")
        self.stepFinished.emit("refused")

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.check_button.setEnabled(not busy and not self.keeps_current())
        self.busyChanged.emit(busy)
