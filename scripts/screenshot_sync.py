"""Render the main window during a real sync (progress bar visible) into
docs/screenshots/sync-progress-en.png.

Usage (as root, like the tests: it starts a throwaway loopback Dovecot):
``.venv/bin/python scripts/screenshot_sync.py [--out DIR] [--messages N]``. Without a DISPLAY it
starts its own Xvfb (``scripts/screenshots.py``). The mailbox is the demo's generated trade
mail, appended to the test server; the app syncs it through ``ui.sync`` with an in-memory
keyring, and the picture is taken once the list shows mail while the progress bar still runs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

SIZE = (1440, 870)


def mail(count: int) -> list[bytes]:
    from client.demo.expand import expand_generated
    from client.demo.spec import load_spec

    spec, out, batch = load_spec(), [], 0
    while len(out) < count:
        out += [m.raw for m in expand_generated(spec, datetime.now(UTC).date(),
                                                prefix=f"s{batch}-", inquiries=800, max_day=60)]
        batch += 1
    return out[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--messages", type=int, default=6000)
    args = parser.parse_args()
    from screenshots import start_xvfb

    xvfb = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ["TRADEWIND_LANG"] = "en_US"
    try:
        return shoot(args.out, args.messages)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def shoot(out_dir: Path, count: int) -> int:
    import keyring
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.servers.dovecot import DovecotServer
    from tests.support.memory_keyring import MemoryKeyring
    from tests.ui.sync.sync_gaps import prepare_profile
    from ui.app.main import prepare_web_engine
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.sync.driver import SyncDriver

    prepare_web_engine()
    app = QApplication([sys.argv[0]])
    app.setApplicationName("Tradewind")
    keyring.set_keyring(MemoryKeyring())
    profile = Path(tempfile.mkdtemp(prefix="tradewind-syncshot-")) / "profile"
    with DovecotServer() as server:
        user = server.add_user("li.wei", secrets.token_urlsafe(12))
        server.append_many(user, "INBOX", mail(count))
        prepare_profile(profile, server, user)
        driver = SyncDriver(profile / "tradewind.db", profile, idle_seconds=3600)
        window = MainWindow(profile / "tradewind.db", babel_locale("en_US"), driver=driver)
        window.resize(*SIZE)
        window.show()
        driver.start()
        out_dir.mkdir(parents=True, exist_ok=True)
        shot = out_dir / "sync-progress-en.png"
        for _ in range(2000):
            QTest.qWait(10)
            if window.progress.isVisible() and window.message_model.rowCount() > 50:
                QTest.qWait(60)
                if window.progress.isVisible():
                    if not window.grab().save(str(shot)):
                        print(f"could not write {shot}")
                        driver.stop()
                        return 1
                    print(f"wrote {shot}")
                    break
        else:
            print("the sync ended before the list and the progress bar were both visible")
            driver.stop()
            return 1
        driver.stop()
        window.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
