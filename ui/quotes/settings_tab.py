"""The Quotes tab of Settings: how many days before a quote's validity ends, and after how
many days without an answer, the reminder fires (``quotes.remind_days_before`` = 3,
``quotes.remind_days_unanswered`` = 5 by default).

``QuoteSettingsTab(db_path)`` reads the values in the background (``loaded``); ``save()``
(connected to the Settings dialog's ``saved``) stores them in the background (``stored``).
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from ui.qt.tasks import run_in_background
from ui.quotes import jobs


class QuoteSettingsTab(QWidget):
    """See the module docstring."""

    loaded = Signal()
    stored = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.is_loaded = False
        self.days_before = QSpinBox(self)
        self.days_unanswered = QSpinBox(self)
        for box, value in ((self.days_before, jobs.DEFAULT_DAYS_BEFORE),
                           (self.days_unanswered, jobs.DEFAULT_DAYS_UNANSWERED)):
            box.setRange(0, 365)
            box.setSuffix(self.tr(" days"))
            box.setValue(value)
        note = QLabel(self.tr("A notification reminds you once per quote to follow up with "
                              "the buyer."), self)
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Remind before validity ends:"), self.days_before)
        form.addRow(self.tr("Remind when no answer after:"), self.days_unanswered)
        form.addRow(note)
        db = self.db_path
        run_in_background(lambda: jobs.load_reminder_settings(db), self._loaded, owner=self)

    def title(self) -> str:
        return self.tr("Quotes")

    def _loaded(self, settings: jobs.ReminderSettings) -> None:
        self.days_before.setValue(settings.days_before)
        self.days_unanswered.setValue(settings.days_unanswered)
        self.is_loaded = True
        self.loaded.emit()

    def save(self) -> None:
        """Store the shown values (background); nothing before they were read."""
        if not self.is_loaded:
            return
        settings = jobs.ReminderSettings(self.days_before.value(), self.days_unanswered.value())
        db = self.db_path
        run_in_background(lambda: jobs.save_reminder_settings(db, settings),
                          lambda _r: self.stored.emit(), owner=self)
