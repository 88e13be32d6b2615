"""RFC 5546 §6: only the organizer changes an entry, only the attendee answers (C6)."""

from __future__ import annotations

from datetime import UTC, datetime

from client.meetings.itip import Incoming, Stored, judge

ORG = "boss@example.cn"
STAMP = datetime(2026, 3, 1, tzinfo=UTC)


def _in(sequence: int = 1, organizer: str = ORG, attendees: tuple[str, ...] = ("me@x.com",),
        stamp: datetime = STAMP) -> Incoming:
    return Incoming("u1", organizer, sequence, stamp, attendees)


STORED = Stored(ORG, 1, STAMP)


def test_new_request_only_from_its_organizer() -> None:
    assert judge("REQUEST", _in(), ORG, None).apply
    spoofed = judge("REQUEST", _in(), "mallory@evil.test", None)
    assert not spoofed.apply and "not by the organizer" in spoofed.reason


def test_update_needs_higher_sequence_from_the_stored_organizer() -> None:
    assert judge("REQUEST", _in(sequence=2), ORG, STORED).apply
    assert not judge("REQUEST", _in(sequence=1), ORG, STORED).apply
    assert not judge("REQUEST", _in(sequence=0), ORG, STORED).apply
    newer = datetime(2026, 3, 2, tzinfo=UTC)
    assert judge("REQUEST", _in(sequence=1, stamp=newer), ORG, STORED).apply


def test_update_that_changes_the_organizer_is_not_applied() -> None:
    verdict = judge("REQUEST", _in(sequence=5, organizer="mallory@evil.test"),
                    "mallory@evil.test", STORED)
    assert not verdict.apply and "organizer changed" in verdict.reason


def test_cancel_only_from_the_organizer() -> None:
    assert judge("CANCEL", _in(sequence=2), ORG, STORED).apply
    assert not judge("CANCEL", _in(sequence=2), "mallory@evil.test", STORED).apply
    assert not judge("CANCEL", _in(sequence=0), ORG, STORED).apply
    assert not judge("CANCEL", _in(sequence=2), ORG, None).apply


def test_reply_only_from_the_attendee_it_names() -> None:
    mine = Stored("me@x.com", 0, STAMP)
    own = frozenset({"me@x.com"})
    assert judge("REPLY", _in(attendees=("buyer@y.de",), organizer="me@x.com"),
                 "buyer@y.de", mine, own).apply
    assert not judge("REPLY", _in(attendees=("buyer@y.de",), organizer="me@x.com"),
                     "other@y.de", mine, own).apply
    assert not judge("REPLY", _in(attendees=("a@y.de", "b@y.de"), organizer="me@x.com"),
                     "a@y.de", mine, own).apply
    assert not judge("REPLY", _in(attendees=("buyer@y.de",)), "buyer@y.de", STORED, own).apply


def test_other_methods_are_shown_not_applied() -> None:
    assert not judge("COUNTER", _in(), ORG, STORED).apply
    assert not judge("PUBLISH", _in(), ORG, None).apply
