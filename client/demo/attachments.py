"""Deterministic attachment payloads for the demo profile: a small PDF, an iCalendar invitation
and a CSV sheet. Pure functions, any thread; same input, same bytes."""

from __future__ import annotations

import csv
import io
import struct
import zlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF 1.4 showing ``title`` and ``lines`` in Courier (Latin-1 only)."""
    ops = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_escape(title)}) Tj", "/F1 9 Tf", "0 -28 Td"]
    for line in lines:
        ops.append(f"({_pdf_escape(line)}) Tj")
        ops.append("0 -14 Td")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)


def _ical_utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def ics_invitation(
    *,
    uid: str,
    summary: str,
    start_utc: datetime,
    minutes: int,
    location: str,
    organizer: tuple[str, str],
    attendees: list[tuple[str, str]],
    stamp_utc: datetime,
    zone: str = "",
    link: str = "",
) -> str:
    """An iCalendar METHOD:REQUEST with one event; times given in UTC (aware datetimes),
    written in the organizer's IANA `zone` when given (TZID, as Outlook and Google do), with
    the online meeting's https `link` as URL when given."""
    if zone:
        tz = ZoneInfo(zone)
        starts = (f"DTSTART;TZID={zone}:{start_utc.astimezone(tz):%Y%m%dT%H%M%S}",
                  f"DTEND;TZID={zone}:"
                  f"{(start_utc + timedelta(minutes=minutes)).astimezone(tz):%Y%m%dT%H%M%S}")
    else:
        starts = (f"DTSTART:{_ical_utc(start_utc)}",
                  f"DTEND:{_ical_utc(start_utc + timedelta(minutes=minutes))}")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Tradewind demo//Invitation//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_ical_utc(stamp_utc)}",
        *starts,
        f"SUMMARY:{summary}",
        f"LOCATION:{location}",
        f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
    ]
    if link:
        lines.append(f"URL:{link}")
    for name, email in attendees:
        lines.append(
            f"ATTENDEE;CN={name};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}"
        )
    lines += ["SEQUENCE:0", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (RFC 5545 3.1; ASCII lines here)."""
    if len(line) <= limit:
        return line
    chunks = [line[:limit]]
    rest = line[limit:]
    while rest:
        chunks.append(" " + rest[: limit - 1])
        rest = rest[limit - 1 :]
    return "\r\n".join(chunks)


def csv_sheet(rows: list[list[str]]) -> str:
    """Rows as CSV text with CRLF line ends (what spreadsheet programs write)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def logo_png(width: int, height: int, color: tuple[int, int, int], stripe: tuple[int, int, int]) -> bytes:
    """A small RGB PNG: a ``color`` block with a ``stripe`` band (a company-logo stand-in)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type None
        for x in range(width):
            in_stripe = height // 3 <= y < 2 * height // 3 and x >= height
            mark = x < height and (x - height // 2) ** 2 + (y - height // 2) ** 2 <= (height // 3) ** 2
            rows += bytes(stripe if in_stripe or mark else color)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )
