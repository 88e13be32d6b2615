"""New message, reply, reply all, forward, saved drafts and delete from the main window (mixin).

``ComposeCommandsMixin`` is mixed into ``ui.mainwindow.window.MainWindow`` and uses its ``db_path``,
``reader``, ``selected_ids``, ``load_folder``, ``refresh_unread_counts`` and ``_show_failure``.
The composer itself is ``ui.composer.window.ComposerWindow(db_path, mode, message_row)`` (the
composer's own package; it fills itself in the background); for a saved draft it is called
``(db_path, "draft", None, draft_id)``. A message of a Drafts folder opens as a draft on
double-click / Enter (``message_activated``) or Message → Edit draft (``edit_selected_draft``);
File → Local drafts… lists drafts saved only on this computer too. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ui.composer import jobs as compose_jobs
from ui.mainwindow import message_actions
from ui.qt.tasks import run_in_background


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

    def open_draft(self, draft_id: int) -> Any:
        """Open a composer on the saved draft ``draft_id`` (saving updates that draft); a
        composer already open on it is brought to the front instead."""
        for open_one in self.composers:
            if getattr(open_one, "draft_id", None) == draft_id and not getattr(
                    open_one, "sent", False):
                open_one.raise_()
                open_one.activateWindow()
                return open_one
        factory = self.composer_factory
        if factory is None:
            from ui.composer.window import ComposerWindow as factory  # noqa: N813
        composer = factory(self.db_path, "draft", None, draft_id)
        composer.queued.connect(self._queued)
        composer.destroyed.connect(lambda _o=None, c=composer: self._forget_composer(c))
        self.composers.append(composer)
        composer.show()
        return composer

    def edit_selected_draft(self) -> None:
        """Message → Edit draft: open the one selected message of a Drafts folder as a draft
        (a copy saved by another client becomes a local draft first, off the GUI thread)."""
        ids = self.selected_ids()  # type: ignore[attr-defined]
        if len(ids) != 1:
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                QCoreApplication.translate("MainWindow", "Select one draft first."), 5000)
            return
        self.open_cached_draft(ids[0])

    def open_cached_draft(self, message_row: int) -> None:
        """Open the cached Drafts-folder message ``message_row`` in a composer (background)."""
        db_path = self.db_path
        run_in_background(lambda: compose_jobs.open_cached_draft(db_path, message_row),
                          self.open_draft, self._show_failure,  # type: ignore[attr-defined]
                          owner=self)  # type: ignore[arg-type]

    def message_activated(self, index: Any) -> None:
        """Double-click or Enter on a list row: a message of a Drafts folder opens as a draft."""
        message_row = self.message_model.message_id_at(index.row())  # type: ignore[attr-defined]
        if message_row is not None and self.is_draft_message(message_row):
            self.open_cached_draft(message_row)

    def is_draft_message(self, message_row: int) -> bool:
        """True for a message of a Drafts folder (a quick indexed look-up, GUI thread)."""
        store = self.store  # type: ignore[attr-defined]
        row = store.get_message(message_row)
        folder = store.folder(row.folder_id) if row is not None else None
        return folder is not None and folder.role == "drafts"

    def show_local_drafts(self) -> Any:
        """File → Local drafts…: the drafts saved on this computer; the chosen one opens."""
        from ui.composer.drafts_dialog import LocalDraftsDialog

        dialog = LocalDraftsDialog(self.db_path, self.locale, self)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRequested.connect(self.open_draft)
        dialog.show()
        return dialog

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
