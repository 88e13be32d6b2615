"""Fixtures of the outbox tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.client.smtp.rig import Rig
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


@pytest.fixture()
def rig(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> Rig:
    return Rig(tmp_path, dovecot, submission, smtp_user)
