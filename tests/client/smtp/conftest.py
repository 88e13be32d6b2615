"""A real submission server (aiosmtpd, AUTH + TLS) delivering into the session's Dovecot."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


@pytest.fixture(scope="session")
def submission(dovecot: DovecotServer) -> Iterator[SubmissionServer]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH on the implicit-TLS listener
        server = SubmissionServer(dovecot).start()
    yield server
    server.stop()


@pytest.fixture()
def smtp_user(submission: SubmissionServer, imap_user: MailUser) -> Iterator[MailUser]:
    submission.reset()
    submission.allow(imap_user.username, imap_user.password)
    yield imap_user
    submission.reset()
