"""What a link really opens, checked before it opens (checklist H5, B9).

``analyse_link(href, text, language)`` returns a ``LinkAnalysis``: the target's scheme, its
host as Unicode and as punycode, the host as the rep should read it (punycode when a label
mixes scripts, UTS #39 "highly restrictive", or uses a script that is not the rep's language's
nor Latin), and warnings as codes with a detail: the link text shows another URL, domain or
address than the target, the URL carries user-info (``bank.com@evil.example``), the host is
invalid, the scheme is not one we open (``javascript:``, ``file:``, ``data:``, ``smb:``…:
``blocked``). ``open_url`` is the URL to hand to the browser: exactly what was analysed (host
in punycode, backslashes read as the browser reads them). Pure, any thread, never raises.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

import idna
from babel import Locale
from babel.core import get_global
from confusable_homoglyphs import categories

from client.security.mailto import MailtoError, parse_mailto

OPENABLE = frozenset({"http", "https"})  # handed to the browser after the rep confirms

#: warning codes (the UI puts them into words; ``detail`` says what was found)
DANGEROUS_SCHEME = "dangerous-scheme"  # detail: the scheme ("" for a relative link)
USER_INFO = "user-info"  # detail: the user part shown before the host (password masked)
TEXT_MISMATCH = "text-mismatch"  # detail: the host or address the link text shows
MIXED_SCRIPTS = "mixed-scripts"  # detail: the host in Unicode
FOREIGN_SCRIPT = "foreign-script"  # detail: the host in Unicode
INVALID_HOST = "invalid-host"  # detail: the host as written

_NEUTRAL = {"COMMON", "INHERITED", None}
_ALLOWED_MIXES = (  # UTS #39 highly restrictive
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_COMPOSITE_SCRIPTS = {
    "Latn": {"LATIN"}, "Hans": {"HAN", "BOPOMOFO"}, "Hant": {"HAN", "BOPOMOFO"},
    "Jpan": {"HAN", "HIRAGANA", "KATAKANA"}, "Kore": {"HANGUL", "HAN"},
}
_WEB_TEXT = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'()]+", re.I)
_DOMAIN = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,63}\.?$")
_ADDRESS = re.compile(r"^[^\s@<>]+@([^\s@<>]+)$")
_FILE_ENDINGS = {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "jpg",
                 "jpeg", "png", "gif", "txt", "csv", "htm", "html", "php", "asp", "aspx", "eml"}
_STRIP = re.compile(r"[\t\n\r]")
_ASCII_LABEL = re.compile(r"^[a-z0-9_-]{1,63}$")


@dataclass(frozen=True)
class LinkWarning:
    code: str
    detail: str = ""


@dataclass(frozen=True)
class LinkAnalysis:
    """See the module docstring. ``host`` is the form to show the rep."""

    href: str
    scheme: str
    host: str
    host_unicode: str
    host_ascii: str
    open_url: str
    warnings: tuple[LinkWarning, ...]
    blocked: bool
    is_mailto: bool = False

    def codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)


def analyse_link(href: str, text: str = "", language: str = "en") -> LinkAnalysis:
    """Check one link (``href`` as written, ``text`` as shown); ``language`` is the rep's
    UI language ("en", "zh_CN"…)."""
    cleaned = _STRIP.sub("", href).strip("\x00 \x0b\x0c")
    scheme = cleaned.split(":", 1)[0].lower() if re.match(r"^[a-z][a-z0-9+.-]*:", cleaned, re.I) else ""
    if scheme == "mailto":
        return _mailto(cleaned, text)
    if scheme not in OPENABLE:
        warning = LinkWarning(DANGEROUS_SCHEME, scheme)
        return LinkAnalysis(cleaned, scheme, "", "", "", "", (warning,), True)
    cleaned = cleaned.replace("\\", "/")  # as browsers read http(s) URLs
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        return LinkAnalysis(cleaned, scheme, "", "", "", "", (LinkWarning(INVALID_HOST, cleaned),), True)
    raw_host = unquote(parts.hostname or "")
    warnings: list[LinkWarning] = []
    host_ascii, host_unicode = _idna(raw_host)
    if not raw_host or host_ascii is None:
        warnings.append(LinkWarning(INVALID_HOST, raw_host))
        return LinkAnalysis(cleaned, scheme, raw_host, raw_host, raw_host, "", tuple(warnings), True)
    user = unquote(parts.username or "")
    if "@" in parts.netloc:
        shown = user + (":***" if parts.password else "")
        warnings.append(LinkWarning(USER_INFO, shown))
    suspicious = False
    if _mixes_scripts(host_unicode):
        warnings.append(LinkWarning(MIXED_SCRIPTS, host_unicode))
        suspicious = True
    elif not _scripts_of(host_unicode) <= rep_scripts(language) | {"LATIN"}:
        warnings.append(LinkWarning(FOREIGN_SCRIPT, host_unicode))
        suspicious = True
    shown_host = host_ascii if suspicious else host_unicode
    mismatch = _text_mismatch(text, host_ascii, ())
    if mismatch:
        warnings.append(LinkWarning(TEXT_MISMATCH, mismatch))
    open_url = _rebuild(parts, host_ascii, port)
    return LinkAnalysis(cleaned, scheme, shown_host, host_unicode, host_ascii, open_url,
                        tuple(warnings), False)


def _mailto(href: str, text: str) -> LinkAnalysis:
    try:
        fields = parse_mailto(href)
    except MailtoError:
        return LinkAnalysis(href, "mailto", "", "", "", "", (LinkWarning(INVALID_HOST, href),), True)
    addresses = tuple(a.rsplit("<", 1)[-1].rstrip(">").lower() for a in (*fields.to, *fields.cc))
    warnings: tuple[LinkWarning, ...] = ()
    mismatch = _text_mismatch(text, None, addresses)
    if mismatch:
        warnings = (LinkWarning(TEXT_MISMATCH, mismatch),)
    return LinkAnalysis(href, "mailto", "", "", "", href, warnings, False, True)


@lru_cache(maxsize=64)
def rep_scripts(language: str) -> frozenset[str]:
    """Unicode script names of ``language``'s usual writing (CLDR likely subtags, babel)."""
    tag = language.replace("-", "_")
    likely = get_global("likely_subtags")
    full = likely.get(tag) or likely.get(tag.split("_")[0]) or "en_Latn"
    code = next((p for p in full.split("_")[1:] if len(p) == 4), "Latn")
    if code in _COMPOSITE_SCRIPTS:
        return frozenset(_COMPOSITE_SCRIPTS[code])
    name = Locale("en").scripts.get(code, "")
    return frozenset({name.upper().replace(" ", "_")} if name else {"LATIN"})


def _scripts_of(text: str) -> set[str]:
    return {s for s in (categories.alias(ch) for ch in text) if s not in _NEUTRAL}


def _mixes_scripts(host: str) -> bool:
    for label in host.split("."):
        scripts = _scripts_of(label)
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES):
            return True
    return False


def _idna(host: str) -> tuple[str | None, str]:
    """(punycode host or None if invalid, Unicode host) for a host as written."""
    host = host.lower().removesuffix(".")
    if ":" in host:  # an IPv6 literal
        try:
            return str(ipaddress.IPv6Address(host)), host
        except ValueError:
            return None, host
    ascii_labels, unicode_labels = [], []
    for label in host.split("."):
        if label.isascii() and not label.startswith("xn--"):
            if not _ASCII_LABEL.match(label):
                return None, host
            ascii_labels.append(label)
            unicode_labels.append(label)
            continue
        try:
            encoded = idna.encode(label, uts46=True).decode("ascii")
            ascii_labels.append(encoded)
            unicode_labels.append(idna.decode(encoded))
        except (idna.IDNAError, UnicodeError, ValueError):
            return None, host
    return ".".join(ascii_labels), ".".join(unicode_labels)


def _text_hosts(text: str) -> tuple[list[str], list[str]]:
    """(hosts, addresses) that the link text shows: URLs, www. names, a bare domain, an
    email address."""
    hosts: list[str] = []
    for match in _WEB_TEXT.finditer(text):
        token = match.group(0)
        if "://" not in token:
            token = "http://" + token
        try:
            name = urlsplit(token.replace("\\", "/")).hostname
        except ValueError:
            name = None
        if name:
            hosts.append(name)
    whole = text.strip().strip("<>()[]\"'").rstrip("/")
    addresses: list[str] = []
    address = _ADDRESS.match(whole)
    if address and _DOMAIN.match(address.group(1)):
        addresses.append(whole.lower())
    elif not hosts and _DOMAIN.match(whole) and whole.rsplit(".", 1)[-1].lower() not in _FILE_ENDINGS:
        hosts.append(whole)
    return hosts, addresses


def _same_site(a: str, b: str) -> bool:
    a, b = a.lower().strip("."), b.lower().strip(".")
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _text_mismatch(text: str, host_ascii: str | None, addresses: tuple[str, ...]) -> str:
    """The host or address shown by ``text`` that the target does not match, else ""."""
    hosts, shown_addresses = _text_hosts(text)
    for address in shown_addresses:
        if host_ascii is not None or address not in addresses:
            return address
    for host in hosts:
        ascii_host = _idna(host)[0] or host
        if host_ascii is not None:
            if not _same_site(ascii_host, host_ascii):
                return host
        elif not any(_same_site(ascii_host, a.rsplit("@", 1)[-1]) for a in addresses):
            return host
    return ""


def _rebuild(parts: SplitResult, host_ascii: str, port: int | None) -> str:
    netloc = host_ascii if ":" not in host_ascii else f"[{host_ascii}]"
    if port is not None:
        netloc += f":{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
