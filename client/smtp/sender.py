"""Flushing the outbox of one account: send what is due, settle what a crash left, file to Sent.

`flush_outbox(...)` is the remote half of the outbox (see `client/smtp/outbox.py` for states):
1. items left in `sending` by a flusher that is gone (`OutboxItem.claim_is_live()` false;
   a live flusher's are left alone) are taken over: not handed over → `queued` again; handed
   over → looked up in Sent by Message-ID: found → `filed`; not found → `uncertain` (never
   resent automatically);
2. items in `sent` (accepted, not yet in Sent) nobody is filing get their Sent copy appended
   (never resent);
3. due `queued` items are claimed one at a time (`Outbox.claim`: of two flushers exactly one
   gets it, the other skips it) and submitted: 2xx → `sent` then filed; 4xx or a dropped
   line → back to `queued` with backoff; 5xx, too large, TLS or login refusals → `failed`
   with the reason; a line cut after the hand-over → `uncertain`.
Providers that file sent mail themselves (Gmail) skip the append (`files_sent_itself`).
After a send, the replied message gets \\Answered and a forwarded one $Forwarded through the
offline operation queue, so the flag reaches the server with the next sync.

Blocking; run on the account's worker thread (or the CLI), never the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from client import crashpoints
from client.net.redact import describe_error
from client.smtp.outbox import Claim, ClaimLost, Outbox, OutboxItem
from client.smtp.transport import (
    SmtpAuthError,
    SmtpEndpoint,
    SmtpError,
    SmtpSizeError,
    SmtpTLSError,
    SmtpUnavailable,
    SmtpUncertainError,
    submit,
)
from client.store.db import Store

log = logging.getLogger(__name__)


class SentFolder(Protocol):
    """What the sender needs from IMAP: find by Message-ID and append to the Sent folder."""

    def contains(self, message_id: str) -> bool: ...

    def append(self, raw: bytes) -> None: ...


@dataclass
class FlushReport:
    sent: list[int] = field(default_factory=list)
    filed: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    uncertain: dict[int, str] = field(default_factory=dict)
    stopped: str | None = None  # why the flush stopped early (server unreachable, login refused)
    errors: list[str] = field(default_factory=list)  # unexpected errors, in words (see flush)
    # scheduled messages released late (their time passed while nothing ran): id → words
    late: dict[int, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "sent": self.sent, "filed": self.filed, "retrying": self.retrying,
            "failed": {str(k): v for k, v in self.failed.items()},
            "uncertain": {str(k): v for k, v in self.uncertain.items()}, "stopped": self.stopped,
            "errors": self.errors, "late": {str(k): v for k, v in self.late.items()},
        }


def late_words(send_at: float, late_s: float) -> str:
    """The sentence for a scheduled message sent late (Tradewind was not running then)."""
    from datetime import UTC, datetime

    when = datetime.fromtimestamp(send_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
    minutes = max(1, round(late_s / 60))
    return (f"It was scheduled for {when} and is sent now, {minutes} min late, because "
            "Tradewind was not running at that time.")


def files_sent_itself(imap_host: str, preset: str | None) -> bool:
    """Providers whose SMTP server stores a copy in Sent on its own (appending would duplicate)."""
    host = imap_host.lower()
    return preset in ("google", "gmail") or host.endswith(("gmail.com", "googlemail.com"))


def flush_outbox(
    store: Store,
    account_id: int,
    endpoint: SmtpEndpoint,
    username: str,
    password: str,
    sent_folder: Callable[[], SentFolder | None],
    *,
    auto_filed: bool = False,
    mark_original: Callable[[int, str], None] | None = None,
    now: float | None = None,
    manual: bool = False,
) -> FlushReport:
    """Send everything due for one account; see the module docstring.

    ``manual=True`` (the rep asked: `outbox flush`, Send now) tries every `queued` message at
    once, whatever its backoff; automatic flushes send only what is due. Never raises an
    `Exception`: an unexpected one is caught per message and per step, recorded in words (in
    `FlushReport.errors` and the message's `last_error`, without any part of the password) and
    the flush goes on; `KeyboardInterrupt` and other `BaseException`s pass."""
    outbox = Outbox(store)
    report = FlushReport()
    folder_cache: list[SentFolder | None] = []

    def folder() -> SentFolder | None:
        if not folder_cache:
            try:
                folder_cache.append(sent_folder())
            except Exception as exc:  # noqa: BLE001 - IMAP unreachable: settle/filing waits for the next flush
                log.info("Sent folder not reachable: %s", describe_error(exc, password))
                folder_cache.append(None)
        return folder_cache[0]

    _settle_interrupted(outbox, account_id, folder, report, password)
    _file_sent(outbox, account_id, folder, auto_filed, report, password)
    at = time.time() if now is None else now
    try:  # send later: messages whose time came are queued first (a missed time: now, said so)
        for done in outbox.release_due(account_id, at):
            if done.late_s:
                report.late[done.item_id] = late_words(done.send_at, done.late_s)
    except Exception as exc:  # noqa: BLE001 - they stay scheduled; the next flush releases them
        _unexpected(report, "Scheduled messages could not be released", exc, password)
    try:
        waiting = outbox.queued(account_id) if manual else outbox.due(account_id, at)
    except Exception as exc:  # noqa: BLE001 - the outbox stays as it is; reported in words
        _unexpected(report, "The outbox could not be read", exc, password)
        return report
    for item in waiting:
        try:
            claim = outbox.claim(item, due_by=None if manual else at)
        except Exception as exc:  # noqa: BLE001 - nothing was taken: the message waits for the next flush
            _unexpected(report, f"Message {item.id} could not be taken for sending", exc,
                        password)
            continue
        if claim is None:
            continue  # another flusher took it (or it changed meanwhile): theirs to send
        try:
            if _send_and_file(outbox, item, claim, endpoint, username, password, folder,
                              auto_filed, mark_original, report, now):
                break
        finally:
            claim.forget()
    return report


def _send_and_file(
    outbox: Outbox, item: OutboxItem, claim: Claim, endpoint: SmtpEndpoint, username: str,
    password: str, folder: Callable[[], SentFolder | None], auto_filed: bool,
    mark_original: Callable[[int, str], None] | None, report: FlushReport, now: float | None,
) -> bool:
    """Send one claimed message, then flag its original and file it; True when the flush must
    stop. Every `Exception` is recorded (see `flush_outbox`)."""
    crashpoints.hit("send.claimed")
    try:
        if _send_one(outbox, item, claim, endpoint, username, password, report, now):
            return True
    except ClaimLost as exc:  # another flusher recovered it before the hand-over: theirs
        log.warning("%s", exc)
        return False
    except Exception as exc:  # noqa: BLE001 - recorded on the message (retry or failed), never lost
        _record_failure(outbox, claim, exc, password, report, now)
        return False
    if report.sent and report.sent[-1] == item.id:
        if mark_original is not None:
            _mark_original(item, mark_original)
        try:
            _file_one(outbox, outbox.get(item.id), claim, folder, auto_filed, report, password)
        except Exception as exc:  # noqa: BLE001 - sent is sent: filing is retried by the next flush
            _unexpected(report, f"Message {item.id} was sent but not saved to Sent yet",
                        exc, password)
    return False


def _send_one(
    outbox: Outbox, item: OutboxItem, claim: Claim, endpoint: SmtpEndpoint, username: str,
    password: str, report: FlushReport, now: float | None,
) -> bool:
    """Submit one claimed message and record the outcome; True when the flush must stop (the
    account cannot send now). Unexpected exceptions propagate to the caller's handler."""
    raw = outbox.raw(item.id)

    def before_data() -> None:  # the server said 354: the point of no return
        crashpoints.hit("send.before_sending_state")
        outbox.hand_over(claim)  # ClaimLost: the bytes are not sent (the line is dropped)
        crashpoints.hit("send.before_data")

    try:
        result = submit(endpoint, username, password, item.sender, list(item.recipients), raw,
                        before_data=before_data)
    except SmtpUncertainError as exc:
        outbox.mark_uncertain(item.id, str(exc), claim=claim)
        report.uncertain[item.id] = str(exc)
        return False
    except (SmtpTLSError, SmtpAuthError) as exc:
        # the message is fine; the account is not
        outbox.retry_later(item.id, str(exc), now, claim=claim)
        report.retrying.append(item.id)
        report.stopped = str(exc)
        return True
    except SmtpSizeError as exc:
        remember_size_limit(outbox.store, item.account_id, exc.limit)
        outbox.fail(item.id, str(exc), claim=claim)
        report.failed[item.id] = str(exc)
        return False
    except SmtpUnavailable as exc:  # offline or the line dropped: everything waits
        outbox.retry_later(item.id, str(exc), now, network=True, claim=claim)
        report.retrying.append(item.id)
        report.stopped = str(exc)
        return True
    except SmtpError as exc:  # a reply for this message: 5xx fails it, 4xx retries it
        if exc.permanent:
            outbox.fail(item.id, str(exc), claim=claim)
            report.failed[item.id] = str(exc)
        else:
            outbox.retry_later(item.id, str(exc), now, claim=claim)
            report.retrying.append(item.id)
        return False
    crashpoints.hit("send.accepted")  # the server said 250; nothing recorded yet
    outbox.mark_sent(claim, result.refused)
    crashpoints.hit("send.recorded")
    report.sent.append(item.id)
    remember_size_limit(outbox.store, item.account_id, result.size_limit)
    return False


SIZE_SETTING = "smtp.size_limit.{account_id}"


def remember_size_limit(store: Store, account_id: int, limit: int | None) -> None:
    """Keep the SIZE of the account's last EHLO (setting `smtp.size_limit.<account id>`) for
    the link threshold (`client.uploads.outgoing`); best effort, never raises."""
    key = SIZE_SETTING.format(account_id=account_id)
    try:
        if store.get_setting(key) != limit:
            store.set_setting(key, limit)
    except Exception as exc:  # noqa: BLE001 - a hint only: the message's own outcome is recorded already
        log.info("SIZE limit not recorded: %s", type(exc).__name__)


def _unexpected(report: FlushReport, what: str, exc: Exception, password: str) -> str:
    words = f"{what}: an unexpected error ({describe_error(exc, password)})."
    report.errors.append(words)
    log.warning("%s", words)
    return words


def _record_failure(
    outbox: Outbox, claim: Claim, exc: Exception, password: str, report: FlushReport,
    now: float | None,
) -> None:
    """An unexpected error while sending one claimed message: it waits for a retry (not yet
    handed over) or is marked uncertain (handed over: it may have gone out; never resent
    automatically). A failure to record that is reported too; the flush goes on."""
    item_id = claim.item_id
    words = _unexpected(report, f"Message {item_id} was not sent", exc, password)
    try:
        item = outbox.get(item_id)
        if item.claim_token != claim.token or item.state != "sending":
            return  # recorded already (sent: filed next time) or no longer ours
        if item.handed_over:
            reason = (f"{words} It was being handed to the server and may or may not have "
                      "been sent.")
            outbox.mark_uncertain(item_id, reason, claim=claim)
            report.uncertain[item_id] = reason
        else:
            outbox.retry_later(item_id, f"{words} Tradewind tries again later.", now,
                               claim=claim)
            report.retrying.append(item_id)
    except Exception as again:  # noqa: BLE001 - the store itself fails: the next flush settles the state
        _unexpected(report, f"The state of message {item_id} could not be saved", again,
                    password)


def _mark_original(item: OutboxItem, mark_original: Callable[[int, str], None]) -> None:
    try:
        if item.reply_to_row is not None:
            mark_original(item.reply_to_row, "\\Answered")
        if item.forward_of_row is not None:
            mark_original(item.forward_of_row, "$Forwarded")
    except Exception as exc:  # noqa: BLE001 - the original may be gone from the cache; sending still counts
        log.info("Could not flag the original of outbox %s: %s", item.id, describe_error(exc))


def _settle_interrupted(
    outbox: Outbox, account_id: int, folder: Callable[[], SentFolder | None], report: FlushReport,
    password: str = "",
) -> None:
    try:
        interrupted = outbox.in_state(account_id, "sending")
    except Exception as exc:  # noqa: BLE001 - checked again by the next flush; reported in words
        _unexpected(report, "Interrupted sends could not be checked", exc, password)
        return
    for item in interrupted:
        try:
            _settle_one(outbox, item, folder, report, password)
        except Exception as exc:  # noqa: BLE001 - one message's trouble never stops settling the others
            _unexpected(report, f"Message {item.id} (interrupted while sending) could not be "
                        "settled; it is checked again next time", exc, password)


def _settle_one(
    outbox: Outbox, item: OutboxItem, folder: Callable[[], SentFolder | None],
    report: FlushReport, password: str,
) -> None:
    """Recover one message found in `sending` whose claimant is gone (a live claimant's is
    left alone): not handed over → queued again; handed over → looked up in Sent."""
    claim = outbox.take_over(item)
    if claim is None:
        return  # its flusher is still at work, or another flush recovered it first
    try:
        if not item.handed_over:
            outbox.give_back(claim)  # nothing reached the server: sent by this or a later flush
            return
        _check_sent(outbox, item, claim, folder, report, password)
    finally:
        claim.forget()


def _check_sent(
    outbox: Outbox, item: OutboxItem, claim: Claim, folder: Callable[[], SentFolder | None],
    report: FlushReport, password: str,
) -> None:
    sent = folder()
    found = False
    if sent is not None:
        try:
            found = sent.contains(item.message_id)
        except Exception as exc:  # noqa: BLE001 - the Sent folder cannot be searched: treat as unchecked
            _unexpected(report, f"The Sent folder could not be searched for message {item.id}",
                        exc, password)
            sent = None
    if found:
        outbox.mark_sent(claim)
        outbox.mark_filed(claim)
        report.filed.append(item.id)
        return
    reason = (
        "Tradewind stopped while this message was being handed to the server, and it is not "
        "in your Sent folder: it may or may not have been sent. Check with the recipient or "
        "choose Retry to send it again."
    )
    if sent is None:
        reason = (
            "Tradewind stopped while this message was being handed to the server; the Sent "
            "folder could not be checked. It may or may not have been sent."
        )
    outbox.mark_uncertain(item.id, reason, claim=claim)
    report.uncertain[item.id] = reason


def _file_sent(
    outbox: Outbox, account_id: int, folder: Callable[[], SentFolder | None], auto_filed: bool,
    report: FlushReport, password: str = "",
) -> None:
    try:
        accepted = outbox.in_state(account_id, "sent")
    except Exception as exc:  # noqa: BLE001 - filing waits for the next flush; reported in words
        _unexpected(report, "Sent messages could not be listed for filing", exc, password)
        return
    for item in accepted:
        try:
            claim = outbox.take_over(item)  # unclaimed, or its filer is gone
            if claim is None:
                continue  # its sender is filing it right now
            try:
                _file_one(outbox, item, claim, folder, auto_filed, report, password)
            finally:
                claim.forget()
        except Exception as exc:  # noqa: BLE001 - filing is retried by the next flush; never resent
            _unexpected(report, f"Message {item.id} was sent but not saved to Sent yet", exc,
                        password)


def _file_one(
    outbox: Outbox, item: OutboxItem, claim: Claim, folder: Callable[[], SentFolder | None],
    auto_filed: bool, report: FlushReport, password: str = "",
) -> None:
    if auto_filed:
        outbox.mark_filed(claim)
        report.filed.append(item.id)
        return
    sent = folder()
    if sent is None:
        outbox.note_filing_problem(claim, "the IMAP server is not reachable")
        return
    try:
        if not sent.contains(item.message_id):
            sent.append(outbox.raw(item.id))
    except Exception as exc:  # noqa: BLE001 - noted on the message; filing is retried, never resent
        outbox.note_filing_problem(claim, describe_error(exc, password))
        return
    outbox.mark_filed(claim)
    report.filed.append(item.id)
