"""SQLite cache of accounts, folders, messages and offline operations (see docs/internals.md).

Open one ``Store`` per thread with ``Store.open(path)``.
"""

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
