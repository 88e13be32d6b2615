"""The invitation dialog: title, location or link, start, length, recurrence, attendees.

``InviteDialog(db_path, locale, account_id, organizer, attendees, start_utc, zone, minutes)``
builds a ``client.meetings.ical_out.Meeting`` (new UID under the organizer's domain, SEQUENCE
0) and sends it on the thread pool through ``ui.meetings.jobs.send``: the same core as
``tradewind meet invite`` (the mail queued with the company signature, the entry saved in the
rep's calendar, the outbox sent now; it waits there offline). A refused invitation (a bad
address, link or rule) is shown in words and the dialog stays open with everything typed.
For a weekly series it says who sees the meeting's local time move with a clock change, and
from when (``recurrence.weekly_dst_shifts`` over the planner's attendees and zones).
``sent`` is emitted after a successful queue. GUI thread only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from client.meetings.ical_out import InviteError, Meeting, Person
from client.meetings.planner import Attendee
from client.meetings.recurrence import weekly_dst_shifts
from ui.meetings import jobs
from ui.qt.tasks import run_in_background

#: the recurrence choices: (rule without COUNT, label context key)
RULES = ("", "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY")


class InviteDialog(QDialog):
    """See the module docstring."""

    sent = Signal(object)  # None when it went, "" or the server's reason when it waits
    failed = Signal(str)

    def __init__(self, db_path: Path, locale: Locale, account_id: int, organizer: str,
                 attendees: list[str], start: datetime, zone: str, minutes: int,
                 parent: QWidget | None = None, people: list[Attendee] | None = None) -> None:
        super().__init__(parent)
        #: everyone with their zone (the planner's rows), for the DST check of a weekly series
        self.people = list(people or [])
        self.db_path, self.babel_locale = db_path, locale
        self.account_id, self.organizer, self.zone = account_id, organizer, zone
        self.setWindowTitle(self.tr("Meeting invitation"))
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("What the meeting is about"))
        self.location = QLineEdit(self)
        self.link = QLineEdit(self)
        self.link.setPlaceholderText("https://")
        self.start = QDateTimeEdit(self)
        self.start.setCalendarPopup(True)
        self.start.setTimeZone(QTimeZone(zone.encode()))
        local = start.astimezone(ZoneInfo(zone))
        self.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(local.timestamp()),
                                                            QTimeZone(zone.encode())))
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 1440)
        self.duration.setSingleStep(15)
        self.duration.setValue(minutes)
        self.duration.setSuffix(self.tr(" min"))
        self.repeat = QComboBox(self)
        for label, rule in zip((self.tr("Does not repeat"), self.tr("Every day"),
                                self.tr("Every week"), self.tr("Every two weeks"),
                                self.tr("Every month")), RULES, strict=True):
            self.repeat.addItem(label, rule)
        self.count = QSpinBox(self)
        self.count.setRange(2, 520)
        self.count.setValue(10)
        self.count.setSuffix(self.tr(" times"))
        self.count.setEnabled(False)
        self.repeat.currentIndexChanged.connect(
            lambda _i: self.count.setEnabled(bool(self.repeat.currentData())))
        self.dst_note = QLabel(self)
        self.dst_note.setObjectName("dstNote")
        self.dst_note.setWordWrap(True)
        self.dst_note.setTextFormat(Qt.TextFormat.PlainText)
        for signal in (self.repeat.currentIndexChanged, self.count.valueChanged,
                       self.start.dateTimeChanged):
            signal.connect(lambda *_a: self.check_dst())
        self.to = QLineEdit(", ".join(attendees), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat, 1)
        repeat_row.addWidget(self.count)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Attendees"), self.to)
        form.addRow(self.tr("Start ({0})").format(zone), self.start)
        form.addRow(self.tr("Length"), self.duration)
        form.addRow(self.tr("Location"), self.location)
        form.addRow(self.tr("Online meeting link"), self.link)
        form.addRow(self.tr("Repeats"), repeat_row)
        form.addRow("", self.dst_note)
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(self.tr("Send invitation"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.status)
        box.addWidget(self.buttons)
        self.resize(560, 360)

    def check_dst(self) -> None:
        """For a weekly series: who sees its local time move with a clock change, and when
        (`recurrence.weekly_dst_shifts`, pure and bounded to the series' count)."""
        if self.repeat.currentData() != "FREQ=WEEKLY" or not self.people:
            self.dst_note.clear()
            return
        start = datetime.fromtimestamp(self.start.dateTime().toSecsSinceEpoch(),
                                       ZoneInfo(self.zone))
        shifts = weekly_dst_shifts(start, self.zone, self.people, self.count.value())
        lines = [self.tr("{0}: from {1} the meeting is at {2} instead of {3} (a clock "
                         "change)").format(s.address or self.tr("You"),
                                           format_date(s.date, "d MMM y",
                                                       locale=self.babel_locale),
                                           s.to_local, s.from_local)
                 for s in shifts[:6]]
        self.dst_note.setText("\n".join(lines))

    def meeting(self) -> Meeting:
        """The meeting as typed; raises `InviteError` in words."""
        title = self.title.text().strip()
        if not title:
            raise InviteError(self.tr("Give the meeting a title."))
        people = tuple(dict.fromkeys(
            Person(t.strip().rpartition("<")[2].rstrip(">").strip().lower())
            for t in self.to.text().split(",") if t.strip()))
        if not people:
            raise InviteError(self.tr("Add at least one attendee."))
        moment = datetime.fromtimestamp(self.start.dateTime().toSecsSinceEpoch(),
                                        ZoneInfo(self.zone))
        rule = str(self.repeat.currentData() or "")
        if rule:
            rule += f";COUNT={self.count.value()}"
        return Meeting(
            uid=jobs.new_meeting_uid(self.organizer), summary=title, start=moment,
            zone=self.zone, duration=timedelta(minutes=self.duration.value()),
            organizer=Person(self.organizer), attendees=people,
            location=self.location.text().strip(), link=self.link.text().strip(), rrule=rule)

    def send(self) -> None:
        try:
            meeting = self.meeting()
        except InviteError as exc:
            self._refused(exc)
            return
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Sending…"))
        db_path, account_id, language = self.db_path, self.account_id, str(self.babel_locale)
        run_in_background(lambda: jobs.send(db_path, account_id, meeting, language),
                          self._sent, self._refused, owner=self)

    def _sent(self, report: object) -> None:
        self.sent.emit(report)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        text = self.tr("The invitation was not sent: {0}").format(str(exc)[:400])
        self.status.setText(text)
        self.failed.emit(text)
