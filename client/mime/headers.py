"""Fast header-only parsing: `parse_headers(raw) -> ParsedHeaders`; never raises.

Safe from any thread; cost is proportional to the header block only (no body parse).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .addresses import parse_address_list
from .encoded_words import choose_raw_codec, decode_encoded_words, raw_to_utf8
from .header_block import HeaderBlock, split_header_block
from .model import DEFAULT_LIMITS, Address, Limits, ParsedHeaders
from .msgid import msgid_list, normalize_msgid

_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:+-]{1,40})", re.IGNORECASE)
_SINGLE = {"from": "From", "subject": "Subject", "date": "Date", "message-id": "Message-ID"}
_ADDRESS_FIELDS = ("from", "to", "cc", "bcc", "reply-to")


def parse_headers(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedHeaders:
    """Decode the headers of a raw message. Never raises; problems become `warnings`."""
    try:
        block = split_header_block(raw, limits)
        return headers_from_block(block, raw, limits)
    except Exception as exc:  # noqa: BLE001 - last line of defence, must not happen
        return empty_headers((f"header parse failed: {type(exc).__name__}",))


def empty_headers(warnings: tuple[str, ...] = ()) -> ParsedHeaders:
    return ParsedHeaders("", (), (), (), (), (), None, None, None, (), warnings)


def charset_hint(block: HeaderBlock) -> str | None:
    """The charset the top-level Content-Type declares, if any. Only the header block is read,
    so the list (which stores headers alone) and the reader decode every header alike."""
    content_type = block.first("content-type")
    match = _CHARSET.search(content_type) if content_type else None
    return match.group(1).decode("ascii") if match else None


class HeaderDecoder:
    """Decodes the header values of one message; each raw 8-bit value gets its own codec
    (UTF-8 if it is valid UTF-8, else the declared charset if it fits, else a guess), so a
    UTF-8 From beside a Latin-1 To are both read right."""

    def __init__(self, block: HeaderBlock) -> None:
        self.warnings: list[str] = []
        self.hint = charset_hint(block)
        self._codecs: dict[bytes, str] = {}

    def codec(self, value: bytes) -> str:
        if value.isascii():
            return "utf-8"
        found = self._codecs.get(value)
        if found is None:
            found = self._codecs[value] = choose_raw_codec([value], self.hint)
        return found

    def text(self, value: bytes, name: str) -> str:
        """Unstructured value (Subject etc.); falls back to the raw decoded string (M2)."""
        try:
            utf8 = raw_to_utf8(value, self.codec(value))
            return _collapse(decode_encoded_words(utf8, self.warnings))
        except Exception:  # noqa: BLE001
            self.warnings.append(f"could not decode header {name}")
            return _collapse(value.decode("utf-8", errors="replace"))

    def plain(self, value: bytes) -> str:
        return raw_to_utf8(value, self.codec(value)).decode("utf-8", errors="replace")

    def addresses(self, values: list[bytes], name: str, limit: int) -> tuple[Address, ...]:
        result: list[Address] = []
        for value in values:
            try:
                found, capped = parse_address_list(self.plain(value), self._name, limit)
            except Exception:  # noqa: BLE001 - M2: keep the raw text instead
                self.warnings.append(f"could not parse header {name}")
                found, capped = [Address(self.text(value, name), "")], False
            if capped:
                self.warnings.append(f"too many addresses in {name}")
            result.extend(found)
        return tuple(result[:limit])

    def _name(self, text: str) -> str:
        return _collapse(decode_encoded_words(text.encode("utf-8"), self.warnings))


def headers_from_block(block: HeaderBlock, raw: bytes, limits: Limits) -> ParsedHeaders:
    decoder = HeaderDecoder(block)
    warnings: list[str] = list(block.warnings)
    by_name = block.grouped()
    none: list[bytes] = []
    for key, label in _SINGLE.items():
        if len(by_name.get(key, none)) > 1:
            warnings.append(f"multiple {label} headers")
    addresses = {
        key: decoder.addresses(by_name.get(key, none), key, limits.max_addresses)
        for key in _ADDRESS_FIELDS
    }

    def first(name: str) -> bytes | None:
        values = by_name.get(name)
        return values[0] if values else None

    subject_raw = first("subject")
    subject = decoder.text(subject_raw, "subject") if subject_raw is not None else ""
    date_raw = first("date")
    in_reply_to_raw = first("in-reply-to")
    references_raw = by_name.get("references")
    references = msgid_list(decoder.plain(b" ".join(references_raw))) if references_raw else ()
    message_id_raw = first("message-id")
    in_reply_to = normalize_msgid(decoder.plain(in_reply_to_raw)) if in_reply_to_raw else None
    warnings.extend(decoder.warnings)
    return ParsedHeaders(
        subject=subject,
        from_=addresses["from"],
        to=addresses["to"],
        cc=addresses["cc"],
        bcc=addresses["bcc"],
        reply_to=addresses["reply-to"],
        date=parse_date(decoder.plain(date_raw)) if date_raw is not None else None,
        message_id=normalize_msgid(decoder.plain(message_id_raw)) if message_id_raw else None,
        in_reply_to=in_reply_to,
        references=references,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def parse_date(value: str) -> datetime | None:
    """RFC 5322 date to an aware UTC datetime; None when unparseable."""
    try:
        parsed = parsedate_to_datetime(value.strip())
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except Exception:  # noqa: BLE001 - any garbage date means "no date"
        return None


def _collapse(text: str) -> str:
    """Unfolded header text: line breaks and tabs become spaces, outer space trimmed."""
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return text.strip()
