"""The fraud risk of the message the reader opens (worker thread; issue 19).

``message_risk(store, row)`` is ``client.security.assess.risk_of_row`` as JSON, on the
reader's worker thread with its Store (computed on first display, then read from the cache).
A failure of the fraud checks never keeps the message from showing: it is logged and None is
returned (no bar). Never raises.
"""

from __future__ import annotations

import logging
from typing import Any

from client.security.assess import risk_of_row
from client.store.db import Store
from client.store.records import MessageRow

log = logging.getLogger(__name__)


def message_risk(store: Store, row: MessageRow) -> dict[str, Any] | None:
    """See the module docstring."""
    try:
        risk = risk_of_row(store, row)
    except Exception as exc:  # noqa: BLE001 - the mail still shows, without a risk bar
        log.warning("fraud risk of message %s: %s", row.id, type(exc).__name__)
        return None
    return risk.to_json() if risk is not None else None
