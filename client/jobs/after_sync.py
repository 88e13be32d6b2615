"""What runs for one account after its mail synced, and the account's outbox flush.

- `flush_account(store, account, password, manual=)` ties the outbox (`client.smtp.sender`) to
  an `Account` row: its SMTP endpoint and Sent filing policy (`client.smtp.account_endpoint`),
  its IMAP Sent folder, the \\Answered/$Forwarded flag on the original (`client.ops`).
- `after_sync(store, account, password)` runs the steps that follow a sync, in order, each
  guarded (see its docstring).
Blocking; worker thread, sync child or CLI only; never the GUI thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from client.calendar.received import ReceivedReport, apply_received
from client.imap.models import Endpoint
from client.net.redact import describe_error
from client.outgoing.drafts_push import push_account_drafts
from client.smtp.account_endpoint import auto_filed, smtp_endpoint_for
from client.smtp.imap_folders import ImapSentFolder
from client.smtp.sender import FlushReport, SentFolder, flush_outbox
from client.store.db import Store
from client.store.records import Account
from client.sync.engine import endpoint_for

log = logging.getLogger(__name__)


def _mark_original(store: Store, row: int, flag: str) -> None:
    from client.ops import queue

    queue.add_keyword(store, [row], flag)


def flush_account(
    store: Store, account: Account, password: str, *, now: float | None = None,
    imap_endpoint: Endpoint | None = None, manual: bool = False,
) -> FlushReport:
    """Settle, send and file everything due in this account's outbox; ``manual=True`` (the rep
    asked) sends every queued message at once, backoff or not (see `flush_outbox`)."""
    imap = imap_endpoint or endpoint_for(account)
    opened: list[ImapSentFolder] = []

    def sent_folder() -> SentFolder:
        folder = ImapSentFolder.open(imap, account.username, password)
        opened.append(folder)
        return folder

    try:
        return flush_outbox(
            store, account.id, smtp_endpoint_for(store, account), account.username, password,
            sent_folder, auto_filed=auto_filed(store, account),
            mark_original=lambda row, flag: _mark_original(store, row, flag),
            now=time.time() if now is None else now, manual=manual,
        )
    finally:
        for folder in opened:
            try:
                folder.close()
            except Exception as exc:  # noqa: BLE001 - logout on a dead line: nothing left to do
                log.debug("closing Sent folder: %s", describe_error(exc, password))


@dataclass
class AfterSyncReport:
    """What `after_sync` did: the outbox flush and anything that could not be done, in words."""

    flush: FlushReport
    problems: list[str]
    drafts_pushed: list[int] = field(default_factory=list)  # local drafts now on the server
    calendar: ReceivedReport = field(default_factory=lambda: ReceivedReport())

    def changed_folders(self) -> tuple[str, ...]:
        """Roles of the server folders this changed (sent mail filed, drafts saved), which a
        quick sync of just those brings into the cache."""
        changed = []
        if self.flush.sent:
            changed.append("sent")  # filed by us or, for some providers, by the server
        if self.drafts_pushed or self.flush.sent:  # a sent draft left Drafts too
            changed.append("drafts")
        return tuple(changed)


def after_sync(store: Store, account: Account, password: str) -> AfterSyncReport:
    """Once an account's mail synced (its server answered): wake messages that waited only for
    the line, upload the big files of `uploading` messages (`client.uploads.outgoing.advance`),
    send the outbox (an automatic flush: backoff is kept), save local drafts to the
    Drafts folder, refresh the signature policy when due, move quote records along
    (`client.quotes.records.refresh_states`), tag the new mail by channel
    (`client.channels.apply.apply_new`), add the new mail to customers
    (`client.customers.build`), create and clear follow-up reminders
    (`client.followups.refresh`), apply received invitations as the iTIP rules
    allow (`client.calendar.received.apply_received`), compute the fraud risk of the new mail
    (`client.security.precompute.assess_after_sync`, last: it is the longest step). Never raises an `Exception`: each
    step's failure, whatever its type, is reported in words (without any part of the password)
    and the next step still runs; `KeyboardInterrupt` passes.
    Called by `tradewind sync` and by the app's account workers (worker thread)."""
    from client.signatures import provision
    from client.smtp.outbox import Outbox

    problems: list[str] = []

    def failed(what: str, exc: Exception) -> None:
        words = f"{account.email}: {what} ({describe_error(exc, password)})."
        log.warning("%s", words)
        problems.append(words)

    try:
        Outbox(store).wake_network_waits(account.id)
    except Exception as exc:  # noqa: BLE001 - one after-sync step failing never stops the others
        failed("messages waiting for the network could not be woken", exc)
    try:  # big files of `uploading` messages go to the link storage; those done get queued
        from client.uploads.outgoing import advance

        problems += [f"{account.email}: {p}" for p in advance(store, account.id)]
    except Exception as exc:  # noqa: BLE001 - the messages stay `uploading`; the next sync tries again
        failed("link uploads not finished", exc)
    try:
        flushed = flush_account(store, account, password)
    except Exception as exc:  # noqa: BLE001 - the messages stay queued; the failure is reported in words
        flushed = FlushReport(stopped=f"The outbox was not sent: {describe_error(exc, password)}.")
        failed("the outbox was not sent", exc)
    problems += [*flushed.failed.values(), *flushed.uncertain.values(), *flushed.errors]
    pushed: list[int] = []
    try:
        pushed = push_account_drafts(store, account, password)
    except Exception as exc:  # noqa: BLE001 - drafts stay dirty locally and go next time
        failed("drafts not saved to the server yet", exc)
    try:
        provision.refresh_if_due(store)
    except Exception as exc:  # noqa: BLE001 - the last valid policy stays in force
        failed("signature policy not refreshed", exc)
    try:  # quotes: sent once the outbox sent them, answered once the buyer's reply is cached
        from client.quotes.records import refresh_states

        refresh_states(store)
    except Exception as exc:  # noqa: BLE001 - tried again after the next sync
        failed("quote states not updated", exc)
    try:  # channel tags, inquiries and platform buyers (before customers: buyer, not platform)
        from client.channels.apply import apply_new

        apply_new(store)
    except Exception as exc:  # noqa: BLE001 - the same rows are looked at after the next sync
        failed("inquiry channel rules not applied", exc)
    try:  # customers from the new mail (client.customers.build, incremental)
        from client.customers.build import build_customers

        build_customers(store)
    except Exception as exc:  # noqa: BLE001 - the same rows are looked at after the next sync
        failed("customers not updated", exc)
    try:  # follow-up reminders: new ones for sent quotes/replies, answered ones cleared
        from client.followups.refresh import refresh_followups

        refresh_followups(store)
    except Exception as exc:  # noqa: BLE001 - looked at again after the next sync
        failed("follow-up reminders not updated", exc)
    calendar = ReceivedReport()
    try:  # invitations, updates, cancellations and answers the sync brought
        calendar = apply_received(store, account.id)
    except Exception as exc:  # noqa: BLE001 - looked at again after the next sync
        failed("received invitations not applied", exc)
    try:  # the fraud risk of the new mail, so opening it reads the cache (issue 19)
        from client.security.precompute import assess_after_sync

        assess_after_sync(store, account.id)
    except Exception as exc:  # noqa: BLE001 - computed on first display instead
        failed("fraud risk of the new mail not computed yet", exc)
    return AfterSyncReport(flushed, problems, pushed, calendar)
