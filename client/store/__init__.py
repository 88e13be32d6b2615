"""SQLite cache of accounts, folders, messages and offline operations (see docs/internals.md).

Open one ``Store`` per thread with ``Store.open(path)``. The rebuild (``quarantine_and_rebuild``,
``QuarantineResult``) loads on first use, so opening the cache does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from client.store.db import Store
from client.store.errors import (
    SearchSyntaxError,
    StoreCorruptError,
    StoreError,
    StoreVersionError,
    StoreWriteError,
)
from client.store.messages import InsertResult
from client.store.records import (
    Account,
    Folder,
    FolderRecord,
    IncomingMessage,
    MessageRow,
    PendingOp,
)

if TYPE_CHECKING:
    from client.store.recovery import QuarantineResult, quarantine_and_rebuild

__all__ = [
    "Account",
    "Folder",
    "FolderRecord",
    "IncomingMessage",
    "InsertResult",
    "MessageRow",
    "PendingOp",
    "QuarantineResult",
    "SearchSyntaxError",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreVersionError",
    "StoreWriteError",
    "quarantine_and_rebuild",
]


def __getattr__(name: str) -> object:
    if name in ("QuarantineResult", "quarantine_and_rebuild"):
        from client.store import recovery

        value = getattr(recovery, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
