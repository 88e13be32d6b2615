"""The bundled B2B platforms: who sends their inquiry notifications and how to read the buyer
out of them (one table, `PLATFORMS`; one generic reader).

`platform_of_sender(address) -> Platform | None`: the platform whose notification domains
send from that address (sub-domains count: `notice.alibaba.com` is Alibaba's).
`parse_notification(platform, text) -> Buyer`: the buyer's name, company, country (ISO code
when the name is known), e-mail (never one of the platform's own addresses) and product from
the notification's readable text (HTML already turned into text, one table cell a line:
`client.mime.html_text.html_to_text`). Labels are matched case-insensitively at the start of
a line, with the value after the colon or on the next non-empty line; a missing field stays
empty. Pure; any thread; never raises on odd text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Platform:
    """One B2B platform: ``key`` (a rule's match), its ``name``, the registrable domains its
    notifications come from, and the labels of each buyer field in its notifications."""

    key: str
    name: str
    domains: tuple[str, ...]
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)


_COMMON = {
    "name": ("buyer name", "buyer", "name", "contact person", "sender", "from"),
    "company": ("company name", "company", "buyer company"),
    "country": ("country/region", "country/territory", "country", "location"),
    "email": ("e-mail", "email", "buyer email", "email address"),
    "product": ("product name", "product", "inquiry for", "item", "subject product",
                "new inquiry for"),
}

PLATFORMS: dict[str, Platform] = {p.key: p for p in (
    Platform("alibaba", "Alibaba.com", ("alibaba.com", "alibaba-inc.com"), _COMMON),
    Platform("made-in-china", "Made-in-China.com", ("made-in-china.com",), _COMMON),
    Platform("globalsources", "Global Sources", ("globalsources.com",), _COMMON),
    Platform("tradekey", "TradeKey", ("tradekey.com",), _COMMON),
    Platform("ec21", "EC21", ("ec21.com",), _COMMON),
)}


@dataclass(frozen=True)
class Buyer:
    """What a notification said about the buyer (empty strings where it said nothing)."""

    name: str = ""
    company: str = ""
    country: str = ""  # ISO 3166 code when the name was recognised, else the text as given
    email: str = ""
    product: str = ""

    def is_empty(self) -> bool:
        return not (self.name or self.company or self.country or self.email or self.product)

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "company": self.company, "country": self.country,
                "email": self.email, "product": self.product}


_BY_DOMAIN = {domain: p for p in PLATFORMS.values() for domain in p.domains}


def platform_of_sender(address: str) -> Platform | None:
    """The platform that sends from ``address`` (see the module), or None."""
    host = address.strip().lower().rpartition("@")[2]
    while host:
        found = _BY_DOMAIN.get(host)
        if found is not None:
            return found
        host = host.partition(".")[2]  # notice.alibaba.com -> alibaba.com
    return None


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """English country name (lower case) -> ISO code, from babel's CLDR data."""
    from babel import Locale

    names = {str(name).lower(): code for code, name in Locale("en").territories.items()
             if len(code) == 2 and code.isalpha()}
    names.update({"usa": "US", "united states of america": "US", "uk": "GB",
                  "great britain": "GB", "england": "GB", "uae": "AE", "russia": "RU",
                  "korea": "KR", "south korea": "KR", "vietnam": "VN", "turkey": "TR"})
    return names


def country_code(text: str) -> str:
    """The ISO code of a country named in English (or given as a code), else ``text``."""
    value = text.strip().strip(".")
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return value.upper()
    return _country_codes().get(value.lower(), value)


def _label_value(lines: list[str], labels: tuple[str, ...]) -> str:
    for index, line in enumerate(lines):
        lowered = line.lower()
        for label in labels:
            if not lowered.startswith(label):
                continue
            rest = line[len(label):].lstrip(" \t")
            if rest.startswith((":", "：")):
                value = rest[1:].strip()
                if value:
                    return value
            elif rest:
                continue  # "Buyer information" is no "Buyer:" label
            for following in lines[index + 1:index + 3]:  # the value in the next cell
                if following.strip():
                    return following.strip()
    return ""


def parse_notification(platform: Platform, text: str) -> Buyer:
    """The buyer in a notification's readable text (see the module)."""
    lines = [line.strip() for line in text.splitlines()]
    values = {key: _label_value(lines, labels)[:200] for key, labels in platform.labels.items()}
    email = ""
    found = _EMAIL.search(values.get("email", ""))
    if found and platform_of_sender(found.group(0)) is None:
        email = found.group(0).lower()
    return Buyer(name=values.get("name", ""), company=values.get("company", ""),
                 country=country_code(values["country"]) if values.get("country") else "",
                 email=email, product=values.get("product", ""))
