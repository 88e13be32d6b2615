"""The durable outbox queue: states, backoff, the rep's actions, survival across reopen."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.smtp.outbox import BACKOFF_BASE_S, Outbox, OutboxError
from client.store.db import Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "tw.db")
    s.add_account("anna@example.test", imap_host="127.0.0.1", smtp_host="127.0.0.1")
    return s


def _queue(store: Store, n: int = 1) -> list[int]:
    box = Outbox(store)
    account = store.list_accounts()[0]
    return [
        box.enqueue(account.id, f"Subject: m{i}\r\n\r\nbody\r\n".encode(), message_id=f"<m{i}@x>",
                    sender="anna@example.test", recipients=["b@example.test"], subject=f"m{i}")
        for i in range(n)
    ]


def test_enqueue_is_durable_across_reopen(store: Store, tmp_path: Path) -> None:
    [item_id] = _queue(store)
    store.close()
    again = Outbox(Store.open(tmp_path / "tw.db"))
    item = again.get(item_id)
    assert item.state == "queued" and item.message_id == "m0@x"
    assert again.raw(item_id).startswith(b"Subject: m0")


def test_backoff_grows_and_retry_resets(store: Store) -> None:
    [item_id] = _queue(store)
    box = Outbox(store)
    account_id = store.list_accounts()[0].id
    first = box.retry_later(item_id, "451 try later", now=1000.0)
    second = box.retry_later(item_id, "451 try later", now=1000.0)
    assert first == 1000.0 + BACKOFF_BASE_S and second == 1000.0 + 2 * BACKOFF_BASE_S
    assert box.due(account_id, now=1000.0 + BACKOFF_BASE_S) == []
    assert [i.id for i in box.due(account_id, now=second)] == [item_id]
    box.retry(item_id)
    assert [i.id for i in box.due(account_id, now=0.0)] == [item_id]


def test_failed_message_keeps_reason_is_editable_and_resendable(store: Store) -> None:
    [item_id] = _queue(store)
    box = Outbox(store)
    box.fail(item_id, "550 mailbox unavailable")
    assert box.get(item_id).last_error == "550 mailbox unavailable"
    box.replace(item_id, b"Subject: fixed\r\n\r\nx\r\n", ["c@example.test"], "fixed")
    box.retry(item_id)
    item = box.get(item_id)
    assert item.state == "queued" and item.recipients == ("c@example.test",)


def test_sending_items_cannot_be_discarded_or_edited(store: Store) -> None:
    [item_id] = _queue(store)
    box = Outbox(store)
    claim = box.claim(box.get(item_id))
    assert claim is not None
    with pytest.raises(OutboxError, match="being sent"):
        box.discard(item_id)
    with pytest.raises(OutboxError, match="no longer be edited"):
        box.replace(item_id, b"x", ["c@example.test"], "x")
    with pytest.raises(OutboxError, match="only waiting, failed or uncertain"):
        box.retry(item_id)
    with pytest.raises(OutboxError, match="no message 999"):
        box.get(999)
    assert box.raw(item_id).startswith(b"Subject: m0")  # nothing changed under the sender


def test_sent_with_refusals_records_them(store: Store) -> None:
    [item_id] = _queue(store)
    box = Outbox(store)
    claim = box.claim(box.get(item_id))
    assert claim is not None
    box.mark_sent(claim, {"x@example.test": (550, "no such user")})
    item = box.get(item_id)
    assert item.state == "sent" and item.refused == {"x@example.test": (550, "no such user")}
    assert "x@example.test" in (item.last_error or "")
