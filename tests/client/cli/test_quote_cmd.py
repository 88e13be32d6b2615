"""`tradewind products`, `quote` and `quotes` in process: JSON shapes, drafts with the PDF,
bad input exits 2 in words and changes nothing, a failed PDF leaves no draft."""

from __future__ import annotations

import email
import re
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email import policy as email_policy
from pathlib import Path

import pytest

from client.compose.drafts import draft_raw
from client.profile.config import Profile
from client.quotes import pdf as quote_pdf
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult

DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"
INQUIRY = (
    "From: Hans Müller <hans.mueller@armaturen.de>\r\nTo: Rep <rep@example.test>\r\n"
    "Subject: Anfrage Kugelhähne DN50\r\nDate: Tue, 01 Dec 2026 09:00:00 +0100\r\n"
    "Message-ID: <inq-1@armaturen.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Bitte um Angebot für 1000 Kugelhähne DN50.\r\n").encode()


@pytest.fixture
def inquiry(tmp_path: Path, cli: Callable[..., CliResult]) -> int:
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(
            uid=1, raw=INQUIRY, internaldate=datetime(2026, 12, 1, tzinfo=UTC))], 1)
        row = store.conn.execute("SELECT id FROM messages WHERE message_id = 'inq-1@armaturen.de'"
                                 ).fetchone()
    finally:
        store.close()
    result = cli("products", "import", str(shutil.copy(DATA / "pricelist.csv",
                                                         tmp_path / "p.csv")), "--json")
    assert result.code == 0, result.err
    return int(row[0])


def _counts() -> tuple[int, int, int]:
    with Store.open(Profile.resolve().database) as store:
        return tuple(int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                     for t in ("drafts", "outbox", "quotes"))  # type: ignore[return-value]


def _quote(cli: Callable[..., CliResult], row: int, *extra: str) -> CliResult:
    return cli("quote", str(row), "--template", "quotation", "--currency", "EUR",
               "--incoterm", "FOB", "--place", "Ningbo", *extra, "--json")


def test_products_import_and_list(cli: Callable[..., CliResult], inquiry: int) -> None:
    listing = cli("products", "list", "--json").json()["products"]
    assert [p["sku"] for p in listing] == ["NB-P300", "NB-S200", "NB-V100"]
    assert listing[2]["prices"] == {"EUR": "11.20", "USD": "12.50"}
    text = cli("products", "list")
    assert "NB-V100" in text.out and "EUR 11.20 USD 12.50" in text.out


def test_products_import_refuses_bad_rows_with_their_numbers(
        cli: Callable[..., CliResult], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,price_USD\nA-1,Valve,abc\n,Seal,1\n", encoding="utf-8")
    result = cli("products", "import", str(bad), "--json")
    assert result.code == 2
    assert "row 2: The USD price 'abc' is not a number." in result.err
    assert result.json()["error"]["problems"] == [
        {"row": 2, "message": "The USD price 'abc' is not a number."},
        {"row": 3, "message": "the SKU is empty."}]
    assert cli("products", "list", "--json").json()["products"] == []


def test_quote_saves_a_reply_draft_with_the_pdf(cli: Callable[..., CliResult], inquiry: int,
                                                tmp_path: Path) -> None:
    result = _quote(cli, inquiry, "--lang", "de", "--item", "NB-V100;1000",
                    "--item", "Flansch;DN50 PN16;200;Stk;3,20", "--payment",
                    "30% T/T in advance, 70% against B/L copy", "--valid-days", "30",
                    "--lead-time", "25 days", "--pdf", "--save-pdf", str(tmp_path / "q.pdf"))
    assert result.code == 0, result.err
    doc = result.json()
    year = date.today().year
    assert doc["number"] == f"Q-{year}-0001" and doc["state"] == "draft"
    assert (doc["currency"], doc["total"]) == ("EUR", "11840.00")
    assert doc["total_formatted"] == "11.840,00\u00a0€"
    assert doc["valid_until"] == (date.today() + timedelta(days=30)).isoformat()
    assert doc["draft_id"] and doc["outbox_id"] is None
    assert doc["pdf"] == f"Quotation-Q-{year}-0001.pdf"
    assert [i["sku"] for i in doc["items"]] == ["NB-V100", ""]
    assert doc["items"][0]["product"] == "Kugelhahn DN50"  # the German name from the list
    with Store.open(Profile.resolve().database) as store:
        raw = draft_raw(store, doc["draft_id"])
    msg = email.message_from_bytes(raw, policy=email_policy.default)
    assert msg["In-Reply-To"] == "<inq-1@armaturen.de>"
    assert msg["To"] == "Hans Müller <hans.mueller@armaturen.de>"
    assert doc["number"] in str(msg["Subject"])
    text = msg.get_body(("plain",))
    assert text is not None
    body = str(text.get_content())
    assert "11.840,00" in body and "> Bitte um Angebot" in body
    [attached] = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert attached.get_filename() == doc["pdf"]
    assert (tmp_path / "q.pdf").read_bytes() == attached.get_content()
    listing = cli("quotes", "--json").json()["quotes"]
    assert [(q["number"], q["state"]) for q in listing] == [(doc["number"], "draft")]
    assert cli("quotes", "mark", doc["number"], "won", "--json").json()["state"] == "won"
    assert cli("quotes", "--state", "won", "--json").json()["quotes"][0]["number"] == doc["number"]
    assert cli("quotes", "--state", "sent", "--json").json() == {"quotes": []}


@pytest.mark.parametrize(("args", "words"), [
    (("--item", "NB-V100"), "must be SKU;QTY or PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"),
    (("--item", "NB-V100;0"), "must be greater than zero"),
    (("--item", "NB-V100;-5"), "must be greater than zero"),
    (("--item", "NB-V100;ten"), "is not a number"),
    (("--item", "NOPE-1;10"), "no product 'NOPE-1'"),
    (("--item", "Valve;;10;pcs;abc"), "the unit price 'abc' is not a number"),
    (("--item", "NB-V100;10", "--currency", "EURO"), "not a currency code"),
    (("--item", "NB-V100;10", "--currency", "JPY"), "no JPY price for NB-V100"),
    (("--item", "NB-V100;10", "--incoterm", "FOO"), "not an Incoterms 2020 rule"),
    (("--item", "NB-V100;10", "--valid-days", "0"), "validity must be 1 to"),
    (("--item", "NB-V100;10", "--template", "no-such-template"), "no-such-template"),
    (("--item", "NB-V100;10", "--lang", "ja"), "has no 'ja' variant"),
    ((), "at least one --item"),
])
def test_bad_input_exits_2_in_words_and_changes_nothing(
        cli: Callable[..., CliResult], inquiry: int, args: tuple[str, ...], words: str) -> None:
    result = _quote(cli, inquiry, *args)
    assert result.code == 2, (result.code, result.err)
    assert words in result.err
    assert "Traceback" not in result.err
    assert result.json()["error"]["code"] == 2
    assert _counts() == (0, 0, 0)
    # bad input never uses up a number
    good = _quote(cli, inquiry, "--item", "NB-V100;1")
    assert good.json()["number"].endswith("-0001")


def test_unknown_message_and_bad_id(cli: Callable[..., CliResult], inquiry: int) -> None:
    assert _quote(cli, 9999, "--item", "NB-V100;1").code == 6
    result = cli("quote", "abc", "--template", "quotation", "--currency", "EUR",
                 "--item", "NB-V100;1")
    assert result.code == 2 and "not a message id" in result.err
    assert cli("quotes", "show", "Q-1999-0001").code == 6
    assert cli("quotes", "mark", "Q-1999-0001").code == 2


def test_a_failed_pdf_leaves_no_draft_and_burns_its_number(
        cli: Callable[..., CliResult], inquiry: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: object) -> bytes:
        raise quote_pdf.QuotePdfError("The PDF could not be written: disk says no")

    with monkeypatch.context() as patch:
        patch.setattr(quote_pdf, "render_pdf", broken)
        result = _quote(cli, inquiry, "--item", "NB-V100;10", "--pdf", "--send", "--queue-only")
    assert result.code == 1 and "disk says no" in result.err
    assert "Traceback" not in result.err
    assert _counts() == (0, 0, 0)
    again = _quote(cli, inquiry, "--item", "NB-V100;10")
    assert again.json()["number"].endswith("-0002")  # -0001 was burnt, never reused


def test_a_draft_sent_later_marks_the_quote_sent(cli: Callable[..., CliResult],
                                                 inquiry: int) -> None:
    doc = _quote(cli, inquiry, "--item", "NB-V100;10", "--pdf").json()
    sent = cli("drafts", "send", str(doc["draft_id"]), "--queue-only")
    assert sent.code == 0, sent.err
    with Store.open(Profile.resolve().database) as store:
        box = Outbox(store)
        [item] = box.items()
        assert item.message_id != doc["message_id"]
        assert cli("quotes", "--json").json()["quotes"][0]["state"] == "draft"
        claim = box.claim(item)
        assert claim is not None
        box.hand_over(claim)
        box.mark_sent(claim)
    shown = cli("quotes", "show", doc["number"], "--json").json()
    assert shown["state"] == "sent" and shown["message_id"] == item.message_id


def test_text_output_in_the_buyers_locale(cli: Callable[..., CliResult], inquiry: int) -> None:
    # no --lang: the buyer writes from a .de address, so German template and de_DE amounts
    result = cli("quote", str(inquiry), "--template", "quotation", "--currency", "USD",
                 "--item", "NB-P300;2")
    assert result.code == 0, result.err
    assert re.search("Quote Q-\\d{4}-0001: USD 2500\\.00 \\(2\\.500,00\u00a0\\$\\), valid until "
                     r"\d{4}-\d\d-\d\d, saved as draft \d+\.", result.out), result.out


def test_number_pattern(cli: Callable[..., CliResult], inquiry: int) -> None:
    assert cli("quotes", "pattern", "--json").json() == {"pattern": "Q-{yyyy}-{seq:04}",
                                                         "rep": None}
    bad = cli("quotes", "pattern", "Q-{yyyy}")
    assert bad.code == 2 and "{seq}" in bad.err
    assert cli("quotes", "pattern", "NB{yy}-{seq:03}", "--rep", "Rep@example.test").code == 0
    doc = _quote(cli, inquiry, "--item", "NB-V100;1").json()
    assert doc["number"] == f"NB{date.today().year % 100:02d}-001"


def test_text_the_pdf_cannot_show_exits_2_and_saves_nothing(cli: Callable[..., CliResult],
                                                            inquiry: int) -> None:
    result = _quote(cli, inquiry, "--item", "한국 밸브;DN50;10;pcs;3.00", "--pdf")
    assert result.code == 2 and "U+D55C" in result.err and "without --pdf" in result.err
    assert _counts() == (0, 0, 0)
    without = _quote(cli, inquiry, "--item", "한국 밸브;DN50;10;pcs;3.00")  # the mail is fine
    assert without.code == 0 and without.json()["items"][0]["product"] == "한국 밸브"


@pytest.mark.parametrize(("currency", "lang", "total", "formatted"), [
    # English for a buyer in Germany: locale en_DE (language + the buyer's country, as the
    # templates format it), so CLDR puts the symbol after the amount
    ("JPY", "en", "101", "101\u00a0JP¥"),     # 3 × 33.5 = 100.5 → 101 (no minor unit)
    ("KWD", "ar", "100.500", "\u200f100.500\u00a0د.ك.\u200f"),  # three decimals
    ("EUR", "de", "100.50", "100,50\u00a0€"),
])
def test_totals_at_the_currency_precision(cli: Callable[..., CliResult], inquiry: int,
                                          currency: str, lang: str, total: str,
                                          formatted: str) -> None:
    result = cli("quote", str(inquiry), "--template", "quotation", "--currency", currency,
                 "--lang", lang, "--item", "Bolt;M8;3;pcs;33.5", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert (doc["total"], doc["total_formatted"]) == (total, formatted)
