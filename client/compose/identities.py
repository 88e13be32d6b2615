"""Sending identities: the From addresses of an account (per-market aliases).

An account has one or more identities (sales@company.com, anna@us.company.com for the US
market, ...), each with a display name, an optional Reply-To and a signature slot that the
signature policy fills. The account's own address is always an identity (created on demand).
`identity_for_reply` picks the identity the original message was addressed to.

Methods use the caller's `Store` (one per thread); writes are single durable transactions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.compose.headers import ComposeError, validate_address
from client.store.db import Store


@dataclass(frozen=True, slots=True)
class Identity:
    id: int
    account_id: int
    email: str
    display_name: str
    reply_to: str | None
    signature_slot: str | None
    is_default: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "account_id": self.account_id, "email": self.email,
            "display_name": self.display_name, "reply_to": self.reply_to,
            "signature_slot": self.signature_slot, "default": self.is_default,
        }


_COLS = "id, account_id, email, display_name, reply_to, signature_slot, is_default"


def _identity(row: tuple[Any, ...]) -> Identity:
    return Identity(int(row[0]), int(row[1]), str(row[2]), str(row[3]), row[4], row[5], bool(row[6]))


def _ensure_account_identity(store: Store, account_id: int) -> None:
    """The account's own address is always an identity (the default unless another is)."""
    account = store.account(account_id)
    if account is None:
        raise ComposeError(f"There is no account {account_id}.")
    with store.transaction(durable=True) as conn:
        has_default = conn.execute(
            "SELECT 1 FROM identities WHERE account_id = ? AND is_default = 1", (account_id,)
        ).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO identities (account_id, email, display_name, is_default)"
            " VALUES (?, ?, ?, ?)",
            (account_id, account.email.lower(), account.display_name, 0 if has_default else 1),
        )


def identities(store: Store, account_id: int) -> list[Identity]:
    """All identities of the account, the default first (the account's address included)."""
    _ensure_account_identity(store, account_id)
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM identities WHERE account_id = ? ORDER BY is_default DESC, id",
        (account_id,),
    ).fetchall()
    return [_identity(r) for r in rows]


def add_identity(
    store: Store, account_id: int, email: str, display_name: str = "",
    reply_to: str | None = None, signature_slot: str | None = None, default: bool = False,
) -> Identity:
    """Add (or update, by address) an identity; raises ComposeError for a bad address."""
    address = validate_address(email, display_name, "From").email
    if reply_to:
        reply_to = validate_address(reply_to, "", "Reply-To").email
    _ensure_account_identity(store, account_id)
    with store.transaction(durable=True) as conn:
        if default:
            conn.execute("UPDATE identities SET is_default = 0 WHERE account_id = ?", (account_id,))
        conn.execute(
            "INSERT INTO identities (account_id, email, display_name, reply_to, signature_slot,"
            " is_default) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, email) DO UPDATE SET"
            " display_name = excluded.display_name, reply_to = excluded.reply_to,"
            " signature_slot = excluded.signature_slot,"
            " is_default = MAX(identities.is_default, excluded.is_default)",
            (account_id, address, display_name.strip(), reply_to, signature_slot, int(default)),
        )
        row = conn.execute(
            f"SELECT {_COLS} FROM identities WHERE account_id = ? AND email = ?",
            (account_id, address),
        ).fetchone()
    return _identity(row)


def remove_identity(store: Store, account_id: int, email: str) -> None:
    with store.transaction(durable=True) as conn:
        cur = conn.execute(
            "DELETE FROM identities WHERE account_id = ? AND email = ? AND is_default = 0",
            (account_id, email.lower()),
        )
        if cur.rowcount == 0:
            raise ComposeError(f"{email} is not a removable identity of this account "
                               "(the default identity stays).")


def find_identity(store: Store, email: str) -> Identity | None:
    """The identity with this From address in any account (case-insensitive)."""
    row = store.conn.execute(
        f"SELECT {_COLS} FROM identities WHERE email = ? ORDER BY id LIMIT 1", (email.lower(),)
    ).fetchone()
    if row is None:
        for account in store.list_accounts():
            if account.email.lower() == email.lower():
                return identities(store, account.id)[0]
        return None
    return _identity(row)


def identity_for_reply(
    store: Store, account_id: int, addressed_to: list[str]
) -> Identity:
    """The identity whose address received the original (To, Cc, Delivered-To order), else
    the account's default."""
    mine = identities(store, account_id)
    by_address = {i.email.lower(): i for i in mine}
    for address in addressed_to:
        found = by_address.get(address.lower())
        if found is not None:
            return found
    return mine[0]
