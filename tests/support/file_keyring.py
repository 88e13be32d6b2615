"""A keyring backend for tests that run `tradewind` in a subprocess (test-only, never shipped).

The in-memory keyring of the root conftest cannot cross a process boundary, so CLI subprocess
tests start the child with::

    PYTHONPATH=<repo root>
    PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring
    TRADEWIND_TEST_KEYRING=<a JSON file in the test's temp dir, outside the profile>

The backend is viable only while ``TRADEWIND_TEST_KEYRING`` is set (its ``priority`` raises
otherwise, which is keyring's way of saying "not usable"), so it can never become active by
accident. It stores secrets in plain JSON: that is acceptable only because the file is a
throw-away fixture. The module registers the class with ``client.profile.secrets.allow_test_backend``
when keyring imports it (which accepts it only because this file lies in the running source
tree's ``tests`` folder). Safe across processes (an flock guards each read-modify-write).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

from client.profile.secrets import allow_test_backend

ENV_VAR = "TRADEWIND_TEST_KEYRING"
BACKEND_NAME = "tests.support.file_keyring.FileKeyring"


def _path() -> Path:
    value = os.environ.get(ENV_VAR, "")
    if not value:
        raise RuntimeError(f"{BACKEND_NAME} is for tests only: set {ENV_VAR} to use it")
    return Path(value)


@contextmanager
def _locked_entries() -> Iterator[dict[str, str]]:
    """The file's entries, locked for the block; changes to the dict are written back."""
    import fcntl

    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.seek(0)
        text = handle.read()
        entries: dict[str, str] = json.loads(text) if text.strip() else {}
        before = dict(entries)
        yield entries
        if entries != before:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(entries))
            handle.flush()


def _key(service: str, username: str) -> str:
    return f"{service}\x00{username}"


def read_entries(path: Path) -> dict[tuple[str, str], str]:
    """The (service, username) -> secret pairs in a keyring file, for assertions."""
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        return {}
    raw: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    pairs = {}
    for key, secret in raw.items():
        service, _, username = key.partition("\x00")
        pairs[(service, username)] = secret
    return pairs


class FileKeyring(KeyringBackend):
    """Secrets in the JSON file named by ``TRADEWIND_TEST_KEYRING``."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty passes the class
        _path()  # raises RuntimeError when not configured: the backend is not viable
        return 1

    def get_password(self, service: str, username: str) -> str | None:
        with _locked_entries() as entries:
            return entries.get(_key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with _locked_entries() as entries:
            entries[_key(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with _locked_entries() as entries:
            if entries.pop(_key(service, username), None) is None:
                raise PasswordDeleteError(f"no secret for {username!r} in {service!r}")


allow_test_backend(FileKeyring)
