"""The tail every sending command shares once its message is queued: the rep's own flush and
the `--json` document of the queued message.

- `flush_now(ctx, store, account)`: uploads the big files of `uploading` messages, then flushes
  the account's outbox with `manual=True` (every queued message now, backoff or not); a
  missing password or a refused OAuth2 sign-in is a notice and the message waits. Returns the
  `FlushReport`, or None when nothing could be tried.
- `report_queued(ctx, account, queued, queue_only=, extra=, headline=)`: prints the notices,
  flushes unless `queue_only`, emits `{...extra, outbox_id, message_id, recipients, state,
  last_error, uploads, flush, notices}` (docs/cli.md) and returns the exit code (1 when the
  server refused the message, else 0).
Main thread of the CLI; blocking (SMTP/IMAP).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import ExitCode

if TYPE_CHECKING:
    from client.outgoing.message import QueuedMessage
    from client.smtp.sender import FlushReport
    from client.store.db import Store
    from client.store.records import Account

_STATE_WORDS = {
    "scheduled": "waits in the outbox until its send time (send later)",
    "uploading": "waits in the outbox until its files are uploaded as links",
    "queued": "is waiting in the outbox and will be sent when the server is reachable",
    "sending": "is being sent", "sent": "was sent (not yet saved to Sent)",
    "filed": "was sent and saved to Sent",
    "failed": "was refused and stays in the outbox",
    "uncertain": "may or may not have been sent",
}


def state_line(item_id: int, state: str, error: str | None) -> str:
    """One outbox message's state in words (and its last error on a second line)."""
    line = f"Message {item_id} {_STATE_WORDS.get(state, state)}."
    return f"{line}\n{error}" if error else line


def uploads_of(store: Store, item: Any) -> list[dict[str, object]]:
    """`[{file, done, total, state}]` of an outbox message's link files."""
    from client.uploads.outgoing import upload_progress

    return upload_progress(store, item)


def flush_now(ctx: Context, store: Store, account: Account) -> FlushReport | None:
    """The rep's own flush (see the module)."""
    from client.jobs.after_sync import flush_account
    from client.oauth.credentials import secret_for
    from client.oauth.errors import OAuthError
    from client.uploads.outgoing import advance

    for problem in advance(store, account.id):  # big files first; their messages then queue
        ctx.notice(problem)
    try:
        password = secret_for(account, store)
    except OAuthError as exc:
        ctx.notice(f"{account.email}: {exc} The message waits in the outbox.")
        return None
    if password is None:
        ctx.notice(f"{account.email}: no password in the keyring; the message waits.")
        return None
    with ctx.profile.writer_lock():
        return flush_account(store, account, password, manual=True)


def report_queued(ctx: Context, account: Account, queued: QueuedMessage, *, queue_only: bool,
                  extra: dict[str, Any] | None = None, headline: str | None = None) -> int:
    """Notices, flush, `--json` document and exit code of a queued message (see the module)."""
    from client.smtp.outbox import Outbox

    store = ctx.store()
    ctx.notice(f"Queued as outbox message {queued.outbox_id} ({queued.message_id}).")
    for note in queued.notices:  # the company signature was restored (client.signatures)
        ctx.notice(f"Note: {note}")
    report = None if queue_only else flush_now(ctx, store, account)
    item = Outbox(store).get(queued.outbox_id)
    doc = {**(extra or {}), "outbox_id": queued.outbox_id, "message_id": queued.message_id,
           "recipients": list(queued.recipients), "state": item.state,
           "last_error": item.last_error, "uploads": uploads_of(store, item),
           "flush": report.as_json() if report is not None else None,
           "notices": list(queued.notices)}
    text = (f"{headline}\nOutbox message {item.id}: {item.state}." if headline
            else state_line(item.id, item.state, item.last_error))
    ctx.emit(doc, text)
    return int(ExitCode.GENERAL) if item.state == "failed" else int(ExitCode.OK)
