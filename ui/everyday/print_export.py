"""Print, Print Preview and Save as .eml for one message.

``print_document(content, locale)`` builds the pages: subject, From, To, Cc and the date
with its time zone (``UTC+08:00``), then the message: an HTML message as its sanitised HTML
(``print_html``: remote pictures only when allowed for it, fetched first by
``document_in_background``), a text message as its text. ``save_eml(db_path, message_id, path)`` writes the cached message
exactly as stored (worker thread; raises ``KeyError`` for a message gone from the cache and
``OSError`` for a path that cannot be written; never leaves a half-written file).
``print_document`` and the dialogs: GUI thread only.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from babel import Locale
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from client.store.db import Store
from ui.everyday import print_html
from ui.qt.dates import full_date
from ui.qt.tasks import run_in_background
from ui.reader.content import ReaderContent


def zone_text(moment: datetime | None) -> str:
    """The local time zone of ``moment`` as ``UTC+08:00`` (``''`` when unknown)."""
    if moment is None:
        return ""
    offset = moment.astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _addresses(pairs: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name} <{email}>" if name else email for name, email in pairs)


def header_html(content: ReaderContent, locale: Locale) -> str:
    """The printed header block: the subject, then From, To, Cc and the date with its time
    zone (escaped HTML)."""
    row = content.row
    moment = row.date or row.internaldate
    when = full_date(moment, locale, None)
    lines = [
        (QCoreApplication.translate("PrintExport", "From"),
         _addresses(((row.from_name, row.from_email),))),
        (QCoreApplication.translate("PrintExport", "To"), _addresses(row.to)),
        (QCoreApplication.translate("PrintExport", "Cc"), _addresses(row.cc)),
        (QCoreApplication.translate("PrintExport", "Date"),
         f"{when} ({zone_text(moment)})" if when else ""),
    ]
    lines = [(name, value) for name, value in lines if value]
    subject = row.subject or QCoreApplication.translate("PrintExport", "(no subject)")
    head = "".join(f"<tr><td><b>{html.escape(k)}:</b></td><td>{html.escape(v)}</td></tr>"
                   for k, v in lines)
    return f"<h2>{html.escape(subject)}</h2><table>{head}</table>"


def print_document(content: ReaderContent, locale: Locale,
                   remote: dict[str, bytes] | None = None) -> QTextDocument:
    """The message as a printable document: the header block, then its sanitised HTML
    (``print_html``: pictures from the message, remote ones only from ``remote`` and only when
    allowed for it) or, for a text message, its text."""
    if content.html is not None:
        return print_html.mail_document(header_html(content, locale), content, remote)
    body = html.escape(content.text).replace("\n", "<br>")
    document = QTextDocument()
    document.setHtml(f"{header_html(content, locale)}<hr>"
                     f"<div style='white-space: pre-wrap'>{body}</div>")
    return document


def document_in_background(owner: QObject, content: ReaderContent, locale: Locale,
                           then: Callable[[QTextDocument], object],
                           failed: Callable[[BaseException], None]) -> None:
    """``then(print_document(...))`` on the GUI thread, once the remote pictures a message may
    show are fetched (worker thread; at once when there are none)."""
    print_html.document_in_background(
        owner, content, lambda remote: print_document(content, locale, remote), then, failed)


def print_with_dialog(parent: QWidget, document: QTextDocument) -> bool:
    """Qt's print dialog; prints when the rep accepts. True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True


def preview_dialog(parent: QWidget, document: QTextDocument) -> QPrintPreviewDialog:
    """Qt's print preview of ``document`` (the caller shows it; it can print from there)."""
    dialog = QPrintPreviewDialog(parent)
    document.setParent(dialog)  # lives as long as the dialog that paints it
    dialog.paintRequested.connect(document.print_)
    return dialog


def save_eml(db_path: Path, message_id: int, path: Path) -> int:
    """Write the message as stored in the cache to ``path`` (replacing it atomically); returns
    the bytes written. Worker thread; idempotent."""
    with Store.open(db_path) as store:
        if store.get_message(message_id) is None:
            raise KeyError(message_id)
        raw = store.get_raw(message_id)
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".tradewind-", suffix=".eml", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(raw)


def save_eml_in_background(owner: QObject, db_path: Path, message_id: int, path: Path,
                           report: Callable[[str, int], object]) -> None:
    """``save_eml`` on a worker thread; ``report(text, msecs)`` gets "Saved as …" or why not,
    in words (GUI thread, skipped once ``owner`` is gone)."""
    def failed(exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report(QCoreApplication.translate("PrintExport", "Could not save the message: {0}")
               .format(reason), 15000)

    def saved(_written: int) -> None:
        report(QCoreApplication.translate("PrintExport", "Saved as {0}").format(path.name), 8000)

    run_in_background(lambda: save_eml(db_path, message_id, path), saved, failed, owner=owner)
