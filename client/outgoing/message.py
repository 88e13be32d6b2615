"""The message on its way through the outgoing pipeline, and what queueing returns.

`Outgoing` is immutable: each step returns a new one (`dataclasses.replace`). `Step` is the
type every step has. Pure data; any thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from client.compose.assemble import SignatureBlock
from client.compose.drafts import DraftFields
from client.compose.identities import Identity

if TYPE_CHECKING:
    from client.signatures.enforce import Enforced
    from client.store.db import Store


@dataclass(frozen=True)
class Outgoing:
    """What the rep sends: the account, the identity it goes from, the fields as they are now
    and the signature block to assemble; `enforced` is the signature step's verdict (checked
    against the built message), `hold_for(outbox_id) -> link_files JSON` runs in the queueing
    transaction (the message then waits `uploading`), `notices` are for the rep."""

    account_id: int
    identity: Identity
    fields: DraftFields
    signature: SignatureBlock | None = None
    enforced: Enforced | None = None
    hold_for: Callable[[int], str] | None = None
    notices: tuple[str, ...] = ()


class Step(Protocol):
    """One step of the pipeline: returns the message changed, or raises (nothing queued)."""

    def __call__(self, store: Store, message: Outgoing, /) -> Outgoing: ...


@dataclass(frozen=True)
class QueuedMessage:
    outbox_id: int
    message_id: str
    recipients: tuple[str, ...]
    notices: tuple[str, ...] = ()  # e.g. "the company signature was restored", for the rep
