"""The OAuth2 test bed (a plugin of tests/conftest.py, shared by tests/client and tests/ui):
the test authorization server, a Dovecot asking it, a submission server asking it, and a
fresh mail user per test signed in at the authorization server."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from tests.conftest import _require_dovecot, unique_user_name
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.oauth_server import OAuthServer
from tests.servers.submission import SubmissionServer


class Bed:
    def __init__(self, oauth: OAuthServer, dovecot: DovecotServer, sub: SubmissionServer) -> None:
        self.oauth, self.dovecot, self.sub = oauth, dovecot, sub


@pytest.fixture(scope="session")
def bed() -> Iterator[Bed]:
    """One bed for the session (it was one per module: three Dovecot starts); tests share it
    through a fresh ``user`` each and compare the servers' logs from their own offsets."""
    _require_dovecot()
    oauth = OAuthServer().start()
    dovecot = DovecotServer(oauth2_introspection_url=oauth.base_url + "/introspect").start()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sub = SubmissionServer(dovecot, oauth=oauth).start()
    try:
        yield Bed(oauth, dovecot, sub)
    finally:
        sub.stop()
        dovecot.stop()
        oauth.stop()


@pytest.fixture
def user(bed: Bed, request: pytest.FixtureRequest) -> MailUser:
    mail_user = bed.dovecot.add_user(unique_user_name(request), "unused-password-" + "x" * 8)
    bed.oauth.user = mail_user.username
    bed.sub.reset()
    return mail_user
