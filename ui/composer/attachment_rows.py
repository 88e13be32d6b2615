"""The composer's attachment list: one row per attached file (name and size) and per file
sent as a download link, and removing the selected one. GUI thread only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from client.compose.build import OutgoingAttachment

MAX_ROWS = 4  # rows shown before the list scrolls


def size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB"


def show_attachments(view: QListWidget, attachments: list[OutgoingAttachment],
                     link_files: list[Path]) -> int:
    """Fill ``view`` (hidden when empty, up to ``MAX_ROWS`` high); the number of rows."""
    view.clear()
    for att in attachments:
        view.addItem(QListWidgetItem(f"{att.filename} ({size_text(len(att.data))})"))
    for path in link_files:
        view.addItem(QListWidgetItem(QCoreApplication.translate(
            "ComposerWindow", "{0} (sent as a download link)").format(path.name)))
    count = len(attachments) + len(link_files)
    rows = min(MAX_ROWS, max(1, count))
    view.setFixedHeight(rows * view.sizeHintForRow(0) + 2 * view.frameWidth() + 4
                        if count else 0)
    view.setVisible(bool(count))
    return count


def remove_attachment(row: int, attachments: list[OutgoingAttachment],
                      link_files: list[Path]) -> bool:
    """Drop list row ``row`` (attachments first, then link files); False when none is there."""
    if 0 <= row < len(attachments):
        del attachments[row]
    elif 0 <= row - len(attachments) < len(link_files):
        del link_files[row - len(attachments)]
    else:
        return False
    return True
