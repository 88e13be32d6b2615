"""Why queued changes did not reach the server, told once after the sync that found it: the
replay's notes (``SyncReport.replay_notes``: a move dropped because its message was deleted on
the server, a folder created offline that the server refused, ...), each already undone
locally. ``show_replay_notes(window, notes)`` opens one window-modal box (``open()``, no
nested event loop) listing them as plain text (they may quote server text). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ui.qt.plain_text import message_box

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

#: at most this many notes are listed; the rest are counted
SHOWN_NOTES = 5


def show_replay_notes(window: MainWindow, notes: Sequence[str]) -> QMessageBox | None:
    """The box telling the rep about ``notes`` (None when there are none)."""
    if not notes:
        return None
    lines = list(dict.fromkeys(notes))  # one line per distinct reason
    shown = "\n\n".join(lines[:SHOWN_NOTES])
    if len(lines) > SHOWN_NOTES:
        shown += "\n\n" + QCoreApplication.translate(
            "ReplayNotes", "… and {0} more.").format(len(lines) - SHOWN_NOTES)
    box = message_box(
        window, QMessageBox.Icon.Information,
        QCoreApplication.translate("ReplayNotes", "Changes not made on the server"),
        QCoreApplication.translate("ReplayNotes", "Some changes you made could not be made on "
                                   "the server; on this computer they were undone, nothing "
                                   "is lost."),
        informative=shown)
    box.setWindowModality(box.windowModality().WindowModal)
    box.open()
    return box
