"""Child process for the crash-safety tests: sync one account, print the report as JSON.

Usage: ``python -m tests.client.sync.crash_child STORE ACCOUNT_ID CONNECTIONS [headers-first|header-child]``
with the
password on stdin (never in argv). Small batches so a sync makes many commits; with
``TRADEWIND_TEST_KILL_AFTER_COMMITS=N`` in the environment it SIGKILLs itself after commit N.
"""

from __future__ import annotations

import json
import sys

from client.store import Store
from client.sync import folder_sync, header_child
from client.sync.engine import sync_account


def main() -> int:
    store_path, account_id, connections = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    password = sys.stdin.readline().rstrip("\n")
    folder_sync.BATCH_COUNT = 4
    if connections:
        folder_sync.PARALLEL_MIN_BYTES = 0
    if len(sys.argv) > 4 and sys.argv[4] in ("headers-first", "header-child"):
        folder_sync.HEADERS_FIRST_MIN_BYTES = 0
    if len(sys.argv) > 4 and sys.argv[4] == "header-child":  # listing parsed by the child
        header_child.MIN_MESSAGES = 1
        folder_sync.HEADER_CHILD_BATCH_COUNT = 4
    with Store.open(store_path) as store:
        account = store.account(account_id)
    assert account is not None
    report = sync_account(store_path, account, password, connections=connections)
    print(json.dumps({"error": report.error, "added": report.added, "updated": report.updated,
                      "removed": report.removed}))
    return 0 if report.error is None else 1


if __name__ == "__main__":
    sys.exit(main())
