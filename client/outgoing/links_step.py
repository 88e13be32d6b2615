"""Pipeline step: big files go as links (issue 14): the message waits `uploading` for them.

`LinkUploads(paths, storage, engine, language)` puts a placeholder where the link block goes
(plain and HTML; `client.uploads.outgoing.MARK`) and records one upload per file
(`uploads.outbox_id`) in the queueing transaction; `client.uploads.outgoing.advance` later
uploads them, puts the block in and moves the message to `queued`. `queue_with_links` is
`queue_message` with this step. Caller's thread and Store; raises `FileChanged` /
`StorageNotFound` / `ComposeError` with nothing queued.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from client.compose.drafts import DraftFields
from client.outgoing.message import Outgoing, QueuedMessage
from client.outgoing.pipeline import queue_message
from client.store.db import Store
from client.uploads.config import StorageConfig, storage_for_account
from client.uploads.outgoing import MARK, LinkPlan, recipient_addresses
from client.uploads.send_options import LinkOptions

if TYPE_CHECKING:
    from client.store.records import Account
    from client.uploads.engine import UploadEngine


def with_placeholder(fields: DraftFields, marker: str) -> DraftFields:
    """The fields with ``marker`` as the last line of the rep's text (and HTML)."""
    text = fields.text
    html = fields.html
    if html is not None:
        html = html + f"<div>{marker}</div>"
    if text is not None or html is None:
        text = (text or "").rstrip("\n") + f"\n\n{marker}\n"
    return replace(fields, text=text, html=html)


@dataclass(frozen=True)
class LinkUploads:
    """The step (see the module); `token` names this message's placeholder."""

    paths: tuple[str, ...]
    storage: StorageConfig
    engine: UploadEngine
    language: str = "en"
    token: str = field(default_factory=lambda: secrets.token_hex(12))
    password_place: str | None = None  # "separate" / "body" when the links have a password
    expiry_days: int | None = None  # the company policy's, else the storage's

    def __call__(self, store: Store, message: Outgoing, /) -> Outgoing:
        domains = sorted({r.rsplit("@", 1)[-1].lower()
                          for r in recipient_addresses(message.fields)})
        domain = domains[0] if len(domains) == 1 else None

        def hold(outbox_id: int) -> str:
            ids = [self.engine.create(self.storage, path, recipient_domain=domain,
                                      outbox_id=outbox_id) for path in self.paths]
            return LinkPlan(self.token, self.language, ids, self.password_place,
                            self.expiry_days).to_json()

        return replace(message, fields=with_placeholder(message.fields, MARK + self.token),
                       hold_for=hold)


def queue_with_links(store: Store, account: Account, fields: DraftFields,
                     paths: list[str], *, language: str = "en",
                     engine: UploadEngine | None = None,
                     options: LinkOptions | None = None) -> QueuedMessage:
    """Queue the message as `uploading` with each of `paths` as an upload (see the module).
    `options` (`client.uploads.send_options`): the storage, password and expiry to use; a
    password is kept in the keyring (forgotten again when nothing is queued)."""
    from client.uploads import share_password
    from client.uploads.engine import UploadEngine

    options = options or LinkOptions()
    storage = options.storage or storage_for_account(store, account.email)
    step = LinkUploads(tuple(paths), storage, engine or UploadEngine(store), language,
                       password_place=options.password_place if options.password else None,
                       expiry_days=options.expiry_days)
    if options.password:
        share_password.check_supported(storage)
        share_password.remember(step.token, options.password)
    try:
        return queue_message(store, account.id, fields, links=step)
    except BaseException:
        if options.password:
            share_password.forget(step.token)
        raise
