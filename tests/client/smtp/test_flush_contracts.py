"""The outbox flush never raises (any `Exception`, per message: recorded in words, the rest goes
on), and a manual flush ignores backoff while automatic retries keep it. Against the real
submission server and Dovecot. (`after_sync`'s own contract: tests/client/jobs.)"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import client.smtp.sender as sender
from client.smtp.outbox import Claim, Outbox
from client.smtp.transport import submit as real_submit
from tests.client.smtp.claimants import leave_dead_claim
from tests.client.smtp.rig import Rig

SECRET_PART = "pässwörd密码"

FAULTS: list[Callable[[], Exception]] = [
    lambda: ValueError("bad value"),
    lambda: UnicodeEncodeError("ascii", SECRET_PART, 1, 2, "ordinal not in range"),
    lambda: OSError(28, "No space left on device"),
    lambda: sqlite3.OperationalError("disk I/O error"),
    lambda: sqlite3.DatabaseError("database disk image is malformed"),
    lambda: RuntimeError("boom"),
    lambda: KeyError("missing"),
]
FAULT_IDS = ["ValueError", "UnicodeError", "OSError", "sqlite-operational", "sqlite-database",
             "RuntimeError", "KeyError"]


def _failing_once(fault: Exception) -> Callable[..., Any]:
    calls: list[int] = []

    def fake_submit(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise fault
        return real_submit(*args, **kwargs)

    return fake_submit


@pytest.mark.parametrize("make_fault", FAULTS, ids=FAULT_IDS)
def test_an_unexpected_error_on_one_message_is_recorded_and_the_next_is_sent(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, make_fault: Callable[[], Exception],
) -> None:
    first, _ = rig.queue("first")
    second, _ = rig.queue("second")
    monkeypatch.setattr(sender, "submit", _failing_once(make_fault()))
    report = rig.flush()
    assert report.sent == [second] and report.retrying == [first]
    assert len(rig.messages("INBOX")) == 1
    item = rig.outbox.get(first)
    assert item.state == "queued" and "unexpected" in (item.last_error or "")
    assert report.errors and type(make_fault()).__name__ in report.errors[0]
    for text in [*report.errors, item.last_error or ""]:  # the password's characters: hidden
        assert not any(ch in text for ch in SECRET_PART if not ch.isascii())
    rig.outbox.retry(first)
    assert rig.flush().sent == [first]


@pytest.mark.parametrize("make_fault", FAULTS, ids=FAULT_IDS)
def test_a_failing_bookkeeping_step_never_escapes_the_flush(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, make_fault: Callable[[], Exception],
) -> None:
    first, _ = rig.queue("first")
    second, _ = rig.queue("second")
    real_mark_sent = Outbox.mark_sent
    calls: list[int] = []

    def mark_sent(self: Outbox, claim: Claim, refused: Any = None) -> None:
        calls.append(claim.item_id)
        if len(calls) == 1:
            raise make_fault()
        real_mark_sent(self, claim, refused)

    monkeypatch.setattr(Outbox, "mark_sent", mark_sent)
    report = rig.flush()
    assert second in report.sent and first not in report.sent
    assert first in report.uncertain  # accepted by the server but not recorded: never resent
    assert rig.outbox.get(first).state == "uncertain"
    assert len(rig.messages("INBOX")) == 2 and report.errors


@pytest.mark.parametrize("make_fault", FAULTS, ids=FAULT_IDS)
def test_the_sent_folder_failing_mid_check_is_recorded(
    rig: Rig, make_fault: Callable[[], Exception],
) -> None:
    item_id, _ = rig.queue()
    leave_dead_claim(rig.store.path, item_id, handed_over=True)  # a crash left it mid-send

    class Broken:
        def contains(self, message_id: str) -> bool:
            raise make_fault()

        def append(self, raw: bytes) -> None:
            raise make_fault()

    report = sender.flush_outbox(rig.store, rig.account.id, rig.smtp, rig.user.username,
                                 rig.user.password, lambda: Broken())
    assert item_id in report.uncertain and rig.outbox.get(item_id).state == "uncertain"
    assert report.errors


def _both_in_backoff(rig: Rig) -> tuple[int, int]:
    rig.sub.received.clear()  # the server is shared by the session: count from here
    first, _ = rig.queue("first")
    second, _ = rig.queue("second")
    rig.sub.fail_next = (451, "4.3.0 greylisted, try later")
    rig.outbox.retry_later(second, "4.3.0 greylisted, try later")  # an earlier attempt
    assert rig.flush().retrying == [first]  # the 451 is met now: both wait with backoff
    now = time.time()
    assert all(rig.outbox.get(i).next_attempt > now for i in (first, second))
    assert rig.sub.received == []
    return first, second


def test_an_automatic_flush_keeps_the_backoff(rig: Rig) -> None:
    _both_in_backoff(rig)
    report = rig.flush()
    assert report.sent == [] and rig.sub.received == []


def test_a_manual_flush_tries_every_waiting_message_at_once(rig: Rig) -> None:
    first, second = _both_in_backoff(rig)
    try:
        report = sender.flush_outbox(rig.store, rig.account.id, rig.smtp, rig.user.username,
                                     rig.user.password, rig.sent_folder, manual=True)
    finally:
        for folder in rig.opened:
            folder.close()
        rig.opened.clear()
    assert report.sent == [first, second] and len(rig.sub.received) == 2
    assert [rig.outbox.get(i).state for i in (first, second)] == ["filed", "filed"]


def test_a_manual_flush_leaves_permanent_failures_and_uncertain_ones_alone(
    rig: Rig, tmp_path: Path,
) -> None:
    refused, _ = rig.queue("refused")
    rig.sub.fail_next = (554, "5.7.1 rejected by content policy")
    rig.flush()
    unsure, _ = rig.queue("unsure")
    rig.sub.drop_after_data = True
    rig.flush()
    before = len(rig.sub.received)
    report = sender.flush_outbox(rig.store, rig.account.id, rig.smtp, rig.user.username,
                                 rig.user.password, lambda: None, manual=True)
    assert report.sent == [] and len(rig.sub.received) == before
    assert rig.outbox.get(refused).state == "failed"
    assert rig.outbox.get(unsure).state == "uncertain"
