"""Which senders the rep allowed to load remote pictures ("always for this sender").

Kept per sender *address* (lower-cased), never per display name (checklist H3), in the
profile's settings table. Qt-free; each function uses the Store it is given (its thread) or
opens its own (``allow_sender``, for a worker thread). Idempotent.
"""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store

SETTING_KEY = "reader.remote_content_senders"


def allowed_senders(store: Store) -> set[str]:
    """The addresses whose mail may load remote pictures."""
    value = store.get_setting(SETTING_KEY, [])
    return {str(v).lower() for v in value} if isinstance(value, list) else set()


def allow_sender(db_path: Path, email: str) -> None:
    """Allow remote pictures in mail from ``email`` from now on (worker thread)."""
    address = email.strip().lower()
    if "@" not in address:
        raise ValueError(f"{email!r} is not an email address")
    with Store.open(db_path) as store:
        store.set_setting(SETTING_KEY, sorted(allowed_senders(store) | {address}))
