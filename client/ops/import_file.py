"""Import a message file (an ``.eml`` the rep opened) into a folder, offline first.

``import_message(store, raw, folder_id) -> int`` stores the message as a local row (no server
UID) of the account's local-only folder and, in the same durable transaction, queues its move
into ``folder_id``; the replay then uploads it (APPEND, the path a local-only row takes out of
"Recovered (local)") and the row gets its server UID. So an import made offline waits like any
other operation, survives a restart, and a refused upload brings the message back to
"Recovered (local)" with the reason, never loses it. Raises ``ImportRefused`` in words for
bytes that are no message, an oversized file, a local-only target, or a message whose
Message-ID the folder already holds (``allow_duplicate=True`` imports it anyway). The
caller's thread (a ``Store``); no network.
"""

from __future__ import annotations

from client.i18n import _
from client.ops import queue
from client.store import Store
from client.store.derive import header_columns

#: what one imported message may weigh (a mail server takes no more; the reader reads it all)
MAX_IMPORT_BYTES = 64 * 1024 * 1024


class ImportRefused(ValueError):
    """The file was not imported; the message says why (no change was made)."""


def import_message(store: Store, raw: bytes, folder_id: int, *,
                   allow_duplicate: bool = False) -> int:
    """Import ``raw`` into folder ``folder_id`` (see the module docstring); the new row id."""
    folder = store.folder(folder_id)
    if folder is None:
        raise ImportRefused(_("There is no folder with id {id}.", id=folder_id))
    if folder.is_local:
        raise ImportRefused(_("The folder “{folder}” exists only on this computer; choose a "
                              "folder of the mail server.", folder=folder.name))
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefused(_("The file is larger than {size} MB.",
                              size=MAX_IMPORT_BYTES // (1024 * 1024)))
    head = header_columns(raw)
    if not raw.strip() or (not head.from_email and not head.subject and not head.message_id
                           and b":" not in raw.split(b"\n", 1)[0]):
        raise ImportRefused(_("This file holds no mail message (no header lines)."))
    message_id = head.message_id or ""  # normalised by the parser, as the rows keep it
    if message_id and not allow_duplicate:
        taken = store.conn.execute(
            "SELECT 1 FROM messages WHERE folder_id = ? AND message_id = ? AND deleted = 0",
            (folder_id, message_id)).fetchone()
        if taken is not None:
            raise ImportRefused(_("“{folder}” already holds this message (Message-ID "
                                  "<{message_id}>).", folder=folder.name,
                                  message_id=message_id))
    local = store.recovered_folder(folder.account_id)
    with store.transaction(durable=True):
        row_id = store.insert_local_message(local.id, raw)
        moved = queue.move(store, [row_id], folder_id)
        if moved != [row_id]:  # pragma: no cover - a fresh local row always moves
            raise ImportRefused(_("The message could not be queued for upload."))
    return row_id
