"""HTML mail in the locked-down QtWebEngine view: no script, no network, cid: images shown.

A loopback HTTP server stands in for "the internet": every test asserts it received nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from client.store.db import Store
from client.store.records import IncomingMessage
from ui.mainwindow.window import MainWindow
from ui.reader.html_content import prepare_html
from ui.reader.html_view import HtmlView

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS_HTML = REPO_ROOT / "tests" / "data" / "corpus" / "html"  # non-GPL copy
SHARED_HTML_GPL = REPO_ROOT.parent / "shared" / "corpus" / "html" / "roundcube"  # when present


def _html_corpus_files() -> list[Path]:
    files = [p for p in CORPUS_HTML.rglob("*") if p.is_file()]
    if SHARED_HTML_GPL.is_dir():
        files += [p for p in SHARED_HTML_GPL.rglob("*") if p.is_file()]
    return sorted(files)


def _canaries(base: str) -> str:
    return (
        f"<script>document.title='script-ran';new Image().src='{base}/script'</script>"
        f"<img src='{base}/img.png'><img src=x onerror=\"this.src='{base}/onerror'\">"
        f"<div style=\"background:url({base}/css)\">styled</div>"
        f"<link rel=stylesheet href='{base}/link.css'><iframe src='{base}/frame'></iframe>"
        f"<meta http-equiv=refresh content=\"0;url={base}/refresh\">"
        f"<video poster='{base}/poster'></video><object data='{base}/object'></object>"
    )


def _show(qtbot, view: HtmlView, key: str, html: str, parts=None) -> None:  # type: ignore[no-untyped-def]
    """Show the document and wait for its load (its subresources requested or refused)."""
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.show_document(key, html, parts or {})


def _page_text(qtbot, view: HtmlView) -> str:  # type: ignore[no-untyped-def]
    text: list[str] = []
    view.page().toPlainText(text.append)
    qtbot.waitUntil(lambda: bool(text))
    return text[0]


@pytest.fixture
def view(qtbot) -> HtmlView:  # type: ignore[no-untyped-def]
    widget = HtmlView()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def test_unsanitised_html_runs_no_script_and_fetches_nothing(qtbot, view: HtmlView, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    _show(qtbot, view, "raw", f"<html><head><title>mail</title></head><body>{_canaries(base)}</body></html>")
    assert view.page().title() == "mail"  # the script canary never ran
    # the picture canary was requested and refused by the interceptor, so never fetched
    qtbot.waitUntil(lambda: any(url.endswith("/img.png") for url in view.interceptor.blocked()))
    assert hits == []
    blocked = view.interceptor.blocked()
    assert all(url.startswith(base) for url in blocked)


def test_sanitised_html_keeps_text_and_shows_cid_images(qtbot, view: HtmlView, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    prepared = prepare_html(f"<p>Dear Mei</p><img src='cid:logo@x'>{_canaries(base)}", "k7")
    assert "<script" not in prepared.html and "onerror" not in prepared.html
    assert prepared.cid_refs == ["logo@x"] and f"{base}/img.png" in prepared.remote_urls
    png = (Path(__file__).resolve().parents[3] / "resources" / "icons" / "flag.svg").read_bytes()
    _show(qtbot, view, "k7", prepared.html, {"logo@x": ("image/svg+xml", png)})
    assert "k7/cid/logo@x" in view.handler.served
    text = _page_text(qtbot, view)
    assert "Dear Mei" in text and "styled" in text
    assert hits == []


def test_big_html_loads_through_the_scheme(qtbot, view: HtmlView) -> None:  # type: ignore[no-untyped-def]
    paragraph = "<p>" + "Container schedule 40'HQ Ningbo-Hamburg. " * 40 + "</p>"
    html = prepare_html(paragraph * 1500 + "<p id=end>END-OF-MAIL</p>", "big").html
    assert len(html.encode()) > 2 * 1024 * 1024  # setHtml would fail above 2 MB
    _show(qtbot, view, "big", html)
    assert _page_text(qtbot, view).rstrip().endswith("END-OF-MAIL")


def test_every_corpus_html_file_renders_without_script_or_network(qtbot, view: HtmlView, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    files = _html_corpus_files()
    assert len(files) > 20
    for number, path in enumerate(files):
        source = path.read_bytes().decode("utf-8", "replace")
        document = f"<html><head><title>t{number}</title></head><body>{source}{_canaries(base)}</body></html>"
        for key, html in ((f"raw{number}", document), (f"clean{number}", prepare_html(document, f"clean{number}").html)):
            _show(qtbot, view, key, html)
            assert view.page().title() != "script-ran", path.name
            assert view.url().scheme() == "twmail", (path.name, view.url().toString())
    assert hits == []


def _open_canary_mail(qtbot, window: MainWindow, demo_db: Path, base: str, uid_offset: int = 10) -> None:  # type: ignore[no-untyped-def]
    raw = (
        "From: Trade Show <news@fair.example>\r\nTo: mei.lin@harbor-lighting.example\r\n"
        f"Subject: HTML canary {uid_offset}\r\nDate: Thu, 26 Nov 2026 08:00:00 +0000\r\n"
        f"Message-ID: <canary{uid_offset}@fair.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        f"<p>Booth plan attached.</p>{_canaries(base)}\r\n"
    ).encode()
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(1, "inbox")
        assert inbox is not None
        uid = (inbox.uidnext or 1000) + uid_offset
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=raw)], watermark_uid=uid)
    subject = f"HTML canary {uid_offset}"
    window.load_folder()
    model = window.message_model
    qtbot.waitUntil(lambda: any(model.message(r).subject == subject  # type: ignore[union-attr]
                                for r in range(model.rowCount())))
    row = next(r for r in range(model.rowCount()) if model.message(r).subject == subject)  # type: ignore[union-attr]
    window.message_view.selectRow(row)
    qtbot.waitUntil(lambda: window.reader.html_view is not None
                    and window.reader.stack.currentWidget() is window.reader.html_view
                    and "Booth plan attached." in _page_text(qtbot, window.reader.html_view),
                    timeout=20000)


def test_reader_shows_html_mail_with_blocked_remote_notice(qtbot, window: MainWindow, demo_db: Path, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    _open_canary_mail(qtbot, window, demo_db, base)
    view = window.reader.html_view
    assert "Remote content blocked" in window.reader.notice.text()
    assert window.reader.load_remote_button.isVisibleTo(window)
    assert window.reader.trust_sender_button.text() == "Always for news@fair.example"
    assert view.page().title() != "script-ran"
    assert hits == []


def test_load_remote_content_for_this_message_lets_only_pictures_through(qtbot, window: MainWindow, demo_db: Path, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    _open_canary_mail(qtbot, window, demo_db, base)
    view = window.reader.html_view
    assert view is not None
    with qtbot.waitSignal(view.loadFinished, timeout=20000):  # its requests made or refused
        window.reader.load_remote_button.click()
    qtbot.waitUntil(lambda: "/img.png" in hits, timeout=20000)
    assert not window.reader.notice_bar.isVisibleTo(window)
    assert set(hits) <= {"/img.png", "/poster"}  # pictures only: no script, CSS, frame, refresh
    assert window.reader.html_view.page().title() != "script-ran"
    window.message_view.selectRow(0)  # another message: blocked again
    qtbot.waitUntil(lambda: window.reader.shown_id == window.message_model.message_id_at(0))


def test_always_for_this_sender_is_saved_per_address(qtbot, window: MainWindow, demo_db: Path, internet) -> None:  # type: ignore[no-untyped-def]
    from client.security.remote_content import allowed_senders

    base, hits = internet
    _open_canary_mail(qtbot, window, demo_db, base)
    window.reader.trust_sender_button.click()
    qtbot.waitUntil(lambda: "/img.png" in hits, timeout=20000)
    with Store.open(demo_db) as store:
        assert allowed_senders(store) == {"news@fair.example"}
    hits.clear()
    _open_canary_mail(qtbot, window, demo_db, base, uid_offset=11)  # a new mail, same sender
    qtbot.waitUntil(lambda: "/img.png" in hits, timeout=20000)
    assert not window.reader.notice_bar.isVisibleTo(window)


def test_oceanlink_mail_shows_its_inline_logo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in range(window.message_model.rowCount())
               if window.message_model.message(r).subject.startswith("Booking confirmation"))  # type: ignore[union-attr]
    window.message_view.selectRow(row)
    qtbot.waitUntil(lambda: window.reader.html_view is not None
                    and any("/cid/logo." in s for s in window.reader.html_view.handler.served),
                    timeout=20000)
    assert "Remote content blocked" not in window.reader.notice.text()
    assert "OceanLink" not in window.reader.attachments.text()  # the logo is inline, not listed


def test_html_parts_of_the_mime_corpus_render_without_script_or_network(qtbot, view: HtmlView, internet) -> None:  # type: ignore[no-untyped-def]
    """Every HTML body of the MIME corpus (the local copy plus the GPL folders when present), as
    the reader prepares it and also unsanitised, with canaries added: no script runs, nothing is
    fetched, no exception escapes."""
    from client.mime import parse_message
    from tests.client.mime.corpus import corpus_messages

    base, hits = internet
    shown = 0
    for name, raw in corpus_messages():
        html = parse_message(raw).html
        if not html:
            continue
        document = f"<html><head><title>m{shown}</title></head><body>{html}{_canaries(base)}</body></html>"
        for key, page in ((f"mraw{shown}", document),
                          (f"mclean{shown}", prepare_html(document, f"mclean{shown}").html)):
            _show(qtbot, view, key, page)
            assert view.page().title() != "script-ran", name
            assert view.url().scheme() == "twmail", (name, view.url().toString())
        shown += 1
    assert shown > 50
    assert hits == []
