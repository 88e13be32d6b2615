"""Start-up check of the mail cache and the "damaged cache" dialog (S3).

``cache_problem(db_path) -> str | None`` (worker thread; blocking disk work) opens the cache
and, when the store has noted damage (``client.store.damage_mark``), runs a quick check: it
returns SQLite's reason when the cache is damaged, else None. ``CacheRepairDialog`` says what
happened and offers Rebuild (keeps local work; ``quarantine_and_rebuild`` runs on the thread
pool under the profile's writer lock, never on the GUI thread) or Quit.
``offer_repair_if_damaged(db_path, profile)`` (GUI thread, before any window or sync driver
opens the cache) ties them together and returns False when the rep chose Quit.
``DamageWatcher`` (GUI thread) tells the rep, once, when the store notes damage while the app
runs (in this process or in a sync child): the rebuild is then offered at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QFileSystemWatcher, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.profile.paths import ProfileLock, ProfileLockedError
from client.store.check import check_cache
from client.store.damage_mark import damage_mark
from client.store.db import Store
from client.store.errors import StoreCorruptError
from client.store.recovery import QuarantineResult, quarantine_and_rebuild
from ui.qt.tasks import run_in_background
from ui.qt.wrapping_label import WrappingLabel

Rebuild = Callable[[Path], QuarantineResult]


def cache_problem(db_path: Path) -> str | None:
    """SQLite's reason if the cache at ``db_path`` is damaged, else None (worker thread)."""
    try:
        Store.open(db_path).close()
    except StoreCorruptError as exc:
        return exc.detail
    if damage_mark(db_path) is None:
        return None
    found = check_cache(db_path, quick=True)  # keeps the note in step with what it finds
    return None if found.ok else found.problems[0]


def rebuild_locked(db_path: Path, profile: Path, rebuild: Rebuild = quarantine_and_rebuild
                   ) -> QuarantineResult:
    """``rebuild(db_path)`` while holding the profile's writer lock (worker thread).
    Raises ``ProfileLockedError`` when another Tradewind or `tradewind sync` holds it."""
    with ProfileLock(profile):
        return rebuild(db_path)


class CacheRepairDialog(QDialog):
    """Tells the rep the cache is damaged; Rebuild (off the GUI thread) or Quit.

    ``accepted`` after a successful rebuild and Continue; ``rejected`` on Quit. ``finished_
    rebuild`` holds the result once the rebuild is done (tests and the caller read it)."""

    def __init__(self, db_path: Path, profile: Path, detail: str, *,
                 rebuild: Rebuild = quarantine_and_rebuild,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.profile, self._rebuild = db_path, profile, rebuild
        self.finished_rebuild: QuarantineResult | None = None
        self.busy = False  # a rebuild is running: the dialog cannot be closed
        self.setWindowTitle(self.tr("Tradewind: the mail cache is damaged"))
        self.message = WrappingLabel(self.tr(
            "Tradewind's local copy of your mail ({0}) is damaged: {1}.\n\n"
            "Your mail is safe on the server. Rebuild keeps your drafts, outbox, queued "
            "changes, identities and settings, moves the damaged file aside (nothing is "
            "deleted) and fetches your mail again. Quit leaves everything as it is."
        ).format(db_path, self.reason_in_words(detail)))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.rebuild_button = QPushButton(self.tr("Rebuild"))
        self.quit_button = QPushButton(self.tr("Quit"))
        self.continue_button = QPushButton(self.tr("Continue"))
        self.buttons.addButton(self.rebuild_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button.hide()  # after addButton, which shows the buttons it takes
        self.rebuild_button.clicked.connect(self.start_rebuild)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.rebuild_button.setDefault(True)

    def reason_in_words(self, detail: str) -> str:
        """SQLite's (English) reason in the rep's language, the original kept for support."""
        known = {
            "database disk image is malformed": self.tr("parts of the file are damaged"),
            "file is not a database": self.tr(
                "the file is not a Tradewind cache, or its beginning is damaged"),
        }
        words = known.get(detail.strip().lower())
        return f"{words} ({detail})" if words else detail

    def start_rebuild(self) -> None:
        """Run the rebuild on the thread pool; the dialog reports when it is done."""
        self.busy = True
        self.rebuild_button.setEnabled(False)
        self.quit_button.setEnabled(False)
        self.message.setText(self.tr("Saving your local work and rebuilding the cache…"))
        db_path, profile, rebuild = self.db_path, self.profile, self._rebuild
        run_in_background(lambda: rebuild_locked(db_path, profile, rebuild),
                          self._rebuilt, self._failed, owner=self)

    def reject(self) -> None:
        """Quit, Esc or the window's close button; ignored while the rebuild runs (it always
        finishes, so the files are never left half-swapped by a closing app)."""
        if not self.busy:
            super().reject()

    def _labels(self) -> dict[str, str]:
        return {
            "accounts": self.tr("Accounts"), "folders": self.tr("Folders"),
            "settings": self.tr("Settings"), "identities": self.tr("Identities"),
            "local_messages": self.tr("Local copies of messages"),
            "pending_ops": self.tr("Queued changes"), "outbox": self.tr("Outbox messages"),
            "drafts": self.tr("Drafts"),
        }

    def _rebuilt(self, result: Any) -> None:
        assert isinstance(result, QuarantineResult)
        self.busy = False
        self.finished_rebuild = result
        labels = self._labels()
        kept = "\n".join(f"  {labels[name]}: {count}" for name, count in result.imported.items()
                         if name in labels) or self.tr("  (nothing was stored only here)")
        text = self.tr(
            "The cache was rebuilt. Put back into the new cache:\n{0}\n\n"
            "The old file was kept as {1}. Your mail is fetched again from the server now."
        ).format(kept, result.moved_to)
        if result.export_path is not None:
            text += "\n" + self.tr("A copy of your local work is in {0}.").format(
                result.export_path)
        lost = [f"  {row.table} {row.row_id}" for row in result.unreadable_rows]
        lost += [f"  {row.table} {row.row_id}" for row in result.skipped]
        lost += [f"  {table}" for table in result.unreadable]
        if lost:
            text += "\n\n" + self.tr(
                "Some items could not be read from the damaged file and are not in the new "
                "cache:\n{0}"
            ).format("\n".join(lost))
        self.message.setText(text)
        self.rebuild_button.hide()
        self.quit_button.hide()
        self.continue_button.show()
        self.continue_button.setDefault(True)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, ProfileLockedError):
            reason = self.tr(
                "another Tradewind or `tradewind sync` is using this profile; close it first"
            )
        else:
            reason = str(exc) or type(exc).__name__
        self.message.setText(self.tr(
            "The cache could not be rebuilt: {0}.\n\nNothing was deleted. You can try again "
            "or quit."
        ).format(reason))
        self.rebuild_button.setEnabled(True)
        self.quit_button.setEnabled(True)


def _problem_off_thread(db_path: Path) -> str | None:
    """``cache_problem`` on the thread pool while the GUI thread keeps serving events."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: Any) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_in_background(lambda: cache_problem(db_path), done, failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    value = outcome.get("value")
    return None if value is None else str(value)


def offer_repair_if_damaged(db_path: Path, profile: Path) -> bool:
    """At start-up (GUI thread): if the cache is damaged, show ``CacheRepairDialog``.
    True: go on (sound, or rebuilt); False: the rep chose Quit."""
    if not db_path.exists():
        return True
    detail = _problem_off_thread(db_path)
    if detail is None:
        return True
    dialog = CacheRepairDialog(db_path, profile, detail)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted and dialog.finished_rebuild is not None


def damaged_cache_quit_message() -> str:
    """What the app prints when the rep quits instead of rebuilding."""
    return QCoreApplication.translate(
        "CacheRepair",
        "The mail cache is damaged and was left as it is. Run `tradewind cache rebuild`, or "
        "start Tradewind again and choose Rebuild.",
    )


class DamageWatcher(QObject):
    """Watches the profile folder for the store's damage note and then shows, once and
    without blocking, what happened and what to do. GUI thread only."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.box: QMessageBox | None = None
        self._watcher = QFileSystemWatcher([str(db_path.parent)], self)
        self._watcher.directoryChanged.connect(self.check_now)

    def check_now(self, _changed: str = "") -> None:
        """Show the message if the damage note is there (idempotent)."""
        if self.box is not None:
            return
        detail = damage_mark(self.db_path)
        if detail is None:
            return
        self.box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Tradewind: the mail cache is damaged"),
            self.tr(
                "Tradewind found a damaged part in its local copy of your mail ({0}): {1}.\n\n"
                "Some messages may not show or update. Your mail is safe on the server and "
                "your drafts and outbox are kept. Quit Tradewind and start it again: it will "
                "offer to rebuild the cache."
            ).format(self.db_path, detail),
            QMessageBox.StandardButton.Ok,
        )
        self.box.setModal(False)
        self.box.show()
