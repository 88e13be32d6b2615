"""Per-account workers: jobs in series, merged duplicates, one failing account never blocks
another (real Dovecot)."""

from __future__ import annotations

import threading
from pathlib import Path

from client import events
from client.jobs.worker import AccountWorker, SyncJob, WorkerPool
from client.store import Account, Store
from client.sync.engine import SyncReport
from tests.client.sync.env import SyncEnv, add_account, make_message
from tests.servers.dovecot import DovecotServer, MailUser


def test_identical_queued_jobs_are_merged_and_run_in_series(tmp_path: Path) -> None:
    started = threading.Event()
    release = threading.Event()
    calls: list[tuple[str, ...] | None] = []

    def fake_sync(store_path: object, account: Account, password: str, **kw: object) -> SyncReport:
        calls.append(kw["folders"])  # type: ignore[arg-type]
        started.set()
        release.wait(30)
        return SyncReport(account.id)

    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("rep@example.test")
    worker = AccountWorker(tmp_path / "t.db", account, lambda a: "pw", sync=fake_sync).start()
    try:
        assert worker.submit(SyncJob())
        assert started.wait(30)
        assert worker.submit(SyncJob(("INBOX",)))
        assert not worker.submit(SyncJob(("INBOX",)))  # merged with the waiting one
        release.set()
        assert worker.wait_idle(30)
    finally:
        worker.stop()
    assert calls == [None, ("INBOX",)]


def test_a_request_made_while_the_same_job_runs_runs_again_after_it(tmp_path: Path) -> None:
    """issue 17: IDLE reported new mail while "sync INBOX" was already fetching; the request
    was merged with the running job and the mail waited for the next event (seen: 30 s+)."""
    started = threading.Event()
    release = threading.Event()
    calls: list[tuple[str, ...] | None] = []

    def fake_sync(store_path: object, account: Account, password: str, **kw: object) -> SyncReport:
        calls.append(kw["folders"])  # type: ignore[arg-type]
        started.set()
        release.wait(30)
        return SyncReport(account.id)

    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("rep@example.test")
    worker = AccountWorker(tmp_path / "t.db", account, lambda a: "pw", sync=fake_sync).start()
    try:
        assert worker.submit(SyncJob(("INBOX",)))
        assert started.wait(30)  # running now
        assert worker.submit(SyncJob(("INBOX",)))  # not merged with the running one
        assert not worker.submit(SyncJob(("INBOX",)))  # merged with the waiting one
        release.set()
        assert worker.wait_idle(30)
    finally:
        worker.stop()
    assert calls == [("INBOX",), ("INBOX",)]


def test_wrong_password_marks_that_account_and_another_still_syncs(
    sync_env: SyncEnv, dovecot: DovecotServer, profile_dir: Path
) -> None:
    good = sync_env
    good.server.append(good.user, "INBOX", make_message(1))
    bad_user = dovecot.add_user(f"badpw-{good.user.username[-6:]}", "right-password")
    bad_account = add_account(good.store_path, dovecot, bad_user)
    down_user = MailUser("down", "pw", "down@example.test")
    down_account = add_account(good.store_path, dovecot, down_user, port=1)  # nothing listens
    passwords = {good.account.id: good.password, bad_account.id: "wrong-password",
                 down_account.id: "pw"}
    seen: list[events.Event] = []
    bus = events.EventBus()
    bus.subscribe(seen.append)
    reports: dict[int, SyncReport] = {}
    lock = threading.Lock()

    def remember(report: SyncReport) -> None:
        with lock:
            reports[report.account_id] = report

    pool = WorkerPool(good.store_path, lambda a: passwords[a.id], bus=bus)
    try:
        for account in (bad_account, down_account, good.account):
            pool.worker(account).submit(SyncJob(done=remember))
        assert pool.wait_idle(60)
    finally:
        pool.stop()
    assert reports[good.account.id].error is None
    assert reports[good.account.id].added == 1
    assert reports[bad_account.id].status == "auth-failed"
    assert "password" in (reports[bad_account.id].error or "")
    assert reports[down_account.id].status == "offline"
    with Store.open(good.store_path) as store:
        assert store.account(bad_account.id).status == "auth-failed"  # type: ignore[union-attr]
        assert store.account(down_account.id).status == "offline"  # type: ignore[union-attr]
        assert store.account(good.account.id).status == "ok"  # type: ignore[union-attr]
    statuses = {(e.account_id, e.state) for e in seen if isinstance(e, events.AccountStatus)}
    assert (bad_account.id, "auth-failed") in statuses
    assert (good.account.id, "ok") in statuses
    assert "right-password" not in repr(reports) and "wrong-password" not in repr(reports)


def test_a_password_missing_from_the_keyring_is_its_own_state_in_any_language(
        tmp_path: Path) -> None:
    """The app asks for the password on "no-password"; it must not depend on the words, which
    are Chinese for a Chinese rep."""
    from client import i18n
    from client.imap import PasswordNotSaved

    def no_password(account: Account) -> str:
        raise PasswordNotSaved(i18n._("No password for {email} is saved in the system keyring.",
                                      email=account.email))

    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("rep@example.test")
    bus = events.EventBus()
    seen: list[events.Event] = []
    bus.subscribe(seen.append)
    i18n.set_language("zh_CN")
    worker = AccountWorker(tmp_path / "t.db", account, no_password, bus=bus).start()
    try:
        reports: list[SyncReport] = []
        assert worker.submit(SyncJob(done=reports.append))
        assert worker.wait_idle(30)
    finally:
        worker.stop()
        i18n.set_language("en")
    [status] = [e for e in seen if isinstance(e, events.AccountStatus)]
    assert status.state == "no-password"
    assert status.message == ("无法读取 rep@example.test 的密码："
                              "系统钥匙串中没有保存 rep@example.test 的密码。")
    assert reports[0].status == "error" and reports[0].error == status.message
