"""Remembered zones per contact, and guesses from the Date offsets of their cached mail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.meetings.contact_zones import (
    AddressError,
    forget_zone,
    normalise_address,
    remember_zone,
    remembered_zones,
    resolve_zone,
)
from client.meetings.sender_offsets import MAX_MESSAGES, date_offsets
from client.meetings.zones import ZoneError
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage


def _mail(sender: str, date_header: str, n: int, extra: bytes = b"") -> bytes:
    return (f"From: Someone <{sender}>\r\nTo: rep@example.test\r\nSubject: order {n}\r\n"
            f"Message-ID: <m{n}@example.test>\r\nDate: {date_header}\r\n").encode() + extra + (
        b"\r\nHello\r\n")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "tradewind.db")
    account = opened.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                 smtp_host="127.0.0.1", smtp_port=1, security="ssl")
    inbox = opened.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
    when = datetime(2026, 11, 5, tzinfo=UTC)
    messages = [
        # Arizona: -0700 in winter and in summer (Denver would say -0600 in July)
        _mail("Buyer@Shop.us", "Mon, 12 Jan 2026 10:00:00 -0700", 1),
        _mail("buyer@shop.us", "Fri, 10 Jul 2026 10:00:00 -0700", 2),
        # a second Date header is ignored (checklist M7: the first one counts)
        _mail("buyer@shop.us", "Tue, 3 Feb 2026 09:00:00 -0700", 3,
              b"Date: Tue, 3 Feb 2026 09:00:00 +0900\r\n"),
        _mail("nodate@shop.us", "garbage", 4),
        _mail("unknown@shop.us", "Tue, 3 Feb 2026 09:00:00 -0000", 5),
    ]
    opened.insert_messages(inbox.id, [IncomingMessage(uid=i + 1, raw=raw, internaldate=when)
                                      for i, raw in enumerate(messages)], len(messages))
    yield opened
    opened.close()


def test_offsets_come_from_the_first_date_header_of_that_sender(store: Store) -> None:
    offsets = date_offsets(store, "buyer@shop.us")
    assert sorted(o for _, o in offsets) == [-25200, -25200, -25200]
    assert date_offsets(store, "nodate@shop.us") == []
    assert date_offsets(store, "unknown@shop.us") == []  # -0000 means "zone not known"
    assert date_offsets(store, "nobody@shop.us") == []
    assert MAX_MESSAGES >= 10


def test_guess_from_cached_mail(store: Store) -> None:
    choice = resolve_zone(store, "buyer@shop.us")
    assert choice is not None
    assert (choice.zone, choice.source, choice.country) == ("America/Phoenix", "date-offsets", "US")


def test_guess_from_domain_when_no_mail(store: Store) -> None:
    choice = resolve_zone(store, "li@acme.cn")
    assert choice is not None and (choice.zone, choice.source) == ("Asia/Shanghai", "domain")
    assert resolve_zone(store, "x@example.com") is None


def test_remembered_zone_wins_and_can_be_forgotten(store: Store) -> None:
    remember_zone(store, "Buyer@Shop.US", "america/denver")
    choice = resolve_zone(store, "buyer@shop.us")
    assert choice is not None and (choice.zone, choice.source) == ("America/Denver", "remembered")
    assert [(r.address, r.zone) for r in remembered_zones(store)] == [
        ("buyer@shop.us", "America/Denver")]
    assert forget_zone(store, "buyer@shop.us") is True
    assert forget_zone(store, "buyer@shop.us") is False
    again = resolve_zone(store, "buyer@shop.us")
    assert again is not None and again.source == "date-offsets"


def test_bad_zone_or_address_is_refused_and_nothing_stored(store: Store) -> None:
    with pytest.raises(ZoneError):
        remember_zone(store, "a@b.de", "CST")
    for bad in ["", "no-at", "a@b@c", "a b@c.de", "a@\x1b[31mred.de", "x" * 300 + "@a.de"]:
        with pytest.raises(AddressError):
            normalise_address(bad)
    assert remembered_zones(store) == []


def test_a_damaged_remembered_value_is_ignored(store: Store) -> None:
    store.set_setting("meet.zone:a@b.de", {"zone": "Not/AZone", "source": "user"})
    store.set_setting("meet.zone:c@d.de", "garbage")
    choice = resolve_zone(store, "a@b.de")
    assert choice is not None and (choice.zone, choice.source) == ("Europe/Berlin", "domain")
    assert remembered_zones(store) == []
