"""Find IMAP/SMTP settings for an e-mail address.

``discover(email)`` tries, in order: a preset for the domain; a preset matched by the domain's
MX hosts; RFC 6186 SRV records (``_imaps._tcp``, ``_imap._tcp``, ``_submissions._tcp``,
``_submission._tcp``); the Mozilla autoconfig XML (``https://autoconfig.DOMAIN/mail/
config-v1.1.xml`` then ``https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml``).
Microsoft 365 mailboxes behind a mail filter are recognised by Microsoft's autodiscover
(``client.accounts.ms_autodiscover``): the ``autodiscover.DOMAIN`` CNAME right after the MX
check, and Microsoft's Autodiscover v2 probe, which sends the address to Microsoft, only when
nothing else found settings. Both give the Microsoft 365 preset (source ``"autodiscover"``),
so the wizard offers "Sign in with Microsoft". It
returns a ``DiscoveryResult`` or None and never raises: a failed lookup must never block
manual settings.

Security: only TLS settings are ever suggested (a plaintext-only answer is ignored, T1); the
autoconfig is fetched over HTTPS only, without redirects, capped in size and parsed with
DOCTYPE/entities refused. DNS answers are not authenticated, so whatever host they name is
still checked by TLS certificate verification against that host name when connecting.

Network I/O (seconds, bounded by ``timeout``): call from a worker thread, never the GUI thread.
``resolver`` and ``http_get`` are injectable so tests run offline.
"""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from client.accounts.ms_autodiscover import autodiscover_says_microsoft, cname_says_microsoft
from client.accounts.presets import (
    Preset,
    ServerSettings,
    preset_by_key,
    preset_for_domain,
    preset_for_mx,
)
from client.imap.models import Security

log = logging.getLogger(__name__)

MAX_AUTOCONFIG_BYTES = 256 * 1024
_HOST_RE = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
                      r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")

HttpGet = Callable[[str], "bytes | None"]


@dataclass(frozen=True)
class SrvRecord:
    priority: int
    weight: int
    port: int
    target: str


class Resolver(Protocol):
    """DNS look-ups discovery needs. Implementations return [] on any failure."""

    def mx(self, domain: str) -> list[str]:
        """MX host names, best (lowest preference) first."""
        ...

    def srv(self, name: str) -> list[SrvRecord]:
        ...

    def cname(self, name: str) -> list[str]:
        """The CNAME targets of ``name`` (without the trailing dot)."""
        ...


@dataclass(frozen=True)
class DiscoveryResult:
    """Suggested settings. ``source``: "preset", "mx-preset", "autodiscover", "srv" or
    "autoconfig";
    ``preset``: the preset key when one matched; ``username``: what to log in with."""

    email: str
    imap: ServerSettings
    smtp: ServerSettings | None
    source: str
    preset: str | None
    username: str
    notes: tuple[str, ...] = ()


class DnsPythonResolver:
    """The default resolver (dnspython) with a total time limit per query."""

    def __init__(self, lifetime: float = 4.0) -> None:
        self.lifetime = lifetime

    def _resolve(self, name: str, rdtype: str) -> list[object]:
        try:
            import dns.resolver

            resolver = dns.resolver.Resolver()
            resolver.lifetime = self.lifetime
            return list(resolver.resolve(name, rdtype))
        except Exception as exc:  # noqa: BLE001 - NXDOMAIN, timeouts, no network, no resolv.conf …
            log.debug("DNS %s %s failed: %s", rdtype, name, exc)
            return []

    def mx(self, domain: str) -> list[str]:
        answers = self._resolve(domain, "MX")
        ranked = sorted(answers, key=lambda r: getattr(r, "preference", 0))
        return [str(getattr(r, "exchange", "")).rstrip(".") for r in ranked]

    def srv(self, name: str) -> list[SrvRecord]:
        return [SrvRecord(int(getattr(r, "priority", 0)), int(getattr(r, "weight", 0)),
                          int(getattr(r, "port", 0)), str(getattr(r, "target", "")).rstrip("."))
                for r in self._resolve(name, "SRV")]

    def cname(self, name: str) -> list[str]:
        return [str(getattr(r, "target", "")).rstrip(".") for r in self._resolve(name, "CNAME")]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def https_get(url: str, timeout: float = 8.0, max_bytes: int = MAX_AUTOCONFIG_BYTES) -> bytes | None:
    """GET ``url`` (no redirects, certificate verified) and return the body, or None on any
    failure, a non-200 status or a body over ``max_bytes``."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "Tradewind-autoconfig/1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status != 200:
                return None
            data: bytes = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        log.debug("autoconfig fetch %s failed: %s", url, exc)
        return None
    return data if len(data) <= max_bytes else None


def discover(email: str, resolver: Resolver | None = None, http_get: HttpGet | None = None,
             use_network: bool = True) -> DiscoveryResult | None:
    """Settings for ``email`` or None (see the module docstring). Never raises."""
    try:
        return _discover(email, resolver, http_get, use_network)
    except Exception as exc:  # noqa: BLE001 - a bug or a surprise from a library must not block setup
        log.warning("settings discovery for %s failed: %s", email, exc)
        return None


def _discover(email: str, resolver: Resolver | None, http_get: HttpGet | None,
              use_network: bool) -> DiscoveryResult | None:
    match = _EMAIL_RE.match(email.strip())
    if not match:
        return None
    address = email.strip()
    domain = match.group(1).rstrip(".").lower()
    preset = preset_for_domain(domain)
    if preset:
        return _from_preset(address, preset, "preset")
    if not use_network:
        return None
    dns = resolver if resolver is not None else DnsPythonResolver()
    preset = preset_for_mx(dns.mx(domain))
    if preset:
        return _from_preset(address, preset, "mx-preset")
    microsoft = preset_by_key("microsoft365")
    if microsoft is not None and cname_says_microsoft(domain, dns.cname):
        return _from_preset(address, microsoft, "autodiscover")
    found = _from_srv(address, domain, dns)
    if found:
        return found
    getter = http_get or https_get
    found = _from_autoconfig(address, domain, getter)
    if found:
        return found
    if microsoft is not None and autodiscover_says_microsoft(address, getter):
        return _from_preset(address, microsoft, "autodiscover")
    return None


def _from_preset(email: str, preset: Preset, source: str) -> DiscoveryResult:
    notes = (preset.note,) if preset.note else ()
    return DiscoveryResult(email, preset.imap, preset.smtp, source, preset.key, email, notes)


def _best_srv(dns: Resolver, name: str) -> SrvRecord | None:
    records = [SrvRecord(r.priority, r.weight, r.port, r.target.rstrip(".")) for r in dns.srv(name)]
    records = [r for r in records if r.target and 0 < r.port < 65536 and _HOST_RE.match(r.target)]
    if not records:
        return None
    return sorted(records, key=lambda r: (r.priority, -r.weight))[0]


def _from_srv(email: str, domain: str, dns: Resolver) -> DiscoveryResult | None:
    imap: ServerSettings | None = None
    for service, security in (("_imaps._tcp", "ssl"), ("_imap._tcp", "starttls")):
        record = _best_srv(dns, f"{service}.{domain}")
        if record:
            imap = ServerSettings(record.target.lower(), record.port, security)  # type: ignore[arg-type]
            break
    if imap is None:
        return None
    smtp: ServerSettings | None = None
    for service, security in (("_submissions._tcp", "ssl"), ("_submission._tcp", "starttls")):
        record = _best_srv(dns, f"{service}.{domain}")
        if record:
            smtp = ServerSettings(record.target.lower(), record.port, security)  # type: ignore[arg-type]
            break
    return DiscoveryResult(email, imap, smtp, "srv", None, email)


def autoconfig_urls(email: str, domain: str) -> list[str]:
    from urllib.parse import quote

    query = "?emailaddress=" + quote(email, safe="@")
    return [f"https://autoconfig.{domain}/mail/config-v1.1.xml{query}",
            f"https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml{query}"]


def _from_autoconfig(email: str, domain: str, http_get: HttpGet) -> DiscoveryResult | None:
    for url in autoconfig_urls(email, domain):
        body = http_get(url)
        if not body:
            continue
        result = parse_autoconfig(body, email)
        if result is not None:
            return result
    return None


_SOCKET_TYPES: dict[str, Security] = {"SSL": "ssl", "TLS": "ssl", "STARTTLS": "starttls"}


def parse_autoconfig(data: bytes, email: str) -> DiscoveryResult | None:
    """A Mozilla ``clientConfig`` document → settings, or None when it is unusable, too big,
    has a DOCTYPE/entity, or offers IMAP only without TLS. Never raises."""
    if len(data) > MAX_AUTOCONFIG_BYTES or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return None
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    provider = root.find("emailProvider")
    if root.tag != "clientConfig" or provider is None:
        return None
    imap = _pick_server(provider.findall("incomingServer"), "imap", email)
    if imap is None:
        return None
    smtp = _pick_server(provider.findall("outgoingServer"), "smtp", email)
    return DiscoveryResult(email, imap[0], smtp[0] if smtp else None, "autoconfig", None, imap[1])


def _pick_server(elements: list[ET.Element], kind: str, email: str) -> tuple[ServerSettings, str] | None:
    """The first server of ``kind`` with implicit TLS, else the first with STARTTLS."""
    candidates: list[tuple[int, ServerSettings, str]] = []
    for order, element in enumerate(elements):
        if element.get("type") != kind:
            continue
        host = _expand((element.findtext("hostname") or "").strip(), email)
        security = _SOCKET_TYPES.get((element.findtext("socketType") or "").strip().upper())
        try:
            port = int((element.findtext("port") or "").strip())
        except ValueError:
            continue
        if security is None or not _HOST_RE.match(host) or not 0 < port < 65536:
            continue
        username = _expand((element.findtext("username") or "%EMAILADDRESS%").strip(), email)
        rank = 0 if security == "ssl" else 1
        candidates.append((rank * 1000 + order, ServerSettings(host.lower(), port, security),
                           username or email))
    if not candidates:
        return None
    _rank, settings, username = min(candidates, key=lambda c: c[0])
    return settings, username


def _expand(template: str, email: str) -> str:
    local, _, domain = email.partition("@")
    return (template.replace("%EMAILADDRESS%", email).replace("%EMAILLOCALPART%", local)
            .replace("%EMAILDOMAIN%", domain))
