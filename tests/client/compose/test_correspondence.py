"""The correspondence's language (client.compose.correspondence): detected from the message
answered (script, text, country domain), never from the UI language, and used for the reply
header, a forward's header block and the signature variant."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from client import i18n
from client.compose.actions import forward_fields, reply_fields
from client.compose.correspondence import (
    correspondence_language,
    country_language,
    quote_language_of,
)
from client.compose.headers import Recipient
from client.compose.quote_language import attribution_line
from client.compose.reply import Original, quote_text
from client.store.db import Store
from client.store.records import IncomingMessage

ENGLISH = ("Dear Anna, could you please send us your best price for 2,400 LED panels, "
           "delivered FOB Ningbo, and the lead time for the first order?")
GERMAN = ("Sehr geehrte Frau Li, bitte senden Sie uns Ihr Angebot für 2.400 LED-Panels "
          "mit Lieferzeit und Zahlungsbedingungen.")
SPANISH = ("Estimada Anna, le agradecería que nos enviara su mejor precio para los paneles "
           "LED y el plazo de entrega.")


def test_the_text_decides_before_the_country_domain() -> None:
    assert correspondence_language(ENGLISH, "wang.wei@importer.cn") == "en"
    assert correspondence_language(GERMAN, "buyer@importer.com") == "de"
    assert correspondence_language(SPANISH, "compras@importadora.mx") == "es"
    assert correspondence_language("请报价：LED 面板 2400 片，FOB 宁波", "a@b.com") == "zh"
    assert correspondence_language("見積もりをお願いします", "a@b.com") == "ja"
    assert correspondence_language("Пожалуйста, пришлите прайс-лист", "a@b.com") == "ru"


def test_a_short_text_falls_back_to_the_country_domain_then_english() -> None:
    assert correspondence_language("Danke!", "hans@kraemer-licht.de") == "de"
    assert correspondence_language("OK", "x@importadora.es") == "es"
    assert correspondence_language("OK", "x@example.com") == "en"
    assert country_language("x@startup.io") is None  # a generic ccTLD says nothing
    assert quote_language_of("ja") == "en" and quote_language_of("zh_CN") == "zh"


def test_the_german_reply_header() -> None:
    moment = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    assert attribution_line("Hans", moment, "de", UTC) == "Am 27.11.2026, 13:05 schrieb Hans:"
    assert attribution_line("Hans", moment, "ja", UTC).startswith("On Nov 27, 2026")


def _insert(db: Path, raw: bytes, message_id: str) -> int:
    with Store.open(db) as store:
        account = store.add_account("anna@company.example", imap_host="h", smtp_host="h")
        store.upsert_folder(account.id, _inbox())
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], 1)
        row = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                 (message_id,)).fetchone()
        return int(row[0])


def _inbox():  # type: ignore[no-untyped-def]
    from client.store.records import FolderRecord

    return FolderRecord(name="INBOX", delimiter="/", role="inbox")


def test_a_reply_to_an_english_buyer_in_the_chinese_ui_starts_on_wrote(tmp_path: Path) -> None:
    raw = ("From: Wang Wei <wang.wei@importer.cn>\r\nTo: anna@company.example\r\n"
           "Subject: LED panels\r\nDate: Fri, 27 Nov 2026 14:05:00 +0800\r\n"
           "Message-ID: <en1@importer.cn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           + ENGLISH + "\r\n").encode()
    db = tmp_path / "t.db"
    row = _insert(db, raw, "en1@importer.cn")
    i18n.set_language("zh_CN")
    try:
        with Store.open(db) as store:
            fields = reply_fields(store, row, language=None)
            forward = forward_fields(store, row, language=None)
    finally:
        i18n.set_language("en")
    assert fields.language == "en"
    assert fields.quote_text is not None and fields.quote_text.startswith("On ")
    assert "wrote:" in fields.quote_text.splitlines()[0] and "写道" not in fields.quote_text
    assert forward.quote_text is not None
    assert forward.quote_text.startswith("---------- Forwarded message")


def test_an_explicit_language_still_wins() -> None:
    original = Original(sender=(Recipient("Hans", "hans@firma.de"),), to=(), cc=(),
                        reply_to=(), subject="x", date=None, message_id=None, references=(),
                        text=GERMAN)
    assert quote_text(original, "zh").startswith("Hans <hans@firma.de> 写道：")
    assert quote_text(original, "de").startswith("Hans <hans@firma.de> schrieb:")
