"""New message, reply, reply all, forward and delete from the main window (mixin).

``ComposeCommandsMixin`` is mixed into ``ui.main_window.MainWindow`` and uses its ``db_path``,
``reader``, ``selected_ids``, ``load_folder``, ``refresh_unread_counts`` and ``_show_failure``.
The composer itself is ``ui.composer.window.ComposerWindow(db_path, mode, message_row)`` (the
composer's own package; it fills itself in the background). GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui import message_actions
from ui.tasks import run_in_background


class ComposeCommandsMixin:
    """Opens composers (kept in ``composers`` while open) and deletes messages."""

    db_path: Any
    reader: Any
    composers: list[Any]
    #: builds a composer window ``(db_path, mode, message_row)``; None: ui.composer's window
    composer_factory: Any = None

    def open_composer(self, mode: str = "new") -> Any:
        """Open a composer: 'new', or 'reply' / 'reply_all' / 'forward' for the shown message.
        Returns the window (None if no message is shown for a reply or forward)."""
        message_row = self.reader.shown_id
        if mode != "new" and message_row is None:
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                QCoreApplication.translate("MainWindow", "Select a message first."), 5000)
            return None
        factory = self.composer_factory
        if factory is None:
            from ui.composer.window import ComposerWindow as factory  # noqa: N813
        composer = factory(self.db_path, mode, message_row if mode != "new" else None)
        composer.queued.connect(self._queued)
        composer.destroyed.connect(lambda _o=None, c=composer: self._forget_composer(c))
        self.composers.append(composer)
        composer.show()
        return composer

    def _forget_composer(self, composer: Any) -> None:
        if composer in self.composers:
            self.composers.remove(composer)

    def _queued(self, queued: Any) -> None:
        self.statusBar().showMessage(  # type: ignore[attr-defined]
            QCoreApplication.translate("MainWindow", "Queued in the outbox for {0}.").format(
                ", ".join(queued.recipients)), 10000)

    def delete_selected(self) -> None:
        """Delete the selected messages (offline: hidden at once, replayed later)."""
        ids = self.selected_ids()  # type: ignore[attr-defined]
        if not ids:
            return
        db_path = self.db_path

        def done(_count: int) -> None:
            self.reader.clear()
            self.load_folder()  # type: ignore[attr-defined]
            self.refresh_unread_counts()  # type: ignore[attr-defined]

        run_in_background(lambda: message_actions.delete(db_path, ids), done,
                          self._show_failure, owner=self)  # type: ignore[arg-type, attr-defined]
