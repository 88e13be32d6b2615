"""The jobs run syncs and flushes: their tests use the sync tests' real-server account
(`sync_env`, on Dovecot and on Cyrus) and the smtp tests' submission server."""

from tests.client.smtp.conftest import smtp_user, submission
from tests.client.sync.conftest import sync_env

__all__ = ["smtp_user", "submission", "sync_env"]
