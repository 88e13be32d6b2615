"""Opening another Store in the same process must not drop the POSIX locks of open ones.

Regression test: `Store.open` used to read the database header with Python's `open()`/`close()`
even while other connections of the process had the file open. POSIX drops all of a process's
locks on a file when any descriptor of it is closed, so another process then thought it held the
last connection, checkpointed and deleted the WAL, and the first process read "database disk
image is malformed" (seen with `tradewind watch` plus `tradewind ls`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from client.store.db import Store


@pytest.mark.skipif(os.name != "posix", reason="POSIX advisory-lock semantics")
def test_second_open_in_process_keeps_the_wal_safe_from_other_processes(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    first = Store.open(path)
    try:
        first.add_account("rep@example.test")
        assert Path(str(path) + "-wal").exists()
        Store.open(path).close()  # another thread of the app opening its own Store
        other_process = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM accounts').fetchone(); c.close()"
        )
        subprocess.run([sys.executable, "-c", other_process, str(path)], check=True, timeout=60)
        assert Path(str(path) + "-wal").exists(), "another process deleted the WAL under us"
        assert [a.email for a in first.list_accounts()] == ["rep@example.test"]
        assert first.integrity_errors() == []
    finally:
        first.close()


def test_the_header_check_still_runs_when_nothing_is_open(tmp_path: Path) -> None:
    from client.store.errors import StoreCorruptError

    path = tmp_path / "cache.db"
    path.write_bytes(b"not a database at all" * 10)
    with pytest.raises(StoreCorruptError):
        Store.open(path)
    with pytest.raises(StoreCorruptError):  # a failed open leaves no registration behind
        Store.open(path)
