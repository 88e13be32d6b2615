"""Outbox view jobs, run on the thread pool (never the GUI thread); each opens its own Store.

- `load(db_path) -> list[OutboxRow]`: every message not yet filed in Sent, newest first, with
  its state, reason and, for `uploading` ones, bytes uploaded of total (`upload_progress`).
- `send_now(db_path, item_id)`: make it due (`outbox_actions.send_now`), then the account's
  manual flush (its uploads first; `ui.composer.jobs.flush`); returns a `SendNowOutcome`:
  whether a flush ran (False: no password, the demo) and the message's state and reason after
  it (None: no longer in the outbox), so the view never says "sent" for a message that waits. `cancel(db_path, item_id) -> CancelReport` and
  `edit(db_path, item_id) -> draft id` (`client.uploads.outbox_actions`).
Raise `OutboxError` in words (being sent now, gone).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from client.store.db import Store


@dataclass(frozen=True)
class OutboxRow:
    id: int
    account_id: int
    to: str
    subject: str
    state: str
    reason: str | None
    done: int = 0  # link files' bytes uploaded (uploading messages)
    total: int = 0


def load(db_path: Path) -> list[OutboxRow]:
    """See the module."""
    from client.smtp.outbox import Outbox
    from client.uploads.outgoing import upload_progress

    rows = []
    with Store.open(db_path) as store:
        for item in sorted(Outbox(store).items(), key=lambda i: -i.id):
            files = upload_progress(store, item) if item.state == "uploading" else []
            rows.append(OutboxRow(
                item.id, item.account_id, ", ".join(item.recipients), item.subject,
                item.state, item.last_error,
                sum(int(str(f["done"])) for f in files), sum(int(str(f["total"])) for f in files)))
    return rows


@dataclass(frozen=True)
class SendNowOutcome:
    flushed: bool
    state: str | None  # after the flush; None: no longer in the outbox
    reason: str | None


def send_now(db_path: Path, item_id: int) -> SendNowOutcome:
    """See the module."""
    from client.smtp.outbox import Outbox, OutboxError
    from client.uploads.outbox_actions import send_now as make_due
    from ui.composer.jobs import flush

    with Store.open(db_path) as store:
        account_id = Outbox(store).get(item_id).account_id
        make_due(store, item_id)
    report = flush(db_path, account_id)
    with Store.open(db_path) as store:
        try:
            item = Outbox(store).get(item_id)
        except OutboxError:
            return SendNowOutcome(report is not None, None, None)
    return SendNowOutcome(report is not None, item.state, item.last_error)


def cancel(db_path: Path, item_id: int) -> object:
    """See the module."""
    from client.uploads.outbox_actions import cancel as cancel_message

    with Store.open(db_path) as store:
        return cancel_message(store, item_id)


def edit(db_path: Path, item_id: int) -> int:
    """See the module."""
    from client.uploads.outbox_actions import edit_as_draft

    with Store.open(db_path) as store:
        return edit_as_draft(store, item_id)
