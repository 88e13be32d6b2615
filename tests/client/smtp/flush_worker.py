"""A second Tradewind process for the concurrent-flush tests (test-only).

Run as ``python -m tests.client.smtp.flush_worker``. Protocol on stdin/stdout, one line each:
1. the test writes a JSON object: ``db`` (path), ``email`` (account), ``password`` (never in
   argv), ``mode`` (``manual``: the composer's Send / ``outbox flush``; ``after_sync``: a sync
   child's automatic flush) and optionally ``pause_at`` (``connect``: before the SMTP
   connection, so after the message was taken; ``data``: after the server's 354, before the
   message bytes go out);
2. the worker opens its own `Store`, prints ``ready`` and waits for ``go`` (so two workers start
   flushing at the same moment);
3. when the pause point is reached it prints ``paused`` and waits for ``resume``;
4. it prints ``done`` and the flush report as JSON on one line, then exits 0.
A crash point (`client.crashpoints`, environment) may kill it on the way instead.
"""

from __future__ import annotations

import json
import smtplib
import sys
from typing import Any


def _wait_for(word: str) -> None:
    line = sys.stdin.readline()
    if line.strip() != word:
        raise SystemExit(f"expected {word!r} on stdin, got {line!r}")


def _say(word: str) -> None:
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def _pause_at(point: str) -> None:
    """Patch smtplib in this process only, so the real flush stops at `point` once."""
    paused: list[bool] = []

    def pause() -> None:
        if not paused:
            paused.append(True)
            _say("paused")
            _wait_for("resume")

    if point == "connect":
        real_connect = smtplib.SMTP.connect

        def connect(self: smtplib.SMTP, *args: Any, **kwargs: Any) -> Any:
            pause()
            return real_connect(self, *args, **kwargs)

        smtplib.SMTP.connect = connect  # type: ignore[method-assign]
    elif point == "data":
        real_send = smtplib.SMTP.send

        def send(self: smtplib.SMTP, s: Any) -> None:
            if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):  # the message itself
                pause()
            real_send(self, s)

        smtplib.SMTP.send = send  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown pause point {point!r}")


def main() -> int:
    config = json.loads(sys.stdin.readline())
    from client.jobs.after_sync import after_sync, flush_account
    from client.store.db import Store

    if config.get("pause_at"):
        _pause_at(str(config["pause_at"]))
    store = Store.open(config["db"])
    account = store.get_account(config["email"])
    assert account is not None
    _say("ready")
    _wait_for("go")
    if config["mode"] == "manual":
        report = flush_account(store, account, config["password"], manual=True).as_json()
    else:
        result = after_sync(store, account, config["password"])
        report = dict(result.flush.as_json(), problems=result.problems)
    store.close()
    _say("done " + json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
