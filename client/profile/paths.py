"""Where a Tradewind profile lives on disk, and the single-writer lock that guards it.

A *profile* is one directory holding everything Tradewind keeps locally for one user:
the SQLite cache (`tradewind.db`), the writer lock (`tradewind.lock`) and logs. Secrets are
never stored here (see `client.profile.secrets`).

The directory is chosen, first match wins:
1. an explicit directory (the CLI's `--profile DIR`, the app's equivalent);
2. the `TRADEWIND_PROFILE` environment variable;
3. the platform's per-user data folder for the app "Tradewind" (platformdirs), e.g.
   `~/.local/share/Tradewind`, `%LOCALAPPDATA%\\Tradewind`, `~/Library/Application Support/Tradewind`.

`resources_dir()` finds the read-only `resources/` folder, in a source tree and in an
installed wheel alike.

`ProfileLock` is the S4 guard: only one process may write (sync, watch, run the app) on a
profile at a time. It is an OS lock (flock on POSIX, a byte-range lock on Windows), so it is
released by the kernel when the holder dies: a crashed process never leaves a stale lock.
Any thread may call these functions; a `ProfileLock` object itself is not thread-safe.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO

import platformdirs

from client.resources import resources_dir  # noqa: F401 - part of this module's API

APP_NAME = "Tradewind"
PROFILE_ENV = "TRADEWIND_PROFILE"
DATABASE_NAME = "tradewind.db"
LOCK_NAME = "tradewind.lock"
LOGS_DIR_NAME = "logs"

# Windows locks a byte range; lock one byte far beyond the pid text so readers can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 20


class ProfileError(Exception):
    """The profile directory cannot be used (not a directory, not writable...)."""


class ProfileLockedError(ProfileError):
    """Another live process holds the profile's writer lock."""

    def __init__(self, profile_dir: Path, holder_pid: int | None) -> None:
        who = f"process {holder_pid}" if holder_pid else "another process"
        super().__init__(
            f"The profile {profile_dir} is in use by {who} (the Tradewind app, `tradewind sync` "
            "or `tradewind watch`). Close it or wait for it to finish, then try again."
        )
        self.profile_dir = profile_dir
        self.holder_pid = holder_pid


def default_profile_dir() -> Path:
    """The platform's per-user data folder for Tradewind (not created)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_profile_dir(
    explicit: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """Return the absolute profile directory: `explicit`, else `$TRADEWIND_PROFILE`, else default.

    Pure: does not touch the disk. Empty strings count as "not given". `~` is expanded.
    """
    env = os.environ if environ is None else environ
    chosen: str | os.PathLike[str] | None = explicit if explicit not in (None, "") else None
    if chosen is None:
        from_env = env.get(PROFILE_ENV, "")
        chosen = from_env or None
    path = Path(chosen).expanduser() if chosen is not None else default_profile_dir()
    return path.absolute()


def ensure_profile_dir(profile_dir: Path) -> Path:
    """Create the profile directory (private to the user where the OS allows) and return it.

    Idempotent. Raises `ProfileError` in words when the path exists but is not a directory or
    cannot be created.
    """
    if profile_dir.exists() and not profile_dir.is_dir():
        raise ProfileError(f"The profile path {profile_dir} exists but is not a directory.")
    try:
        profile_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ProfileError(
            f"Cannot create the profile directory {profile_dir}: {exc.strerror or exc}"
        ) from exc
    return profile_dir


def database_path(profile_dir: Path) -> Path:
    """The profile's SQLite cache: `PROFILE/tradewind.db`."""
    return profile_dir / DATABASE_NAME


def lock_path(profile_dir: Path) -> Path:
    """The profile's writer-lock file: `PROFILE/tradewind.lock`."""
    return profile_dir / LOCK_NAME


def logs_dir(profile_dir: Path) -> Path:
    """The profile's log folder: `PROFILE/logs` (not created)."""
    return profile_dir / LOGS_DIR_NAME


class ProfileLock:
    """Exclusive, non-blocking writer lock on a profile (S4).

    Use as a context manager or call `acquire()`/`release()`. `acquire()` raises
    `ProfileLockedError` at once (never waits) when another holder exists, including another
    `ProfileLock` on the same profile in this very process. The holder's pid is written into the
    lock file only so the refusal message can name it; the lock itself is the OS lock.
    """

    def __init__(self, profile_dir: Path) -> None:
        self.profile_dir = profile_dir
        self.path = lock_path(profile_dir)
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._file is not None

    def acquire(self) -> ProfileLock:
        """Take the lock or raise `ProfileLockedError`; idempotent for the holder."""
        if self._file is not None:
            return self
        ensure_profile_dir(self.profile_dir)
        handle = open(self.path, "a+", encoding="ascii")  # kept open while the lock is held
        try:
            _lock_file(handle)
        except OSError:
            holder = _read_pid(self.path)
            handle.close()
            raise ProfileLockedError(self.profile_dir, holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        """Drop the lock; idempotent. The file stays (removing it would race a new holder)."""
        handle, self._file = self._file, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock_file(handle)
        finally:
            handle.close()

    def __enter__(self) -> ProfileLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_file(handle: IO[str]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle: IO[str]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(handle: IO[str]) -> None:
        # flock locks belong to the open file description, so a second open in the same
        # process conflicts too (unlike fcntl/lockf record locks).
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
