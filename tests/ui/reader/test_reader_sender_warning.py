"""The reader and the list show the real sender, every From address and a warning for a
suspicious one (checklist I1, I2, B4, B10); the remote-content allowance follows the real
address, not a display name that holds another one (H3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale

from client.security.remote_content import allow_sender
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from ui.models.message_list import sender_text
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane

HTML_TAIL = (
    b"Subject: Invoice\r\nMessage-ID: <s@x.example>\r\nContent-Type: text/html\r\n\r\n"
    b'<p>Pay</p><img src="https://tracker.example/p.gif">\r\n'
)
QUOTED = b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n'
COMMENT = b"From: (CEO <ceo@yourco.com>) x@evil.example\r\n"
TWO_FROM = b"From: boss@yourco.example\r\nFrom: x@evil.example\r\n"
BIDI = 'From: "Anna \u202eelpmaxe\u202c" <x@evil.example>\r\n'.encode()
CLEAN = b"From: Anna Huber <anna.huber@kunde.example>\r\n"


def _store(tmp_path: Path, head: bytes) -> tuple[Path, int]:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=head + HTML_TAIL)], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    return path, row.id


@pytest.mark.parametrize(
    ("head", "real", "spoofed"),
    [(QUOTED, "billing@kunde-invoices.example", "anna.huber@kunde.example"),
     (COMMENT, "x@evil.example", "ceo@yourco.com")],
    ids=["quoted-name", "comment"],
)
def test_remote_content_allowance_follows_the_real_address(
    tmp_path: Path, head: bytes, real: str, spoofed: str
) -> None:
    path, row = _store(tmp_path, head)
    allow_sender(path, spoofed)
    assert load_reader_content(path, row).remote_allowed is False
    allow_sender(path, real)
    assert load_reader_content(path, row).remote_allowed is True


def _shown(qtbot, tmp_path: Path, head: bytes) -> ReaderPane:  # type: ignore[no-untyped-def]
    path, row = _store(tmp_path, head)
    pane = ReaderPane(Locale.parse("en_US"))
    qtbot.addWidget(pane)
    pane.show_content(load_reader_content(path, row))
    return pane


def test_a_name_holding_an_address_is_shown_as_written_with_a_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, QUOTED)
    assert pane.from_label.text() == (
        'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>'
    )
    assert pane.notice.isVisibleTo(pane)
    assert ("The sender's name contains the address anna.huber@kunde.example, but the message "
            "is from billing@kunde-invoices.example.") in pane.notice.text()
    assert "Always for billing@kunde-invoices.example" == pane.trust_sender_button.text()


def test_a_comment_is_not_shown_as_the_sender(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, COMMENT)
    assert pane.from_label.text() == "From: x@evil.example"
    assert "ceo@yourco.com" not in pane.notice.text()


def test_every_from_address_is_shown_with_a_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, TWO_FROM)
    assert pane.from_label.text() == "From: boss@yourco.example, x@evil.example"
    assert "several senders: boss@yourco.example, x@evil.example" in pane.notice.text()


def test_bidi_controls_are_made_visible_with_a_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, BIDI)
    assert "\u202e" not in pane.from_label.text()
    assert pane.from_label.text() == "From: Anna [U+202E]elpmaxe[U+202C] <x@evil.example>"
    assert "text-direction characters (U+202E U+202C)" in pane.notice.text()


def test_a_clean_sender_has_no_sender_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, CLEAN)
    assert pane.from_label.text() == "From: Anna Huber <anna.huber@kunde.example>"
    assert "sender" not in pane.notice.text().lower()


def test_the_list_puts_the_real_address_first_for_a_suspicious_name(tmp_path: Path) -> None:
    path, row = _store(tmp_path, QUOTED)
    with Store.open(path) as store:
        message = store.get_message(row)
    assert message is not None
    label = sender_text(message)
    assert label.startswith("billing@kunde-invoices.example")
    assert "Anna Huber <anna.huber@kunde.example>" in label


def test_the_warning_is_translated(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        pane = _shown(qtbot, tmp_path, QUOTED)
        assert ("发件人名称中含有地址 anna.huber@kunde.example，但这封邮件实际来自 "
                "billing@kunde-invoices.example。") in pane.notice.text()
    finally:
        install_translators(qapp, "en")


def test_sender_without_from_is_shown_as_a_candidate(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, b"Sender: Mallory <m@evil.example>\r\n")
    assert ("This message has no From address; its Sender or Resent-From header names "
            "m@evil.example.") in pane.notice.text()
    assert pane.from_label.text() == "From: (no sender address)"


def test_one_allowed_address_beside_another_sender_does_not_open_remote_content(
    tmp_path: Path,
) -> None:
    path, row = _store(tmp_path, TWO_FROM)
    allow_sender(path, "boss@yourco.example")
    assert load_reader_content(path, row).remote_allowed is False
    allow_sender(path, "x@evil.example")
    assert load_reader_content(path, row).remote_allowed is True


def test_a_contacts_name_at_another_address_is_warned_about(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, row = _store(tmp_path, b"From: Anna Huber <billing@kunde-invoices.example>\r\n")
    with Store.open(path) as store:
        account = store.list_accounts()[0]
        sent = store.upsert_folder(account.id, FolderRecord("Sent", role="sent"))
        store.insert_messages(sent.id, [IncomingMessage(uid=1, raw=(
            b"From: rep@tradewind.example\r\nTo: Anna Huber <anna.huber@kunde.example>\r\n"
            b"Subject: Order\r\nMessage-ID: <o@tradewind.example>\r\n\r\nThanks\r\n"))], 1)
    pane = ReaderPane(Locale.parse("en_US"))
    qtbot.addWidget(pane)
    pane.show_content(load_reader_content(path, row))
    assert ("The sender's name matches your contact anna.huber@kunde.example, but the message "
            "is from billing@kunde-invoices.example.") in pane.notice.text()


def test_recipient_names_holding_addresses_are_quoted_too(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, CLEAN + b'To: "Rep <boss@yourco.example>" <rep@tradewind.example>\r\n')
    assert pane.recipients.text() == 'To: "Rep <boss@yourco.example>" <rep@tradewind.example>'
