"""An address line (To, Cc, Bcc) that completes the address being typed from the cache.

Several addresses are separated by commas; completion works on the last one: its text is
matched (``AddressBook.matches``: prefix of the address, the name or a word of the name, most
frequent first) and choosing a suggestion replaces only that last address. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from client.store.address_book import AddressBook

MAX_SUGGESTIONS = 12


def split_last(text: str) -> tuple[str, str]:
    """``("a@x, ", "bo")`` for ``"a@x, bo"``: what stays, and the address being typed."""
    head, sep, last = text.rpartition(",")
    if not sep:
        return "", text.lstrip()
    return head + ", ", last.lstrip()


class AddressField(QLineEdit):
    """A comma-separated address list with completion; call ``set_address_book`` when loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book: AddressBook | None = None
        self.suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self.choose)
        self.textEdited.connect(self._update_suggestions)

    def set_address_book(self, book: AddressBook) -> None:
        self.book = book

    def _update_suggestions(self, text: str) -> None:
        if self.book is None:
            return
        _head, typed = split_last(text)
        found = [e.formatted() for e in self.book.matches(typed, MAX_SUGGESTIONS)] if typed else []
        self.suggestions.setStringList(found)
        if found:
            self.completer_.complete()
        else:
            self._hide_popup()

    def choose(self, suggestion: object) -> None:
        """Replace the address being typed with ``suggestion`` and leave room for the next."""
        if isinstance(suggestion, QModelIndex):
            suggestion = suggestion.data()
        head, _typed = split_last(self.text())
        self.setText(f"{head}{suggestion}, ")
        self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()
