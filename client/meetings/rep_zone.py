"""The rep's own time zone: a setting, else the computer's.

Kept in the profile's `settings` table as `meet.rep_zone` (a canonical IANA name; a
`client/settings.py` registry of every setting is being written on another branch: this key
moves there when it lands). `rep_zone(store) -> RepZone(zone, source)` is what the reader's
invitation card, the calendar views, the planner's organizer zone and `tradewind meet plan`
without `--organizer-zone` use: the setting when it holds a valid zone, else the computer's
zone (`source` "setting" or "computer"; a stored value that no longer names a zone is ignored).
`set_rep_zone(store, text)` validates and stores (Windows names and old links accepted, stored
canonical); `None` goes back to the computer's zone. Raises `ZoneError` in words. The
caller's Store and thread; idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from client.meetings.zones import ZoneError, validate_zone
from client.store.db import Store

KEY = "meet.rep_zone"


@dataclass(frozen=True)
class RepZone:
    zone: str
    source: str  # "setting" or "computer"


def computer_zone() -> str:
    """This computer's IANA zone (babel's reading of the OS), UTC when unknown."""
    from babel.localtime import get_localzone

    try:
        return validate_zone(str(getattr(get_localzone(), "key", "")))
    except (ZoneError, LookupError, OSError, ValueError):
        return "UTC"


def rep_zone(store: Store) -> RepZone:
    """The zone the rep works in (see the module docstring)."""
    value = store.get_setting(KEY)
    if isinstance(value, str) and value:
        try:
            return RepZone(validate_zone(value), "setting")
        except ZoneError:
            pass
    return RepZone(computer_zone(), "computer")


def set_rep_zone(store: Store, text: str | None) -> RepZone:
    """Store the rep's zone (`None` or "": the computer's again); the zone now in force."""
    if text is None or not text.strip():
        with store.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (KEY,))
        return rep_zone(store)
    store.set_setting(KEY, validate_zone(text))
    return rep_zone(store)
