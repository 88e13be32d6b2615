"""Safe header values and addresses for outgoing mail.

Every user-typed field passes through here before it reaches a MIME header, so that no CR, LF or NUL
can inject a header or a Bcc (checklist O5). Pure functions; any thread; they raise
`ComposeError` with a sentence a rep can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address as EmailAddress
from email.utils import getaddresses

from client.mime.addresses import split_items

_FORBIDDEN = re.compile(r"[\r\n\x00]")
_LOCAL_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")


class ComposeError(ValueError):
    """A message cannot be built as asked; `str()` says why in words."""


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

    def formatted(self) -> str:
        """`Name <addr>` suitable for an EmailMessage header (encoded by the policy)."""
        local, _, domain = self.ascii_email.rpartition("@")
        if self.needs_smtputf8:
            return f"{self.name} <{self.email}>" if self.name else self.email
        return str(EmailAddress(display_name=self.name, username=local, domain=domain))


def clean_header_text(value: str, field: str) -> str:
    """Return `value` for a header, refusing CR, LF and NUL (no header injection)."""
    if _FORBIDDEN.search(value):
        raise ComposeError(f"The {field} contains a line break or NUL character, which is not allowed.")
    return value.strip()


def parse_recipients(values: list[str] | tuple[str, ...] | str, field: str = "To") -> list[Recipient]:
    """Parse comma-separated address lists into recipients; refuse anything that is not an address.

    Raises `ComposeError` naming the bad entry, before anything is queued.
    """
    if isinstance(values, str):
        values = [values]
    out: list[Recipient] = []
    for raw in values:
        clean_header_text(raw, field)
        for item in split_items(raw):
            found = [(n, a) for n, a in getaddresses([item]) if n or a]
            if len(found) != 1:
                # Python releases differ on what they drop ("two@@at.com" -> nothing on some):
                # each comma-separated entry must give exactly one address, never vanish.
                raise ComposeError(f"{field}: {item!r} is not a valid email address.")
            name, addr = found[0]
            out.append(validate_address(addr, name, field))
    return out


def validate_address(addr: str, name: str = "", field: str = "To") -> Recipient:
    """Check one address: exactly one @, a dotted domain, a plausible local part."""
    addr = addr.strip()
    clean_header_text(name, field)
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip(".") or " " in addr:
        raise ComposeError(f"{field}: {addr or name!r} is not a valid email address.")
    if local.isascii() and not _LOCAL_ATEXT.match(local) and not (
        local.startswith('"') and local.endswith('"')
    ):
        raise ComposeError(f"{field}: {addr!r} is not a valid email address.")
    try:
        domain.encode("idna")
    except UnicodeError as exc:
        raise ComposeError(f"{field}: the domain of {addr!r} is not a valid domain name.") from exc
    return Recipient(name=name.strip(), email=f"{local}@{domain.lower()}")
