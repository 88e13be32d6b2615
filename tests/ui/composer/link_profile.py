"""A profile for the app's link tests: one account on the test Dovecot + submission servers
and one link storage (the given spec and secret), in a temp folder."""

from __future__ import annotations

from pathlib import Path

from client.accounts.manager import AccountManager
from client.store.db import Store
from client.uploads.config import StorageSpec, add_storage
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


def link_profile(folder: Path, dovecot: DovecotServer, submission: SubmissionServer,
                 user: MailUser, spec: StorageSpec, secret: str) -> Path:
    """The database path of a new profile in `folder` (see the module)."""
    db = folder / "tradewind.db"
    folder.mkdir()
    with Store.open(db) as store:
        AccountManager(store).add(
            user.email, user.password, imap=f"127.0.0.1:{dovecot.imaps_port}",
            smtp=f"127.0.0.1:{submission.starttls_port}", security="ssl",
            username=user.username, ca_file=str(dovecot.ca_file), lookup=False)
        add_storage(store, user.email, spec, secret)
    return db
