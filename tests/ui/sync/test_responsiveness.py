"""The event loop keeps running while the app syncs 5,000 messages from the real Dovecot.

Issue 3's target is no gap over 100 ms. The normal suite asserts no timings (a loaded CI machine
would make them flaky), so this test prints the measured figure and checks what makes the target
hold: the event loop keeps running during the sync, and no sync work runs in the app's process
(it runs in a child, ``client.jobs.child``), so the GUI thread never waits for the GIL behind
parsing and indexing (the cause of the old 250 ms stalls). The strict 100 ms figure is measured by
``tests/benchmarks/bench_ui_sync.py`` (``scripts/bench_ui.sh``), which prints it beside the target.
"""

from __future__ import annotations

from pathlib import Path

from client.sync import engine, folder_sync
from tests.servers.dovecot import DovecotServer, MailUser
from tests.ui.sync.sync_gaps import fill_inbox, measure_sync, prepare_profile

MESSAGES = 5000


def test_event_loop_keeps_ticking_during_a_5000_message_sync(  # type: ignore[no-untyped-def]
        qtbot, dovecot: DovecotServer, imap_user: MailUser, tmp_path: Path, monkeypatch) -> None:
    in_process: list[object] = []
    real_sync_folder = folder_sync.sync_folder

    def recording_sync_folder(*args, **kwargs):  # type: ignore[no-untyped-def]
        in_process.append(args)
        return real_sync_folder(*args, **kwargs)

    monkeypatch.setattr(engine, "sync_folder", recording_sync_folder)
    fill_inbox(dovecot, imap_user, MESSAGES)
    profile = tmp_path / "resp-profile"
    prepare_profile(profile, dovecot, imap_user)
    gaps = measure_sync(profile, lambda pred, timeout: qtbot.waitUntil(pred, timeout=timeout))
    print("\n" + gaps.line())
    assert gaps.stored == MESSAGES
    assert len(gaps.intervals) > 10  # the timer really ran during the sync
    assert in_process == []  # every folder was synced by the child process


def test_unseen_summary_counts_unread_and_finds_the_newest(demo_db: Path) -> None:
    """The tray's new-mail summary (one query instead of loading every added row)."""
    from client.store import Store
    from ui.mainwindow.core_events import unseen_summary

    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(1, "inbox")
        assert inbox is not None
        ids = [int(r[0]) for r in store.conn.execute(
            "SELECT id FROM messages WHERE folder_id = ?", (inbox.id,))]
        rows = store.rows_by_ids(ids)
        unseen = [r for r in rows if not r.seen]
        assert unseen and len(unseen) < len(rows)  # the demo has both kinds
        count, newest = unseen_summary(store, tuple(ids))
        assert count == len(unseen)
        assert newest is not None
        assert newest.sort_date == max(r.sort_date for r in unseen) and not newest.seen
        assert unseen_summary(store, tuple(r.id for r in rows if r.seen)) == (0, None)
