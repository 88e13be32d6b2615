"""Claims on outbox messages: exactly one flusher takes a message, a live claimant is never
overtaken, a dead one's message is recovered by exactly one flusher (checklist O1, O2, O4).

Real SQLite files, real threads (each with its own Store) and real other processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psutil
import pytest

from client.smtp import claim as claims
from client.smtp.outbox import Claim, ClaimLost, Outbox, OutboxError
from client.store.db import Store
from client.store.migrations import apply_migrations
from tests.client.smtp.claimants import leave_dead_claim, live_claim

T = TypeVar("T")
THREADS = 8


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tw.db"
    with Store.open(path) as store:
        store.add_account("anna@example.test", imap_host="127.0.0.1", smtp_host="127.0.0.1")
    return path


def _queue(db: Path, n: int = 1) -> list[int]:
    with Store.open(db) as store:
        box = Outbox(store)
        account = store.list_accounts()[0]
        return [
            box.enqueue(account.id, f"Subject: m{i}\r\n\r\nbody\r\n".encode(),
                        message_id=f"<m{i}@x>", sender="anna@example.test",
                        recipients=["b@example.test"], subject=f"m{i}")
            for i in range(n)
        ]


def _at_once(db: Path, work: Callable[[Outbox], T], threads: int = THREADS) -> list[T]:
    """Run `work` in `threads` threads at the same moment, each with its own Store."""
    start = threading.Barrier(threads)
    results: list[T] = []
    problems: list[BaseException] = []

    def run() -> None:
        try:
            with Store.open(db) as store:
                box = Outbox(store)
                start.wait()
                results.append(work(box))
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread below
            problems.append(exc)

    running = [threading.Thread(target=run) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    assert not problems, problems
    return results


def test_of_many_threads_claiming_one_message_exactly_one_wins(db: Path) -> None:
    for item_id in _queue(db, 10):
        with Store.open(db) as store:
            seen = Outbox(store).get(item_id)  # every thread read the same queued row
        won = [c for c in _at_once(db, lambda box, s=seen: box.claim(s)) if c is not None]
        assert len(won) == 1 and won[0].item_id == item_id
        with Store.open(db) as store:
            item = Outbox(store).get(item_id)
        assert item.state == "sending" and item.claim_token == won[0].token
        assert item.claim_pid == os.getpid() and item.version == seen.version + 1
        won[0].forget()


def test_threads_reading_then_claiming_take_every_message_once(db: Path) -> None:
    ids = _queue(db, 30)

    def take_all(box: Outbox) -> list[int]:
        taken = []
        for item in box.queued(box.store.list_accounts()[0].id):
            claim = box.claim(item)
            if claim is not None:
                taken.append(claim.item_id)
        return taken

    taken = [i for got in _at_once(db, take_all) for i in got]
    assert sorted(taken) == ids


def test_a_message_that_changed_since_it_was_read_is_not_claimed(db: Path) -> None:
    [item_id] = _queue(db)
    with Store.open(db) as store:
        box = Outbox(store)
        stale = box.get(item_id)
        box.replace(item_id, b"Subject: edited\r\n\r\nnew\r\n", ["c@example.test"], "edited")
        assert box.claim(stale) is None  # the flusher would have sent the old text
        assert box.get(item_id).state == "queued"
        fresh = box.claim(box.get(item_id))
        assert fresh is not None
        assert box.raw(item_id).startswith(b"Subject: edited")
        fresh.forget()


def test_an_automatic_claim_keeps_the_backoff_and_a_manual_one_does_not(db: Path) -> None:
    [item_id] = _queue(db)
    with Store.open(db) as store:
        box = Outbox(store)
        box.retry_later(item_id, "451 try later", now=1000.0)
        item = box.get(item_id)
        assert box.claim(item, due_by=1000.0) is None
        claim = box.claim(item)
        assert claim is not None
        claim.forget()


def test_a_live_claim_of_another_process_is_never_taken_over(db: Path) -> None:
    [item_id] = _queue(db)
    with Store.open(db) as store:
        box = Outbox(store)
        with live_claim(db, item_id, handed_over=True) as pid:
            item = box.get(item_id)
            assert item.claim_pid == pid and item.claim_is_live()
            assert _at_once(db, lambda b: b.take_over(b.get(item_id)), threads=4) == [None] * 4
            with pytest.raises(OutboxError, match="being sent"):
                box.discard(item_id)
            assert box.get(item_id).version == item.version  # nobody touched it
        gone = box.get(item_id)  # the claimant exited without releasing it
        assert not gone.claim_is_live() and gone.handed_over
        won = [c for c in _at_once(db, lambda b: b.take_over(gone), threads=4) if c is not None]
        assert len(won) == 1  # of several recoverers of one dead claim, exactly one wins
        won[0].forget()


def test_a_dead_claim_that_never_reached_the_server_goes_back_to_queued(db: Path) -> None:
    [item_id] = _queue(db)
    leave_dead_claim(db, item_id, handed_over=False)
    with Store.open(db) as store:
        box = Outbox(store)
        item = box.get(item_id)
        assert item.state == "sending" and not item.handed_over and not item.claim_is_live()
        claim = box.take_over(item)
        assert claim is not None
        box.give_back(claim)
        item = box.get(item_id)
        assert item.state == "queued" and item.claim_token is None and item.attempts == 0


def test_in_this_process_a_claim_lives_while_its_thread_works_on_it(db: Path) -> None:
    [item_id] = _queue(db)
    with Store.open(db) as mine, Store.open(db) as other:
        box, beside = Outbox(mine), Outbox(other)
        claim = box.claim(box.get(item_id))
        assert claim is not None
        assert beside.take_over(beside.get(item_id)) is None  # another thread of this process
        claim.forget()  # the thread gave up without recording anything (its store failed)
        recovered = beside.take_over(beside.get(item_id))
        assert recovered is not None
        with pytest.raises(ClaimLost):
            box.hand_over(claim)  # the old claimant can no longer hand the message over
        with pytest.raises(ClaimLost):
            box.mark_sent(claim)
        beside.hand_over(recovered)
        beside.mark_uncertain(item_id, "checked", claim=recovered)
        assert beside.get(item_id).state == "uncertain"


def test_unclaimed_changes_never_touch_a_claimed_message(db: Path) -> None:
    [item_id] = _queue(db)
    with Store.open(db) as store:
        box = Outbox(store)
        claim = box.claim(box.get(item_id))
        assert claim is not None
        with pytest.raises(OutboxError):
            box.retry_later(item_id, "451 later")
        with pytest.raises(OutboxError):
            box.fail(item_id, "550 no")
        box.hand_over(claim)
        with pytest.raises(ClaimLost):
            box.hand_over(claim)  # once only
        box.mark_sent(claim)
        with pytest.raises(OutboxError, match="being sent"):
            box.discard(item_id)  # being filed by its sender
        box.mark_filed(claim)
        item = box.get(item_id)
        assert item.state == "filed" and item.claim_token is None


def test_a_recycled_pid_or_a_zombie_is_not_taken_for_the_claimant() -> None:
    parent = psutil.Process(os.getppid())
    assert claims.is_live(parent.pid, parent.create_time(), "t")
    assert not claims.is_live(parent.pid, parent.create_time() - 3600, "t")  # another process
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = psutil.Process(child.pid).create_time()
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped
        assert psutil.Process(child.pid).status() == psutil.STATUS_ZOMBIE
        assert not claims.is_live(child.pid, started, "t")
    finally:
        child.wait()
    assert not claims.is_live(child.pid, started, "t")
    assert not claims.is_live(None, None, None)


def test_a_message_left_sending_by_an_older_version_is_checked_against_sent(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, str(path), upto=5)
    conn.execute("INSERT INTO accounts(email, created) VALUES ('a@example.test', 0)")
    conn.execute(
        "INSERT INTO outbox (account_id, message_id, sender, recipients_json, raw, size, state,"
        " created) VALUES (1, 'm@x', 'a@example.test', '[\"b@example.test\"]', x'00', 1,"
        " 'sending', 5)"
    )
    conn.close()
    with Store.open(path) as store:  # migrates to the current schema
        item = Outbox(store).get(1)
        assert item.state == "sending" and item.handed_over and not item.claim_is_live()
        claim = Outbox(store).take_over(item)
        assert isinstance(claim, Claim)
        claim.forget()
