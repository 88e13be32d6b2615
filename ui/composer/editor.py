"""The rich-text area where the rep writes (only the new text: signature and quote live apart).

``ComposeEditor`` is a ``QTextEdit`` that turns a pasted or dropped picture into an inline image
referenced as ``cid:ID`` (``inline_images()`` gives the parts the HTML references), announces
dropped or pasted local files through ``filesDropped`` (the composer attaches them) instead of
inserting their paths, and offers bold, italic, lists and links. ``body_html()`` is the HTML of
the rep's text alone (the inside of the document's body). It loads no resource: only the
pictures added to its document (pasted, or a reopened draft's ``cid:`` parts) show, never a
file, share or web address named in the HTML (checklist H2, H3). GUI thread only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QImage,
    QKeySequence,
    QTextCharFormat,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QWidget

from client.compose.build import InlineImage
from ui.composer.locked_view import blocked_resource

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
_CID_SRC = re.compile(r"""src=["']cid:([^"']+)["']""", re.IGNORECASE)


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide str
    buffer.close()
    return bytes(data.data())


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag or paste carries (URLs that are not files are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ComposeEditor(QTextEdit):
    """Rich text with inline pictures; see module docstring."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self._images: dict[str, tuple[bytes, str]] = {}  # Content-ID -> (data, type)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt name)
        """Called only for what the document does not hold: nothing is loaded."""
        return blocked_resource(kind if isinstance(kind, int) else getattr(kind, "value", -1))

    # -- pictures and files ---------------------------------------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        return source.hasImage() or bool(local_files(source)) or super().canInsertFromMimeData(
            source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        files = local_files(source)
        if files:
            self.filesDropped.emit(files)
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.insert_image(image)
                return
        super().insertFromMimeData(source)

    def insert_image(self, image: QImage) -> str:
        """Insert ``image`` at the cursor as an inline picture; returns its Content-ID."""
        content_id = f"{uuid.uuid4().hex}@tradewind"
        self._images[content_id] = (_png_bytes(image), "image/png")
        self.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"cid:{content_id}"), image)
        self.textCursor().insertImage(f"cid:{content_id}")
        return content_id

    def add_images(self, images: tuple[InlineImage, ...]) -> None:
        """Make ``cid:`` references of reopened HTML (a saved draft) show these pictures."""
        for image in images:
            loaded = QImage()
            if loaded.loadFromData(image.data):
                cid = image.content_id.strip("<>")
                self._images[cid] = (image.data, image.content_type)
                self.document().addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(f"cid:{cid}"), loaded)

    def inline_images(self) -> tuple[InlineImage, ...]:
        """The pictures the current text still shows (deleted ones are left out)."""
        used = dict.fromkeys(_CID_SRC.findall(self.toHtml()))
        out = []
        for n, cid in enumerate(used, 1):
            if cid in self._images:
                data, content_type = self._images[cid]
                extension = content_type.rpartition("/")[2] or "png"
                out.append(InlineImage(cid, data, content_type, f"image-{n}.{extension}"))
        return tuple(out)

    # -- formatting -----------------------------------------------------------------------------
    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(fmt)

    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.mergeCurrentCharFormat(fmt)

    def make_list(self, numbered: bool) -> None:
        style = QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
        self.textCursor().createList(style)

    def insert_link(self, url: str, text: str = "") -> None:
        """Make the selection (or ``text``, else the URL) a link to ``url`` (http, https,
        mailto only; anything else is inserted as plain text)."""
        cursor = self.textCursor()
        label = cursor.selectedText() or text or url
        if not re.match(r"^(https?://|mailto:)", url.strip(), re.IGNORECASE):
            cursor.insertText(label)
            return
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url.strip())
        fmt.setFontUnderline(True)
        cursor.insertText(label, fmt)
        cursor.insertText(" ", QTextCharFormat())

    # -- content --------------------------------------------------------------------------------
    def body_html(self) -> str:
        """The rep's text as an HTML fragment (what goes above the signature)."""
        found = _BODY.search(self.toHtml())
        return found.group(1).strip() if found else self.toHtml()

    def is_empty(self) -> bool:
        return not self.toPlainText().strip() and not self._images


def toolbar_action(toolbar: QToolBar, text: str, shortcut: str, slot: Callable[..., object],
                   checkable: bool = False) -> QAction:
    """A formatting or attach action on the composer's ``toolbar`` (its shortcut works in the
    composer window)."""
    action = QAction(text, toolbar)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    toolbar.addAction(action)
    return action
