"""Errors raised by the SQLite cache. Every message is written for a person, not a programmer."""

from __future__ import annotations

from client.i18n import _


class StoreError(Exception):
    """Base class of every error raised by ``client.store``."""


class StoreVersionError(StoreError):
    """The database was written by a newer Tradewind (its schema version is higher than ours)."""

    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(_(
            "The mail cache {path} has schema version {found}, but this Tradewind only knows "
            "versions up to {known}: it was made by a newer Tradewind. Update Tradewind, or "
            "use another profile. The file was not changed.", path=path, found=found,
            known=known))
        self.path = path
        self.found = found
        self.known = known


class StoreCorruptError(StoreError):
    """The database file is damaged or truncated; see ``quarantine_and_rebuild``."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(_(
            "The mail cache {path} is damaged ({detail}). Run `tradewind cache rebuild` (or "
            "choose Rebuild when the app starts): it saves your drafts, outbox, queued "
            "changes, identities and settings, moves the damaged file aside and fetches the "
            "mail again from the server.", path=path, detail=detail))
        self.path = path
        self.detail = detail


class StoreWriteError(StoreError):
    """A write failed (disk full, I/O error, read-only file); the transaction was rolled back."""


class SearchSyntaxError(StoreError, ValueError):
    """A search query could not be understood (for example a bad date in ``before:``)."""
