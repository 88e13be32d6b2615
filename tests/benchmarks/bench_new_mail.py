"""Benchmark: new mail on screen (issue 17: under 1.0 s at p95 over 20 deliveries); not a test.

    .venv/bin/python -m tests.benchmarks.bench_new_mail [--deliveries 20] [--inbox 200]

As root (like the test suite): starts a throwaway loopback Dovecot and the aiosmtpd submission
server (``tests.servers.submission``, which delivers into Dovecot over LMTP before its final
250), opens the main window offscreen with its ``SyncDriver`` (IDLE on) on a fresh profile with
one account, waits for the start-up sync, then sends ``--deliveries`` messages one by one
through SMTP (implicit TLS, AUTH PLAIN) from a thread and measures from the end of DATA (the
final 250) until the message's row is in the window's list model. Prints each delivery,
p50/p95/max and the load average; exit 0 when p95 < 1.0 s. In-memory keyring; everything in
a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import smtplib
import ssl
import statistics
import tempfile
import threading
import time
from pathlib import Path

TARGET_S = 1.0


def _message(n: int, to: str) -> bytes:
    return (f"From: Hans Buyer <hans@importer.example>\r\nTo: {to}\r\n"
            f"Subject: New order {n} for LED panels\r\nMessage-ID: <newmail-{n}-{secrets.token_hex(4)}"
            f"@importer.example>\r\nDate: Wed, 2 Dec 2026 10:00:{n % 60:02d} +0000\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Please confirm order {n}.\r\n").encode()


def _percentile(values: list[float], fraction: float) -> float:
    if len(values) == 1:
        return values[0]
    return float(statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1])


def main() -> int:
    parser = argparse.ArgumentParser(description="new mail: SMTP DATA end to the row in the list")
    parser.add_argument("--deliveries", type=int, default=20)
    parser.add_argument("--inbox", type=int, default=200, help="messages already in INBOX")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    import keyring
    import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication, as in the app
    from PySide6.QtWidgets import QApplication

    from client.profile.paths import DATABASE_NAME
    from tests.servers.dovecot import DovecotServer
    from tests.servers.submission import SubmissionServer
    from tests.support.memory_keyring import MemoryKeyring
    from tests.ui.sync.sync_gaps import fill_inbox, prepare_profile, spin_until
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks
    from ui.reader.html_view import register_mail_scheme
    from ui.sync.driver import SyncDriver

    register_mail_scheme()
    keyring.set_keyring(MemoryKeyring())
    app = QApplication([])
    from ui.qt.gc_on_gui_thread import GuiThreadCollector

    GuiThreadCollector(app)  # as ui.app.main.run does
    workdir = Path(tempfile.mkdtemp(prefix="tradewind-newmail-"))
    latencies: list[float] = []
    with DovecotServer() as server:
        submission = SubmissionServer(server).start()
        try:
            user = server.add_user("rep", secrets.token_urlsafe(12))
            submission.allow(user.username, user.password)
            fill_inbox(server, user, args.inbox)
            profile = workdir / "profile"
            prepare_profile(profile, server, user)
            db = profile / DATABASE_NAME
            driver = SyncDriver(db, profile)
            window = MainWindow(db, babel_locale("en_US"), driver=driver)
            window.show()
            synced: list[object] = []
            driver.accountSynced.connect(lambda _id, report: synced.append(report))
            driver.start()
            spin_until(lambda: bool(synced) and window.message_model.rowCount() >= args.inbox, 120_000)
            context = ssl.create_default_context(cafile=str(submission.ca_file))
            with smtplib.SMTP_SSL(submission.host, submission.ssl_port, context=context,
                                  timeout=30) as smtp:
                smtp.login(user.username, user.password)
                for n in range(args.deliveries):
                    before = window.message_model.rowCount()
                    sent: list[float] = []
                    raw = _message(n, user.email)

                    def send(raw: bytes = raw, sent: list[float] = sent) -> None:
                        smtp.sendmail("hans@importer.example", [user.email], raw)
                        sent.append(time.perf_counter())  # the final 250 after DATA

                    sender = threading.Thread(target=send)
                    sender.start()
                    arrived: list[float] = []

                    def shown(before: int = before, arrived: list[float] = arrived) -> bool:
                        if not arrived and window.message_model.rowCount() > before:
                            arrived.append(time.perf_counter())
                        return bool(arrived)

                    poll = _Poller(shown)
                    spin_until(lambda a=arrived, s=sent: bool(a) and bool(s), 30_000)
                    poll.stop()
                    sender.join()
                    latency = max(0.0, arrived[0] - sent[0])
                    latencies.append(latency)
                    print(f"delivery {n + 1:2d}: {latency * 1000:7.1f} ms "
                          f"(load {os.getloadavg()[0]:.2f})", flush=True)
                    time.sleep(0.3)  # let the watcher return to IDLE, as between real deliveries
            driver.stop()
            window.close()
            wait_for_background_tasks()
        finally:
            submission.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    p50, p95 = statistics.median(latencies), _percentile(latencies, 0.95)
    verdict = "PASS" if p95 < TARGET_S else "MISS"
    print(f"new mail on screen over {len(latencies)} deliveries: p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
          f"(load {os.getloadavg()}), target p95 < {TARGET_S:.1f} s: {verdict}")
    return 0 if verdict == "PASS" else 1


class _Poller:
    """A 2 ms QTimer on the GUI thread calling ``check`` (the model changes only there)."""

    def __init__(self, check: object) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(check)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


if __name__ == "__main__":
    raise SystemExit(main())
