"""What the OS hands to the app opens safely: mailto: in our composer (attack parameters
refused), an .eml in a read-only reader window without importing it, an .ics as a plain
summary, a bad file as words; macOS's QFileOpenEvent takes the same path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from client.store.db import Store
from tests.ui.test_html_reader import _page_text
from ui.open_targets import FileOpenFilter, open_target
from ui.tasks import wait_for_background_tasks

EML = (b"From: Zhang San <zhang@harbor.example>\r\nTo: rep@tradewind.example\r\n"
       b"Subject: Sample order 4471\r\nMessage-ID: <order4471@harbor.example>\r\n"
       b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease ship the samples by DHL.\r\n")
ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
       b"UID:2@harbor.example\r\nSUMMARY:Container booking call\r\n"
       b"DTSTART:20261204T070000Z\r\nDTEND:20261204T073000Z\r\n"
       b"ORGANIZER:mailto:ops@harbor.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _top(name: str) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def test_mailto_opens_a_filled_composer_without_the_attachment(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    before = len(window.composers)
    open_target(window, "mailto:buyer@customer.example?subject=Quote&body=Hello"
                        "&attach=/etc/passwd&from=ceo@harbor.example")
    assert len(window.composers) == before + 1
    composer = window.composers[-1]
    qtbot.waitUntil(lambda: composer.is_ready and composer.to_field.text() != "", timeout=20000)
    assert composer.subject_field.text() == "Quote"
    assert composer.editor.toPlainText() == "Hello" and composer.attachments == []
    assert "attach=/etc/passwd" in composer.mailto_notice.text()
    composer.close()
    wait_for_background_tasks()


def test_eml_opens_read_only_and_is_not_imported(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "order.eml"
    path.write_bytes(EML)
    with Store.open(window.db_path) as store:
        count = store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    open_target(window, str(path))
    qtbot.waitUntil(lambda: bool(_top("messageFileWindow")), timeout=20000)
    [viewer] = _top("messageFileWindow")
    assert "Sample order 4471" in viewer.windowTitle() and "not imported" in viewer.windowTitle()
    assert "Please ship the samples by DHL." in viewer.reader.body.toPlainText()
    with Store.open(window.db_path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == count
    viewer.close()


def test_ics_shows_the_events_summary(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.ics"
    path.write_bytes(ICS)
    open_target(window, str(path))
    qtbot.waitUntil(lambda: bool(_top("calendarSummary")), timeout=20000)
    [box] = _top("calendarSummary")
    text = box.text()
    assert "Container booking call" in text and "2026-12-04T07:00:00+00:00" in text
    assert "ops@harbor.example" in text and "once meetings are installed" in text
    assert box.textFormat().name == "PlainText"
    box.close()


def test_a_broken_file_is_explained(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.ics"
    path.write_bytes(b"<html>not a calendar</html>")
    open_target(window, str(path))
    qtbot.waitUntil(lambda: bool(_top("openProblem")), timeout=20000)
    [box] = _top("openProblem")
    assert "calendar" in box.text() and box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_macos_file_open_events_are_forwarded(qtbot) -> None:  # type: ignore[no-untyped-def]
    opener = FileOpenFilter()
    got: list[str] = []
    opener.requested.connect(got.append)
    assert opener.eventFilter(opener, QFileOpenEvent(QUrl("mailto:a@harbor.example?subject=x")))
    assert opener.eventFilter(opener, QFileOpenEvent("/Users/mei/Downloads/order.eml"))
    assert got == ["mailto:a@harbor.example?subject=x", "/Users/mei/Downloads/order.eml"]


def test_the_running_app_opens_what_a_second_launch_hands_over(qtbot, qapp, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ui.app's wiring: the hand-over server feeds open_target on the current window."""
    import os
    import subprocess
    import sys
    from types import SimpleNamespace

    from ui.app import _listen_for_targets, _stop_listening

    profile = tmp_path / "running"
    profile.mkdir()
    listeners = _listen_for_targets(qapp, SimpleNamespace(window=window), profile)
    path = tmp_path / "handed.eml"
    path.write_bytes(EML.replace(b"Sample order 4471", b"Handed over 4472"))
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    second = subprocess.Popen([sys.executable, "-m", "client.cli", "--profile", str(profile),
                               str(path)], cwd=root, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: any("Handed over 4472" in w.windowTitle()
                                    for w in _top("messageFileWindow")), timeout=60000)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
        assert second.returncode == 0, second.communicate()[1]
    finally:
        if second.poll() is None:
            second.kill()
        second.communicate()
        _stop_listening(qapp, listeners)
    for viewer in _top("messageFileWindow"):
        viewer.close()


@pytest.mark.full_app
def test_targets_given_at_launch_open_with_the_window(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    import ui.html_view
    from ui.app import run

    # run() ends by deleting every WebEngine page of the process (right at an app's exit);
    # here the pages of other tests' readers must live on.
    monkeypatch.setattr(ui.html_view, "release_locked_profile", lambda: None)

    path = tmp_path / "launch.ics"
    path.write_bytes(ICS)
    seen: list[str] = []

    def close_when_shown() -> None:
        boxes = _top("calendarSummary")
        if boxes:
            seen.append(boxes[0].text())
            for widget in QApplication.topLevelWidgets():
                widget.close()
        else:
            QTimer.singleShot(20, close_when_shown)

    QTimer.singleShot(20, close_when_shown)
    assert run(["--demo", "--profile", str(tmp_path / "demo"), "--open", str(path)]) == 0
    assert seen and "Container booking call" in seen[0]


def test_an_eml_file_loads_no_remote_content(qtbot, window, internet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Checklist H3: the .eml viewer blocks remote pictures like the reader does."""
    base, hits = internet
    raw = ("From: Buyer <buyer@attacker.example>\r\nTo: rep@tradewind.example\r\n"
           "Subject: Tracking pixel\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n"
           f"<p>VISIBLE-TEXT-9931</p><img src='{base}/pixel.gif'>"
           f"<div style=\"background:url({base}/css)\">x</div>\r\n").encode()
    path = tmp_path / "pixel.eml"
    path.write_bytes(raw)
    open_target(window, str(path))
    qtbot.waitUntil(lambda: any("Tracking pixel" in w.windowTitle()
                                for w in _top("messageFileWindow")), timeout=20000)
    [viewer] = [w for w in _top("messageFileWindow") if "Tracking pixel" in w.windowTitle()]
    view = viewer.reader.html_view
    assert view is not None
    qtbot.waitUntil(lambda: "VISIBLE-TEXT-9931" in _page_text(qtbot, view), timeout=20000)
    # the page's load is over (its pictures requested or refused), not a fixed 300 ms
    qtbot.waitUntil(lambda: not view.page().isLoading(), timeout=20000)
    assert hits == []
    assert "Remote content blocked" in viewer.reader.notice.text()
    viewer.close()
