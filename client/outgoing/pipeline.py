"""`queue_message`: the outgoing pipeline, from the composer's (or a command's) fields to the
outbox. See the package docstring for the order of the steps.

A later step plugs in as one more keyword and one line in `steps_for`; the other steps do
not change. Store work on the caller's thread (no network); raises `ComposeError` (or the
step's own error in words) before anything is queued; not idempotent (each call queues one
message).
"""

from __future__ import annotations

from client.compose.assemble import SignatureBlock
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.compose.identities import Identity, identities
from client.outgoing import signature_step
from client.outgoing.message import Outgoing, QueuedMessage, Step
from client.outgoing.queue_step import enqueue, recipients_of
from client.store.db import Store


def resolve_identity(store: Store, account_id: int, sender: str) -> Identity:
    """The identity for a From address of this account; refuses foreign addresses."""
    for identity in identities(store, account_id):
        if identity.email.lower() == sender.lower():
            return identity
    raise ComposeError(
        f"{sender} is not one of this account's sending addresses; add it with "
        f"`tradewind identity add` first."
    )


def steps_for(*, render: Step | None = None, links: Step | None = None,
              calendar: Step | None = None) -> tuple[Step, ...]:
    """The steps in their order: render → signature → links → calendar (then `enqueue`)."""
    return tuple(step for step in (render, signature_step.enforce, links, calendar)
                 if step is not None)


def run(store: Store, message: Outgoing, steps: tuple[Step, ...]) -> QueuedMessage:
    """Each step in turn, then queue."""
    for step in steps:
        message = step(store, message)
    return enqueue(store, message)


def queue_message(
    store: Store, account_id: int, fields: DraftFields, signature: SignatureBlock | None = None,
    *, render: Step | None = None, links: Step | None = None, calendar: Step | None = None,
) -> QueuedMessage:
    """Validate, build and durably queue the rep's message (see the module)."""
    identity = resolve_identity(store, account_id, fields.sender)
    recipients_of(fields)  # every address is checked before any other step
    start = Outgoing(account_id, identity, fields, signature)
    return run(store, start, steps_for(render=render, links=links, calendar=calendar))
