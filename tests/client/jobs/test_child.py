"""The sync child process: the wire format, a real sync through it (real Dovecot), and the ways
a child can fail (wrong password, cancel, parent gone, crash, cannot start)."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from client import events
from client.calendar.received import ReceivedItem, ReceivedReport
from client.cli.main import main as cli_main
from client.compose.drafts import DraftFields, save_draft
from client.jobs.after_sync import AfterSyncReport
from client.jobs.child import CHILD_ARGUMENT, child_command, sync_in_child
from client.jobs.child_wire import (
    ChildRequest,
    decode_line,
    decode_request,
    encode_event,
    encode_request,
    encode_result,
)
from client.outgoing.pipeline import queue_message
from client.smtp.account_endpoint import set_sending_options
from client.smtp.sender import FlushReport
from client.store import Account, Store
from client.sync.engine import SyncReport
from client.sync.folder_sync import FolderReport
from tests.client.sync.env import SyncEnv, make_message
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


def test_request_round_trips_and_never_shows_the_password() -> None:
    request = ChildRequest("/p/tradewind.db", 7, "s3cret-密码", folders=("INBOX", "Sent"),
                           attachment_cap=1024, connections=0, index=False)
    line = encode_request(request)
    assert line.endswith("\n") and line.isascii()  # one line, whatever the password holds
    assert decode_request(line) == request
    assert "s3cret" not in repr(request)
    with pytest.raises(ValueError, match="not a sync request"):
        decode_request('{"account_id": 1}')
    with pytest.raises(ValueError, match="not JSON"):
        decode_request("password=hunter2")


def test_events_and_result_round_trip() -> None:
    for event in (events.FolderChanged(1, 2, added=(3, 4), removed=(5,)),
                  events.SyncProgress(1, "INBOX", 10, 20, "fetch"),
                  events.AccountStatus(1, "error", "Der Server antwortet nicht — 服务器无响应")):
        assert decode_line(encode_event(event)) == event
    report = SyncReport(1, folders=[FolderReport("INBOX", plan="full", added=3,
                                                 unreadable={7: "unbalanced reply"})],
                        created_folders=("Quotes",), renamed_folders=(("Old", "New"),),
                        indexed=3, seconds=1.5)
    after = AfterSyncReport(FlushReport(sent=[9], failed={4: "550 mailbox unavailable"}),
                            ["drafts not saved"], [3],
                            ReceivedReport([ReceivedItem(5, "REQUEST", "u@x", "Call", "new")],
                                           [ReceivedItem(6, "CANCEL", "u@x", "Call", "spoof")]))
    decoded = decode_line(encode_result(report, after))
    assert decoded == (report, after)
    assert decode_line(encode_result(report, None)) == (report, None)
    with pytest.raises(ValueError):
        decode_line('{"event": "unknown", "data": {}}')


def _collect(bus: events.EventBus) -> list[events.Event]:
    seen: list[events.Event] = []
    bus.subscribe(seen.append)
    return seen


def test_real_sync_in_a_child_stores_the_mail_and_relays_the_events(sync_env: SyncEnv) -> None:
    for n in range(5):
        sync_env.server.append(sync_env.user, "INBOX", make_message(n, subject=f"RFQ {n} 报价"))
    bus = events.EventBus()
    seen = _collect(bus)
    report, after = sync_in_child(sync_env.store_path, sync_env.account, sync_env.password,
                                  bus=bus)
    assert report.ok and report.added == 5 and report.indexed >= 5
    assert after is not None and after.problems == [] and after.flush.sent == []
    with Store.open(sync_env.store_path) as store:
        subjects = {row[0] for row in store.conn.execute("SELECT subject FROM messages")}
    assert subjects == {f"RFQ {n} 报价" for n in range(5)}
    changed = [e for e in seen if isinstance(e, events.FolderChanged)]
    assert sum(len(e.added) for e in changed) == 5
    states = [e.state for e in seen if isinstance(e, events.AccountStatus)]
    assert states[0] == "syncing" and states[-1] == "ok"
    again, _ = sync_in_child(sync_env.store_path, sync_env.account, sync_env.password, bus=bus)
    assert again.ok and again.added == 0  # idempotent through the child too


def test_the_child_reads_the_attachment_cap_from_the_settings(sync_env: SyncEnv) -> None:
    """Without a cap in the request the child uses `sync.attachment_cache_mb`
    (client.settings), as `tradewind sync` does, not a default of its own."""
    big = (b"From: Buyer <buyer@example.net>\r\nTo: rep@example.test\r\nSubject: Catalogue\r\n"
           b"Message-ID: <cap-1@example.net>\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
           b"Content-Type: text/plain\r\n\r\nThe catalogue is attached.\r\n--B\r\n"
           b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
           b"filename=catalogue.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + b"JVBERi0xLjQK" * 20_000 + b"\r\n--B--\r\n")
    sync_env.server.append(sync_env.user, "INBOX", big)
    with Store.open(sync_env.store_path) as store:
        store.set_setting("sync.attachment_cache_mb", 0.1)  # 100 KB; the message is ~240 KB
    report, _after = sync_in_child(sync_env.store_path, sync_env.account, sync_env.password,
                                   bus=events.EventBus(), after_sync=False)
    assert report.ok and report.added == 1
    with Store.open(sync_env.store_path) as store:
        (state,) = store.conn.execute("SELECT body_state FROM messages").fetchone()
    assert state == "partial"


def test_wrong_password_comes_back_in_words(sync_env: SyncEnv) -> None:
    bus = events.EventBus()
    seen = _collect(bus)
    report, after = sync_in_child(sync_env.store_path, sync_env.account, "not-the-password",
                                  bus=bus)
    assert report.status == "auth-failed" and report.error and after is None
    assert any(isinstance(e, events.AccountStatus) and e.state == "auth-failed" for e in seen)


def test_the_child_speaks_the_parents_language(sync_env: SyncEnv) -> None:
    """The child's words (a refused password, checked against the real server) come back in
    the language the parent has when the job starts; nothing has to translate them again."""
    from client import i18n

    bus = events.EventBus()
    seen = _collect(bus)
    i18n.set_language("zh_CN")
    try:
        report, _after = sync_in_child(sync_env.store_path, sync_env.account,
                                       "not-the-password", bus=bus)
    finally:
        i18n.set_language("en")
    assert report.status == "auth-failed"
    assert report.error == f"服务器 {sync_env.server.host}:{sync_env.server.imaps_port} 拒绝了用户名或密码。"
    assert any(isinstance(e, events.AccountStatus) and e.message == "正在检查新邮件…" for e in seen)
    with Store.open(sync_env.store_path) as store:
        assert store.account(sync_env.account.id).last_error == report.error
    english, _after = sync_in_child(sync_env.store_path, sync_env.account, "not-the-password")
    assert english.error and "rejected the user name or password" in english.error


def test_the_request_carries_the_language() -> None:
    request = ChildRequest("/p/tradewind.db", 7, "pw", language="zh_CN")
    assert decode_request(encode_request(request)).language == "zh_CN"
    assert decode_request('{"store_path": "/p", "account_id": 1, "password": "x"}').language == "en"


def test_cancel_stops_the_child_and_keeps_the_cache_usable(sync_env: SyncEnv) -> None:
    sync_env.server.append_many(sync_env.user, "INBOX", (make_message(n) for n in range(300)))
    cancel = threading.Event()
    cancel.set()  # before the child even starts: it must still end promptly
    report, after = sync_in_child(sync_env.store_path, sync_env.account, sync_env.password,
                                  bus=events.EventBus(), cancel=cancel)
    assert report.cancelled and after is None
    finished, _ = sync_in_child(sync_env.store_path, sync_env.account, sync_env.password,
                                bus=events.EventBus())
    assert finished.ok
    with Store.open(sync_env.store_path) as store:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 300


def test_a_child_whose_parent_went_away_stops(sync_env: SyncEnv) -> None:
    request = ChildRequest(str(sync_env.store_path), sync_env.account.id, sync_env.password)
    proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    out, _ = proc.communicate(encode_request(request), timeout=120)  # then stdin closes
    assert proc.returncode == 0
    result = decode_line(out.splitlines()[-1])
    assert isinstance(result, tuple) and result[0].cancelled and result[1] is None


def test_a_child_that_dies_or_cannot_start_is_reported(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account: Account = store.add_account("rep@example.test")
    bus = events.EventBus()
    seen = _collect(bus)
    died = [sys.executable, "-c", "import sys; print('Segmentation fault', file=sys.stderr); "
                                  "sys.exit(139)"]
    report, after = sync_in_child(tmp_path / "t.db", account, "pw", bus=bus, command=died)
    assert report.status == "error" and after is None
    assert report.error == "The sync process ended unexpectedly (Segmentation fault)."
    missing = [str(tmp_path / "no-such-python")]
    report, _ = sync_in_child(tmp_path / "t.db", account, "pw", bus=bus, command=missing)
    assert report.error is not None and report.error.startswith("The sync process could not")
    assert [e.state for e in seen if isinstance(e, events.AccountStatus)] == ["error", "error"]


def test_removed_account_and_bad_request(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("gone@example.test")
        store.remove_account(account.id)
    report, after = sync_in_child(tmp_path / "t.db", account, "pw", bus=events.EventBus())
    assert report.error == "The account was removed." and after is None
    # the frozen app's hidden child mode: a request that does not fit is refused with status 2
    assert cli_main([CHILD_ARGUMENT], stdin=io.StringIO("garbage\n"), stdout=io.StringIO()) == 2


def test_sent_mail_and_saved_drafts_are_in_the_cache_when_the_child_returns(
        dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser, profile_dir: Path) -> None:
    """The outbox flush files sent mail and pushes drafts after the sync; the child syncs Sent
    and Drafts again, so the rep sees both without waiting for the next check."""
    store_path = profile_dir / "tradewind.db"
    with Store.open(store_path) as store:
        account = store.add_account(
            smtp_user.email, imap_host=dovecot.host, imap_port=dovecot.imaps_port,
            security="ssl", username=smtp_user.username, ca_file=str(dovecot.ca_file),
            smtp_host=dovecot.host, smtp_port=submission.starttls_port)
        set_sending_options(store, account, smtp_security="starttls", files_sent_itself=False)
        queue_message(store, account.id, DraftFields(
            sender=smtp_user.email, to="buyer@importer.example", subject="Proforma PI-77",
            text="Please find the proforma."))
        save_draft(store, account.id, DraftFields(
            sender=smtp_user.email, to="agent@forwarder.example", subject="Booking draft",
            text="Space for 2x40HQ?"))
    report, after = sync_in_child(store_path, account, smtp_user.password, bus=events.EventBus())
    assert report.ok and after is not None and len(after.flush.sent) == 1
    assert after.drafts_pushed and after.changed_folders() == ("sent", "drafts")
    with Store.open(store_path) as store:
        by_role = {role: {r[0] for r in store.conn.execute(
            "SELECT m.subject FROM messages m JOIN folders f ON f.id = m.folder_id"
            " WHERE f.account_id = ? AND f.role = ?", (account.id, role))}
            for role in ("sent", "drafts")}
    assert "Proforma PI-77" in by_role["sent"] and "Booking draft" in by_role["drafts"]
