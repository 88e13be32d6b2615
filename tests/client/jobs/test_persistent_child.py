"""The persistent sync child (issue 17): one process for many jobs, restarted after a kill, a job
whose child died under it runs again (nothing lost), cancel and stop (real Dovecot/Cyrus)."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
from pathlib import Path

from client import events
from client.jobs.child_wire import ChildRequest, decode_line, encode_request
from client.jobs.persistent_child import PersistentChild, persistent_main
from client.store import Account, Store
from tests.client.sync.env import SyncEnv, make_message


def _count(store_path: Path) -> int:
    with Store.open(store_path) as store:
        return int(store.conn.execute("SELECT count(*) FROM messages").fetchone()[0])


def test_one_child_runs_several_jobs(sync_env: SyncEnv) -> None:
    child = PersistentChild(sync_env.account.id)
    try:
        pids = set()
        for n in range(3):
            sync_env.server.append(sync_env.user, "INBOX", make_message(n, subject=f"RFQ {n}"))
            report, after = child.run(sync_env.store_path, sync_env.account, sync_env.password,
                                      folders=("INBOX",), bus=events.EventBus())
            assert report.ok and report.added == 1 and after is not None
            pids.add(child.pid)
        assert len(pids) == 1 and None not in pids and child.starts == 1
        assert _count(sync_env.store_path) == 3
    finally:
        child.stop()
    assert child.pid is None


def test_a_killed_child_is_started_again_for_the_next_job(sync_env: SyncEnv) -> None:
    child = PersistentChild(sync_env.account.id)
    try:
        first, _ = child.run(sync_env.store_path, sync_env.account, sync_env.password,
                             bus=events.EventBus())
        assert first.ok
        pid = child.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        sync_env.server.append(sync_env.user, "INBOX", make_message(1))
        report, _ = child.run(sync_env.store_path, sync_env.account, sync_env.password,
                              bus=events.EventBus())
        assert report.ok and report.added == 1
        assert child.starts == 2 and child.pid not in (None, pid)
    finally:
        child.stop()


def test_a_child_killed_mid_job_loses_nothing(sync_env: SyncEnv) -> None:
    sync_env.server.append_many(sync_env.user, "INBOX", (make_message(n) for n in range(300)))
    child = PersistentChild(sync_env.account.id)
    bus = events.EventBus()
    killed: list[int] = []

    def kill_on_first_batch(event: events.Event) -> None:  # the reader thread, mid-job
        if isinstance(event, events.FolderChanged) and event.added and not killed:
            pid = child.pid
            if pid is not None:
                killed.append(pid)
                os.kill(pid, signal.SIGKILL)

    bus.subscribe(kill_on_first_batch)
    try:
        report, _ = child.run(sync_env.store_path, sync_env.account, sync_env.password, bus=bus)
        assert killed, "the child was never caught mid-job"
        assert report.ok, report.error  # the job ran again in a fresh child
        assert child.starts == 2
    finally:
        child.stop()
    assert _count(sync_env.store_path) == 300


def test_cancel_stops_the_job_and_the_child_stays_for_the_next(sync_env: SyncEnv) -> None:
    sync_env.server.append_many(sync_env.user, "INBOX", (make_message(n) for n in range(300)))
    child = PersistentChild(sync_env.account.id)
    try:
        cancel = threading.Event()
        cancel.set()
        report, after = child.run(sync_env.store_path, sync_env.account, sync_env.password,
                                  bus=events.EventBus(), cancel=cancel)
        assert report.cancelled and after is None
        finished, _ = child.run(sync_env.store_path, sync_env.account, sync_env.password,
                                bus=events.EventBus())
        assert finished.ok and child.starts == 1
    finally:
        child.stop()
    assert _count(sync_env.store_path) == 300
    stopped, _ = child.run(sync_env.store_path, sync_env.account, sync_env.password)
    assert stopped.cancelled  # a stopped child starts no process again
    assert child.starts == 1


def test_a_child_that_cannot_start_or_always_dies_is_reported_in_words(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account: Account = store.add_account("rep@example.test")
    died = PersistentChild(account.id, command=[
        sys.executable, "-c", "import sys; print('Segmentation fault', file=sys.stderr); sys.exit(139)"])
    report, after = died.run(tmp_path / "t.db", account, "pw", bus=events.EventBus())
    assert report.error == "The sync process ended unexpectedly (Segmentation fault)."
    assert after is None and died.starts == 2  # tried once more, then gave up
    missing = PersistentChild(account.id, command=[str(tmp_path / "no-such-python")])
    report, _ = missing.run(tmp_path / "t.db", account, "pw", bus=events.EventBus())
    assert report.status == "error" and report.error is not None
    assert report.error.startswith("The sync process ended unexpectedly")


def test_the_child_answers_a_bad_request_and_goes_on(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("rep@example.test")
    removed = ChildRequest(str(tmp_path / "t.db"), account.id + 99, "pw", after_sync=False)
    stdin = io.StringIO("not json\n" + encode_request(removed))
    stdout = io.StringIO()
    assert persistent_main(stdin, stdout) == 0
    results = [decode_line(line) for line in stdout.getvalue().splitlines()]
    assert [r[0].status for r in results if isinstance(r, tuple)] == ["error", "error"]
    assert [r[0].error for r in results if isinstance(r, tuple)][1] == "The account was removed."


def test_the_frozen_app_runs_the_persistent_child_on_its_hidden_argument(tmp_path: Path) -> None:
    from client.cli.main import main as cli_main
    from client.jobs.child import CHILD_ARGUMENT
    from client.jobs.persistent_child import PERSISTENT_ARGUMENT

    stdout = io.StringIO()
    assert cli_main([CHILD_ARGUMENT, PERSISTENT_ARGUMENT], stdin=io.StringIO("not json\n"),
                    stdout=stdout) == 0
    [result] = [decode_line(line) for line in stdout.getvalue().splitlines()]
    assert isinstance(result, tuple) and result[0].status == "error"
