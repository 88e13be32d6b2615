"""mbsync (isync), the speed peer: a full sync of the test account into a fresh Maildir.

``MbsyncPeer(workdir, server, user)`` writes an mbsyncrc in ``workdir`` (IMAPS to the loopback
port, the test CA as ``CertificateFile``, password read by ``PassCmd`` from a 0600 file that is
deleted by ``close()``) and runs ``mbsync -a``. Not thread-safe; one peer per work directory.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from tests.benchmarks.measure import Measured, run_measured
from tests.servers.dovecot import DovecotServer, MailUser


def mbsync_binary() -> str | None:
    """Path of ``mbsync`` or None when isync is not installed."""
    return shutil.which("mbsync")


class MbsyncPeer:
    """One mbsync configuration against one account; ``full_sync`` starts from an empty Maildir."""

    def __init__(self, workdir: Path, server: DovecotServer, user: MailUser, fsync: bool = True) -> None:
        binary = mbsync_binary()
        if binary is None:
            raise RuntimeError("mbsync is not installed (apt-get install isync)")
        self.binary = binary
        self.workdir = workdir
        self.maildir = workdir / "Maildir"
        self.password_file = workdir / "pass"
        self.config = workdir / "mbsyncrc"
        workdir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(user.password)
        # "localhost", not 127.0.0.1: mbsync checks DNS names in the certificate, not IP
        # addresses, and the test certificate names both; localhost must resolve to 127.0.0.1.
        self.config.write_text(f"""\
FSync {"yes" if fsync else "no"}

IMAPAccount bench
Host localhost
Port {server.imaps_port}
User {user.username}
PassCmd "cat {self.password_file}"
SSLType IMAPS
CertificateFile {server.ca_file}

IMAPStore bench-far
Account bench

MaildirStore bench-near
Path {self.maildir}/
Inbox {self.maildir}/INBOX
SubFolders Verbatim

Channel bench
Far :bench-far:
Near :bench-near:
Patterns *
Create Near
Sync All
Expunge None
SyncState *
""")

    def full_sync(self) -> Measured:
        """Delete the local Maildir and sync everything. Raises ``MeasuredCommandFailed``."""
        shutil.rmtree(self.maildir, ignore_errors=True)
        self.maildir.mkdir()
        # mbsync waits a whole second when a maildir changed within the current second; a
        # freshly made directory would add that second to the measured time.
        time.sleep(1.1)
        return self.resync()

    def resync(self) -> Measured:
        """Sync again over the existing Maildir (a no-change resync when nothing changed)."""
        return run_measured([self.binary, "-q", "-c", str(self.config), "-a"])

    def message_count(self) -> int:
        """Messages mbsync stored locally (files in every ``cur``/``new``)."""
        return sum(len(files) for path, _dirs, files in os.walk(self.maildir)
                   if os.path.basename(path) in ("cur", "new"))

    def close(self) -> None:
        """Delete the password file and the local Maildir. Idempotent."""
        self.password_file.unlink(missing_ok=True)
        shutil.rmtree(self.maildir, ignore_errors=True)
