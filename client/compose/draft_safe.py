"""Drafts never refuse: what the rep typed is saved, valid or not; only sending checks it.

The local draft keeps every field exactly as typed (``drafts.save_draft`` stores the fields);
the draft's MIME copy (the one pushed to the server's Drafts folder) can only carry valid
headers, so ``draft_recipients`` keeps the entries that are addresses and leaves the others
out, and ``draft_header_text`` removes line breaks and controls from a subject or name
instead of refusing it (checklist O5 still holds: nothing typed becomes a header line).
``address_problems(value)`` lists the entries of an address field that sending would refuse
(as typed), for the composer to show beside the field. Pure; any thread; never raises.
"""

from __future__ import annotations

from client.compose.headers import ComposeError, Recipient, header_value, parse_recipients
from client.mime.addresses import split_items


def _entries(value: str) -> list[str]:
    return [item.strip() for item in split_items(header_value(value, "address", mode="remove"))
            if item.strip()]


def draft_recipients(value: str, field: str) -> tuple[Recipient, ...]:
    """The valid addresses of a typed field, in order; the others are left out."""
    if not value.strip():
        return ()
    try:
        return tuple(parse_recipients(value, field))
    except ComposeError:
        pass
    kept: list[Recipient] = []
    for item in _entries(value):
        try:
            kept.extend(parse_recipients(item, field))
        except ComposeError:
            continue
    return tuple(kept)


def address_problems(value: str, field: str = "To") -> tuple[str, ...]:
    """The entries of a typed address field that are not valid addresses (as typed)."""
    if not value.strip():
        return ()
    try:
        parse_recipients(value, field)
        return ()
    except ComposeError:
        pass
    bad: list[str] = []
    for item in split_items(value):
        if not item.strip():
            continue
        try:
            parse_recipients(item, field)
        except ComposeError:
            bad.append(item.strip())
    return tuple(bad) or (value.strip(),)


def draft_header_text(value: str, field: str, *, display: bool = False) -> str:
    """A typed subject or name for the draft's MIME copy: unsafe characters removed."""
    clean = header_value(value, field, mode="remove", display=display)
    return clean if clean == value.strip() else " ".join(clean.split())
