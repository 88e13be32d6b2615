"""Account secrets in the operating system's keyring: the only module that touches `keyring`.

Entries are stored under the service name "Tradewind" with the account's e-mail address
(lower-cased) as the user name. Passwords never go anywhere else: not SQLite, not config
files, not logs (T11).

Which keyring backends are accepted (the rule, checked on every call):
- A chainer backend is judged by the backend it writes to (its first, highest-priority one).
- Refused: keyring's `fail` and `null` backends; every backend from the `keyrings.alt` package
  (plaintext or weakly encrypted files, registry, ...); any other backend with priority < 1,
  which is keyring's own threshold for "not recommended" (file and plaintext backends sit
  there). A refusal raises `KeyringUnavailableError` explaining what to do; nothing is written.
- Test-only exemption: a backend class the test suite registered with `allow_test_backend`
  is accepted whatever its priority (never the fail/null backends). Registration is refused
  unless the file that defines the class lies in the `tests/` folder of the source tree this
  `client` package runs from (a folder beside `client/` whose `pyproject.toml` names the
  `tradewind` project). An installed wheel or a frozen bundle has no such tree, so nothing can
  be registered there; a third-party wheel that ships its own `tests` package gets no
  exemption either (its files live in site-packages, not in our tree). Neither a module name
  nor an environment variable grants it. The root `tests/conftest.py` registers the in-memory
  backend; `tests/support/file_keyring.py` registers itself when keyring imports it in a CLI
  subprocess. (Code that runs inside the process can do anything anyway; this rule only keeps
  a backend that arrives by name, from an entry point or PYTHON_KEYRING_BACKEND, to the
  normal judgement.)

All functions may be called from any thread (the keyring backends serialise themselves);
they are idempotent where noted and raise only `SecretsError` subclasses.
"""

from __future__ import annotations

import functools
import secrets as _random
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from client.i18n import _

SERVICE_NAME = "Tradewind"

_REFUSED_PACKAGES = ("keyrings.alt",)
_REFUSED_CLASSES = ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")
_PROJECT_NAME = "tradewind"
_test_backends: set[type[KeyringBackend]] = set()


class SecretsError(Exception):
    """A secret could not be stored, read or deleted."""


class KeyringUnavailableError(SecretsError):
    """The active keyring backend is missing or not safe for passwords (T11)."""


def _class_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _writing_backend(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend a `set_password` actually lands in (unwraps keyring's chainer)."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        chained = list(ChainerBackend.backends)
        return chained[0] if chained else None
    return backend


@functools.cache
def test_suite_dir() -> Path | None:
    """The `tests/` folder of the source tree this `client` package runs from, or None (an
    installed wheel or a frozen bundle). The tree is recognised by a `pyproject.toml` beside
    `client/` that names the `tradewind` project. Cached; any thread."""
    root = Path(__file__).resolve().parents[2]
    try:
        with open(root / "pyproject.toml", "rb") as handle:
            name = tomllib.load(handle).get("project", {}).get("name")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    tests = root / "tests"
    return tests if name == _PROJECT_NAME and tests.is_dir() else None


def _defining_file(cls: type) -> Path | None:
    module = sys.modules.get(cls.__module__)
    filename = getattr(module, "__file__", None)
    return Path(filename).resolve() if filename else None


def allow_test_backend(cls: type[KeyringBackend]) -> None:
    """Accept `cls` whatever its priority, for the test suite only. Idempotent.

    Raises `SecretsError` unless `cls` is defined in a file under `test_suite_dir()` (see the
    module docstring); keyring's fail and null backends are never accepted."""
    suite = test_suite_dir()
    where = _defining_file(cls)
    if suite is None or where is None or not where.is_relative_to(suite):
        raise SecretsError(
            f"{cls.__module__}.{cls.__qualname__} is not part of Tradewind's test suite; only "
            "backends defined in the tests folder of the running source tree may be exempted."
        )
    _test_backends.add(cls)


def _is_test_backend(backend: KeyringBackend) -> bool:
    return type(backend) in _test_backends


def refusal_reason(backend: KeyringBackend) -> str | None:
    """Why `backend` is not acceptable for passwords, in words; None when it is acceptable.

    Pure apart from reading the backend's priority. See the module docstring for the rule.
    """
    target = _writing_backend(backend)
    if target is None:
        return _("no keyring backend is available")
    name = _class_name(target)
    if name in _REFUSED_CLASSES:
        return _("no usable keyring is available (the active backend is {name})", name=name)
    if _is_test_backend(target):
        return None
    if any(name.startswith(package + ".") for package in _REFUSED_PACKAGES):
        return _("the active keyring backend {name} keeps secrets in a plain or weakly "
                 "protected file", name=name)
    try:
        priority = float(target.priority)
    except Exception:  # noqa: BLE001 - a backend signals "not viable" by raising from priority
        return _("the keyring backend {name} is not usable on this system", name=name)
    if priority < 1:
        shown = f"{priority:g}"
        return _("the keyring backend {name} is not recommended for passwords (priority "
                 "{priority})", name=name, priority=shown)
    return None


def _active_backend() -> KeyringBackend:
    """keyring's active backend; a configured one that cannot load is a refusal, not a crash."""
    try:
        return keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - e.g. PYTHON_KEYRING_BACKEND naming a missing or unviable class
        raise KeyringUnavailableError(_(
            "The configured keyring backend cannot be used ({detail}). Check "
            "PYTHON_KEYRING_BACKEND and keyringrc.cfg, or remove them to use the system keyring.",
            detail=exc)) from None


def check_backend() -> None:
    """Raise `KeyringUnavailableError` unless the active backend is acceptable. Idempotent."""
    reason = refusal_reason(_active_backend())
    if reason is not None:
        raise KeyringUnavailableError(_(
            "Cannot store passwords safely: {reason}. Tradewind keeps passwords only in the "
            "system keyring (Windows Credential Manager, macOS Keychain, or a Secret Service such "
            "as GNOME Keyring or KWallet on Linux); start or install one and try again.",
            reason=reason))


def backend_description() -> str:
    """The active backend's class name and whether it is accepted (for diagnostics)."""
    backend = _active_backend()
    target = _writing_backend(backend)
    name = _class_name(target) if target is not None else "none"
    return f"{name} ({'accepted' if refusal_reason(backend) is None else 'refused'})"


def _user(account_email: str) -> str:
    user = account_email.strip().lower()
    if not user:
        raise SecretsError(_("An account e-mail address is needed to find its password."))
    return user


def set_password(account_email: str, secret: str) -> None:
    """Store (or replace) the account's password. Idempotent.

    Raises `KeyringUnavailableError` if the backend is refused, `SecretsError` if the backend
    fails or the secret is empty.
    """
    if not secret:
        raise SecretsError(_("Refusing to store an empty password."))
    user = _user(account_email)
    check_backend()
    try:
        keyring.set_password(SERVICE_NAME, user, secret)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(_("The keyring refused to store the password for {email}: {detail}",
                             email=user, detail=exc)) from None


def get_password(account_email: str) -> str | None:
    """The account's stored password, or None when there is none.

    Raises `KeyringUnavailableError` if the backend is refused, `SecretsError` if it fails.
    """
    user = _user(account_email)
    check_backend()
    try:
        return keyring.get_password(SERVICE_NAME, user)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(_("The keyring could not read the password for {email}: {detail}",
                             email=user, detail=exc)) from None


def delete_password(account_email: str) -> bool:
    """Remove the account's password; True if one was removed. Idempotent (absent is fine).

    Raises `KeyringUnavailableError` if the backend is refused, `SecretsError` if it fails.
    """
    user = _user(account_email)
    check_backend()
    try:
        if keyring.get_password(SERVICE_NAME, user) is None:
            return False
        keyring.delete_password(SERVICE_NAME, user)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise SecretsError(_("The keyring could not delete the password for {email}: {detail}",
                             email=user, detail=exc)) from None
    return True


# -- OAuth2 token entries ---------------------------------------------------------------------
#
# Chunking scheme (Windows Credential Manager caps one secret near 1,280 characters, and
# Microsoft's tokens are longer): the token record (a JSON text, client/oauth/tokens.py) is cut
# into pieces of at most TOKEN_CHUNK characters, stored under the service TOKEN_SERVICE as the
# users "EMAIL#GEN.1" … "EMAIL#GEN.N", where GEN is a random generation tag. The head entry,
# user "EMAIL", holds "v1:GEN:N". A write stores the new generation's pieces first, then the
# head, then deletes the old generation's pieces: a reader (or a crash) sees either the old
# record or the new one, whole.

TOKEN_SERVICE = "Tradewind OAuth2"
TOKEN_CHUNK = 1000


def _keyring_call(what: str, user: str, call: Callable[..., object], *args: str) -> object:
    try:
        return call(*args)
    except keyring.errors.PasswordDeleteError:
        return None
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The keyring could not {what} the sign-in tokens for {user}: "
                           f"{type(exc).__name__}.") from None


def _read_head(user: str) -> tuple[str, int] | None:
    head = _keyring_call("read", user, keyring.get_password, TOKEN_SERVICE, user)
    if not isinstance(head, str):
        return None
    parts = head.split(":")
    if len(parts) != 3 or parts[0] != "v1" or not parts[2].isdigit():
        raise SecretsError(f"The keyring entry for {user}'s sign-in tokens is not one Tradewind "
                           "wrote; sign in again to replace it.")
    return parts[1], int(parts[2])


def _delete_generation(user: str, generation: str, count: int) -> None:
    for index in range(1, count + 1):
        _keyring_call("delete", user, keyring.delete_password, TOKEN_SERVICE,
                      f"{user}#{generation}.{index}")


def set_token_entry(account_email: str, value: str) -> None:
    """Store (or replace) the account's OAuth2 token record, chunked (scheme above).
    Idempotent. Any thread. Raises `KeyringUnavailableError` / `SecretsError`."""
    if not value:
        raise SecretsError("Refusing to store an empty token record.")
    user = _user(account_email)
    check_backend()
    old = _read_head(user)
    generation = _random.token_hex(4)
    pieces = [value[i:i + TOKEN_CHUNK] for i in range(0, len(value), TOKEN_CHUNK)]
    for index, piece in enumerate(pieces, start=1):
        _keyring_call("store", user, keyring.set_password, TOKEN_SERVICE,
                      f"{user}#{generation}.{index}", piece)
    _keyring_call("store", user, keyring.set_password, TOKEN_SERVICE, user,
                  f"v1:{generation}:{len(pieces)}")
    if old is not None:
        _delete_generation(user, *old)


def get_token_entry(account_email: str) -> str | None:
    """The account's OAuth2 token record, or None when there is none (or a piece is missing).
    Any thread. Raises `KeyringUnavailableError` / `SecretsError`."""
    user = _user(account_email)
    check_backend()
    head = _read_head(user)
    if head is None:
        return None
    generation, count = head
    pieces = []
    for index in range(1, count + 1):
        piece = _keyring_call("read", user, keyring.get_password, TOKEN_SERVICE,
                              f"{user}#{generation}.{index}")
        if not isinstance(piece, str):
            return None
        pieces.append(piece)
    return "".join(pieces)


def delete_token_entry(account_email: str) -> bool:
    """Remove the account's token record and all its pieces; True if there was one.
    Idempotent. Any thread. Raises `KeyringUnavailableError` / `SecretsError`."""
    user = _user(account_email)
    check_backend()
    head = _read_head(user)
    if head is None:
        return False
    _keyring_call("delete", user, keyring.delete_password, TOKEN_SERVICE, user)
    _delete_generation(user, *head)
    return True


# Link-storage secrets (client/uploads): their own entry kind beside the account passwords,
# under the same service with the user name "storage:<storage id>:<account e-mail>", which no
# account address can take (an address holds no leading "storage:" with a colon-free id).
def _storage_user(storage_id: int, account_email: str) -> str:
    return f"storage:{int(storage_id)}:{_user(account_email)}"


def set_storage_secret(storage_id: int, account_email: str, secret: str) -> None:
    """Store (or replace) a link storage's password or secret key. Idempotent; raises like
    `set_password`."""
    if not secret:
        raise SecretsError("Refusing to store an empty storage secret.")
    user = _storage_user(storage_id, account_email)
    check_backend()
    try:
        keyring.set_password(SERVICE_NAME, user, secret)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The keyring refused to store the storage secret: {exc}") from None


def get_storage_secret(storage_id: int, account_email: str) -> str | None:
    """A link storage's stored secret, or None. Raises like `get_password`."""
    user = _storage_user(storage_id, account_email)
    check_backend()
    try:
        return keyring.get_password(SERVICE_NAME, user)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The keyring could not read the storage secret: {exc}") from None


def delete_storage_secret(storage_id: int, account_email: str) -> bool:
    """Remove a link storage's secret; True if one was removed. Idempotent."""
    user = _storage_user(storage_id, account_email)
    check_backend()
    try:
        if keyring.get_password(SERVICE_NAME, user) is None:
            return False
        keyring.delete_password(SERVICE_NAME, user)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The keyring could not delete the storage secret: {exc}") from None
    return True


def calendar_entry(url: str, user: str) -> str:
    """The keyring user name of a CalDAV login: `caldav:USER@URL` (lower-cased), apart from
    every mail account's entry."""
    return f"caldav:{user.strip()}@{url.strip()}".lower()


def set_calendar_password(url: str, user: str, secret: str) -> None:
    """Store (or replace) the CalDAV password for `user` at `url`. Idempotent; raises like
    `set_password`."""
    set_password(calendar_entry(url, user), secret)


def get_calendar_password(url: str, user: str) -> str | None:
    """The stored CalDAV password, or None; raises like `get_password`."""
    return get_password(calendar_entry(url, user))


def delete_calendar_password(url: str, user: str) -> bool:
    """Remove the CalDAV password; True if one was removed. Idempotent."""
    return delete_password(calendar_entry(url, user))
