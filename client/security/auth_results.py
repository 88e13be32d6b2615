"""Authentication failures reported by the rep's OWN receiving server (B5, I4; RFC 8601).

``trusted_verdict(headers, authserv_id, from_domain)`` reads the ``Authentication-Results``
values of a message in header order (topmost first, as ``header_values(raw)`` returns them),
parses them with ``authres`` and keeps only the topmost one whose authserv-id is
``authserv_id`` or a host under it (the account's receiving server: setting per account,
default the registrable domain of the IMAP host). Every other A-R header is ignored, since the
sender or a relay can add any A-R it likes; an unparseable one is skipped. Returns the
failure codes found, or () when there is no trusted header or it reports no failure:
- ``auth-dmarc-fail``: ``dmarc=fail``;
- ``auth-spf-dkim-fail``: ``spf=fail|softfail`` and no ``dkim=pass``;
- ``auth-dkim-unaligned``: DKIM passed only for domains other than the From domain's
  registrable domain (and no DMARC pass).
Pure, any thread, never raises.
"""

from __future__ import annotations

from collections.abc import Sequence

import authres

from client.mime.header_block import split_header_block
from client.mime.model import DEFAULT_LIMITS
from client.security.lookalike import registrable

DMARC_FAIL, SPF_DKIM_FAIL, DKIM_UNALIGNED = (
    "auth-dmarc-fail", "auth-spf-dkim-fail", "auth-dkim-unaligned")


def header_values(raw: bytes) -> list[str]:
    """The ``Authentication-Results`` values of ``raw``'s header block, topmost first."""
    try:
        block = split_header_block(raw, DEFAULT_LIMITS)
        values = block.all("authentication-results")
    except Exception:  # noqa: BLE001 - advisory only: no header rather than a crash
        return []
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values]


def _matches(serv_id: str, wanted: str) -> bool:
    serv_id, wanted = serv_id.strip().lower().rstrip("."), wanted.strip().lower().rstrip(".")
    return bool(wanted) and (serv_id == wanted or serv_id.endswith("." + wanted))


def _parse(value: str) -> authres.AuthenticationResultsHeader | None:
    try:
        return authres.AuthenticationResultsHeader.parse(
            "Authentication-Results: " + " ".join(value.split()))
    except Exception:  # noqa: BLE001 - authres raises several kinds on bad syntax
        return None


def trusted_header(values: Sequence[str], authserv_id: str
                   ) -> authres.AuthenticationResultsHeader | None:
    """The topmost parsed A-R header whose authserv-id is ``authserv_id`` (see module)."""
    for value in values:
        parsed = _parse(value)
        if parsed is not None and _matches(str(parsed.authserv_id or ""), authserv_id):
            return parsed
    return None


def trusted_verdict(values: Sequence[str], authserv_id: str, from_domain: str
                    ) -> tuple[str, ...]:
    """The failure codes of the trusted header (see module docstring)."""
    header = trusted_header(values, authserv_id)
    if header is None:
        return ()
    results: dict[str, list[tuple[str, str]]] = {}
    for result in header.results:
        domain = ""
        for prop in getattr(result, "properties", ()):
            if (prop.type, prop.name) in (("header", "d"), ("header", "i")):
                domain = str(prop.value).rsplit("@", 1)[-1]
        results.setdefault(str(result.method).lower(), []).append(
            (str(result.result).lower(), domain))
    found: list[str] = []
    dmarc = [r for r, _ in results.get("dmarc", [])]
    if "fail" in dmarc:
        found.append(DMARC_FAIL)
    dkim = results.get("dkim", [])
    passed = [registrable(d) for r, d in dkim if r == "pass"]
    spf = [r for r, _ in results.get("spf", [])]
    if any(r in ("fail", "softfail") for r in spf) and not passed:
        found.append(SPF_DKIM_FAIL)
    wanted = registrable(from_domain)
    if passed and wanted and wanted not in passed and "pass" not in dmarc:
        found.append(DKIM_UNALIGNED)
    return tuple(found)


def default_authserv_id(imap_host: str) -> str:
    """The default trusted authserv-id of an account: its IMAP host's registrable domain."""
    return registrable(imap_host)
