"""`--at` / `--zone` of `tradewind send|reply|forward`: queue the message as `scheduled`.

`add_options(parser)`; `send_at_for(store, fields, args) -> float | None` checks the value
before anything is queued (exit 2 in words: a past time, an unknown zone, a missing zone, a
time the clocks skip); `buyer-morning` is the next 09:00 on a working day in the first
recipient's zone (`client.customers.local_time.buyer_zone`). `client.customers.later.queue_later`
queues and schedules in one durable transaction. Main thread of the CLI.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from client.cli.errors import UsageError

if TYPE_CHECKING:
    from client.compose.drafts import DraftFields
    from client.store.db import Store


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", metavar="TIME|buyer-morning",
                        help="send later: a local time such as 2027-01-05T09:00 (with --zone), "
                             "or buyer-morning (the next 09:00 on a working day in the first "
                             "recipient's zone)")
    parser.add_argument("--zone", metavar="ZONE", help="the zone of --at, e.g. Europe/Berlin")


def send_at_for(store: Store, fields: DraftFields, args: argparse.Namespace) -> float | None:
    """The UTC epoch to send at, or None to send now; `UsageError` for a bad value."""
    at = getattr(args, "at", None)
    if at is None:
        if getattr(args, "zone", None):
            raise UsageError("--zone goes with --at.")
        return None
    from client.customers.local_time import buyer_zone
    from client.customers.send_time import BUYER_MORNING, SendTimeError, parse_at
    from client.outgoing.queue_step import recipients_of

    zone, country = args.zone, None
    if at.strip() == BUYER_MORNING and not zone:
        to, cc, bcc = recipients_of(fields)
        first = (to + cc + bcc)[:1]
        choice = buyer_zone(store, first[0].email) if first else None
        if choice is not None:
            zone, country = choice.zone, choice.country
    try:
        return parse_at(at, zone, country=country)
    except SendTimeError as exc:
        raise UsageError(str(exc)) from None


def utc_iso(send_at: float) -> str:
    """The `send_at` of the `--json` documents: UTC, ISO 8601 (`2027-01-05T08:00:00Z`)."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(send_at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def later_line(send_at: float) -> str:
    """"Scheduled for 2027-01-05 08:00 UTC." for the CLI's text output."""
    from datetime import UTC, datetime

    return f"Scheduled for {datetime.fromtimestamp(send_at, UTC):%Y-%m-%d %H:%M} UTC."


