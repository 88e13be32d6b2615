"""Variables from a stored inquiry: buyer from From, inquiry quoting, rep from the signature
directory; hostile headers from the corpus stay harmless."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.compose.text_language import script_language
from client.profile.config import Profile
from client.signatures import provision
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from client.templates import render_template
from client.templates.context import (
    buyer_from,
    context_from_message,
    country_of,
    split_name,
)
from client.templates.library import load_library
from tests.client.cli.sample_cache import Cache

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime"


def _store_messages(raws: list[bytes], account: str = "rep@example.test") -> tuple[Store, list[int]]:
    store = Store.open(Profile.resolve().database)
    acc = store.add_account(account, imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
                            smtp_port=1, security="ssl")
    inbox = store.upsert_folder(acc.id, FolderRecord("INBOX", "/", "inbox"))
    when = datetime(2026, 11, 5, tzinfo=UTC)
    added = store.insert_messages(inbox.id, [IncomingMessage(uid=i + 1, raw=raw, internaldate=when)
                                             for i, raw in enumerate(raws)], len(raws)).added
    return store, list(added)


def test_context_from_a_cached_inquiry(cache: Cache) -> None:
    store = Store.open(Profile.resolve().database)
    try:
        ctx = context_from_message(store, cache.inbox_ids[0], lang="zh")
    finally:
        store.close()
    assert ctx.buyer.name == "Li Wei" and ctx.buyer.first_name == "Li"
    assert ctx.buyer.last_name == "Wei" and ctx.buyer.email == "li.wei@supplier.example"
    assert ctx.inquiry.subject == "报价 quotation"
    assert ctx.inquiry.date is not None and ctx.inquiry.date.year == 2026
    assert "集装箱 price list" in ctx.inquiry.text
    assert "> 集装箱 price list attached soon." in ctx.inquiry.quoted_text
    assert ctx.rep["email"] == "rep@example.test"


def test_names_and_countries() -> None:
    assert split_name("Müller, Anna") == ("Anna", "Müller")
    assert split_name("  José  Luis   García ") == ("José", "García")
    assert split_name("王伟") == ("王伟", "王伟")
    assert country_of("hans@firma.de") == "DE" and country_of("x@startup.io") == ""
    assert country_of("x@example.com") == "" and country_of("not-an-address") == ""
    buyer = buyer_from("Hans Weber", "hans@firma.de", lang="de")
    assert buyer.country == "DE" and buyer.country_name == "Deutschland"


def test_script_language_of_an_inquiry() -> None:
    assert script_language("Запрос цен: светильники HL-HB-150") == "ru"
    assert script_language("طلب عرض سعر للمصابيح LED") == "ar"
    assert script_language("报价 quotation LED panel 600x600") == "zh"
    assert script_language("Consulta de precio - panel LED") is None
    assert script_language("") is None


def test_rep_comes_from_the_signature_directory(make_policy: Callable[..., Path], keys) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: Carlos Garcia <carlos@importadora.es>\r\nTo: Anna Li <anna.li@company.example>\r\n"
           b"Subject: RE: Consulta valvulas\r\nDate: Tue, 03 Nov 2026 09:00:00 +0100\r\n"
           b"Message-ID: <c1@importadora.es>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Necesitamos 500 unidades.\r\n")
    store, ids = _store_messages([raw], account="anna.li@company.example")
    try:
        provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
        ctx = context_from_message(store, ids[0], lang="zh")
    finally:
        store.close()
    assert ctx.rep["full_name"] == "李安娜" and ctx.rep["company"] == "Tradewind Trading Co., Ltd."
    assert ctx.rep["mobile_tel"] == "tel:+8613800001234"
    assert ctx.buyer.country == "ES" and ctx.inquiry.subject == "Consulta valvulas"
    mail = render_template("quotation", "es", ctx, load_library(Profile.resolve()))
    assert mail.text.startswith("Estimado/a Carlos Garcia:")


HOSTILE = (
    b"From: =?UTF-8?B?" + base64.b64encode(b"<img src=x onerror=alert(1)>") + b"?= "
    b"<x@evil.example>\r\nTo: rep@example.test\r\n"
    b"Subject: =?UTF-8?B?" + base64.b64encode(
        b"Prices\r\nBcc: victim@example.test\r\n<script>alert(2)</script>") + b"?=\r\n"
    b"Date: Tue, 03 Nov 2026 09:00:00 +0000\r\nMessage-ID: <e1@evil.example>\r\n"
    b"Content-Type: text/plain\r\n\r\n{{ rep.__class__ }} {% include 'x' %}\r\n"
)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_hostile_inquiry_stays_text(lang: str) -> None:
    """Checklist H1/O5: buyer-supplied markup is escaped in HTML; no CR/LF reaches the subject;
    template syntax in the inquiry is data, never run."""
    store, ids = _store_messages([HOSTILE])
    try:
        ctx = context_from_message(store, ids[0], lang=lang)
    finally:
        store.close()
    library = load_library(Profile.resolve())
    for name in library.names():
        mail = render_template(name, lang, ctx, library)
        assert "\r" not in mail.subject and "\n" not in mail.subject
        assert "<script" not in mail.html and "<img" not in mail.html
    follow = render_template("follow-up", lang, ctx, library)
    assert "&lt;img src=x onerror=alert(1)&gt;" in follow.html
    assert "Bcc: victim@example.test" in follow.subject  # kept as text on one line


@pytest.mark.parametrize("path", [
    "thunderbird/message-window/evil.eml",  # two From, two Subject headers
    "flanker/charset-gb2312.eml",  # raw 8-bit GB2312 in the From name
    "thunderbird/message-window/emptySubject.eml",
])
def test_corpus_messages_render_every_bundled_template(path: str) -> None:
    raw = (CORPUS / path).read_bytes()
    store, ids = _store_messages([raw])
    try:
        ctx = context_from_message(store, ids[0], lang="en")
    finally:
        store.close()
    library = load_library(Profile.resolve())
    for name in library.names():
        for lang in ("en", "zh", "ar"):
            mail = render_template(name, lang, ctx, library)
            assert mail.subject and mail.text.strip()


def test_an_html_only_inquiry_gives_its_text_to_the_template() -> None:
    """An inquiry sent as HTML only (many web forms and B2B platforms) still fills
    ``inquiry.text``: each HTML part is reduced to text, as the reply quote does."""
    raw = (b"From: Hans Weber <hans@kunde.de>\r\nTo: rep@example.test\r\n"
           b"Subject: Inquiry LED panels\r\nMessage-ID: <html-only@kunde.de>\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
           b"<p>Please quote <b>1,000 pcs</b> FOB Ningbo.</p>")
    store, ids = _store_messages([raw])
    try:
        ctx = context_from_message(store, ids[0], lang="en")
    finally:
        store.close()
    assert "Please quote 1,000 pcs FOB Ningbo." in ctx.inquiry.text
    assert "> Please quote 1,000 pcs FOB Ningbo." in ctx.inquiry.quoted_text
