"""Read-only HTML blocks under the rep's text: the company signature and the quoted original.

``LockedHtmlView`` shows HTML that the rep cannot edit: read-only, links not followed, and no
resource loaded from anywhere but the ``cid:`` images handed to ``show`` (no file, no network).
Its height follows its content up to ``max_height``; when the window is short it gives way
down to ``MIN_HEIGHT`` and scrolls, so the composer never grows taller than the screen (a
1440x900 screen at 150 % has about 600 points). GUI thread only.

``blocked_resource(kind)`` is what a rich-text view's ``loadResource`` returns for anything it
must not load: a null value would make ``QTextDocument`` read the URL as a local file itself
(a ``file:`` or relative picture, on Windows a ``\\\\host\\share`` path that sends the rep's
login to that host; checklist H2, H3).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from client.compose.build import InlineImage

MIN_HEIGHT = 48  # about two lines: what a short window still shows of the block


def blocked_resource(kind: int) -> Any:
    """A non-null empty resource: Qt then shows nothing and does not look further."""
    if kind == QTextDocument.ResourceType.ImageResource.value:
        return QImage()
    return ""


class LockedHtmlView(QTextBrowser):
    """A non-editable HTML block (see module docstring)."""

    def __init__(self, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_height = max_height
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # never taller than its content (Maximum), shorter when the window has no room
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._wanted = 24
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._images: dict[str, QImage] = {}

    def show_html(self, html: str, images: tuple[InlineImage, ...] = ()) -> None:
        """Show ``html``; ``cid:`` references resolve to ``images`` only."""
        self._images = {}
        for image in images:
            loaded = QImage()
            loaded.loadFromData(QByteArray(image.data))
            self._images[image.content_id.strip("<>")] = loaded
        self.setHtml(html)
        self.fit_height()

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt name)
        number = kind if isinstance(kind, int) else getattr(kind, "value", -1)
        url = QUrl(url)
        if number == QTextDocument.ResourceType.ImageResource.value and url.scheme() == "cid":
            found = self._images.get(url.path())
            if found is not None:
                return found
        return blocked_resource(number)  # nothing from files, shares or the network

    def fit_height(self) -> None:
        """Ask for the content's height (up to ``max_height``); idempotent."""
        self.document().setTextWidth(max(200, self.viewport().width()))
        wanted = min(self.max_height, max(24, int(self.document().size().height()) + 6))
        if wanted != self._wanted or self.minimumHeight() != min(wanted, MIN_HEIGHT):
            self._wanted = wanted
            self.setMinimumHeight(min(wanted, MIN_HEIGHT))
            self.setMaximumHeight(wanted)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().sizeHint().width(), self._wanted)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit_height()
