"""Accounts: add, read, list, remove (cascading), status. Never stores a secret."""

from __future__ import annotations

import sqlite3
import time

from client.store.base import StoreBase
from client.store.records import Account
from client.store.updates import update_sql

_ACCOUNT_COLUMNS = (
    "id, email, display_name, imap_host, imap_port, smtp_host, smtp_port, security, username, "
    "ca_file, pinned_sha256, preset, status, last_error, created, smtp_pinned_sha256, "
    "auth, oauth_provider"
)
_EDITABLE = frozenset(
    {
        "display_name", "imap_host", "imap_port", "smtp_host", "smtp_port", "security",
        "username", "ca_file", "pinned_sha256", "smtp_pinned_sha256", "preset",
        "auth", "oauth_provider",
    }
)


def _account(row: tuple[object, ...]) -> Account:
    return Account(*row)  # type: ignore[arg-type]


class AccountsMixin(StoreBase):
    """Account rows. Every method runs on the Store's own thread."""

    def add_account(
        self,
        email: str,
        *,
        display_name: str = "",
        imap_host: str = "",
        imap_port: int = 993,
        smtp_host: str = "",
        smtp_port: int = 587,
        security: str = "tls",
        username: str = "",
        ca_file: str | None = None,
        pinned_sha256: str | None = None,
        preset: str | None = None,
        auth: str = "password",
        oauth_provider: str | None = None,
    ) -> Account:
        """Create an account; raises ``ValueError`` if ``email`` already exists."""
        email = email.strip()
        if not email or "@" not in email:
            raise ValueError(f"{email!r} is not an email address")
        try:
            with self.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO accounts(email, display_name, imap_host, imap_port, smtp_host, "
                    "smtp_port, security, username, ca_file, pinned_sha256, preset, created, auth, "
                    "oauth_provider) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (email, display_name, imap_host, imap_port, smtp_host, smtp_port, security,
                     username or email, ca_file, pinned_sha256, preset, time.time(), auth,
                     oauth_provider),
                )
                account_id = int(cursor.lastrowid or 0)
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"An account for {email} already exists.") from exc
        found = self.account(account_id)
        assert found is not None
        return found

    def account(self, account_id: int) -> Account | None:
        """The account with this id, or None."""
        row = self.conn.execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        return None if row is None else _account(row)

    def get_account(self, email: str) -> Account | None:
        """The account with this email address (case-insensitive), or None."""
        row = self.conn.execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE email = ? COLLATE NOCASE",
            (email.strip(),),
        ).fetchone()
        return None if row is None else _account(row)

    def list_accounts(self) -> list[Account]:
        """All accounts in creation order."""
        rows = self.conn.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM accounts ORDER BY id")
        return [_account(row) for row in rows]

    def update_account(self, account_id: int, **fields: object) -> None:
        """Change connection settings (``display_name``, hosts, ports, ``security``, …)."""
        if not fields:
            return
        sql, values = update_sql("accounts", fields, _EDITABLE, "id = ?")  # ValueError: unknown
        with self.transaction() as conn:
            conn.execute(sql, (*values, account_id))

    def set_account_status(
        self, account_id: int, status: str, last_error: str | None = None
    ) -> None:
        """Record the account's connection status (e.g. ``ok``, ``offline``, ``auth-failed``)."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE accounts SET status = ?, last_error = ? WHERE id = ?",
                (status, last_error, account_id),
            )

    def remove_account(self, account_id: int) -> None:
        """Delete the account with its folders, messages, bodies and pending operations."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM pending_ops WHERE account_id = ?", (account_id,))
            conn.execute(
                "DELETE FROM messages_fts WHERE rowid IN "
                "(SELECT id FROM messages WHERE account_id = ?)",
                (account_id,),
            )
            conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
