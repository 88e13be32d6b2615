"""The follow-ups window and notifier: a due reminder listed with its customer and days
waiting; Write follow-up opens a draft with the template; snooze and done; a reminder that
fell due while the app was closed is announced at the next start, marked missed."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from client.followups import records
from client.store.db import Store
from tests.client.followups.mailbox import REP, Mailbox
from ui.followups.notifier import FollowupNotifier
from ui.followups.view import FollowupsWindow


def _cache(tmp_path: Path) -> Path:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        box = Mailbox(store)
        sent = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(days=12)
        row, mid = box.mail("Hans Buyer <hans@importer.de>", REP, sent - timedelta(hours=3),
                            "Ball valves DN50",
                            body="Could you please send us your best price and delivery time "
                                 "for one hundred ball valves? We also need the payment terms.")
        box.tag(row, "web-form")
        box.mail(REP, "hans@importer.de", sent, "Re: Ball valves DN50", reply_to=mid)
    return path


def _open(qtbot, path: Path) -> FollowupsWindow:  # type: ignore[no-untyped-def]
    window = FollowupsWindow(path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    return window


def test_due_reminder_listed_and_written(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    assert window.table.rowCount() == 1
    cells = [window.table.item(0, c).text() for c in range(6)]
    assert cells[0] == "Importer" and cells[1] == "Re: Ball valves DN50"
    assert int(cells[4]) >= 5 and cells[5] == "Due"
    assert window.table.item(0, 0).font().bold()
    assert window.status.text().startswith("1 due")
    window.table.selectRow(0)
    assert window.write_button.isEnabled()
    with qtbot.waitSignal(window.openMessage) as opened:
        window.open_button.click()
    assert opened.args[0] == window.rows[0].followup.reply_row
    with qtbot.waitSignal(window.openDraft, timeout=10000) as drafted:
        window.write_button.click()
    with Store.open(path) as store:
        raw = bytes(store.conn.execute("SELECT raw FROM drafts WHERE id = ?",
                                       (drafted.args[0],)).fetchone()[0])
    assert b"Following up" in raw and b"hans@importer.de" in raw


def test_snooze_then_done(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    window.table.selectRow(0)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.snooze_three.trigger()
    assert window.table.item(0, 5).text() == "Snoozed"
    assert not window.table.item(0, 0).font().bold()
    with Store.open(path) as store:
        [found] = records.list_followups(store)
    assert found.state == "snoozed" and found.due_at > time.time()
    until = time.time() + 5 * 86400
    window.table.selectRow(0)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.snooze(until=until)  # what "Until…" does with the chosen time
    with Store.open(path) as store:
        assert records.get_followup(store, found.id).due_at == until
    window.table.selectRow(0)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.done_button.click()
    assert window.table.rowCount() == 0
    assert "No follow-ups" in window.status.text()
    with Store.open(path) as store:
        assert records.get_followup(store, found.id).state == "done"


class _Tray:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def showMessage(self, title: str, body: str, *_args: object) -> None:  # noqa: N802 - Qt's name
        self.shown.append((title, body))


def test_missed_reminder_fires_at_start_once(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    monkeypatch.setattr("PySide6.QtWidgets.QSystemTrayIcon.isSystemTrayAvailable",
                        staticmethod(lambda: True))
    tray = _Tray()
    notifier = FollowupNotifier(path, tray)
    with qtbot.waitSignal(notifier.announced, timeout=10000) as announced:
        notifier.start()
    [(row, missed)] = announced.args[0]
    assert missed and row.customer == "Importer"
    [(title, body)] = tray.shown
    assert title == "Follow up with Importer"
    assert "fell due while Tradewind was closed" in body
    notifier.timer.stop()
    notifier.check()  # announced once: nothing new the second time
    qtbot.waitUntil(lambda: not notifier._busy)
    assert len(tray.shown) == 1


def test_do_not_disturb_silences_the_notification(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    with Store.open(path) as store:
        store.set_setting("notify.do_not_disturb", True)
    monkeypatch.setattr("PySide6.QtWidgets.QSystemTrayIcon.isSystemTrayAvailable",
                        staticmethod(lambda: True))
    tray = _Tray()
    notifier = FollowupNotifier(path, tray)
    with qtbot.waitSignal(notifier.announced, timeout=10000) as announced:
        notifier.check()
    assert announced.args[1] is True and tray.shown == []
