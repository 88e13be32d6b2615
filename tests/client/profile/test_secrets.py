"""`client.profile.secrets`: keyring round trip and the backend acceptance rule (T11)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from client.profile import secrets
from tests.support.memory_keyring import MemoryKeyring


def test_round_trip_in_the_test_keyring(memory_keyring: MemoryKeyring) -> None:
    secrets.set_password("Rep@Example.COM", "s3cret")
    assert secrets.get_password("rep@example.com") == "s3cret"
    assert memory_keyring.stored() == {("Tradewind", "rep@example.com"): "s3cret"}
    assert secrets.delete_password("rep@example.com") is True
    assert secrets.get_password("rep@example.com") is None


def test_delete_is_idempotent() -> None:
    assert secrets.delete_password("nobody@example.com") is False
    assert secrets.delete_password("nobody@example.com") is False


def test_set_replaces_the_previous_secret() -> None:
    secrets.set_password("a@example.com", "one")
    secrets.set_password("a@example.com", "two")
    assert secrets.get_password("a@example.com") == "two"


def test_empty_secret_and_empty_address_are_refused() -> None:
    with pytest.raises(secrets.SecretsError, match="empty password"):
        secrets.set_password("a@example.com", "")
    with pytest.raises(secrets.SecretsError, match="e-mail address"):
        secrets.get_password("  ")


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_fail_and_null_backends_are_refused(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    for call in (
        lambda: secrets.set_password("a@example.com", "pw"),
        lambda: secrets.get_password("a@example.com"),
        lambda: secrets.delete_password("a@example.com"),
    ):
        with pytest.raises(secrets.KeyringUnavailableError, match="system keyring"):
            call()


class _PlaintextLookalike(KeyringBackend):
    """Stands in for keyrings.alt's file backends: a shipped module, priority below 1."""

    priority = 0.5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.written: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.written.append(password)

    def delete_password(self, service: str, username: str) -> None:
        return None


def _as_if_from(module: str, priority: float) -> type[KeyringBackend]:
    return type("Keyring", (_PlaintextLookalike,), {"__module__": module, "priority": priority})


def test_low_priority_backend_from_a_shipped_module_is_refused_and_not_written() -> None:
    backend_class = _as_if_from("some_vendor.file_backend", 0.5)
    backend = backend_class()
    keyring.set_keyring(backend)
    with pytest.raises(secrets.KeyringUnavailableError, match="not recommended"):
        secrets.set_password("a@example.com", "pw")
    assert backend.written == []  # type: ignore[attr-defined]


def test_keyrings_alt_backends_are_refused_whatever_their_priority() -> None:
    backend = _as_if_from("keyrings.alt.file", 5)()
    reason = secrets.refusal_reason(backend)
    assert reason is not None and "plain or weakly protected file" in reason


def test_recommended_backend_is_accepted() -> None:
    assert secrets.refusal_reason(_as_if_from("keyring.backends.SecretService", 5)()) is None


def test_backends_the_test_suite_registered_are_accepted_whatever_their_priority() -> None:
    assert secrets.refusal_reason(MemoryKeyring()) is None  # registered by tests/conftest.py
    low = _as_if_from("tests.support.some_keyring", 0.1)
    assert secrets.refusal_reason(low()) is not None  # a name alone grants nothing
    secrets.allow_test_backend(_RegisteredLowPriority)  # defined in this file: the repo's tests/
    assert secrets.refusal_reason(_RegisteredLowPriority()) is None


class _RegisteredLowPriority(_PlaintextLookalike):
    priority = 0.1  # type: ignore[assignment]


def _module_outside_the_repo(tmp_path: Path, name: str) -> ModuleType:
    """A module called `name` (e.g. `tests.whatever`) loaded from a file outside the repository,
    as a third-party wheel that ships its own `tests` package would provide it."""
    folder = tmp_path / "site-packages" / "tests"
    folder.mkdir(parents=True)
    source = folder / "whatever.py"
    source.write_text(
        "from keyring.backend import KeyringBackend\n"
        "class PlainFile(KeyringBackend):\n"
        "    priority = 0.5\n"
        "    written = []\n"
        "    def get_password(self, service, username): return None\n"
        "    def set_password(self, service, username, password): self.written.append(password)\n"
        "    def delete_password(self, service, username): return None\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location(name, source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tests_package_backend_from_outside_the_repo_is_refused(tmp_path: Path) -> None:
    module = _module_outside_the_repo(tmp_path, "tests.whatever")
    backend = module.PlainFile()
    assert type(backend).__module__ == "tests.whatever"
    keyring.set_keyring(backend)
    with pytest.raises(secrets.KeyringUnavailableError, match="not recommended"):
        secrets.set_password("a@example.com", "pw")
    assert backend.written == []
    with pytest.raises(secrets.SecretsError, match="test suite"):
        secrets.allow_test_backend(module.PlainFile)
    assert secrets.refusal_reason(backend) is not None


def test_only_the_running_source_tree_has_a_test_suite() -> None:
    tests_dir = secrets.test_suite_dir()
    assert tests_dir == Path(__file__).resolve().parents[2]
    assert (tests_dir.parent / "pyproject.toml").is_file()


def test_the_test_override_never_rescues_fail_or_null() -> None:
    assert secrets.refusal_reason(fail.Keyring()) is not None
    assert secrets.refusal_reason(null.Keyring()) is not None


def test_backend_description_names_the_backend() -> None:
    assert secrets.backend_description() == "tests.support.memory_keyring.MemoryKeyring (accepted)"


def test_a_chainer_is_judged_by_the_backend_it_writes_to(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends.chainer import ChainerBackend

    plaintext = _as_if_from("keyrings.alt.file", 0.5)()
    good = _as_if_from("keyring.backends.SecretService", 5)()
    monkeypatch.setattr(ChainerBackend, "backends", [plaintext, good])
    assert secrets.refusal_reason(ChainerBackend()) is not None
    monkeypatch.setattr(ChainerBackend, "backends", [good, plaintext])
    assert secrets.refusal_reason(ChainerBackend()) is None
    monkeypatch.setattr(ChainerBackend, "backends", [])
    assert secrets.refusal_reason(ChainerBackend()) == "no keyring backend is available"
