"""What the OS hands to the app opens safely: mailto: in our composer (attack parameters
refused), an .eml in a read-only reader window without importing it, an .ics as the
invitation card (answered through the outbox, added to the calendar), a bad file as words;
macOS's QFileOpenEvent takes the same path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from client.store.db import Store
from tests.ui.reader.test_html_reader import _page_text
from ui.app.open_targets import FileOpenFilter, open_target
from ui.qt.tasks import wait_for_background_tasks

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
    before = len(window.compose.composers)
    open_target(window, "mailto:buyer@customer.example?subject=Quote&body=Hello"
                        "&attach=/etc/passwd&from=ceo@harbor.example")
    assert len(window.compose.composers) == before + 1
    composer = window.compose.composers[-1]
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


INVITE = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
          b"BEGIN:VEVENT\r\nUID:invite-7@harbor.example\r\nSEQUENCE:0\r\n"
          b"DTSTAMP:20261201T080000Z\r\nSUMMARY:Factory audit call\r\n"
          b"DTSTART:20261210T080000Z\r\nDTEND:20261210T090000Z\r\n"
          b"ORGANIZER;CN=Zhang San:mailto:zhang@harbor.example\r\n"
          b"ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION:mailto:REP\r\n"
          b"END:VEVENT\r\nEND:VCALENDAR\r\n")


def _calendar_window(qtbot, window, tmp_path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "invite.ics"
    path.write_bytes(data)
    open_target(window, str(path))
    qtbot.waitUntil(lambda: bool(_top("calendarFileWindow")), timeout=20000)
    [viewer] = _top("calendarFileWindow")
    return viewer


def test_ics_opens_the_invitation_card_and_adds_it(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    viewer = _calendar_window(qtbot, window, tmp_path, ICS)
    card = viewer.card
    assert "call.ics" not in viewer.windowTitle() and "invite.ics" in viewer.windowTitle()
    assert card.title.text() == "Invitation: Container booking call"
    assert "ops@harbor.example" in card.organizer.text()
    assert card.add_button.isVisible()
    with Store.open(window.db_path) as store:  # the demo profile has calendar entries
        before = {r[0] for r in store.conn.execute("SELECT uid FROM calendar_events")}
    card.add_button.click()
    qtbot.waitUntil(lambda: card.result.text() == "Added to your calendar.", timeout=20000)
    with Store.open(window.db_path) as store:
        [uid] = [r[0] for r in store.conn.execute("SELECT uid FROM calendar_events")
                 if r[0] not in before]
    assert uid == "2@harbor.example"
    viewer.close()


def test_an_invitation_file_is_answered_through_the_outbox(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(window.db_path) as store:
        rep = store.list_accounts()[0].email
    viewer = _calendar_window(qtbot, window, tmp_path, INVITE.replace(b"REP", rep.encode()))
    card = viewer.card
    assert card.buttons["accept"].isVisible() and card.buttons["decline"].isVisible()
    card.buttons["accept"].click()
    qtbot.waitUntil(lambda: "outbox" in card.result.text(), timeout=20000)
    with Store.open(window.db_path) as store:
        [raw] = [r[0] for r in store.conn.execute(
            "SELECT raw FROM outbox WHERE subject LIKE '%Factory audit call%'")]
    import email

    [ical] = {part.get_payload(decode=True) for part in email.message_from_bytes(raw).walk()
              if part.get_content_type() == "text/calendar"}
    assert b"METHOD:REPLY" in ical and b"PARTSTAT=ACCEPTED" in ical
    assert b"UID:invite-7@harbor.example" in ical and b"zhang@harbor.example" in raw
    viewer.close()


def test_a_calendar_of_several_events_lists_them(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    two = ICS.replace(b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:3@harbor.example\r\n"
                      b"SUMMARY:Loading check\r\nDTSTART:20261205T070000Z\r\n"
                      b"DTEND:20261205T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
    viewer = _calendar_window(qtbot, window, tmp_path, two)
    [listing] = [w for w in viewer.findChildren(QLabel) if w.objectName() == "calendarFileEvents"]
    assert "Container booking call" in listing.text() and "Loading check" in listing.text()
    assert listing.textFormat().name == "PlainText"
    viewer.close()


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
    """ui.app.main's wiring: the hand-over server feeds open_target on the current window."""
    import os
    import subprocess
    import sys
    from types import SimpleNamespace

    from ui.app.main import _listen_for_targets, _stop_listening

    profile = tmp_path / "running"
    profile.mkdir()
    listeners = _listen_for_targets(qapp, SimpleNamespace(window=window), profile)
    path = tmp_path / "handed.eml"
    path.write_bytes(EML.replace(b"Sample order 4471", b"Handed over 4472"))
    root = Path(__file__).resolve().parents[3]
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

    import ui.reader.html_view
    from ui.app.main import run

    # run() ends by deleting every WebEngine page of the process (right at an app's exit);
    # here the pages of other tests' readers must live on.
    monkeypatch.setattr(ui.reader.html_view, "release_locked_profile", lambda: None)

    path = tmp_path / "launch.ics"
    path.write_bytes(ICS)
    seen: list[str] = []

    def close_when_shown() -> None:
        boxes = _top("calendarFileWindow")
        if boxes:
            seen.append(boxes[0].card.title.text())
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


def test_eml_is_imported_only_when_asked(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "order.eml"
    path.write_bytes(EML)
    open_target(window, str(path))
    qtbot.waitUntil(lambda: bool(_top("messageFileWindow")), timeout=20000)
    [viewer] = _top("messageFileWindow")
    offered: list[list[str]] = []

    def choose(names: list[str]) -> str:
        offered.append(names)
        return next(n for n in names if n.endswith("— INBOX"))

    viewer.ask_import_folder = choose
    viewer.import_action.trigger()
    qtbot.waitUntil(lambda: "imported into INBOX" in viewer.windowTitle(), timeout=20000)
    assert offered and offered[0][0].endswith("— INBOX")  # the Inbox first
    assert "uploaded at the next sync" in viewer.statusBar().currentMessage()
    with Store.open(window.db_path) as store:
        [(uid, folder, body)] = store.conn.execute(
            "SELECT m.uid, f.name, b.raw FROM messages m JOIN folders f ON f.id = m.folder_id "
            "JOIN bodies b ON b.message_id = m.id WHERE m.message_id = 'order4471@harbor.example'")
        [kind] = [r[0] for r in store.conn.execute(
            "SELECT kind FROM pending_ops WHERE state = 'pending' AND message_row = "
            "(SELECT id FROM messages WHERE message_id = 'order4471@harbor.example')")]
    assert (uid, folder, body, kind) == (None, "INBOX", EML, "move")
    viewer.close()
