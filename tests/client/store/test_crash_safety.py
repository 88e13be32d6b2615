"""S1: a writer killed with SIGKILL at any point leaves a sound cache that resumes cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from client.store import FolderRecord, Store

REPO = Path(__file__).resolve().parents[3]

_CHILD = r"""
import sys
from tests.client.store.factories import incoming, make_raw
from client.store import FolderRecord, Store

path, start = sys.argv[1], int(sys.argv[2])
store = Store.open(path)
account = store.get_account("rep@tradewind.example") or store.add_account("rep@tradewind.example")
folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
uid = start
for number in range(1000):
    batch = [incoming(u, make_raw(u, refs=[f"msg{u - 1}@supplier.example"] if u > 1 else (),
                                  body="z" * 4000)) for u in range(uid, uid + 25)]
    store.insert_messages(folder.id, batch, uid + 24)
    uid += 25
    print(f"committed {uid - 1}", flush=True)
    if number % 2:
        store.index_pending(30)
"""


def _run_and_kill(path: Path, start: int, after_batches: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), str(start)], cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        assert child.stdout is not None
        for _ in range(after_batches):
            line = child.stdout.readline()
            assert line.startswith("committed"), child.stderr.read() if child.stderr else line
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def _check(path: Path) -> int:
    with Store.open(path, verify=True) as store:
        assert store.integrity_errors() == []
        account = store.get_account("rep@tradewind.example")
        assert account is not None
        folder = store.folder_by_name(account.id, "INBOX")
        assert folder is not None
        uids = sorted(store.folder_uids(folder.id))
        # no holes below the watermark, no duplicates, nothing half-stored
        assert uids[: folder.synced_uid] == list(range(1, folder.synced_uid + 1))
        assert len(uids) == len(set(uids))
        bodies = store.conn.execute(
            "SELECT count(*) FROM messages m LEFT JOIN bodies b ON b.message_id = m.id "
            "WHERE b.raw IS NULL").fetchone()[0]
        assert bodies == 0
        threads = store.conn.execute("SELECT count(DISTINCT thread_id) FROM messages").fetchone()
        assert threads[0] == 1  # every message replies to the previous one
        return folder.synced_uid


def test_sigkill_during_inserts_leaves_a_resumable_cache(tmp_path: Path) -> None:
    path = tmp_path / "tradewind.db"
    Store.open(path).close()
    resume_from = 1
    for after in (1, 2, 3):  # killed after 1, 2, 3 committed batches (and mid-way in the next)
        _run_and_kill(path, resume_from, after)
        watermark = _check(path)
        assert watermark >= resume_from - 1 + 25 * after
        # a resuming sync may refetch from a bit below the watermark: upserts absorb that
        resume_from = max(1, watermark - 10)
    with Store.open(path) as store:
        account = store.get_account("rep@tradewind.example")
        assert account is not None
        folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        assert len(store.folder_uids(folder.id)) >= folder.synced_uid
