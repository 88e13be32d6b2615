"""The remote-content policy: whether a message may load pictures from the internet, and why.

The allow list is the setting ``reader.remote_content_senders`` (``client.settings``): entries
``name@domain`` (one sender address) and ``@domain`` (every address at that domain), kept
lower-cased per *address*, never per display name (checklist H3). Remote pictures load only
when the rep allowed this message, or when *every* From address of the message is on the list
(one allowed address beside another sender opens nothing, I2).

``decide(senders, remote_count, allowed, for_message=False) -> RemoteDecision`` is pure (any
thread). ``allowed_senders(store)`` and ``allow_sender(store_or_path, entry)`` use the Store
given (its thread) or open their own (``allow_sender`` with a path, for a worker thread);
``allow_sender`` is idempotent and raises ``SettingError`` (a ``ValueError``) in words for
anything that is neither an address nor ``@domain``. ``is_remote_reference(tag, attr,
value)`` is the one rule of what counts as a remote picture (reader and CLI alike).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from client import settings
from client.i18n import N_, translate
from client.store.db import Store

SETTING_KEY = "reader.remote_content_senders"
_REMOTE = ("http:", "https:", "//", "ftp:")

#: why remote pictures are (not) loaded; ``REASONS`` has the English words
NO_REMOTE_CONTENT = "no-remote-content"
ALLOWED_FOR_MESSAGE = "allowed-for-message"
SENDER_ALLOWED = "sender-allowed"
DOMAIN_ALLOWED = "domain-allowed"
NOT_ALLOWED = "sender-not-allowed"
NOT_EVERY_SENDER = "not-every-sender-allowed"
NO_SENDER = "no-sender-address"
REASONS = {
    NO_REMOTE_CONTENT: N_("The message refers to no pictures on the internet."),
    ALLOWED_FOR_MESSAGE: N_("Remote pictures were allowed for this message."),
    SENDER_ALLOWED: N_("The sender's address is on the allow list."),
    DOMAIN_ALLOWED: N_("The sender's domain is on the allow list."),
    NOT_ALLOWED: N_("Remote pictures are blocked: the sender is not on the allow list."),
    NOT_EVERY_SENDER: N_("Remote pictures are blocked: not every sender of the message is on "
                         "the allow list."),
    NO_SENDER: N_("Remote pictures are blocked: the message has no sender address."),
}


@dataclass(frozen=True)
class RemoteDecision:
    """``blocked``: remote pictures stay blocked; ``count``: remote references found;
    ``reason``: one code of ``REASONS``."""

    blocked: bool
    count: int
    reason: str

    @property
    def allowed(self) -> bool:
        """Whether the view may load remote pictures (also True when there are none)."""
        return not self.blocked and self.reason != NO_REMOTE_CONTENT

    def to_json(self) -> dict[str, object]:
        """``message`` in the current language of ``client.i18n``."""
        return {"count": self.count, "blocked": self.blocked, "reason": self.reason,
                "message": translate(REASONS[self.reason])}


def is_remote_reference(tag: str, attr: str, value: str) -> bool:
    """True for a picture source on the internet (``<img src="https://…">``, ``//host``,
    ``ftp:``), the references the reader blocks until allowed."""
    return tag == "img" and attr == "src" and value.strip().lower().startswith(_REMOTE)


def _match(address: str, allowed: set[str]) -> str | None:
    address = address.strip().lower()
    if address in allowed:
        return SENDER_ALLOWED
    domain = address.rpartition("@")[2]
    return DOMAIN_ALLOWED if domain and "@" + domain in allowed else None


def sender_reason(senders: Iterable[str], allowed: set[str]) -> str:
    """Why the allow list lets these From addresses load remote pictures, or not. Pure."""
    addresses = [a for a in senders if a and "@" in a]
    if not addresses:
        return NO_SENDER
    found = [_match(address, allowed) for address in addresses]
    if all(found):
        return DOMAIN_ALLOWED if DOMAIN_ALLOWED in found else SENDER_ALLOWED
    return NOT_EVERY_SENDER if any(found) else NOT_ALLOWED


def senders_allowed(senders: Iterable[str], allowed: set[str]) -> bool:
    """True if every From address is on the allow list (by address or ``@domain``)."""
    return sender_reason(senders, allowed) in (SENDER_ALLOWED, DOMAIN_ALLOWED)


def decide(senders: Iterable[str], remote_count: int, allowed: set[str],
           for_message: bool = False) -> RemoteDecision:
    """The decision for one message (see the module docstring). Pure."""
    if remote_count <= 0:
        return RemoteDecision(False, 0, NO_REMOTE_CONTENT)
    if for_message:
        return RemoteDecision(False, remote_count, ALLOWED_FOR_MESSAGE)
    reason = sender_reason(senders, allowed)
    return RemoteDecision(reason not in (SENDER_ALLOWED, DOMAIN_ALLOWED), remote_count, reason)


def allowed_senders(store: Store) -> set[str]:
    """The addresses and ``@domains`` whose mail may load remote pictures."""
    return set(settings.read(store, SETTING_KEY))


def allow_sender(target: Store | Path, entry: str) -> list[str]:
    """Put ``entry`` (an address or ``@domain``) on the allow list; returns the new list."""
    if isinstance(target, Store):
        return _add(target, entry)
    with Store.open(target) as store:
        return _add(store, entry)


def _add(store: Store, entry: str) -> list[str]:
    address = settings.normalise_address(entry)
    return list(settings.write(store, SETTING_KEY, sorted(allowed_senders(store) | {address})))


def disallow_sender(store: Store, entry: str) -> list[str]:
    """Take ``entry`` off the allow list (nothing happens if it is not there)."""
    address = entry.strip().lower()
    return list(settings.write(store, SETTING_KEY, sorted(allowed_senders(store) - {address})))
