"""Each bundled platform's notification reader on the samples in tests/data/channels."""

from __future__ import annotations

import pytest

from client.channels.evaluate import MessageFacts
from client.channels.platforms import PLATFORMS, Buyer, parse_notification, platform_of_sender
from client.mime.headers import parse_headers
from tests.client.channels.conftest import SAMPLES

EXPECTED = {
    "alibaba-plain": Buyer("James Whitfield", "Brightway Lighting Ltd.", "GB", "",
                           "LED Panel Light 600x600 40W"),
    "alibaba-html": Buyer("Katrin Vogel", "Haushalt Direkt GmbH", "DE", "",
                          "Stainless Steel Vacuum Flask 500ml"),
    "made-in-china-plain": Buyer("Carlos Mendoza", "Iluminación Andina S.A.C.", "PE",
                                 "c.mendoza@iluminacion-andina.com.pe",
                                 "All-in-One Solar Street Light 100W"),
    "made-in-china-html": Buyer("Aisha Rahman", "Green Leaf Trading FZE", "AE",
                                "aisha@greenleaf-trading.ae", "PVC Garden Hose 1/2 inch 30m"),
    "globalsources-plain": Buyer("Michael O'Brien", "Pacific Audio Pty Ltd", "AU",
                                 "mobrien@pacificaudio.com.au",
                                 "TWS Bluetooth 5.3 Earbuds with Charging Case"),
    "globalsources-html": Buyer("Emily Carter", "Carter Kitchenware Inc.", "US",
                                "emily.carter@carterkitchen.com", "Silicone Baking Mat 40x30cm"),
    "tradekey-plain": Buyer("Oluwaseun Adeyemi", "Adeyemi Home Textiles Ltd", "NG",
                            "seun.adeyemi@gmail.com", "100% Cotton Bath Towels 500 GSM"),
    "tradekey-html": Buyer("Dmitri Volkov", "StroyMarket LLC", "RU", "d.volkov@stroymarket.ru",
                           "Porcelain Floor Tiles 60x60"),
    "ec21-plain": Buyer("Park Ji-hoon", "Hanseong Machinery Co., Ltd.", "KR",
                        "jhpark@hanseong-mach.co.kr", "Hydraulic Gear Pump CBN-E316"),
    "ec21-html": Buyer("Sofia Rossi", "Cucina Verde S.r.l.", "IT", "sofia@cucinaverde.it",
                       "Organic Bamboo Cutting Board Set"),
}


def test_every_platform_has_a_plain_and_an_html_sample() -> None:
    assert {name.rsplit("-", 1)[0] for name in EXPECTED} == set(PLATFORMS)
    assert {p.stem for p in SAMPLES.glob("*.eml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_buyer_is_read_from_the_notification(name: str) -> None:
    raw = (SAMPLES / f"{name}.eml").read_bytes()
    sender = parse_headers(raw).from_[0].email
    platform = platform_of_sender(sender)
    assert platform is not None and platform.key == name.rsplit("-", 1)[0]
    assert parse_notification(platform, MessageFacts(1, sender, raw=raw).text()) == EXPECTED[name]


def test_senders_and_sub_domains() -> None:
    assert platform_of_sender("feedback@service.alibaba.com") is PLATFORMS["alibaba"]
    assert platform_of_sender("x@ALIBABA.COM") is PLATFORMS["alibaba"]
    assert platform_of_sender("x@notalibaba.com") is None  # not a sub-domain
    assert platform_of_sender("x@alibaba.com.evil.example") is None
    assert platform_of_sender("not an address") is None


def test_the_platform_address_is_never_the_buyer() -> None:
    text = "Buyer: Someone\nEmail: inquiry@made-in-china.com\nCountry: Atlantis\n"
    buyer = parse_notification(PLATFORMS["made-in-china"], text)
    assert buyer.email == "" and buyer.name == "Someone"
    assert buyer.country == "Atlantis"  # an unknown name stays as written


def test_labels_need_a_colon_or_a_cell_of_their_own() -> None:
    text = "Buyer information\nBuyer\nAna Lima\nBuyers are protected\n"
    assert parse_notification(PLATFORMS["alibaba"], text).name == "Ana Lima"
    assert parse_notification(PLATFORMS["alibaba"], "garbage \x00\n:::\n").is_empty()
