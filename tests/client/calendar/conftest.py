"""Fixtures of the calendar tests."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tests.client.calendar.sides import Side
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


@pytest.fixture
def sides(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
          smtp_user: MailUser, request: pytest.FixtureRequest
          ) -> tuple[Side, Side]:
    other = dovecot.add_user(f"att{secrets.token_hex(4)}", secrets.token_urlsafe(12))
    submission.allow(other.username, other.password)
    organizer = Side(tmp_path / "org.db", dovecot, submission, smtp_user)
    attendee = Side(tmp_path / "att.db", dovecot, submission, other)
    yield organizer, attendee  # type: ignore[misc]
    organizer.store.close()
    attendee.store.close()
