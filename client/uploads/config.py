"""Link storages per account: records in the `storages` table, secrets in the keyring.

`add_storage(store, account_email, StorageSpec, secret) -> StorageConfig` (validates, refuses
an S3 expiry over 7 days, stores the secret under its own keyring entry kind),
`list_storages`, `get_storage`, `storage_for_account`, `remove_storage` (refused while the
storage has active links), `open_provider(config) -> Provider` (reads the secret). The caller's
Store and thread. Raises `StorageConfigError` (bad input, in words) and `SecretsError`.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from client.i18n import _
from client.profile import secrets
from client.uploads.provider import KINDS, Provider
from client.uploads.provider import MAX_S3_EXPIRY_S as MAX_EXPIRY_S

if TYPE_CHECKING:
    from client.store.db import Store

MAX_EXPIRY_DAYS = 365


class StorageConfigError(ValueError):
    """A storage definition is invalid, unknown or still in use (message in words)."""


class StorageNotFound(StorageConfigError):
    """No storage with that id (for that account)."""


@dataclass(frozen=True)
class StorageSpec:
    kind: str
    url: str
    public_url: str | None = None
    bucket: str | None = None
    region: str | None = None
    username: str | None = None
    expiry_days: int = 7
    delete_expired: bool = True


@dataclass(frozen=True)
class StorageConfig:
    id: int
    account_id: int
    account_email: str
    kind: str
    url: str
    public_url: str | None
    bucket: str | None
    region: str | None
    username: str | None
    expiry_days: int
    delete_expired: bool

    def describe(self) -> dict[str, object]:
        """The JSON shape of `storage list` (no secret)."""
        return {"id": self.id, "account": self.account_email, "kind": self.kind,
                "url": self.url, "public_url": self.public_url, "bucket": self.bucket,
                "region": self.region, "username": self.username,
                "expiry_days": self.expiry_days, "delete_expired": self.delete_expired}


_COLUMNS = ("s.id, s.account_id, a.email, s.kind, s.url, s.public_url, s.bucket, s.region, "
            "s.username, s.expiry_days, s.delete_expired")


def _config(r: sqlite3.Row | tuple[Any, ...]) -> StorageConfig:
    return StorageConfig(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]),
                         r[5], r[6], r[7], r[8], int(r[9]), bool(r[10]))


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StorageConfigError(_("{what} must be an http:// or https:// address, not {url}.",
                                   what=what, url=repr(url)))
    if parts.username or parts.password:
        raise StorageConfigError(_("{what} must not hold a user name or password; give them "
                                   "with --username/--access-key and --secret-stdin.", what=what))


def validate(spec: StorageSpec) -> None:
    """Raise `StorageConfigError` for an incomplete or contradictory definition."""
    if spec.kind not in KINDS:
        raise StorageConfigError(_("Unknown storage kind {kind}; use webdav, nextcloud or s3.",
                                   kind=repr(spec.kind)))
    _check_url(spec.url, "--url")
    if spec.public_url:
        _check_url(spec.public_url, "--public-url")
    if not 1 <= spec.expiry_days <= MAX_EXPIRY_DAYS:
        raise StorageConfigError(_("--expiry-days must be between 1 and {days}.",
                                   days=MAX_EXPIRY_DAYS))
    if spec.kind == "webdav" and not spec.public_url:
        raise StorageConfigError(_("A WebDAV storage needs --public-url, the download address "
                                   "that serves the uploaded files without a password."))
    if spec.kind in ("webdav", "nextcloud") and not spec.username:
        raise StorageConfigError(_("A {kind} storage needs --username.", kind=spec.kind))
    if spec.kind == "s3":
        if not spec.bucket or len(spec.bucket) < 3:
            raise StorageConfigError(_("An S3 storage needs --bucket (3 characters or more)."))
        if not spec.username:
            raise StorageConfigError(_("An S3 storage needs --access-key."))
        if spec.expiry_days * 86400 > MAX_EXPIRY_S:
            raise StorageConfigError(_("S3 links (SigV4 presigned URLs) live at most 7 days: "
                                       "use --expiry-days 7 or less."))


def add_storage(store: Store, account_email: str, spec: StorageSpec, secret: str) -> StorageConfig:
    """Validate and record a storage, then store its secret in the keyring."""
    validate(spec)
    if not secret:
        raise StorageConfigError(_("The storage's password or secret key is empty "
                                   "(--secret-stdin)."))
    account = store.get_account(account_email)
    if account is None:
        raise StorageNotFound(_("No account {account}; add it first with `tradewind account add`.",
                                account=repr(account_email)))
    secrets.check_backend()
    with store.transaction(durable=True) as conn:
        cursor = conn.execute(
            "INSERT INTO storages (account_id, kind, url, public_url, bucket, region, username, "
            "expiry_days, delete_expired, created) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (account.id, spec.kind, spec.url, spec.public_url, spec.bucket, spec.region,
             spec.username, spec.expiry_days, int(spec.delete_expired), time.time()))
        storage_id = int(cursor.lastrowid or 0)
        secrets.set_storage_secret(storage_id, account.email, secret)
    return get_storage(store, storage_id)


def get_storage(store: Store, storage_id: int) -> StorageConfig:
    """The storage with this id; raises `StorageNotFound`."""
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM storages s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?",
        (storage_id,)).fetchone()
    if row is None:
        raise StorageNotFound(_("No link storage with id {id}.", id=storage_id))
    return _config(row)


def list_storages(store: Store, account_email: str | None = None) -> list[StorageConfig]:
    """Every storage (of one account), oldest first."""
    sql = f"SELECT {_COLUMNS} FROM storages s JOIN accounts a ON a.id = s.account_id"
    params: tuple[object, ...] = ()
    if account_email:
        sql += " WHERE a.email = ? COLLATE NOCASE"
        params = (account_email.strip(),)
    return [_config(r) for r in store.conn.execute(sql + " ORDER BY s.id", params)]


def storage_for_account(store: Store, account_email: str, storage_id: int | None = None) -> StorageConfig:
    """The account's storage `storage_id`, else its newest one; raises `StorageNotFound`."""
    found = list_storages(store, account_email)
    if storage_id is not None:
        found = [s for s in found if s.id == storage_id]
    if not found:
        raise StorageNotFound(
            _("The account {account} has no link storage with id {id}; add one with "
              "`tradewind storage add`.", account=repr(account_email), id=storage_id)
            if storage_id is not None else
            _("The account {account} has no link storage; add one with `tradewind storage add`.",
              account=repr(account_email)))
    return found[-1]


def remove_storage(store: Store, storage_id: int) -> None:
    """Forget a storage and its secret. Refused while it has uploads (revoke or purge them)."""
    config = get_storage(store, storage_id)
    busy = store.conn.execute(
        "SELECT COUNT(*) FROM uploads u LEFT JOIN links l ON l.upload_id = u.id "
        "WHERE u.storage_id = ? AND (l.id IS NULL OR l.state = 'active')", (storage_id,)).fetchone()[0]
    if busy:
        raise StorageConfigError(
            _("Storage {id} still has {count} upload(s) or active link(s): revoke them with "
              "`tradewind links revoke ID` first.", id=storage_id, count=busy))
    with store.transaction(durable=True) as conn:
        conn.execute("DELETE FROM links WHERE upload_id IN (SELECT id FROM uploads WHERE storage_id = ?)", (storage_id,))
        conn.execute("DELETE FROM uploads WHERE storage_id = ?", (storage_id,))
        conn.execute("DELETE FROM storages WHERE id = ?", (storage_id,))
    secrets.delete_storage_secret(storage_id, config.account_email)


def open_provider(config: StorageConfig) -> Provider:
    """A provider for `config` with its secret from the keyring. Raises
    `MissingStorageSecret` when the keyring holds none."""
    secret = secrets.get_storage_secret(config.id, config.account_email)
    if not secret:
        raise MissingStorageSecret(
            _("The keyring holds no secret for link storage {id}; add the storage again.",
              id=config.id))
    if config.kind == "webdav":
        from client.uploads.webdav import WebDavProvider

        return WebDavProvider(config.url, config.public_url, config.username or "", secret)
    if config.kind == "nextcloud":
        from client.uploads.nextcloud import NextcloudProvider

        return NextcloudProvider(config.url, config.username or "", secret)
    from client.uploads.s3 import S3Provider

    return S3Provider(config.url, config.bucket or "", config.region, config.username or "", secret)


class MissingStorageSecret(secrets.SecretsError):
    """The keyring has no secret for a storage."""
