"""The invitation card in the reader's chrome, above the body (issue 13; checklist C5–C7).

``InvitationCard(locale, parent)`` is a QFrame; ``show_card(card)`` fills it from a
``client.calendar.card.Card`` built on the reader's worker thread (None hides it). It shows
the summary, the time in the rep's zone and the organizer's (babel, in the UI language), the
organizer, the join link (https only, handed to the reader's link confirmation through
``linkRequested``), the rep's overlapping entries and a badge (updated / cancelled / not from
the organizer: shown, not applied). Accept / Tentative / Decline queue a REPLY through the
outbox and "Add to calendar" applies the invitation, both with the core of ``tradewind meet
reply`` / ``calendar apply`` on the thread pool (``ui.qt.tasks``); the result is said in the card.
An unreadable calendar says "could not read calendar data" and offers the raw .ics to save.
Every text is plain text. GUI thread only; ``db_path`` must be set before a button is used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.calendar.card import (
    Card,
    add,
    add_file,
    answer,
    answer_file,
    card_for,
    card_for_file,
    local_zone,
)
from client.meetings.invite_mail import zone_label
from client.store.db import Store
from ui.qt.dates import babel_locale
from ui.qt.tasks import run_in_background

ANSWERS = ("accept", "tentative", "decline")


def _time_text(moments: tuple[datetime, datetime], zone: str, language: str) -> str:
    """'Monday, November 30, 2026 17:00–18:00 China Time (Shanghai)', named by babel in the
    UI language (no comma before the hours: none belongs there in Chinese)."""
    try:
        locale = babel_locale(language)
        tz = ZoneInfo(zone)
        day = format_date(moments[0].astimezone(tz).date(), format="full", locale=locale)
        begin = format_time(moments[0], format="short", tzinfo=tz, locale=locale)
        finish = format_time(moments[1], format="short", tzinfo=tz, locale=locale)
        return f"{day} {begin}–{finish} {zone_label(zone, language)}"
    except (LookupError, ValueError):  # a zone babel does not name: the offset instead
        return f"{moments[0]:%Y-%m-%d %H:%M}–{moments[1]:%H:%M} {zone}"


class InvitationCard(QFrame):
    """The card; see the module docstring."""

    #: the join link was clicked (its address); the reader asks before it opens
    linkRequested = Signal(str)
    #: a REPLY was queued in the outbox (its Message-ID)
    replyQueued = Signal(str)

    def __init__(self, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invitation")
        self.setStyleSheet(
            "QFrame#invitation { background: #eef4fb; border: 1px solid #9bb8d9; }"
            " QLabel#badge { color: #7a2e00; font-weight: bold; }")
        self._language = str(locale)
        self.db_path: Path | None = None
        self._chosen_zone: str | None = None  # set by `rep_zone = …` (tests, screenshots)
        self._card_zone: str | None = None
        self.card: Card | None = None
        #: asks where to save the raw .ics (tests replace it); "" = cancelled
        self.ask_save_path: Callable[[str], str] = lambda name: QFileDialog.getSaveFileName(
            self, self.tr("Save calendar data"), name, self.tr("Calendar files (*.ics)"))[0]
        self.title = self._label(bold=True)
        self.badge = self._label()
        self.badge.setObjectName("badge")
        self.rep_time = self._label()
        self.organizer_time = self._label()
        self.organizer = self._label()
        self.conflicts = self._label()
        self.result = self._label()
        self.join_button = QPushButton(self.tr("Join online meeting"), self)
        self.join_button.clicked.connect(self._join_clicked)
        self.buttons: dict[str, QPushButton] = {
            "accept": QPushButton(self.tr("Accept"), self),
            "tentative": QPushButton(self.tr("Tentative"), self),
            "decline": QPushButton(self.tr("Decline"), self),
        }
        for word, button in self.buttons.items():
            button.clicked.connect(lambda _=False, w=word: self.answer(w))
        self.add_button = QPushButton(self.tr("Add to calendar"), self)
        self.add_button.clicked.connect(self.add_to_calendar)
        self.save_button = QPushButton(self.tr("Save .ics file…"), self)
        self.save_button.clicked.connect(self.save_ics)
        row = QHBoxLayout()
        row.setContentsMargins(0, 4, 0, 0)
        for button in (self.join_button, *self.buttons.values(), self.add_button,
                       self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        for widget in (self.title, self.badge, self.rep_time, self.organizer_time,
                       self.organizer, self.conflicts):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.hide()

    def _label(self, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # calendar text is never markup
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    @property
    def rep_zone(self) -> str:
        """The zone the rep's times are shown in: one set on the card, else the zone the
        shown card was read in (the rep's setting), else the computer's."""
        return self._chosen_zone or self._card_zone or local_zone()

    @rep_zone.setter
    def rep_zone(self, zone: str) -> None:
        self._chosen_zone = zone

    def show_card(self, card: Card | None) -> None:
        """Fill the card from ``card`` (None: hide it)."""
        self.card = card
        self.result.clear()
        self.result.hide()
        if card is None:
            self.hide()
            return
        if card.invitation is not None and card.invitation.rep_time is not None:
            # the zone the card was read in: the rep's setting (client.meetings.rep_zone)
            self._card_zone = getattr(card.invitation.rep_time[0].tzinfo, "key", None)
        for label in (self.badge, self.rep_time, self.organizer_time, self.organizer,
                      self.conflicts):
            label.clear()
            label.hide()
        for button in (self.join_button, *self.buttons.values(), self.add_button):
            button.hide()
        self.save_button.setVisible(card.invitation is None)
        self.show()
        invitation = card.invitation
        if invitation is None:
            self.title.setText(self.tr("Invitation: could not read calendar data."))
            self._say(self.badge, self.tr("The message is shown as it is; you can save the "
                                          "raw calendar file."))
            return
        event = invitation.event
        method = invitation.method
        summary = event.summary or self.tr("(no title)")
        if method == "CANCEL":
            self.title.setText(self.tr("Meeting cancelled: {0}").format(summary))
        elif method == "REPLY":
            self.title.setText(self.tr("Answer to your meeting: {0}").format(summary))
        else:
            self.title.setText(self.tr("Invitation: {0}").format(summary))
        self._say(self.badge, self._badge(card))
        if invitation.rep_time is not None:
            self._say(self.rep_time, self.tr("Your time: {0}").format(
                _time_text(invitation.rep_time, self.rep_zone, self._language)))
        if invitation.organizer_time is not None and invitation.organizer_zone \
                and invitation.organizer_zone not in (self.rep_zone, "UTC"):  # UTC: not said
            self._say(self.organizer_time, self.tr("Organizer's time: {0}").format(
                _time_text(invitation.organizer_time, invitation.organizer_zone,
                           self._language)))
        elif event.unusable:
            self._say(self.rep_time, self.tr("The time of this meeting cannot be read."))
        organizer = event.organizer_name or event.organizer
        if event.organizer and event.organizer_name:
            organizer = f"{event.organizer_name} <{event.organizer}>"
        if organizer:
            self._say(self.organizer, self.tr("Organizer: {0}").format(organizer))
        if invitation.conflicts:
            self._say(self.conflicts, self.tr("Overlaps with: {0}").format(
                "; ".join(c.summary or self.tr("(no title)") for c in invitation.conflicts[:5])))
        self.join_button.setVisible(event.link.startswith("https://"))
        answerable = (method == "REQUEST" and bool(invitation.own_address)
                      and invitation.own_address != event.organizer)
        for button in self.buttons.values():
            button.setVisible(answerable)
        self.add_button.setVisible(((method == "REQUEST" and invitation.verdict.apply)
                                    or (bool(card.file_data) and method in ("REQUEST", "PUBLISH")))
                                   and not card.in_calendar)

    def _badge(self, card: Card) -> str:
        invitation = card.invitation
        assert invitation is not None
        event = invitation.event
        if not invitation.verdict.apply and not card.in_calendar:
            if invitation.sender and invitation.sender != event.organizer.lower() \
                    and invitation.method in ("REQUEST", "CANCEL"):
                return self.tr("Not from the organizer: shown, not applied.")
            if invitation.method in ("REQUEST", "CANCEL", "REPLY"):
                return self.tr("Shown, not applied.")
            return ""
        if invitation.method == "CANCEL":
            return self.tr("Cancelled.") if card.in_calendar else \
                self.tr("Cancelled by the organizer.")
        if invitation.method == "REQUEST" and event.sequence > 0:
            return self.tr("Updated by the organizer.")
        if card.partstat == "ACCEPTED":
            return self.tr("You accepted.")
        if card.partstat == "TENTATIVE":
            return self.tr("You answered tentatively.")
        if card.partstat == "DECLINED":
            return self.tr("You declined.")
        if card.in_calendar:
            return self.tr("In your calendar.")
        return ""

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _join_clicked(self) -> None:
        if self.card is not None and self.card.invitation is not None:
            link = self.card.invitation.event.link
            if link.startswith("https://"):
                self.linkRequested.emit(link)

    def _busy(self, busy: bool) -> None:
        for button in (*self.buttons.values(), self.add_button):
            button.setEnabled(not busy)

    def answer(self, word: str) -> None:
        """Queue the REPLY ``word`` (accept/tentative/decline) off the GUI thread."""
        if self.card is None or self.db_path is None or word not in ANSWERS:
            return
        db_path, row, zone = self.db_path, self.card.message_row, self.rep_zone
        file_data = self.card.file_data
        self._busy(True)
        self._say(self.result, self.tr("Sending your answer…"))

        def job() -> tuple[str, Card | None]:
            with Store.open(db_path) as store:
                if file_data:  # the card of an opened .ics file
                    message_id = answer_file(store, file_data, word, zone)
                    return message_id, card_for_file(store, file_data, zone)
                message_id = answer(store, row, word, zone)
                return message_id, card_for(store, row, store.get_raw(row), zone)

        def done(result: tuple[str, Card | None]) -> None:
            message_id, fresh = result
            self._busy(False)
            if fresh is not None and self.card is not None and self.card.message_row == row:
                self.show_card(fresh)  # the rep's answer and the entry as stored now
            texts = {"accept": self.tr("Accepted: your answer is in the outbox."),
                     "tentative": self.tr("Tentative: your answer is in the outbox."),
                     "decline": self.tr("Declined: your answer is in the outbox.")}
            self._say(self.result, texts[word])
            self.replyQueued.emit(message_id)

        run_in_background(job, done, self._failed, owner=self)

    def add_to_calendar(self) -> None:
        """Apply the invitation to the rep's calendar off the GUI thread."""
        if self.card is None or self.db_path is None:
            return
        db_path, row, zone = self.db_path, self.card.message_row, self.rep_zone
        file_data = self.card.file_data
        self._busy(True)

        def job() -> tuple[bool, str]:
            with Store.open(db_path) as store:
                if file_data:  # an opened .ics file: imported like `calendar import`
                    return add_file(store, file_data)
                return add(store, row, zone)

        def done(result: tuple[bool, str]) -> None:
            self._busy(False)
            applied, reason = result
            if applied:
                self.add_button.hide()
                self._say(self.result, self.tr("Added to your calendar."))
            else:
                self._say(self.result, self.tr("Not added: {0}").format(reason))

        run_in_background(job, done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._say(self.result, self.tr("Not done: {0}").format(str(exc)[:300]))

    def save_ics(self) -> None:
        """Save the raw calendar data of an unreadable invitation where the rep chooses."""
        if self.card is None or not self.card.raw_ics:
            return
        path = self.ask_save_path("invite.ics")
        if not path:
            return
        try:
            Path(path).write_bytes(self.card.raw_ics)
        except OSError as exc:
            self._say(self.result, self.tr("Not saved: {0}").format(exc.strerror or exc))
            return
        self._say(self.result, self.tr("Saved."))
