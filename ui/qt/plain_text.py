"""Showing text from a server or a message as plain text, never as markup (checklist T8).

Qt guesses "rich text" for a QLabel, a QMessageBox or a tooltip whose text starts with
something tag-like, so a folder named ``<img src=…>`` or an ``[ALERT]`` with markup would be
rendered (and could load a picture). Use these helpers for every such text: labels and
message boxes are switched to ``Qt.PlainText``; a tooltip, which has no such switch, gets
escaped text inside our own markup. ``clean`` removes control characters and limits the
length. GUI thread only (``clean`` and ``tooltip`` are pure).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

MAX_CHARS = 2000  # of one server or message text shown in a label, box or tooltip


def clean(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` as one safe string: control characters (but tab and line feed) shown as
    U+FFFD, cut at ``limit`` characters with an ellipsis."""
    value = str(text)
    value = "".join(c if c in "\t\n" or c.isprintable() else "\ufffd" for c in value[: limit + 1])
    return value if len(value) <= limit else value[:limit] + "…"


def tooltip(text: object, limit: int = 500) -> str:
    """A tooltip string that Qt shows literally, whatever ``text`` holds."""
    return '<p style="white-space:pre-wrap">' + html.escape(clean(text, limit)) + "</p>"


def tooltip_shown(tip: str) -> str:
    """The text a tooltip made by ``tooltip`` shows (its inverse, for tests and assertions)."""
    prefix, suffix = '<p style="white-space:pre-wrap">', "</p>"
    if tip.startswith(prefix) and tip.endswith(suffix):
        return html.unescape(tip[len(prefix):-len(suffix)])
    return tip


def set_plain(label: QLabel, text: object, limit: int = MAX_CHARS) -> None:
    """Show ``text`` in ``label`` as plain text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(clean(text, limit))


def make_plain(box: QMessageBox) -> QMessageBox:
    """Switch the box and every label in it (text, informative text) to plain text."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: object,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    informative: object = "",
) -> QMessageBox:
    """A message box whose texts are plain text (``text`` may come from a server)."""
    box = QMessageBox(icon, title, clean(text), buttons, parent)
    if informative:
        box.setInformativeText(clean(informative))
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return make_plain(box)


def ask(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: object,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox.StandardButton:
    """Like ``QMessageBox.question``/``warning`` but plain text; returns the button chosen."""
    return QMessageBox.StandardButton(message_box(parent, icon, title, text, buttons, default).exec())
