"""What a composer window holds, as ``DraftFields``: the sender, the address lines, subject,
text and HTML, the (possibly edited) quote, attachments, inline pictures, the correspondence's
language and the reply style, on top of the fields the window was opened with (threading and
the message answered). GUI thread only; cheap (no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from client.compose.drafts import DraftFields

if TYPE_CHECKING:
    from ui.composer.window import ComposerWindow

#: the placeholder character QTextEdit's plain text shows for an inline picture
OBJECT_REPLACEMENT = "\ufffc"


def composer_fields(window: ComposerWindow) -> DraftFields:
    """See the module docstring."""
    sender = window.current_sender()
    base = window.base_fields or DraftFields(sender="")
    text = window.editor.toPlainText().replace(OBJECT_REPLACEMENT, "")
    quote_text, quote_html = window.quote_view.quote_fields(base.quote_text, base.quote_html)
    return DraftFields(
        sender=sender.email if sender else base.sender,
        sender_name=sender.display_name if sender else base.sender_name,
        to=window.to_field.text().strip().rstrip(","),
        cc=window.cc_field.text().strip().rstrip(","),
        bcc=window.bcc_field.text().strip().rstrip(","),
        subject=window.subject_field.text(),
        text=text, html=window.editor.body_html(),
        quote_text=quote_text, quote_html=quote_html,
        in_reply_to=base.in_reply_to, references=base.references,
        reply_to_row=base.reply_to_row, forward_of_row=base.forward_of_row,
        attachments=tuple(window.attachments), inline_images=window.editor.inline_images(),
        language=window.answer.language(), reply_style=window.answer.style(),
    )
