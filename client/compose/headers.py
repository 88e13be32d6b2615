"""Safe header values and addresses for outgoing mail.

Every value that reaches an outgoing header passes through `header_value` (checklist O5). It
classifies each character (`unsafe_kind`):
- "line break": CR, LF, VT, FF, NEL (U+0085), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
  (Python's `str.splitlines` and the `email` package treat all of them as line ends);
- "control character": the rest of C0 (NUL, ESC...), DEL and C1 (U+0080-U+009F), and lone
  surrogates (undecodable input that cannot be encoded at all);
- "bidirectional text control": U+202A-U+202E and U+2066-U+2069, checked only where
  `display=True` (display names and file names, where they reorder what the reader sees:
  "invoice<U+202E>fdp.exe");
- TAB is folding whitespace: it becomes a space, never an error.

Two modes, chosen by where the value comes from:
- ``mode="refuse"`` for what the rep typed or configured (To/Cc/Bcc, From and identity names,
  Reply-To, subject, attachment file names): removing a character could silently change the
  meaning (a recipient, a file's visible name), so `UnsafeHeaderText` says which field holds
  which character (as U+XXXX: it is invisible) and nothing is queued;
- ``mode="remove"`` for what comes from received mail (a reply's or forward's subject, names,
  Message-IDs, forwarded file names): the rep did not write it and cannot see it, so refusing
  would make that message impossible to answer. Line breaks become a space, other controls go.

Pure functions; any thread; they raise `ComposeError` (a `ValueError`) with a sentence a rep can
read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address as EmailAddress
from email.utils import getaddresses
from typing import Literal

from client.mime.addresses import quote_phrase, split_items

_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LOCAL_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")

Mode = Literal["refuse", "remove"]


class ComposeError(ValueError):
    """A message cannot be built as asked; `str()` says why in words."""


class UnsafeHeaderText(ComposeError):
    """A typed header value holds a character that could inject a header or mislead the reader.

    `field` names the header, `codepoint` is the first offending character as "U+XXXX", `kind`
    is one of "line break", "control character", "bidirectional text control"."""

    def __init__(self, field: str, codepoint: str, kind: str) -> None:
        super().__init__(
            f"The {field} contains a {kind} ({codepoint}), which is not allowed in a mail "
            "header; remove it and try again.")
        self.field = field
        self.codepoint = codepoint
        self.kind = kind


def unsafe_kind(char: str, *, display: bool = False) -> str | None:
    """What makes one character unsafe in a header, or None when it is fine (TAB is fine)."""
    if char in _LINE_BREAKS:
        return "line break"
    code = ord(char)
    if char == "\t":
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "control character"
    if display and char in _BIDI_CONTROLS:
        return "bidirectional text control"
    return None


def header_value(value: str, field: str, *, mode: Mode = "refuse", display: bool = False) -> str:
    """`value` made safe for one header (see the module docstring); stripped, TAB → space.

    ``mode="refuse"`` raises `UnsafeHeaderText`; ``mode="remove"`` never raises. Idempotent.
    """
    out: list[str] = []
    for char in value:
        kind = unsafe_kind(char, display=display)
        if kind is None:
            out.append(" " if char == "\t" else char)
        elif mode == "refuse":
            raise UnsafeHeaderText(field, f"U+{ord(char):04X}", kind)
        elif kind == "line break":
            out.append(" ")
    text = "".join(out)
    if mode == "remove" and len(out) != len(value):
        text = " ".join(text.split())  # a removed line break leaves no double space behind
    return text.strip()


def clean_header_text(value: str, field: str) -> str:
    """A typed header value, refused when unsafe (`header_value` in refuse mode)."""
    return header_value(value, field, mode="refuse")


def received_text(value: str | None, field: str = "header", *, display: bool = False) -> str:
    """Text taken from received mail for a reply or forward: unsafe characters removed."""
    return header_value(value or "", field, mode="remove", display=display)


#: the name as an RFC 5322 phrase (the MIME parser's rule, so what is written is read back)
quote_display_name = quote_phrase


@dataclass(frozen=True)
class Recipient:
    """One mailbox: display name and address (the domain in Unicode, as the rep typed it)."""

    name: str
    email: str

    @property
    def needs_smtputf8(self) -> bool:
        """True when the local part is not ASCII (only SMTPUTF8 servers can take it)."""
        local = self.email.rsplit("@", 1)[0]
        return not local.isascii()

    @property
    def ascii_email(self) -> str:
        """The address with an IDN domain in punycode (the local part unchanged)."""
        local, _, domain = self.email.rpartition("@")
        try:
            return f"{local}@{domain.encode('idna').decode('ascii')}"
        except UnicodeError as exc:
            raise ComposeError(f"The domain of {self.email!r} is not a valid domain name.") from exc

    def formatted(self, field: str = "address") -> str:
        """`Name <addr>` for an EmailMessage header (encoded by the policy); raises
        `UnsafeHeaderText` when the name or address holds an unsafe character."""
        name = header_value(self.name, f"name in {field}", display=True)
        address = header_value(self.email, field)
        local, _, domain = Recipient(name, address).ascii_email.rpartition("@")
        if self.needs_smtputf8:
            return f"{quote_display_name(name)} <{address}>" if name else address
        return str(EmailAddress(display_name=name, username=local, domain=domain))

    def typed(self) -> str:
        """The form a rep would type into an address field (and `parse_recipients` reads back
        as exactly this one mailbox)."""
        return f"{quote_display_name(self.name)} <{self.email}>" if self.name else self.email


def parse_recipients(values: list[str] | tuple[str, ...] | str, field: str = "To") -> list[Recipient]:
    """Parse comma-separated address lists into recipients; refuse anything that is not an address.

    An unsafe character (line break, control) anywhere in the field is refused before the list
    is split, so a separator can neither become group syntax nor hide a recipient. Raises
    `ComposeError` naming the bad entry, before anything is queued.
    """
    if isinstance(values, str):
        values = [values]
    out: list[Recipient] = []
    for raw in values:
        clean_header_text(raw, f"{field} field")
        for item in split_items(raw):
            found = [(n, a) for n, a in getaddresses([item]) if n or a]
            if len(found) != 1:
                # Python releases differ on what they drop ("two@@at.com" -> nothing on some):
                # each comma-separated entry must give exactly one address, never vanish.
                raise ComposeError(f"{field}: {item.strip()!r} is not a valid email address.")
            name, addr = found[0]
            out.append(validate_address(addr, name, field, entry=item))
    return out


def validate_address(addr: str, name: str = "", field: str = "To", entry: str | None = None) -> Recipient:
    """Check one address: exactly one @, a dotted domain, a plausible local part, and a name
    without unsafe characters (bidi controls included). `entry` is what the rep typed, named in
    the error."""
    addr = header_value(addr, f"{field} field")
    name = header_value(name, f"name in {field}", display=True)
    shown = (entry or addr or name).strip()
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip(".") or " " in addr:
        raise ComposeError(f"{field}: {shown!r} is not a valid email address.")
    if local.isascii() and not _LOCAL_ATEXT.match(local) and not (
        local.startswith('"') and local.endswith('"')
    ):
        raise ComposeError(f"{field}: {shown!r} is not a valid email address.")
    try:
        domain.encode("idna")
    except UnicodeError as exc:
        raise ComposeError(f"{field}: the domain of {shown!r} is not a valid domain name.") from exc
    return Recipient(name=name, email=f"{local}@{domain.lower()}")
