"""A ``mailto:`` link clicked in a message opens Tradewind's own composer (checklist H8).

``open_mailto(window, href)`` parses the link with ``client.security.mailto`` (only to, cc,
bcc, subject, body and in-reply-to are used; attach=, from= and other headers never are),
opens a new composer through ``window.compose.open_composer("new")`` and fills it once it is ready.
Every field stays visible (Bcc included) and nothing is sent until the rep clicks Send; the
refused parameters, and a Bcc the link asks for, are listed above the fields as plain text. GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from client.compose.drafts import DraftFields
from client.security import mailto
from ui.qt.plain_text import clean, set_plain

if TYPE_CHECKING:
    from ui.mainwindow.compose_commands import Composer
    from ui.mainwindow.window import MainWindow


def refused_sentences(fields: mailto.MailtoFields) -> list[str]:
    """One translated line per refused parameter of the link."""
    reasons = {
        mailto.ATTACHMENT: QCoreApplication.translate(
            "MailtoCompose", "“{0}={1}” was ignored: a link may not attach files from your "
            "computer."),
        mailto.SENDER: QCoreApplication.translate(
            "MailtoCompose", "“{0}={1}” was ignored: a link may not choose who the message is "
            "from or where replies go."),
        mailto.HEADER: QCoreApplication.translate(
            "MailtoCompose", "“{0}={1}” was ignored: a link may not set other message headers."),
        mailto.DUPLICATE: QCoreApplication.translate(
            "MailtoCompose", "A second “{0}” (“{1}”) was ignored."),
        mailto.LINE_BREAK: QCoreApplication.translate(
            "MailtoCompose", "Line breaks were removed from “{0}” (“{1}”): they could add "
            "hidden headers."),
        mailto.TOO_LONG: QCoreApplication.translate(
            "MailtoCompose", "“{0}” was too long and was cut (“{1}”)."),
        mailto.INVALID: QCoreApplication.translate(
            "MailtoCompose", "“{0}={1}” was ignored: it is not a message identifier."),
    }
    return [reasons[r.reason].format(r.name, clean(r.value, 120)) for r in fields.refused]


def open_mailto(window: MainWindow, href: str) -> Composer | None:
    """Open a composer from ``window`` (the main window) prefilled from ``href``; returns the
    composer (None if the link is not a mailto: link)."""
    try:
        fields = mailto.parse_mailto(href)
    except mailto.MailtoError:
        return None
    composer = window.compose.open_composer("new")
    if composer is None:
        return None
    ready = getattr(composer, "ready", None)
    if getattr(composer, "is_ready", False) or ready is None:
        fill_composer(composer, fields)
    else:
        ready.connect(lambda c=composer, f=fields: fill_composer(c, f))
    return composer


def fill_composer(composer: Any, fields: mailto.MailtoFields) -> None:
    """Put the link's fields into a ready composer and show what was refused."""
    for field, values in ((composer.to_field, fields.to), (composer.cc_field, fields.cc),
                          (composer.bcc_field, fields.bcc)):
        if values:
            field.setText(", ".join(values))
    if fields.subject:
        composer.subject_field.setText(fields.subject)
    if fields.body:
        composer.editor.setPlainText(fields.body)
    if fields.in_reply_to:
        base = composer.base_fields or DraftFields(sender="")
        composer.base_fields = replace(base, in_reply_to=fields.in_reply_to,
                                       references=(fields.in_reply_to,))
    lines = refused_sentences(fields)
    if fields.bcc:  # visible in its field, but a rep does not expect a link to add one
        lines.insert(0, QCoreApplication.translate(
            "MailtoCompose", "The link adds a hidden copy (Bcc) to {0}: remove it unless you "
            "want them to get this message.").format(clean(", ".join(fields.bcc), 300)))
    if lines:
        notice = QLabel(composer)
        notice.setObjectName("mailtoNotice")
        notice.setWordWrap(True)
        notice.setStyleSheet("QLabel#mailtoNotice { background: #fff4ce; padding: 4px; }")
        set_plain(notice, QCoreApplication.translate("MailtoCompose", "This message was started from a link in an e-mail.") + "\n"
                  + "\n".join(lines))
        composer.layout().insertWidget(0, notice)
        composer.mailto_notice = notice
