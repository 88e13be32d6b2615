"""The buyer's local time in the reader header: "Their time: Tue 14:05 (Europe/Berlin)",
with "outside working hours" and the weekend or the public holiday when so.

`BuyerTimeLabel.show_time(LocalTime | None)` (GUI thread); the time itself is computed on the
worker thread with the rest of the reader content (`client.customers.local_time.buyer_time_now`
in `ui.reader.content.load_reader_content`). Plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from client.customers.local_time import LocalTime


def weekday_name(day: int) -> str:
    """The short weekday name (0 = Monday) in the UI language (also the list column's)."""
    names = (QCoreApplication.translate("BuyerTimeLabel", "Mon"),
             QCoreApplication.translate("BuyerTimeLabel", "Tue"),
             QCoreApplication.translate("BuyerTimeLabel", "Wed"),
             QCoreApplication.translate("BuyerTimeLabel", "Thu"),
             QCoreApplication.translate("BuyerTimeLabel", "Fri"),
             QCoreApplication.translate("BuyerTimeLabel", "Sat"),
             QCoreApplication.translate("BuyerTimeLabel", "Sun"))
    return names[day]


class BuyerTimeLabel(QLabel):
    """One plain-text line; hidden when the message is not from a customer with a known zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(self.textFormat().PlainText)
        self.setObjectName("buyerTime")
        self.hide()

    def weekday_name(self, day: int) -> str:
        return weekday_name(day)

    def describe(self, lt: LocalTime) -> str:
        """The translated line for `lt`."""
        text = self.tr("Their time: {0} {1} ({2})").format(self.weekday_name(lt.weekday),
                                                            lt.clock, lt.zone)
        if lt.inside_hours:
            return text
        if lt.reason == "holiday":
            why = self.tr("outside working hours, public holiday: {0}").format(lt.holiday or "")
        elif lt.reason == "weekend":
            why = self.tr("outside working hours, weekend")
        else:
            why = self.tr("outside working hours")
        return self.tr("{0}, {1}").format(text, why)

    def show_time(self, lt: LocalTime | None) -> None:
        if lt is None:
            self.clear()
            self.hide()
            return
        self.setText(self.describe(lt))
        self.setStyleSheet("" if lt.inside_hours else "QLabel { color: #8a4b00; }")
        self.show()
