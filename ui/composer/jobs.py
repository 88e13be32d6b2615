"""The composer's core work, run off the GUI thread through ``ui.qt.tasks.run_in_background``.

Every function opens its own ``Store`` on the calling (worker) thread and closes it; none touches
Qt. Errors are raised in words (``ComposeError``, ``PolicyError``, keyring and store errors) for
the composer to show without losing the rep's text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from client.compose.actions import forward_fields, reply_fields
from client.compose.assemble import SignatureBlock
from client.compose.build import OutgoingAttachment
from client.compose.drafts import (
    DraftFields,
    SavedDraft,
    delete_local_draft,
    get_draft,
    list_drafts,
    save_draft,
)
from client.compose.headers import ComposeError
from client.compose.identities import identities
from client.oauth.credentials import secret_or_none
from client.outgoing.draft_open import draft_for_message, settle_drafts_without_server
from client.outgoing.message import QueuedMessage
from client.outgoing.pipeline import queue_message
from client.security.recipient_checks import ranked_address_book
from client.signatures.languages import policy_languages
from client.signatures.provision import policy_in_force, rep_values
from client.signatures.render import SignatureRequest, render_signature
from client.signatures.schema import PolicyError
from client.smtp.sender import FlushReport
from client.store.address_book import AddressBook
from client.store.db import Store
from client.store.records import Account
from client.uploads import draft_links
from ui.composer import link_jobs

if TYPE_CHECKING:
    from client.uploads.engine import Progress

log = logging.getLogger(__name__)

#: how a composer opens: a new message, a reply, a reply to all, a forward, or a saved draft
MODES = ("new", "reply", "reply_all", "forward", "draft")


@dataclass(frozen=True)
class SenderChoice:
    """One entry of the From picker: an identity of one account."""

    account_id: int
    email: str
    display_name: str

    def label(self) -> str:
        return f"{self.display_name} <{self.email}>" if self.display_name else self.email


@dataclass(frozen=True)
class ComposerSetup:
    """What a composer needs before the rep types: senders, prefilled fields, address book."""

    senders: tuple[SenderChoice, ...]
    fields: DraftFields | None  # None for a new message (the default sender is the first)
    account_id: int | None  # the account the prefilled fields belong to
    draft_id: int | None
    address_book: AddressBook
    link_files: tuple[Path, ...] = ()  # a draft's files sent as links (still on disk)
    link_files_gone: tuple[str, ...] = ()  # ... and the names of those gone or changed


def load_setup(db_path: Path, mode: str = "new", message_row: int | None = None,
               draft_id: int | None = None, language: str | None = None) -> ComposerSetup:
    """Senders of every account, the prefilled fields for ``mode`` and the address book; a
    reply's attribution / a forward's header block in ``language`` (None: the language of
    the message answered, ``client.compose.correspondence``).
    Raises ``ComposeError`` (no such message, no cached body) or ``ValueError`` (bad mode)."""
    if mode not in MODES:
        raise ValueError(f"unknown composer mode {mode!r}")
    with Store.open(db_path) as store:
        senders = tuple(
            SenderChoice(account.id, ident.email, ident.display_name)
            for account in store.list_accounts() for ident in identities(store, account.id)
        )
        fields: DraftFields | None = None
        account_id: int | None = None
        if mode in ("reply", "reply_all", "forward") and message_row is not None:
            row = store.get_message(message_row)
            account_id = row.account_id if row is not None else None
            candidates = policy_languages(store)
            if mode == "forward":
                fields = forward_fields(store, message_row, language=language,
                                        candidates=candidates)
            else:
                fields = reply_fields(store, message_row, reply_all=mode == "reply_all",
                                      language=language, candidates=candidates)
        links = draft_links.DraftLinkFiles()
        if mode == "draft" and draft_id is not None:
            saved = get_draft(store, draft_id)
            fields, account_id = saved.fields, saved.account_id
            links = draft_links.load(store, draft_id)
        return ComposerSetup(senders, fields, account_id, draft_id,
                             ranked_address_book(store, account_id),  # issue 19
                             links.present, links.gone)


def signature_for(db_path: Path, sender: str, recipients: tuple[str, ...],
                  reply: bool, language: str | None = None) -> SignatureBlock | None:
    """The company signature the policy gives ``sender`` for this message, in the
    correspondence's ``language`` variant; without a policy the rep's personal signature
    (``client.signatures.personal``; a block without pictures), else None. Raises
    ``PolicyError`` in words (e.g. a field the rep still has to fill)."""
    with Store.open(db_path) as store:
        bundle = policy_in_force(store)
        if bundle is None:
            from client.signatures.personal import personal_block

            return personal_block(store, sender)
        request = SignatureRequest(sender, recipients, language, reply)
        return render_signature(bundle, request, rep_values(store, sender)).block


def save(db_path: Path, account_id: int, fields: DraftFields, draft_id: int | None,
         link_files: tuple[Path, ...] = ()) -> int:
    """Save the draft durably (create or update) with the references of its link files;
    returns its id. Raises ``ComposeError``."""
    with Store.open(db_path) as store:
        saved = save_draft(store, account_id, fields, draft_id)
        draft_links.save(store, saved, link_files)
        return saved


def split_for_links(db_path: Path, account_id: int | None,
                    paths: list[Path]) -> tuple[list[OutgoingAttachment], list[Path]]:
    """Read the files to attach; those over the link threshold (the company policy's, else
    the setting ``links.threshold_mb``) or that would push the message over the server's
    SIZE are returned unread, to be offered as links (``link_jobs.split`` also says the
    policy's rule). Raises ``OSError`` for an unreadable file."""
    found = link_jobs.split(db_path, account_id, paths)
    return found.attached, found.big


def read_files(paths: list[Path]) -> list[OutgoingAttachment]:
    """The files as attachments (the rep chose to attach them whatever their size)."""
    return [OutgoingAttachment(p.name, p.read_bytes()) for p in paths]


def send(db_path: Path, account_id: int, fields: DraftFields,
         draft_id: int | None, link_files: tuple[Path, ...] = (),
         link_password: tuple[str | None, str] = (None, "separate"),
         send_at: float | None = None) -> QueuedMessage:
    """Queue the message durably (validated, signature policy applied), then drop its local
    draft. Returns only once the outbox holds it; raises ``ComposeError`` before queueing
    anything bad. ``link_files`` go as links: the message waits ``uploading`` until the next
    flush uploaded them (raises ``StorageNotFound`` in words without a link storage).
    ``send_at`` (UTC epoch): send later, queued as ``scheduled`` (``client.customers.later``)."""
    options = (link_jobs.send_options(db_path, account_id, fields, link_files, *link_password)
               if link_files else None)
    with Store.open(db_path) as store:
        if send_at is not None:
            from ui.composer.send_later import queue_scheduled

            queued = queue_scheduled(store, account_id, fields, bool(link_files), send_at)
        elif link_files:
            from client.outgoing.links_step import queue_with_links

            account = store.account(account_id)
            if account is None:
                raise ComposeError("The account of this message is gone.")
            queued = queue_with_links(store, account, fields, [str(p) for p in link_files],
                                      language=_block_language(store, fields), options=options)
        else:
            queued = queue_message(store, account_id, fields)
        if draft_id is not None:
            delete_local_draft(store, draft_id)
            draft_links.forget(store, draft_id)
            _settle_without_server(store, account_id)
        return queued


def _block_language(store: Store, fields: DraftFields) -> str:
    """The link block's language: the signature policy's for the recipients, else English."""
    from client.signatures.render import recipient_language
    from client.uploads.outgoing import recipient_addresses

    try:
        bundle = policy_in_force(store)
        if bundle is not None:
            return recipient_language(bundle, tuple(recipient_addresses(fields))) or "en"
    except Exception as exc:  # noqa: BLE001 - a damaged policy: the block is in English
        log.info("link block language: %s", type(exc).__name__)
    return "en"


def discard(db_path: Path, draft_id: int) -> None:
    """Drop a draft the rep threw away; its server copies go now when the account's server
    answers (network I/O), else with the next sync's drafts push."""
    with Store.open(db_path) as store:
        owner = store.conn.execute("SELECT account_id FROM drafts WHERE id = ?",
                                   (draft_id,)).fetchone()
        delete_local_draft(store, draft_id)
        draft_links.forget(store, draft_id)
        if owner is None:
            return
        _settle_without_server(store, int(owner[0]))
        account = store.account(int(owner[0]))
        if account is not None and account.preset != "demo":
            _push_drafts_now(store, account)


def _push_drafts_now(store: Store, account: Account) -> None:
    """Best effort: a sent or discarded draft's server copies go now, not at the next sync."""
    from client.outgoing.drafts_push import push_account_drafts

    password = secret_or_none(account)
    if password is None:
        return
    try:
        push_account_drafts(store, account, password)
    except Exception as exc:  # noqa: BLE001 - they go with the next sync's push
        log.info("drafts not pushed now: %s", exc)


def _settle_without_server(store: Store, account_id: int) -> None:
    account = store.account(account_id)
    if account is not None and account.preset == "demo":  # no server: the cache is the copy
        settle_drafts_without_server(store, account_id)


def open_cached_draft(db_path: Path, message_row: int) -> int:
    """The local draft id for a message of a Drafts folder (imported the first time; see
    ``client.outgoing.draft_open.draft_for_message``). Raises ``ComposeError`` in words."""
    with Store.open(db_path) as store:
        return draft_for_message(store, message_row)


def local_drafts(db_path: Path) -> list[tuple[SavedDraft, str]]:
    """Every draft the rep can open, newest first, with its account's address."""
    with Store.open(db_path) as store:
        emails = {a.id: a.email for a in store.list_accounts()}
        return [(d, emails.get(d.account_id, "")) for d in list_drafts(store)]


def flush(db_path: Path, account_id: int,
          progress: Callable[[Progress], None] | None = None) -> FlushReport | None:
    """Send what this account's outbox holds now (network I/O): the rep pressed Send, so every
    waiting message goes, backoff or not (a manual flush). None for an account without a
    server (the demo) or without a stored password: the message waits in the outbox."""
    from client.jobs.after_sync import flush_account

    with Store.open(db_path) as store:
        account = store.account(account_id)
        if account is None or account.preset == "demo":
            return None
        password = secret_or_none(account)
        if password is None:
            return None
        from client.uploads.outgoing import advance

        # its big files first (this worker thread); `progress` is called here, per part
        for problem in advance(store, account_id, progress=progress):
            log.warning("%s", problem)
        report = flush_account(store, account, password, manual=True)
        _push_drafts_now(store, account)
        return report


__all__ = ["MODES", "ComposerSetup", "PolicyError", "SenderChoice", "discard", "flush",
           "load_setup", "local_drafts", "open_cached_draft", "save", "send", "signature_for"]
