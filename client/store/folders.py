"""Folders and their sync state (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, watermark, errors)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from client.store.base import StoreBase
from client.store.records import (
    FOLDER_ROLES,
    LOCAL_FOLDER_ATTR,
    RECOVERED_FOLDER_NAME,
    Folder,
    FolderRecord,
)
from client.store.updates import update_sql

_FOLDER_COLUMNS = (
    "id, account_id, name, delimiter, role, attrs_json, subscribed, uidvalidity, uidnext, "
    "highestmodseq, exists_count, synced_uid, last_sync, last_error, mailbox_id"
)
_STATE_FIELDS = frozenset(
    {"uidvalidity", "uidnext", "highestmodseq", "exists_count", "synced_uid", "last_sync",
     "last_error"}
)


def folder_from_row(row: tuple[Any, ...]) -> Folder:
    """Build a ``Folder`` from a row selected with ``_FOLDER_COLUMNS``."""
    values = list(row)
    values[5] = tuple(json.loads(values[5] or "[]"))
    values[6] = bool(values[6])
    return Folder(*values)


class FoldersMixin(StoreBase):
    """Folder rows. Every method runs on the Store's own thread."""

    def upsert_folder(self, account_id: int, record: FolderRecord) -> Folder:
        """Insert or update a folder by (account, name); sync state is left untouched, and so is
        the stored ``mailbox_id`` when the record has none."""
        role = record.role.lower() if record.role else None
        if role is not None and role not in FOLDER_ROLES:
            raise ValueError(f"unknown folder role {record.role!r}")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO folders(account_id, name, delimiter, role, attrs_json, subscribed, "
                "mailbox_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, name) DO UPDATE "
                "SET delimiter = excluded.delimiter, role = excluded.role, "
                "attrs_json = excluded.attrs_json, subscribed = excluded.subscribed, "
                "mailbox_id = coalesce(excluded.mailbox_id, folders.mailbox_id)",
                (account_id, record.name, record.delimiter, role,
                 json.dumps(list(record.attrs)), int(record.subscribed), record.mailbox_id),
            )
        found = self.folder_by_name(account_id, record.name)
        assert found is not None
        return found

    def rename_folders(self, new_names: Mapping[int, str]) -> None:
        """Give folders new names in one transaction (``{folder_id: name}``); their messages,
        sync state and queued operations stay. Swaps and chains (A→B, B→A) are fine; a new
        name held by a folder not being renamed raises ``sqlite3.IntegrityError``."""
        if not new_names:
            return
        with self.transaction() as conn:
            for folder_id in new_names:  # park them first, so names can move around freely
                conn.execute("UPDATE folders SET name = ? WHERE id = ?",
                             (f"\x00renaming {folder_id}", folder_id))
            for folder_id, name in new_names.items():
                conn.execute("UPDATE folders SET name = ? WHERE id = ?", (name, folder_id))

    def remove_folder(self, folder_id: int) -> int:
        """Delete a folder that vanished from the server, with its server-backed messages.

        Rows that exist only locally (``uid IS NULL``) are never deleted: they move to the
        account's "Recovered (local)" folder (``recovered_folder``), where the rep sees them.
        Callers resolve the folder's queued operations first (``client.ops.queue.
        end_ops_of_folders``), so what is left is not the local half of an op. Returns how
        many rows were kept. One transaction (joins the caller's); idempotent."""
        with self.transaction(durable=True) as conn:
            found = conn.execute("SELECT account_id FROM folders WHERE id = ?",
                                 (folder_id,)).fetchone()
            if found is None:
                return 0
            kept = 0
            local = conn.execute("SELECT count(*) FROM messages WHERE folder_id = ? "
                                 "AND uid IS NULL", (folder_id,)).fetchone()[0]
            if local:
                recovered = self.recovered_folder(int(found[0]))
                if recovered.id != folder_id:
                    kept = conn.execute(
                        "UPDATE messages SET folder_id = ? WHERE folder_id = ? AND uid IS NULL",
                        (recovered.id, folder_id),
                    ).rowcount
            conn.execute(
                "DELETE FROM messages_fts WHERE rowid IN "
                "(SELECT id FROM messages WHERE folder_id = ?)",
                (folder_id,),
            )
            conn.execute("DELETE FROM folders WHERE id = ?", (folder_id,))
        return kept

    def recovered_folder(self, account_id: int) -> Folder:
        """The account's "Recovered (local)" folder (``LOCAL_FOLDER_ATTR``), created if
        missing. It exists only in this cache: the sync never lists, removes or downloads
        it. When a server folder holds that name, a numbered name is used."""
        with self.transaction() as conn:
            rows = conn.execute(
                f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE account_id = ? ORDER BY id",
                (account_id,),
            ).fetchall()
            names = set()
            for row in rows:
                folder = folder_from_row(row)
                if folder.is_local and folder.name.startswith(RECOVERED_FOLDER_NAME):
                    return folder
                names.add(folder.name)
            name, n = RECOVERED_FOLDER_NAME, 1
            while name in names:
                n += 1
                name = f"{RECOVERED_FOLDER_NAME} {n}"
            conn.execute(
                "INSERT INTO folders(account_id, name, delimiter, role, attrs_json, subscribed) "
                "VALUES (?, ?, NULL, NULL, ?, 1)",
                (account_id, name, json.dumps([LOCAL_FOLDER_ATTR])),
            )
        found = self.folder_by_name(account_id, name)
        assert found is not None
        return found

    def prune_local_folders(self, account_id: int) -> list[str]:
        """Delete the account's local-only folders that hold no message and that no queued
        operation names; return their names. Idempotent."""
        removed: list[str] = []
        with self.transaction() as conn:
            for folder in self.folders(account_id):
                if not folder.is_local:
                    continue
                busy = conn.execute(
                    "SELECT 1 FROM messages WHERE folder_id = ? UNION ALL SELECT 1 FROM "
                    "pending_ops WHERE (folder_id = ? OR target_folder_id = ?) "
                    "AND state IN ('pending', 'running') LIMIT 1",
                    (folder.id, folder.id, folder.id),
                ).fetchone()
                if busy is None:
                    conn.execute("DELETE FROM folders WHERE id = ?", (folder.id,))
                    removed.append(folder.name)
        return removed

    def folder(self, folder_id: int) -> Folder | None:
        """The folder with this id, or None."""
        row = self.conn.execute(
            f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE id = ?", (folder_id,)
        ).fetchone()
        return None if row is None else folder_from_row(row)

    def folders(self, account_id: int) -> list[Folder]:
        """The account's folders, ordered by name."""
        rows = self.conn.execute(
            f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE account_id = ? ORDER BY name",
            (account_id,),
        )
        return [folder_from_row(row) for row in rows]

    def folder_by_name(self, account_id: int, name: str) -> Folder | None:
        """The folder with this exact (decoded) name, or None."""
        row = self.conn.execute(
            f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE account_id = ? AND name = ?",
            (account_id, name),
        ).fetchone()
        return None if row is None else folder_from_row(row)

    def folder_by_role(self, account_id: int, role: str) -> Folder | None:
        """The folder with this role (inbox/sent/drafts/trash/junk/archive), or None."""
        row = self.conn.execute(
            f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE account_id = ? AND role = ? "
            "ORDER BY id LIMIT 1",
            (account_id, role.lower()),
        ).fetchone()
        return None if row is None else folder_from_row(row)

    def save_folder_state(self, folder_id: int, **state: Any) -> None:
        """Update some of ``uidvalidity, uidnext, highestmodseq, exists_count, synced_uid,
        last_sync, last_error`` (only the keywords given). ``exists`` is accepted for
        ``exists_count``."""
        if "exists" in state:
            state["exists_count"] = state.pop("exists")
        if not state:
            return
        sql, values = update_sql("folders", state, _STATE_FIELDS, "id = ?")  # ValueError: unknown
        with self.transaction() as conn:
            conn.execute(sql, (*values, folder_id))

    def unread_counts(self, account_id: int | None = None) -> dict[int, int]:
        """{folder_id: unread, not deleted messages} for every folder (0 included)."""
        scope = "" if account_id is None else " WHERE account_id = ?"
        params: tuple[int, ...] = () if account_id is None else (account_id,)
        counts = {int(fid): 0 for (fid,) in self.conn.execute(
            f"SELECT id FROM folders{scope}", params)}
        rows = self.conn.execute(
            "SELECT folder_id, count(*) FROM messages INDEXED BY messages_unread "
            "WHERE seen = 0 AND deleted = 0 GROUP BY folder_id"
        )
        for fid, count in rows:  # one pass over the small unread index, filtered here
            if int(fid) in counts:
                counts[int(fid)] = int(count)
        return counts
