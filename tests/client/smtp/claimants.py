"""Other processes holding outbox claims, as a killed or a working app would (test-only).

`leave_dead_claim(db, item_id, handed_over=...)` runs a real process that claims the message
through `Outbox.claim` (and, with ``handed_over=True``, records the server's 354 with
`Outbox.hand_over`), then exits at once without releasing anything, as a killed app would. The
process is reaped before this returns, so its pid is gone.
`live_claim(db, item_id)` is a context manager: a process claims the message and keeps working
(waits) until the block ends; then it exits the same way.
Run as a module it is that process: ``python -m tests.client.smtp.claimants DB ITEM
[--handed-over] [--hold]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def _command(db: Path, item_id: int, *flags: str) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "tests.client.smtp.claimants", str(db), str(item_id),
            *flags], env


def leave_dead_claim(db: Path, item_id: int, *, handed_over: bool) -> None:
    args, env = _command(db, item_id, *(["--handed-over"] if handed_over else []))
    done = subprocess.run(args, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


@contextmanager
def live_claim(db: Path, item_id: int, *, handed_over: bool = False) -> Iterator[int]:
    """Yields the pid of a live process holding the claim on `item_id`."""
    args, env = _command(db, item_id, "--hold", *(["--handed-over"] if handed_over else []))
    proc = subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "claimed", (line, proc.stderr.read() if proc.stderr else "")
        yield proc.pid
    finally:
        proc.communicate()  # closes its stdin: it exits, and is reaped here
    assert proc.returncode == 0


def main() -> None:
    from client.smtp.outbox import Outbox
    from client.store.db import Store

    store = Store.open(Path(sys.argv[1]))
    outbox = Outbox(store)
    claim = outbox.claim(outbox.get(int(sys.argv[2])))
    assert claim is not None, "the message was not queued"
    if "--handed-over" in sys.argv:
        outbox.hand_over(claim)
    if "--hold" in sys.argv:
        sys.stdout.write("claimed\n")
        sys.stdout.flush()
        sys.stdin.read()  # working on it until the test closes our stdin
    os._exit(0)  # no cleanup, as a crash: the claim stays in the row


if __name__ == "__main__":
    main()
