"""Is the sender of a message suspicious, and why (checklist I1, I2, B4, B10)?

Pure functions, safe from any thread, never raise. They work on the From addresses of the one
parse (`ParsedHeaders.from_`), so the reader, the list and `tradewind show --json` describe the
same sender. Nothing is cleaned away: a name is shown as written, with invisible characters
made visible (`visible_text`) and a `SenderWarning` saying what is wrong.

Codes (stable, used by the CLI's JSON and the reader's translations):
- `name-contains-address`: the display name holds an address other than the sender's
  (`detail` = that address, `address` = the real one);
- `invisible-characters`: bidi controls or invisible characters in the name or address
  (`detail` = their code points, e.g. "U+202E");
- `name-matches-contact`: the name is one the rep has written to at another address
  (`detail` = the contact's addresses);
- `several-senders`: more than one From address or From header (`detail` = all addresses);
- `no-sender-address`: no From address at all (`detail` = a name-only From, if any);
- `sender-header-only`: no From address, but Sender or Resent-From names one (`detail` = those
  addresses, `address` = the first): shown, never silently used as the sender (I2).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .header_block import split_header_block
from .headers import HeaderDecoder
from .model import DEFAULT_LIMITS, Address

# Bidi embeddings/overrides/isolates and marks, zero-width and other invisible format chars.
_INVISIBLE = re.compile(
    "[\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_ADDRESS_IN_TEXT = re.compile(r"[^\s<>()\"',;:@]+@[^\s<>()\"',;:@]+")
_AT_SIGNS = "@\uff20\ufe6b"  # @, fullwidth @, small @


@dataclass(frozen=True)
class SenderWarning:
    """One reason to distrust the From line; `message` is the English sentence."""

    code: str
    address: str
    detail: str
    message: str


def visible_text(text: str) -> str:
    """`text` with each invisible or direction-control character written as `[U+XXXX]`."""
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


def _code_points(text: str) -> str:
    return " ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in _INVISIBLE.findall(text)))


def _other_address(name: str, email: str) -> str | None:
    """An address-like word of `name` that is not `email` itself, else None."""
    folded = name.translate({0xFF20: "@", 0xFE6B: "@"})
    for found in _ADDRESS_IN_TEXT.findall(folded):
        if found.strip(".").lower() != email.lower():
            return found.strip(".")
    return None


def other_senders(raw: bytes) -> tuple[Address, ...]:
    """The Sender and Resent-From addresses of a raw message (header block only); never raises."""
    try:
        block = split_header_block(raw, DEFAULT_LIMITS)
        values = block.all("sender") + block.all("resent-from")
        return HeaderDecoder(block).addresses(values, "sender", 100) if values else ()
    except Exception:  # noqa: BLE001 - advisory only: no candidates rather than a crash
        return ()


def check_sender(
    senders: Sequence[Address],
    others: Sequence[Address] = (),
    contacts: Mapping[str, Collection[str]] | None = None,
) -> tuple[SenderWarning, ...]:
    """The warnings for a message whose From addresses are `senders` (all of them, in order);
    `others` are its Sender/Resent-From addresses (`other_senders`), used only without From;
    `contacts` maps a display name (whitespace collapsed, casefolded) to the addresses the rep
    knows under it (`client.store.address_book.contact_addresses_named`)."""
    warnings: list[SenderWarning] = []
    real = [a for a in senders if "@" in a.email]
    candidates = [a.email for a in others if "@" in a.email]
    if not real and candidates:
        listed = ", ".join(dict.fromkeys(candidates))
        warnings.append(SenderWarning(
            "sender-header-only", candidates[0], listed,
            f"This message has no From address; its Sender or Resent-From header names "
            f"{listed}.",
        ))
    elif not real:
        shown = ", ".join(visible_text(a.name) for a in senders if a.name)
        warnings.append(SenderWarning(
            "no-sender-address", "", shown,
            "This message has no sender address" + (f" (only the name {shown})." if shown
                                                     else "."),
        ))
    if len(senders) > 1:
        listed = ", ".join(a.email or visible_text(a.name) for a in senders)
        warnings.append(SenderWarning(
            "several-senders", real[0].email if real else "", listed,
            f"This message names several senders: {listed}. Check who really sent it.",
        ))
    for sender in senders:
        other = _other_address(sender.name, sender.email) if sender.email else None
        if other is not None:
            warnings.append(SenderWarning(
                "name-contains-address", sender.email, other,
                f"The sender's name contains the address {other}, but the message is from "
                f"{sender.email}.",
            ))
        known = (contacts or {}).get(" ".join(sender.name.split()).casefold(), ())
        if sender.email and known and sender.email.lower() not in {k.lower() for k in known}:
            listed = ", ".join(sorted(known))
            warnings.append(SenderWarning(
                "name-matches-contact", sender.email, listed,
                f"The sender's name matches your contact {listed}, but the message is from "
                f"{sender.email}.",
            ))
        points = _code_points(sender.name + sender.email)
        if points:
            warnings.append(SenderWarning(
                "invisible-characters", sender.email, points,
                f"The sender's name contains invisible or text-direction characters ({points}); "
                "they are shown as [U+…].",
            ))
    return tuple(warnings)


def suspicious_name(name: str, email: str) -> bool:
    """True if the name could pass for another sender (an address, an @, hidden characters)."""
    return bool(_INVISIBLE.search(name)) or (
        any(sign in name for sign in _AT_SIGNS) and name.strip().lower() != email.lower()
    )


def list_label(name: str, email: str) -> str:
    """The message list's sender text: the name, or for a suspicious name the real address
    first and the name (invisible characters made visible) after it in quotes."""
    if not name:
        return email
    if not suspicious_name(name, email):
        return name
    return f"{email} “{visible_text(name)}”" if email else visible_text(name)
