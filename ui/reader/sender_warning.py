"""The reader's From line and its warnings for a suspicious sender (checklist I1, I2, B10).

GUI thread (strings only, no widgets). The decision is `client.mime.sender_checks`; this
module only words it: every From address is listed, names quoted as needed and with invisible
characters written as [U+XXXX], and each `SenderWarning` of `ReaderContent.sender_warnings`
becomes one translated sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from client.mime.addresses import format_address
from client.mime.model import Address
from client.mime.sender_checks import SenderWarning, visible_text
from client.store.records import MessageRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("SenderWarning", text)


def senders_of(row: MessageRow, parsed: Sequence[Address]) -> tuple[Address, ...]:
    """The From addresses of the one parse, else the row's (a message shown without a body)."""
    if parsed:
        return tuple(parsed)
    return (Address(row.from_name, row.from_email),) if row.from_email or row.from_name else ()


def sender_line(senders: Sequence[Address]) -> str:
    """Every From address as written (`"Name <a@x>" <b@y>`), invisible characters shown."""
    if not senders:
        return _tr("(no sender address)")
    return visible_text(", ".join(format_address(a.name, a.email) for a in senders))


def _sentence(warning: SenderWarning) -> str:
    if warning.code == "name-contains-address":
        return _tr("The sender's name contains the address {0}, but the message is from {1}."
                   ).format(warning.detail, warning.address)
    if warning.code == "invisible-characters":
        return _tr("The sender's name contains invisible or text-direction characters ({0}); "
                   "they are shown as [U+…].").format(warning.detail)
    if warning.code == "name-matches-contact":
        return _tr("The sender's name matches your contact {0}, but the message is from {1}."
                   ).format(warning.detail, warning.address)
    if warning.code == "sender-header-only":
        return _tr("This message has no From address; its Sender or Resent-From header names "
                   "{0}.").format(warning.detail)
    if warning.code == "several-senders":
        return _tr("This message names several senders: {0}. Check who really sent it."
                   ).format(warning.detail)
    if warning.detail:
        return _tr("This message has no sender address (only the name {0}).").format(
            warning.detail)
    return _tr("This message has no sender address.")


def sender_notices(warnings: Sequence[SenderWarning]) -> list[str]:
    """One translated sentence per sender warning (`ReaderContent.sender_warnings`)."""
    return [visible_text(_sentence(w)) for w in warnings]
