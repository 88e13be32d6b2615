"""An in-memory keyring backend for tests (never ship keyrings.alt: it stores plaintext)."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict for the life of the object.  Thread-safe.

    ``set_password`` overwrites; ``delete_password`` raises PasswordDeleteError when absent,
    like the real backends."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._secrets.pop((service, username), None) is None:
                raise PasswordDeleteError(f"no secret for {username!r} in {service!r}")

    def stored(self) -> dict[tuple[str, str], str]:
        """A snapshot of every (service, username) -> secret, for assertions."""
        with self._lock:
            return dict(self._secrets)
