"""Answering inline: the quoted original is editable, the company signature stays locked.

``QuoteView`` is the composer's quote block (a ``LockedHtmlView`` that may be edited): the rep
trims it or answers between the buyer's questions. Its blocks that come from the original
(indented by the quote's ``<blockquote>``, or plain lines starting with ">") are *quoted*;
pressing Enter starts an unquoted block for the answer. It still loads nothing but its own
``cid:`` pictures (H2, H3). ``quote_fields(base_text, base_html)`` is what the message
carries: the original quote unchanged while the rep has not edited it, else the edited one,
rebuilt from its blocks (quoted runs in a ``<blockquote>`` in HTML and as "> " lines in text;
the original's own formatting is reduced to its text then). The signature is never in here:
``compose.assemble`` puts the policy's block between the rep's text and the quote, so it is
byte-for-byte the policy's on the wire.

Reply styles (``REPLY_STYLES``, setting ``compose.reply_style``, default "top"): "top" (the
rep writes above the quote), "bottom" (below it; the message is assembled quote first) and
"inline" (the cursor goes into the quote, after the "wrote:" line). ``reply_style(db)`` /
``save_reply_style(db, style)`` read and write the setting (worker thread). GUI thread only
otherwise.
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QWidget

from client.store.db import Store
from ui.composer.locked_view import LockedHtmlView

REPLY_STYLES = ("top", "bottom", "inline")
STYLE_SETTING = "compose.reply_style"
_QUOTE_STYLE = "margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex"


def style_labels() -> tuple[str, ...]:
    """The names of ``REPLY_STYLES`` in the UI language (the composer and Settings)."""
    return (QCoreApplication.translate("ReplyStyle", "Answer above the quote"),
            QCoreApplication.translate("ReplyStyle", "Answer below the quote"),
            QCoreApplication.translate("ReplyStyle", "Answer inline, in the quote"))


def reply_style(db_path: Path) -> str:
    """Worker thread: the rep's reply style (top when unset or unknown)."""
    with Store.open(db_path) as store:
        value = store.get_setting(STYLE_SETTING, "top")
    return value if value in REPLY_STYLES else "top"


def save_reply_style(db_path: Path, style: str) -> None:
    """Worker thread: store the reply style; raises ``ValueError`` for an unknown one."""
    if style not in REPLY_STYLES:
        raise ValueError(f"unknown reply style {style!r}")
    with Store.open(db_path) as store:
        store.set_setting(STYLE_SETTING, style)


def is_quoted(block: QTextBlock) -> bool:
    """A block of the original: indented by the quote, or a "> " line of a text quote."""
    return block.blockFormat().leftMargin() > 0 or block.text().startswith(">")


class QuoteView(LockedHtmlView):
    """See the module docstring."""

    def __init__(self, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(max_height, parent)
        self.setReadOnly(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setUndoRedoEnabled(True)

    def show_html(self, html: str, images: tuple[Any, ...] = ()) -> None:
        super().show_html(html, images)
        self.document().setModified(False)

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
        self.document().setModified(False)
        self.fit_height()

    def edited(self) -> bool:
        return self.document().isModified()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        cursor = self.textCursor()
        if not enter or not is_quoted(cursor.block()) or cursor.hasSelection():
            super().keyPressEvent(event)
            if enter:
                self._unquote_current_block()
            return
        # Enter in a quoted line: an empty answer line where the cursor is; the quoted text
        # before and after it stays quoted (a line split in two is two quoted lines)
        cursor.beginEditBlock()
        if not cursor.atBlockStart() and not cursor.atBlockEnd():
            cursor.insertBlock()  # the tail: a quoted block of its own
            cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        if cursor.atBlockStart() and cursor.block().length() > 1:
            cursor.insertBlock()  # the answer line goes above the quoted text
            cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        else:
            cursor.insertBlock()
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._unquote_current_block()

    def _unquote_current_block(self) -> None:
        """The block Enter just made is the rep's answer: not indented, not grey."""
        cursor = self.textCursor()
        fmt = QTextBlockFormat(cursor.blockFormat())
        fmt.setLeftMargin(0)
        fmt.setIndent(0)
        cursor.setBlockFormat(fmt)
        plain = QTextCharFormat()
        plain.setForeground(self.palette().text())
        cursor.setBlockCharFormat(plain)
        cursor.setCharFormat(plain)
        self.setTextCursor(cursor)

    def put_cursor_in_quote(self) -> None:
        """Inline style: focus the quote, the cursor at the start of its first quoted block."""
        block = self.document().begin()
        while block.isValid() and not is_quoted(block):
            block = block.next()
        cursor = QTextCursor(block if block.isValid() else self.document().begin())
        self.setTextCursor(cursor)
        self.setFocus()

    def set_first_line(self, line: str) -> None:
        """Replace the "wrote:" line (the first block) of an edited quote."""
        cursor = QTextCursor(self.document().begin())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(line)

    def quote_fields(self, base_text: str | None,
                     base_html: str | None) -> tuple[str | None, str | None]:
        """(quote_text, quote_html) for the message: see the module docstring."""
        if not self.edited():
            return base_text, base_html
        lines: list[str] = []
        parts: list[str] = []
        run: list[str] = []
        block = self.document().begin()
        while block.isValid():
            text = block.text().replace("\u2028", "\n").replace("\ufffc", "")
            if is_quoted(block):
                if text.startswith(">"):
                    lines.append(text)
                    text = text[1:].lstrip(" ")
                else:
                    lines.append(f"> {text}" if text else ">")
                run.append(f"<div>{html_lib.escape(text) or '<br>'}</div>")
            else:
                lines.append(text)
                if run:
                    parts.append(f'<blockquote type="cite" style="{_QUOTE_STYLE}">'
                                 + "".join(run) + "</blockquote>")
                    run = []
                parts.append(f"<div>{html_lib.escape(text) or '<br>'}</div>")
            block = block.next()
        if run:
            parts.append(f'<blockquote type="cite" style="{_QUOTE_STYLE}">' + "".join(run)
                         + "</blockquote>")
        text = "\n".join(lines).rstrip("\n") + "\n"
        return text, ("".join(parts) if base_html is not None else None)
