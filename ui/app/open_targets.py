"""Open what the OS or a second launch hands to the app: `mailto:` in a composer (the safe
parser, `ui.composer.mailto_compose`), an `.eml` in a read-only reader window (imported into a
folder only when the rep asks: "Import into…", ``client.ops.import_file``), an `.ics` in a
window with the reader's invitation card (Accept / Tentative / Decline answer through the
outbox, "Add to calendar" imports it; ``client.calendar.card.card_for_file``). `FileOpenFilter`
turns macOS's `QFileOpenEvent` (a URL or a file given to the
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
    db_path = getattr(window, "db_path", None)
    run_in_background(lambda: _prepare(arg, db_path), lambda result: _show(window, result),
                      lambda exc: _problem(window, str(exc)), owner=window)


def _prepare(arg: str, db_path: Any = None) -> tuple[Target, Any]:
    """Worker thread: read the file; for a message, parse it for the reader; for a calendar,
    build its invitation card against the cache at ``db_path``."""
    target = describe(arg)
    if target.kind == "ics":
        if db_path is None:
            return target, None
        from client.calendar.card import card_for_file
        from client.meetings.rep_zone import rep_zone
        from client.store.db import Store

        with Store.open(db_path) as store:
            return target, card_for_file(store, target.raw, rep_zone(store).zone)
    if target.kind != "eml":
        return target, None
    from ui.reader.content import build_content, row_from_headers

    return target, build_content(row_from_headers(target.raw), target.raw, False,
                                 f"file-{abs(hash(str(target.path)))}")


def _show(window: MainWindow, result: tuple[Target, Any]) -> None:
    target, content = result
    if target.kind == "eml":
        show_message_file(window, target, content)
    elif content is not None:
        show_calendar_file(window, target, content)
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
    reader = getattr(window, "reader", None)
    if reader is not None:
        viewer.reader.mailtoRequested.connect(reader.mailtoRequested)
    db_path = getattr(window, "db_path", None)
    if db_path is not None:
        _add_import_action(viewer, db_path, target, subject)
    _open_windows.add(viewer)
    viewer.destroyed.connect(lambda _o=None, v=viewer: _open_windows.discard(v))
    viewer.show()
    return viewer


def import_choices(db_path: Any) -> list[tuple[str, int]]:
    """(shown name, folder id) of every server folder of every account, Inboxes first."""
    from client.store.db import Store

    choices: list[tuple[int, str, int]] = []
    with Store.open(db_path) as store:
        for account in store.list_accounts():
            for folder in store.folders(account.id):
                if folder.is_local or any(a.lower() == "\\noselect" for a in folder.attrs):
                    continue
                rank = 0 if folder.role == "inbox" else 1
                choices.append((rank, f"{account.email} — {folder.name}", folder.id))
    choices.sort(key=lambda c: (c[0], c[1].lower()))
    return [(name, folder_id) for _rank, name, folder_id in choices]


def _add_import_action(viewer: QMainWindow, db_path: Any, target: Target, subject: str) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QInputDialog

    action = QAction(QCoreApplication.translate("OpenTargets", "Import into…"), viewer)
    action.setObjectName("importMessageFile")
    tip = QCoreApplication.translate("OpenTargets", "Keep this message in a folder of your mailbox (it is uploaded at the next sync)")
    action.setToolTip(tip)
    bar = viewer.addToolBar(QCoreApplication.translate("OpenTargets", "Message file"))
    bar.setObjectName("messageFileToolbar")
    bar.addAction(action)
    raw = target.raw

    def ask() -> None:
        choices = import_choices(db_path)
        if not choices:
            empty = QCoreApplication.translate("OpenTargets", "There is no mail folder to import into yet.")
            viewer.statusBar().showMessage(empty)
            return
        names = [name for name, _ in choices]
        chosen = viewer.ask_import_folder(names)  # type: ignore[attr-defined]
        if not chosen:
            return
        folder_id = dict(choices)[chosen]
        action.setEnabled(False)

        def job() -> tuple[int, int, int]:
            from client import events
            from client.ops.import_file import import_message
            from client.store.db import Store

            with Store.open(db_path) as store:
                row_id = import_message(store, raw, folder_id)
                folder = store.folder(folder_id)
                assert folder is not None
                events.publish(events.FolderChanged(folder.account_id, folder_id,
                                                    added=(row_id,)))
                return row_id, folder.account_id, folder_id

        def done(_result: tuple[int, int, int]) -> None:
            folder = chosen.split(" — ", 1)[-1]
            viewer.setWindowTitle(QCoreApplication.translate("OpenTargets", "{0} — imported into {1}").format(subject,
                                                                                      folder))
            said = QCoreApplication.translate("OpenTargets", "Imported into {0}; it is uploaded at the next sync.")
            viewer.statusBar().showMessage(said.format(folder))

        def failed(exc: BaseException) -> None:
            action.setEnabled(True)
            viewer.statusBar().showMessage(QCoreApplication.translate("OpenTargets", "Not imported: {0}").format(
                str(exc)[:300]))

        run_in_background(job, done, failed, owner=viewer)

    def ask_folder(names: list[str]) -> str:
        name, ok = QInputDialog.getItem(viewer, QCoreApplication.translate("OpenTargets", "Import into"),
                                        QCoreApplication.translate("OpenTargets", "Folder:"), names, 0, False)
        return str(name) if ok else ""

    viewer.ask_import_folder = ask_folder  # type: ignore[attr-defined]  # tests replace it
    viewer.import_action = action  # type: ignore[attr-defined]
    action.triggered.connect(ask)


def show_calendar_file(window: MainWindow, target: Target, card: Any) -> QWidget:
    """A window with the invitation card of an opened `.ics` file; for a file of several
    events, their list below it ("Add to calendar" imports them all)."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from ui.reader.invitation import InvitationCard

    locale = getattr(getattr(window, "reader", None), "babel_locale", None)
    if locale is None:
        from babel import Locale

        locale = Locale.parse("en")
    viewer = QWidget()
    viewer.setObjectName("calendarFileWindow")
    name = target.path.name if target.path is not None else target.source
    viewer.setWindowTitle(QCoreApplication.translate("OpenTargets", "{0} — calendar file").format(name))
    layout = QVBoxLayout(viewer)
    card_widget = InvitationCard(locale, viewer)
    card_widget.db_path = getattr(window, "db_path", None)
    reader = getattr(window, "reader", None)
    if reader is not None and hasattr(reader, "_invitation_link"):
        # the join link goes through the reader's link confirmation (C7)
        card_widget.linkRequested.connect(reader._invitation_link)
    layout.addWidget(card_widget)
    if len(target.events) > 1:
        listing = QLabel(calendar_summary_text(target), viewer)
        listing.setObjectName("calendarFileEvents")
        listing.setTextFormat(Qt.TextFormat.PlainText)
        listing.setWordWrap(True)
        layout.addWidget(listing)
    layout.addStretch(1)
    card_widget.show_card(card)
    viewer.card = card_widget  # type: ignore[attr-defined]
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.resize(560, 260)
    _open_windows.add(viewer)
    viewer.destroyed.connect(lambda _o=None, v=viewer: _open_windows.discard(v))
    viewer.show()
    return viewer


def calendar_summary_text(target: Target) -> str:
    """The list of a calendar file's events (also the box shown when no cache is open)."""
    lines = [QCoreApplication.translate("OpenTargets", "This file holds:")]
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
           "show_calendar_file", "show_calendar_summary", "show_message_file"]
