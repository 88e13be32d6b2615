"""Classify and describe one thing the OS asks Tradewind to open.

`looks_like_target(arg)` tells the command line which bare arguments are targets (they are
routed before argparse treats them as a command); `describe(arg) -> Target` reads what would
be opened without opening any window: the kept and refused fields of a `mailto:` (through
`client.security.mailto`, the one parser), the headers of an `.eml` (never imported into the
cache), the events of an `.ics`. Any thread; blocking file I/O. Raises `OpenTargetError` in
words (a missing, unreadable, too large or unsupported file); never a traceback for bad data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from client.mime import parse_headers
from client.opening.calendar_file import CalendarEvent, CalendarFileError, read_events
from client.security import mailto

MAX_FILE_BYTES = 64 * 1024 * 1024  # a message or calendar file larger than this is refused
KINDS = ("mailto", "eml", "ics")
_REASONS = {
    mailto.ATTACHMENT: "a link may not attach files from your computer",
    mailto.SENDER: "a link may not choose who the message is from or where replies go",
    mailto.HEADER: "a link may not set other message headers",
    mailto.DUPLICATE: "a second value for a field that takes one",
    mailto.LINE_BREAK: "line breaks were removed: they could add hidden headers",
    mailto.TOO_LONG: "too long: the rest was cut",
    mailto.INVALID: "not a message identifier",
}


class OpenTargetError(ValueError):
    """The target cannot be opened; the message says why in words."""


@dataclass(frozen=True)
class Target:
    """What would be opened: `kind` in KINDS, `source` as given, and the kind's details."""

    kind: str
    source: str
    mailto: mailto.MailtoFields | None = None
    path: Path | None = None
    raw: bytes = b""
    events: tuple[CalendarEvent, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The `tradewind open --json` document (shape in docs/cli.md)."""
        doc: dict[str, Any] = {"kind": self.kind, "source": self.source}
        if self.mailto is not None:
            m = self.mailto
            doc["opens"] = "composer"
            doc["fields"] = {"to": list(m.to), "cc": list(m.cc), "bcc": list(m.bcc),
                             "subject": m.subject, "body": m.body,
                             "in_reply_to": m.in_reply_to}
            doc["refused"] = [{"name": r.name, "value": r.value, "reason": r.reason,
                               "explanation": _REASONS.get(r.reason, r.reason)}
                              for r in m.refused]
        if self.kind == "eml":
            h = parse_headers(self.raw)
            doc["opens"] = "reader"
            doc["imported"] = False
            doc["path"] = str(self.path)
            doc["message"] = {
                "subject": h.subject,
                "from": [a.email for a in h.from_],
                "to": [a.email for a in h.to],
                "date": h.date.isoformat() if h.date else None,
                "message_id": h.message_id,
                "size": len(self.raw),
                "warnings": list(h.warnings),
            }
        if self.kind == "ics":
            doc["opens"] = "calendar-summary"
            doc["path"] = str(self.path)
            doc["events"] = [e.to_json() for e in self.events]
        doc["notes"] = list(self.notes)
        return doc


def target_kind(arg: str) -> str | None:
    """'mailto', 'eml' or 'ics' when `arg` names one (by scheme or file suffix), else None."""
    text = arg.strip()
    if text.lower().startswith("mailto:"):
        return "mailto"
    if text.lower().startswith("file://"):
        text = text[len("file://"):]
    suffix = Path(text).suffix.lower()
    if suffix in (".eml", ".ics"):
        return suffix[1:]
    return None


def looks_like_target(arg: str) -> bool:
    """True for a bare argument the command line routes to `open` (not an option)."""
    return not arg.startswith("-") and target_kind(arg) is not None


def describe(arg: str) -> Target:
    """Read `arg` into a `Target`; raises `OpenTargetError` in words."""
    kind = target_kind(arg)
    if kind is None:
        raise OpenTargetError(
            f"Tradewind opens mailto: links, .eml messages and .ics calendar files; "
            f"“{arg[:200]}” is none of these.")
    if kind == "mailto":
        return Target("mailto", arg, mailto=mailto.parse_mailto(arg))
    path = _file_path(arg)
    raw = _read(path)
    if kind == "eml":
        return Target("eml", arg, path=path, raw=raw,
                      notes=("Shown read-only; it is not imported into the cache.",))
    try:
        events = read_events(raw)
    except CalendarFileError as exc:
        raise OpenTargetError(f"{path}: {exc}") from None
    return Target("ics", arg, path=path, raw=raw, events=events, notes=(
        "Shown as a read-only summary; invitations are answered once meetings are installed.",))


def _file_path(arg: str) -> Path:
    text = arg.strip()
    if text.lower().startswith("file://"):
        from urllib.parse import unquote, urlsplit

        text = unquote(urlsplit(text).path)
    return Path(text).expanduser()


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OpenTargetError(
                f"{path} is {size // (1024 * 1024)} MB; Tradewind opens files up to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB.")
        return path.read_bytes()
    except FileNotFoundError:
        raise OpenTargetError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise OpenTargetError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise OpenTargetError(f"{path} cannot be read: {exc.strerror or exc}.") from None
