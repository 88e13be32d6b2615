"""Open what the OS or a second launch hands to the app: `mailto:` in a composer (the safe
parser, `ui.composer.mailto_compose`), an `.eml` in a read-only reader window (never imported into the
cache), an `.ics` as a plain read-only summary of its events (meetings' invitation card is not
installed yet). `FileOpenFilter` turns macOS's `QFileOpenEvent` (a URL or a file given to the
.app) into the same call. GUI thread only; files are read and parsed on the thread pool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from client.opening.targets import OpenTargetError, Target, describe, target_kind
from ui.qt.plain_text import message_box
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

_open_windows: set[QWidget] = set()


def open_target(window: MainWindow, arg: str) -> None:
    """Open `arg` from the main window `window`; problems are told in a message box."""
    if target_kind(arg) == "mailto":
        from ui.composer.mailto_compose import open_mailto

        if open_mailto(window, arg) is None:
            _problem(window, QCoreApplication.translate("OpenTargets", "This mailto: link cannot be opened."))
        return
    run_in_background(lambda: _prepare(arg), lambda result: _show(window, result),
                      lambda exc: _problem(window, str(exc)), owner=window)


def _prepare(arg: str) -> tuple[Target, Any]:
    """Worker thread: read the file; for a message, parse it for the reader."""
    target = describe(arg)
    if target.kind != "eml":
        return target, None
    from ui.reader.content import build_content, row_from_headers

    return target, build_content(row_from_headers(target.raw), target.raw, False,
                                 f"file-{abs(hash(str(target.path)))}")


def _show(window: MainWindow, result: tuple[Target, Any]) -> None:
    target, content = result
    if target.kind == "eml":
        show_message_file(window, target, content)
    else:
        show_calendar_summary(window, target)


def show_message_file(window: MainWindow, target: Target, content: Any) -> QMainWindow:
    """A reader window over the file's message; its mailto: links open our composer."""
    from ui.reader.attached_message import AttachedMessageWindow

    viewer = AttachedMessageWindow(content, window.reader.babel_locale)
    subject = content.row.subject or QCoreApplication.translate("OpenTargets", "(no subject)")
    viewer.setWindowTitle(QCoreApplication.translate("OpenTargets", "{0} — message file, not imported").format(subject))
    viewer.setObjectName("messageFileWindow")
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.reader.mailtoRequested.connect(window.reader.mailtoRequested)
    _open_windows.add(viewer)
    viewer.destroyed.connect(lambda _o=None, v=viewer: _open_windows.discard(v))
    viewer.show()
    return viewer


def calendar_summary_text(target: Target) -> str:
    """The words of the .ics summary box."""
    lines = [QCoreApplication.translate("OpenTargets", "Calendar files open as invitations once meetings are installed. This file holds:")]
    if not target.events:
        lines.append(QCoreApplication.translate("OpenTargets", "(no events)"))
    for event in target.events:
        lines.append("")
        lines.append(event.summary or QCoreApplication.translate("OpenTargets", "(no title)"))
        lines.append(QCoreApplication.translate("OpenTargets", "Start: {0}").format(event.start or "—"))
        lines.append(QCoreApplication.translate("OpenTargets", "End: {0}").format(event.end or "—"))
        lines.append(QCoreApplication.translate("OpenTargets", "Organizer: {0}").format(event.organizer or "—"))
    return "\n".join(lines)


def show_calendar_summary(window: QWidget | None, target: Target) -> QMessageBox:
    box = message_box(window, QMessageBox.Icon.Information, QCoreApplication.translate("OpenTargets", "Calendar file"),
                      calendar_summary_text(target))
    box.setObjectName("calendarSummary")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


def _problem(window: QWidget | None, text: str) -> None:
    box = message_box(window, QMessageBox.Icon.Warning, QCoreApplication.translate("OpenTargets", "Cannot open"), text)
    box.setObjectName("openProblem")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


class FileOpenFilter(QObject):
    """Emits `requested(target)` for each QFileOpenEvent (macOS: mailto: URLs, .eml, .ics)."""

    requested = Signal(str)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.FileOpen:
            url = event.url()  # type: ignore[attr-defined]
            text = url.toString() if url.scheme().lower() == "mailto" else event.file()  # type: ignore[attr-defined]
            if text:
                self.requested.emit(text)
                return True
        return super().eventFilter(watched, event)


__all__ = ["FileOpenFilter", "OpenTargetError", "calendar_summary_text", "open_target",
           "show_calendar_summary", "show_message_file"]
