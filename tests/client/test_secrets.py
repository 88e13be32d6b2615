"""`client.secrets`: keyring round trip and the backend acceptance rule (T11)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from client import secrets
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


def test_test_package_backends_are_accepted_whatever_their_priority() -> None:
    assert secrets.refusal_reason(_as_if_from("tests.support.some_keyring", 0.1)()) is None
    assert secrets.refusal_reason(MemoryKeyring()) is None


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
