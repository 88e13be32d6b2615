"""Turning command-line words into store records: accounts, folders and message ids.

Every failure is a `CliError` in words: a malformed value is a usage error (exit 2), a value
that names nothing is "not found" (exit 6). Runs on the command's thread (it uses its Store).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import safe_text

if TYPE_CHECKING:
    from client.store.db import Store
    from client.store.records import Account, Folder, MessageRow


def accounts_in_scope(store: Store, email: str | None) -> list[Account]:
    """The account named by `--account` (or every account when None); not found is an error."""
    if email is None:
        return store.list_accounts()
    account = store.get_account(email)
    if account is None:
        raise CliError(
            f"There is no account {email!r} in this profile (see `tradewind account list`).",
            ExitCode.NOT_FOUND,
        )
    return [account]


def resolve_folder(store: Store, name: str, email: str | None) -> tuple[Account, Folder]:
    """The folder called `name` (exact name, then case-insensitive, then a role such as
    `inbox`/`sent`) in the `--account` account, or in the only account that has one."""
    matches: list[tuple[Account, Folder]] = []
    for account in accounts_in_scope(store, email):
        folder = _match_folder(store, account.id, name)
        if folder is not None:
            matches.append((account, folder))
    if not matches:
        known = sorted(
            {f.name for a in accounts_in_scope(store, email) for f in store.folders(a.id)}
        )
        hint = (
            f" Known folders: {', '.join(safe_text(k) for k in known)}."
            if known
            else " No folders are cached yet: run `tradewind sync` first."
        )
        raise CliError(f"There is no folder {name!r}.{hint}", ExitCode.NOT_FOUND)
    if len(matches) > 1:
        owners = ", ".join(account.email for account, _ in matches)
        raise UsageError(
            f"Several accounts have a folder {name!r} ({owners}); add --account EMAIL."
        )
    return matches[0]


def _match_folder(store: Store, account_id: int, name: str) -> Folder | None:
    exact = store.folder_by_name(account_id, name)
    if exact is not None:
        return exact
    folders = store.folders(account_id)
    folded = [f for f in folders if f.name.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    return store.folder_by_role(account_id, name.lower()) if name.isalpha() else None


def parse_ids(values: Iterable[str]) -> list[int]:
    """Message ids as given on the command line (as printed by `ls`/`search`); usage error if
    one is not a positive integer. Duplicates are dropped, order kept."""
    ids: list[int] = []
    for value in values:
        text = value.strip()
        if not text.isdigit() or int(text) <= 0:
            raise UsageError(
                f"{safe_text(value, 40)!r} is not a message id (ids are the numbers in the first "
                "column of `tradewind ls` and `tradewind search`)."
            )
        if int(text) not in ids:
            ids.append(int(text))
    return ids


def require_messages(store: Store, ids: list[int]) -> list[MessageRow]:
    """The rows for `ids`, in order; one not-found error naming every missing id."""
    rows = []
    missing = []
    for message_id in ids:
        row = store.get_message(message_id)
        if row is None:
            missing.append(message_id)
        else:
            rows.append(row)
    if missing:
        listed = ", ".join(str(i) for i in missing)
        noun = "message" if len(missing) == 1 else "messages"
        raise CliError(
            f"No {noun} with id {listed} in this profile (it may have been deleted or moved by "
            "a sync; run `tradewind ls FOLDER` for current ids).",
            ExitCode.NOT_FOUND,
        )
    return rows
