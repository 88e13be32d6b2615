"""The tray icon: unread count in the icon and tooltip, a notification for new mail.

GUI thread only. ``TrayIcon.set_unread(n)`` redraws the badge; ``notify_new_mail`` shows a
balloon when the platform has a system tray (nothing happens without one). Clicking the icon
raises the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon


def badge_icon(unread: int, size: int = 64) -> QIcon:
    """An envelope-like square with the unread count (99+ above 99) in a red badge."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#0e4a8c"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(2, 10, size - 4, size - 20), 6, 6)
    painter.setPen(QColor("#f2a900"))
    painter.drawLine(4, 12, size // 2, size // 2)
    painter.drawLine(size - 4, 12, size // 2, size // 2)
    if unread > 0:
        text = "99+" if unread > 99 else str(unread)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d93025"))
        badge = QRect(size // 2 - 4, 0, size // 2 + 4, size // 2)
        painter.drawEllipse(badge)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(size // 4 if len(text) < 3 else size // 5)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QSystemTrayIcon):
    """Tray icon bound to ``window``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.unread = 0
        self.set_unread(0)
        self.activated.connect(self._activated)

    def set_unread(self, unread: int) -> None:
        """Show ``unread`` in the icon and the tooltip."""
        self.unread = unread
        self.setIcon(badge_icon(unread))
        if unread:
            tip = QCoreApplication.translate("TrayIcon", "Tradewind: {0} unread").format(unread)
        else:
            tip = QCoreApplication.translate("TrayIcon", "Tradewind: no unread mail")
        self.setToolTip(tip)

    def notify_new_mail(self, count: int, sender: str, subject: str) -> None:
        """A short notification: one message (sender and subject) or how many arrived."""
        if not QSystemTrayIcon.isSystemTrayAvailable() or count <= 0:
            return
        if count == 1:
            title = QCoreApplication.translate("TrayIcon", "New mail from {0}").format(sender)
            body = subject
        else:
            title = QCoreApplication.translate("TrayIcon", "{0} new messages").format(count)
            body = QCoreApplication.translate("TrayIcon", "Latest from {0}: {1}").format(sender, subject)
        self.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 8000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._window.showNormal()
            self._window.raise_()
            self._window.activateWindow()
