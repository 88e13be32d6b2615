"""Signals of the risk score that the evaluation set does not mutate: risky attachments and
deceptive links (B9, reused from client.security.signals), hidden characters in the sender's
name (B10), a punycode sender domain, and a message without a body (no risk yet)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.security.assess import risk_of_row
from client.security.risk import WARNING
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[tuple[Store, int]]:
    with Store.open(tmp_path / "cache.db") as store:
        account = store.add_account("rep@northwind-export.test")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        yield store, inbox.id


def _codes(store: Store, folder: int, uid: int, raw: bytes) -> tuple[list[str], int]:
    store.insert_messages(folder, [IncomingMessage(uid=uid, raw=raw)], uid)
    row = next(r for r in store.list_messages(folder, limit=50) if r.uid == uid)
    risk = risk_of_row(store, row)
    assert risk is not None
    return [r.code for r in risk.reasons], risk.score


HEAD = ("From: {sender}\r\nTo: rep@northwind-export.test\r\nSubject: Invoice\r\n"
        "Message-ID: <{uid}@x.example>\r\nDate: Mon, 02 Nov 2026 09:00:00 +0000\r\n")


def test_a_link_whose_text_shows_another_domain(cache: tuple[Store, int]) -> None:
    store, folder = cache
    raw = (HEAD.format(sender="billing@shop.example", uid=1)
           + "Content-Type: text/html\r\n\r\n<p>Pay at <a href='https://evil.example/pay'>"
           "https://www.paypal.com/invoice</a></p>\r\n").encode()
    codes, _score = _codes(store, folder, 1, raw)
    assert "link-mismatch" in codes


def test_an_executable_attachment_from_a_first_time_sender_warns(
        cache: tuple[Store, int]) -> None:
    store, folder = cache
    raw = (HEAD.format(sender="billing@shop.example", uid=2)
           + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
           "--B\r\nContent-Type: text/plain\r\n\r\nSee the invoice.\r\n"
           "--B\r\nContent-Type: application/octet-stream\r\n"
           "Content-Disposition: attachment; filename=\"invoice.pdf.exe\"\r\n\r\nMZ\r\n--B--\r\n"
           ).encode()
    codes, score = _codes(store, folder, 2, raw)
    assert "risky-attachment" in codes and "first-time-domain" in codes and score >= WARNING


def test_hidden_characters_and_punycode_domains(cache: tuple[Store, int]) -> None:
    store, folder = cache
    raw = (HEAD.format(sender='"Anna \u202eelpmaxe\u202c" <anna@xn--80ak6aa92e.com>', uid=3)
           + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n").encode()
    codes, _score = _codes(store, folder, 3, raw)
    assert "invisible-characters" in codes and "idn-domain" in codes


def test_no_body_no_risk(cache: tuple[Store, int]) -> None:
    store, folder = cache
    store.insert_messages(folder, [IncomingMessage(uid=4, raw=b"", fetch_error="gone")], 4)
    [row] = [r for r in store.list_messages(folder, limit=10) if r.uid == 4]
    assert risk_of_row(store, row) is None


def test_replies_to_freemail_file_share_links_and_a_foreign_bank(cache: tuple[Store, int]) -> None:
    store, folder = cache
    raw = (HEAD.format(sender="anna@kunde.de", uid=5)
           + "Reply-To: anna.kunde@gmail.com\r\nContent-Type: text/plain\r\n\r\n"
           "The documents: https://www.dropbox.com/s/abc/invoice.pdf\r\n"
           "IBAN: GB33BUKB20201555555555\r\n").encode()
    codes, _score = _codes(store, folder, 5, raw)
    assert {"reply-to-freemail", "file-share-link", "bank-country-differs"} <= set(codes)
    assert "reply-to-other-domain" not in codes
    same = (HEAD.format(sender="anna@kunde.de", uid=6)
            + "Content-Type: text/plain\r\n\r\nIBAN: DE89 3704 0044 0532 0130 00\r\n").encode()
    codes, _score = _codes(store, folder, 6, same)
    assert "bank-country-differs" not in codes and "file-share-link" not in codes


def test_a_refused_cache_write_still_gives_the_risk(cache: tuple[Store, int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from client.security import risk_store
    from client.store.errors import StoreWriteError

    store, folder = cache

    def refuse(*_args: object) -> None:
        raise StoreWriteError("The disk is full.")

    monkeypatch.setattr(risk_store, "cache_risk", refuse)
    raw = (HEAD.format(sender="x@new-company.example", uid=7)
           + "Content-Type: text/plain\r\n\r\nPlease note our new bank account.\r\n").encode()
    codes, score = _codes(store, folder, 7, raw)
    assert "payment-change" in codes and score >= 40
