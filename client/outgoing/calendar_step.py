"""Pipeline step: the iCalendar part of an invitation, update, cancellation or answer.

`with_calendar(part)` checks that the part is what its `method` says (an iTIP method the
client sends, the same `METHOD:` inside, one VCALENDAR) and puts it into the fields;
`compose.build` then places it as the last alternative and as `invite.ics`. Pure; raises
`ComposeError` in words (nothing queued).
"""

from __future__ import annotations

import re
from dataclasses import replace

from client.compose.build import CalendarPart
from client.compose.headers import ComposeError
from client.outgoing.message import Outgoing, Step
from client.store.db import Store

METHODS = frozenset({"PUBLISH", "REQUEST", "REPLY", "CANCEL", "COUNTER", "DECLINECOUNTER",
                     "REFRESH", "ADD"})
_METHOD_LINE = re.compile(rb"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)


def check_part(part: CalendarPart) -> CalendarPart:
    """``part`` when it is sendable; raises `ComposeError` naming what is wrong."""
    method = part.method.upper()
    if method not in METHODS:
        raise ComposeError(f"{part.method!r} is not an iCalendar method this client sends.")
    if part.data.count(b"BEGIN:VCALENDAR") != 1:
        raise ComposeError("The invitation must hold exactly one calendar (VCALENDAR).")
    inside = {m.upper() for m in _METHOD_LINE.findall(part.data)}
    if inside != {method.encode()}:
        raise ComposeError(f"The invitation says METHOD {method} outside but "
                           f"{', '.join(sorted(m.decode() for m in inside)) or 'none'} inside.")
    return CalendarPart(method, part.data)


def with_calendar(part: CalendarPart) -> Step:
    """The step that attaches ``part`` (checked first) to the message."""
    checked = check_part(part)

    def step(store: Store, message: Outgoing, /) -> Outgoing:
        return replace(message, fields=replace(message.fields, calendar=checked))

    return step
