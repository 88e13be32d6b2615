"""Is an address a Microsoft 365 (Exchange Online) mailbox whose MX does not say so?

Many companies keep Microsoft 365 mailboxes behind a mail filter (Mimecast, Proofpoint, a
Chinese anti-spam gateway), so their MX hosts match no preset. Two Microsoft-specific hints
remain, the ones Outlook itself uses:

* **DNS**: ``autodiscover.DOMAIN`` is a CNAME of ``autodiscover.outlook.com`` (what the
  Microsoft 365 admin centre asks every tenant to publish). Costs one DNS query and tells no
  one the address.
* **Autodiscover v2**: ``GET https://outlook.office365.com/autodiscover/autodiscover.json/v1.0/
  ADDRESS?Protocol=AutodiscoverV1`` answers 200 with ``{"Protocol": "AutodiscoverV1", "Url":
  "https://outlook.office365.com/autodiscover/autodiscover.xml"}`` for a mailbox in Exchange
  Online and redirects elsewhere for any other address. This sends the address to Microsoft,
  so ``client.accounts.discover`` asks it last, only when nothing else found settings.

No library covers this (autodiscover clients such as exchangelib speak the SOAP/POX protocol
for EWS, not this probe), hence the few lines here.

Both functions do network I/O (bounded by the resolver's and ``http_get``'s time limits): call
from a worker thread. They never raise; any failure means "no hint".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

log = logging.getLogger(__name__)

AUTODISCOVER_V2 = ("https://outlook.office365.com/autodiscover/autodiscover.json/v1.0/"
                   "{address}?Protocol=AutodiscoverV1")
#: CNAME targets of a tenant's ``autodiscover.DOMAIN`` (worldwide, and 21Vianet in China)
MICROSOFT_AUTODISCOVER_HOSTS = ("autodiscover.outlook.com", "autodiscover-s.outlook.com",
                                "autodiscover.partner.outlook.cn")
#: hosts an Autodiscover v2 answer for Exchange Online names
_EXCHANGE_ONLINE_SUFFIXES = (".office365.com", ".outlook.com", ".partner.outlook.cn")


def cname_says_microsoft(domain: str, cname: Callable[[str], list[str]]) -> bool:
    """True when ``autodiscover.DOMAIN`` is a CNAME of Microsoft's autodiscover service."""
    try:
        targets = cname(f"autodiscover.{domain}")
    except Exception as exc:  # noqa: BLE001 - a resolver failing in any way means "no hint"
        log.debug("CNAME autodiscover.%s failed: %s", domain, exc)
        return False
    return any(t.rstrip(".").lower() in MICROSOFT_AUTODISCOVER_HOSTS for t in targets)


def autodiscover_says_microsoft(address: str, http_get: Callable[[str], bytes | None],
                                url_template: str = AUTODISCOVER_V2) -> bool:
    """True when Microsoft's Autodiscover v2 names an Exchange Online endpoint for
    ``address``. ``http_get`` must not follow redirects (the answer for a mailbox elsewhere is
    a redirect) and returns None for anything but 200."""
    url = url_template.format(address=quote(address, safe="@"))
    try:
        body = http_get(url)
    except Exception as exc:  # noqa: BLE001 - an injectable getter: never raise
        log.debug("autodiscover v2 for %s failed: %s", address, exc)
        return False
    if not body:
        return False
    try:
        answer: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(answer, dict) or answer.get("Protocol") != "AutodiscoverV1":
        return False
    target = answer.get("Url")
    if not isinstance(target, str):
        return False
    parts = urlsplit(target)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and host.endswith(_EXCHANGE_ONLINE_SUFFIXES)
