"""The resolved profile a process works on, and where its log goes.

`Profile.resolve(explicit)` applies the `client.profile.paths` rules (`--profile`, then
`TRADEWIND_PROFILE`, then the platform default) and gives every path the core needs. User
preferences live in the store's `settings` table, not in files here; secrets live only in the
keyring (`client.profile.secrets`).

Thread-safety: `Profile` is immutable and may be shared. `profile_logging` is entered once,
from the main thread, around a whole run (the CLI does so for every command).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from client.profile import paths

LOG_FILE_NAME = "tradewind.log"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
_LOG_MAX_BYTES = 2_000_000
_LOG_BACKUPS = 3


@dataclass(frozen=True)
class Profile:
    """One profile directory and the files inside it (nothing is created until asked)."""

    directory: Path

    @classmethod
    def resolve(
        cls,
        explicit: str | os.PathLike[str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Profile:
        """Pick the profile directory by the documented precedence; touches no files."""
        return cls(paths.resolve_profile_dir(explicit, environ))

    @property
    def database(self) -> Path:
        """`PROFILE/tradewind.db`."""
        return paths.database_path(self.directory)

    @property
    def lock_file(self) -> Path:
        """`PROFILE/tradewind.lock`."""
        return paths.lock_path(self.directory)

    @property
    def log_file(self) -> Path:
        """`PROFILE/logs/tradewind.log`."""
        return paths.logs_dir(self.directory) / LOG_FILE_NAME

    def ensure(self) -> Profile:
        """Create the directory if needed (raises `paths.ProfileError` in words). Idempotent."""
        paths.ensure_profile_dir(self.directory)
        return self

    def writer_lock(self) -> paths.ProfileLock:
        """A new (not yet acquired) single-writer lock for this profile."""
        return paths.ProfileLock(self.directory)


@contextmanager
def profile_logging(profile: Profile, level: int = logging.INFO) -> Iterator[Path]:
    """Send the `client` loggers to a size-rotated file in the profile while the block runs.

    Yields the log file path; the handler is removed and closed on exit, so in-process callers
    (tests, the CLI run twice) never leak handlers. Log records must never contain secrets:
    callers log account addresses, never passwords.
    """
    profile.ensure()
    log_file = profile.log_file
    log_file.parent.mkdir(mode=0o700, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=_LOG_MAX_BYTES, backupCount=_LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    logger = logging.getLogger("client")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield log_file
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        handler.close()
