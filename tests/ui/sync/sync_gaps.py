"""Measures the GUI event loop while the app's sync driver runs a real sync (shared by
``test_responsiveness.py`` and ``tests/benchmarks/bench_ui_sync.py``).

``fill_inbox(server, user, n)`` appends ``n`` small messages; ``measure_sync(profile, wait)``
opens the main window with a ``SyncDriver`` on ``profile`` (one account already set up), ticks
a 10 ms QTimer on the GUI thread during the whole first full sync and returns the gaps.
``wait(predicate, timeout_ms)`` spins the Qt event loop until ``predicate()`` (pytest-qt's
``qtbot.waitUntil`` or ``spin_until`` below). GUI thread only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from client.profile.paths import DATABASE_NAME
from client.store import Store
from tests.servers.dovecot import DovecotServer, MailUser

TICK_MS = 10
Wait = Callable[[Callable[[], bool], int], None]


def small_message(n: int) -> bytes:
    return (
        f"From: Buyer {n} <buyer{n % 97}@importer.example>\r\nTo: rep@example.test\r\n"
        f"Subject: RFQ {n} LED panels\r\nMessage-ID: <bulk-{n}@importer.example>\r\n"
        f"Date: Mon, 2 Nov 2026 10:{n % 60:02d}:00 +0000\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Please quote {n} pcs FOB Ningbo, delivery in {n % 9 + 2} weeks.\r\n"
    ).encode()


def fill_inbox(server: DovecotServer, user: MailUser, count: int) -> None:
    server.append_many(user, "INBOX", (small_message(n) for n in range(count)))


@dataclass
class Gaps:
    """Intervals between 10 ms ticks (ms) and the sync's own duration (s)."""

    intervals: list[float] = field(default_factory=list)
    sync_seconds: float = 0.0
    stored: int = 0

    @property
    def max_gap(self) -> float:
        return max(self.intervals, default=0.0)

    def over(self, limit_ms: float) -> int:
        return sum(1 for gap in self.intervals if gap > limit_ms)

    def line(self) -> str:
        ordered = sorted(self.intervals)
        p99 = ordered[int(len(ordered) * 0.99)] if ordered else 0.0
        return (f"{self.stored} messages synced in {self.sync_seconds:.1f} s; event-loop gap: "
                f"max {self.max_gap:.0f} ms, p99 {p99:.0f} ms, {self.over(100)} gaps over "
                f"100 ms ({len(self.intervals)} ticks of {TICK_MS} ms)")


def spin_until(predicate: Callable[[], bool], timeout_ms: int) -> None:
    """Run the Qt event loop until ``predicate()`` holds; TimeoutError after ``timeout_ms``.
    One ``QEventLoop.exec()``, not a ``processEvents()`` loop: PySide6 6.12.0 drops a reference
    to None on every void call, and a tight loop of them aborts Python 3.11 ("deallocating None")."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_ms / 1000
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)

    def check() -> None:
        if predicate() or time.monotonic() > deadline:
            poll.stop()
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    if not predicate():
        raise TimeoutError("the sync did not finish in time")


def measure_sync(profile: Path, wait: Wait, *, timeout_ms: int = 600_000) -> Gaps:
    """Open the app on ``profile``, run its start-up sync and record the tick gaps."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks
    from ui.sync.driver import SyncDriver

    db = profile / DATABASE_NAME
    driver = SyncDriver(db, profile, idle_seconds=3600)
    window = MainWindow(db, babel_locale("en_US"), driver=driver)
    window.show()
    gaps = Gaps()
    clock = QElapsedTimer()
    last = [0]
    done: list[object] = []
    driver.accountSynced.connect(lambda _id, report: done.append(report))

    def tick() -> None:
        now = clock.elapsed()
        gaps.intervals.append(float(now - last[0]))
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    started = time.monotonic()
    try:
        driver.start()
        wait(lambda: bool(done), timeout_ms)
        gaps.sync_seconds = time.monotonic() - started
    finally:
        timer.stop()
        driver.stop()
        window.close()
        wait_for_background_tasks()
        window.deleteLater()
    with Store.open(db) as store:
        gaps.stored = int(store.conn.execute("SELECT count(*) FROM messages").fetchone()[0])
    return gaps


def prepare_profile(profile: Path, server: DovecotServer, user: MailUser) -> None:
    """One account on ``server`` for ``user``, password in the (test) keyring."""
    from client.profile import secrets

    profile.mkdir(parents=True, exist_ok=True)
    with Store.open(profile / DATABASE_NAME) as store:
        store.add_account(user.email, imap_host=server.host, imap_port=server.imaps_port,
                          security="ssl", username=user.username, ca_file=str(server.ca_file))
    secrets.set_password(user.email, user.password)
