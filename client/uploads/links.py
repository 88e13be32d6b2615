"""Link records for the rep: list, revoke, purge expired, and the link-block data of a message.

`list_links(store) -> [LinkView]`, `revoke(store, link_id, provider_for=)` (the provider deletes
the share or object first, so the link stops working; then the record becomes `revoked`;
idempotent), `purge_expired(store, now=, provider_for=) -> PurgeReport` (active links past
their expiry become `expired`; their files are deleted when the storage's `delete_expired`
policy says so, then `purged`), `link_block(store, upload_id) -> LinkBlock` (what the message
shows: name, size, expiry, SHA-256, whether a password goes separately). The caller's Store and
thread; revoke/purge block on the network and raise `UploadError`s in words.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from client.i18n import _
from client.uploads import records
from client.uploads.config import StorageConfig, get_storage, open_provider
from client.uploads.provider import Link, Provider, UploadError

if TYPE_CHECKING:
    from client.store.db import Store


class LinkNotFound(UploadError):
    """No link with that id."""

    retryable = False


@dataclass(frozen=True)
class LinkView:
    id: int
    upload_id: int
    file: str
    size: int
    sha256: str | None
    url: str
    expires: float | None
    provider: str
    storage_id: int
    state: str
    password_set: bool

    def to_json(self) -> dict[str, object]:
        """The `links list --json` shape (docs/cli.md)."""
        return {"id": self.id, "upload_id": self.upload_id, "file": self.file, "size": self.size,
                "sha256": self.sha256, "url": self.url, "expires": _iso(self.expires),
                "provider": self.provider, "storage_id": self.storage_id, "state": self.state,
                "password_set": self.password_set}


@dataclass(frozen=True)
class LinkBlock:
    """The data of one link in a message's link block (rendered by the second piece)."""

    file_name: str
    size: int
    url: str
    expires: float | None
    sha256: str
    password_sent_separately: bool


@dataclass
class PurgeReport:
    expired: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


_VIEW = ("SELECT l.id, u.id, u.file_name, u.size, u.sha256, l.url, l.expires, s.kind, s.id, "
         "l.state, l.password_set FROM links l JOIN uploads u ON u.id = l.upload_id "
         "JOIN storages s ON s.id = u.storage_id")


def list_links(store: Store, *, account_email: str | None = None) -> list[LinkView]:
    """Every link, oldest first (of one account's storages)."""
    sql, params = _VIEW, ()
    if account_email:
        sql += " JOIN accounts a ON a.id = s.account_id WHERE a.email = ? COLLATE NOCASE"
        params = (account_email.strip(),)  # type: ignore[assignment]
    return [LinkView(int(r[0]), int(r[1]), str(r[2]), int(r[3]), r[4], str(r[5]), r[6], str(r[7]),
                     int(r[8]), str(r[9]), bool(r[10]))
            for r in store.conn.execute(sql + " ORDER BY l.id", params)]


def _end(store: Store, link_id: int, state: str) -> None:
    with store.transaction(durable=True) as conn:
        conn.execute("UPDATE links SET state = ?, ended = ? WHERE id = ?",
                     (state, time.time(), link_id))


def _provider_of(store: Store, upload_id: int,
                 provider_for: Callable[[StorageConfig], Provider]) -> tuple[Provider, str]:
    upload = records.get_upload(store, upload_id)
    assert upload is not None
    return provider_for(get_storage(store, upload.storage_id)), upload.remote_path or ""


def revoke(store: Store, link_id: int, *,
           provider_for: Callable[[StorageConfig], Provider] = open_provider) -> LinkView:
    """Make the link stop working and mark it revoked. Idempotent."""
    link = records.get_link(store, link_id)
    if link is None:
        raise LinkNotFound(_("No link with id {id}.", id=link_id))
    if link.state == "active":
        provider, remote = _provider_of(store, link.upload_id, provider_for)
        provider.revoke(Link(link.url, link.expires, link.remote_id, link.password_set), remote)
        _end(store, link_id, "revoked")
    return next(v for v in list_links(store) if v.id == link_id)


def purge_expired(store: Store, *, now: float | None = None,
                  provider_for: Callable[[StorageConfig], Provider] = open_provider) -> PurgeReport:
    """Mark links past their expiry `expired`; delete their files where the policy says so.
    A file that cannot be deleted now stays `expired` (listed in `problems`) for the next run."""
    moment = time.time() if now is None else now
    report = PurgeReport()
    due = records.links_where(
        store, "(state = 'active' AND expires IS NOT NULL AND expires <= ?) OR state = 'expired'",
        (moment,))
    for link in due:
        if link.state == "active":
            _end(store, link.id, "expired")
            report.expired.append(link.id)
        upload = records.get_upload(store, link.upload_id)
        assert upload is not None
        storage = get_storage(store, upload.storage_id)
        if not storage.delete_expired:
            continue
        try:
            provider = provider_for(storage)
            provider.revoke(Link(link.url, link.expires, link.remote_id), upload.remote_path or "")
        except UploadError as exc:
            report.problems.append(f"link {link.id}: {exc}")
            continue
        _end(store, link.id, "purged")
        report.deleted.append(link.id)
    return report


def link_block(store: Store, upload_id: int) -> LinkBlock:
    """The link block data of a shared upload (its newest active link)."""
    upload = records.get_upload(store, upload_id)
    links = records.links_where(store, "upload_id = ? AND state = 'active'", (upload_id,))
    if upload is None or not links or upload.sha256 is None:
        raise LinkNotFound(_("Upload {id} has no active link.", id=upload_id))
    link = links[-1]
    return LinkBlock(upload.file_name, upload.size, link.url, link.expires, upload.sha256,
                     link.password_set)
