"""Clicking links in the reader (checklist H5, H8): the dialog names the real host (punycode
when it deceives), warns about text vs target and user-info, opens exactly what it showed, and
a mailto: link opens Tradewind's composer, never the system's mail handler."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QLabel, QMessageBox

from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks
from ui.reader.content import build_content, row_from_headers
from ui.reader.pane import ReaderPane


def _mail(html: str) -> bytes:
    return (
        "From: Shipping <notice@shipper.example>\r\nTo: mei.lin@harbor-lighting.example\r\n"
        "Subject: Links\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"{html}\r\n"
    ).encode()


class _Answers:
    """Stands in for the dialog's exec(): records each box and answers ``answer``."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.boxes: list[dict[str, Any]] = []

    def __call__(self, box: QMessageBox) -> int:
        labels = box.findChildren(QLabel)
        self.boxes.append({
            "text": box.text(), "info": box.informativeText(),
            "default": box.defaultButton() and box.standardButton(box.defaultButton()),
            "plain": all(label.textFormat().name == "PlainText" for label in labels if label.text()),
        })
        return self.answer.value


def _pane(qtbot, html: str) -> tuple[ReaderPane, list[str], list[QUrl]]:  # type: ignore[no-untyped-def]
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    raw = _mail(html)
    content = build_content(row_from_headers(raw), raw, False, "links1")
    opened: list[QUrl] = []
    mailtos: list[str] = []
    pane.open_external = opened.append
    pane.mailtoRequested.connect(mailtos.append)
    pane.show_content(content)
    assert content.html is not None
    hrefs = re.findall(r'<a href="([^"]+)"', content.html.html)
    return pane, hrefs, opened  # type: ignore[return-value]


def _click(pane: ReaderPane, href: str) -> None:
    """What the locked page does for a click: report it (and never follow it)."""
    accepted = pane.html_view.locked_page.acceptNavigationRequest(
        QUrl(href), QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True)
    assert accepted is False


def test_text_that_shows_another_site_warns_and_defaults_to_no(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, hrefs, opened = _pane(
        qtbot, "<a href='https://bank.example.evil.example/login'>https://bank.example</a>")
    answers = _Answers(QMessageBox.StandardButton.No)
    pane.ask_link = answers
    _click(pane, hrefs[0])
    (box,) = answers.boxes
    assert "Site: bank.example.evil.example" in box["text"]
    assert "shows “bank.example”" in box["info"]
    assert box["default"] == QMessageBox.StandardButton.No and box["plain"]
    assert opened == []
    answers.answer = QMessageBox.StandardButton.Yes
    _click(pane, hrefs[0])
    assert [u.toString() for u in opened] == ["https://bank.example.evil.example/login"]


def test_mixed_script_host_is_shown_and_opened_in_punycode(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, hrefs, opened = _pane(qtbot, "<a href='https://pаypal.com/signin'>Sign in</a>")
    answers = _Answers(QMessageBox.StandardButton.Yes)
    pane.ask_link = answers
    _click(pane, hrefs[0])
    assert "Site: xn--pypal-4ve.com" in answers.boxes[0]["text"]
    assert "different alphabets" in answers.boxes[0]["info"]
    assert [u.toString(QUrl.ComponentFormattingOption.FullyEncoded) for u in opened] == [
        "https://xn--pypal-4ve.com/signin"]


def test_user_info_link_names_the_real_site(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, hrefs, opened = _pane(qtbot, "<a href='https://bank.example@evil.example/'>Bank</a>")
    answers = _Answers(QMessageBox.StandardButton.No)
    pane.ask_link = answers
    _click(pane, hrefs[0])
    assert "Site: evil.example" in answers.boxes[0]["text"]
    assert "“bank.example@”" in answers.boxes[0]["info"]


def test_link_without_a_web_address_is_not_opened(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, hrefs, opened = _pane(qtbot, "<a href='relative/invoice.exe'>invoice</a>")
    answers = _Answers(QMessageBox.StandardButton.Yes)
    pane.ask_link = answers
    _click(pane, hrefs[0])
    assert answers.boxes[0]["text"] == "This link was not opened." and opened == []


def test_plain_text_links_are_checked_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    answers = _Answers(QMessageBox.StandardButton.No)
    pane.ask_link = answers
    pane.body.anchorClicked.emit(QUrl("https://xn--pypal-4ve.com/"))
    assert "Site: xn--pypal-4ve.com" in answers.boxes[0]["text"]


def test_mailto_link_goes_to_our_composer_not_the_system(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    raw = _mail("<a href='mailto:sales@harbor.example?attach=/etc/passwd'>sales@harbor.example</a>")
    content = build_content(row_from_headers(raw), raw, False, "links2")
    mailtos: list[str] = []
    opened: list[QUrl] = []
    pane.open_external = opened.append
    pane.mailtoRequested.connect(mailtos.append)
    pane.show_content(content)
    assert content.html is not None
    (href,) = re.findall(r'<a href="([^"]+)"', content.html.html)
    _click(pane, href)
    assert mailtos == ["mailto:sales@harbor.example?attach=/etc/passwd"] and opened == []


def test_mailto_opens_a_prefilled_composer_that_shows_what_was_refused(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    href = ("mailto:buyer@customer.example?cc=boss@customer.example&bcc=spy@evil.example"
            "&subject=Order%207781%0D%0ABcc:%20x@evil.example&body=Please%20confirm%0D%0AThanks"
            "&attach=~/.ssh/id_rsa&attachment=C:%5CUsers%5Cmei%5Ccontract.pdf&from=ceo@harbor.example"
            "&in-reply-to=%3Corder7781@customer.example%3E")
    before = len(window.compose.composers)
    window.reader.mailtoRequested.emit(href)
    assert len(window.compose.composers) == before + 1
    composer = window.compose.composers[-1]
    qtbot.waitUntil(lambda: composer.is_ready and composer.to_field.text() != "", timeout=20000)
    assert composer.to_field.text() == "buyer@customer.example"
    assert composer.cc_field.text() == "boss@customer.example"
    assert composer.bcc_field.text() == "spy@evil.example" and composer.bcc_field.isVisibleTo(composer)
    assert composer.subject_field.text() == "Order 7781 Bcc: x@evil.example"
    assert composer.editor.toPlainText() == "Please confirm\nThanks"
    assert composer.attachments == []
    fields = composer.fields()
    assert fields.in_reply_to == "order7781@customer.example" and fields.attachments == ()
    notice = composer.mailto_notice.text()
    assert "attach=~/.ssh/id_rsa" in notice and "contract.pdf" in notice and "from=ceo" in notice
    assert "Line breaks were removed from “subject”" in notice
    assert composer.mailto_notice.textFormat().name == "PlainText"
    assert not composer.sent
    composer.close()
    wait_for_background_tasks()


def test_hovering_a_link_shows_its_real_destination(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, hrefs, _opened = _pane(
        qtbot, "<a href='https://pаypal.com/signin'>https://paypal.com</a><p>text</p>")
    pane.show()
    page = pane.html_view.locked_page
    page.linkHovered.emit(hrefs[0])
    hint = pane.link_hint
    assert hint.isVisibleTo(pane) and hint.textFormat().name == "PlainText"
    assert "xn--pypal-4ve.com" in hint.text() and "twmail" not in hint.text()
    page.linkHovered.emit("")
    assert not hint.isVisibleTo(pane)
    pane.body.highlighted.emit(QUrl("https://www.harbor.example/x"))
    assert "www.harbor.example" in hint.text()


def test_a_hidden_copy_asked_for_by_a_mailto_link_is_pointed_out(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # the Bcc field is visible, but a rep writing to the address of the link does not expect
    # the link to have added a hidden recipient
    window.reader.mailtoRequested.emit("mailto:accounts@buyer.example?bcc=collect@evil.example")
    composer = window.compose.composers[-1]
    qtbot.waitUntil(lambda: composer.is_ready and composer.bcc_field.text() != "", timeout=20000)
    assert composer.bcc_field.text() == "collect@evil.example"
    notice = composer.mailto_notice
    qtbot.waitUntil(lambda: notice.isVisibleTo(composer), timeout=5000)
    assert notice.textFormat().name == "PlainText"
    assert "hidden copy" in notice.text() and "collect@evil.example" in notice.text()
    composer.close()
    wait_for_background_tasks()
