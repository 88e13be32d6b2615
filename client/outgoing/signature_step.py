"""Pipeline step: the company signature policy (`client.signatures.enforce`).

With a policy in force, the policy's signature replaces any offered or edited one and the
rep is told why (`Outgoing.notices`); the verdict (`Outgoing.enforced`) is checked against
the built message by `queue_step`. Without one the message passes unchanged. Store reads on
the caller's thread; raises `ComposeError` when a policy cannot be used (nothing queued).
"""

from __future__ import annotations

from dataclasses import replace

from client.outgoing.message import Outgoing
from client.signatures.enforce import enforce_signature
from client.store.db import Store


def enforce(store: Store, message: Outgoing, /) -> Outgoing:
    """The message with the signature the policy requires (see the module)."""
    verdict = enforce_signature(store, message.identity.email, message.fields, message.signature)
    return replace(message, fields=verdict.fields, signature=verdict.signature,
                   enforced=verdict, notices=(*message.notices, *verdict.notices))
