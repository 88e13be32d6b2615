"""Root fixtures: real Dovecot servers, a fresh mail user per test, an in-memory keyring and a
temporary profile for every test.  The server API is documented in ``tests/servers/dovecot.py``.

Qt stays out of here (``tests/ui/conftest.py`` owns it); only the environment it needs to run
headless as root is set before anything imports Qt.
"""

from __future__ import annotations

import os
import warnings

from tests.servers.submission import SubmissionServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import itertools
import re
import secrets
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import keyring
import pytest

from client.profile import secrets as client_secrets
from tests.servers.cyrus import CyrusServer, cyrus_root, find_cyrus
from tests.servers.dovecot import DovecotServer, MailUser, find_dovecot
from tests.servers.faultproxy import FaultProxy
from tests.support.memory_keyring import MemoryKeyring

# Fixtures shared across test packages live in these modules (not in a sub-folder's
# conftest.py): a test module uses them by naming them as parameters, without importing them,
# so no fixture import shadows a parameter (ruff F401/F811). A conftest.py keeps the fixtures
# of its own folder only. pytest allows pytest_plugins in this root conftest only.
pytest_plugins = (
    "tests.client.cli.fixtures",  # cli, cli_process, keyring_file, process_env, cache
    "tests.client.signatures.fixtures",  # keys, other_keys, make_policy, https_policy_server
    "tests.client.sync.env",  # sync_env: every sync/replay test on Dovecot and Cyrus
    "tests.client.oauth.bed",  # bed, user: OAuth2 server + Dovecot + submission
    "tests.servers.link_fixtures",  # link storages: WebDAV, nginx, S3, Nextcloud
    "tests.client.smtp.rig",  # rig: one account, the real submission server and Dovecot
)

_SERVER_FIXTURES = {"dovecot", "imap_user", "make_dovecot"}
# The test suite's own keyring is exempt from the priority rule (client/profile/secrets.py explains
# why only a registration from this tree can grant that).
client_secrets.allow_test_backend(MemoryKeyring)
_CYRUS_FIXTURES = {"cyrus", "cyrus_user"}
_user_numbers = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a real Dovecot with ``dovecot``, a real Cyrus with ``cyrus``
    (select with ``-m``)."""
    for item in items:
        if _SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.dovecot)
        if _CYRUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.cyrus)
    # Tests that run the whole app (``full_app``) go first: QtWebEngine crashed in the app's
    # quit (its aboutToQuit handler) when WebEngine views of earlier tests were still alive in
    # the same process, an order a rep's one-run-per-process app never meets.
    items.sort(key=lambda item: item.get_closest_marker("full_app") is None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed test that used the session server, attach its log lines for the test's user
    (or the log's tail) to the report as a "dovecot log" section."""
    report = yield
    if report.when == "call" and report.failed:
        funcargs = getattr(item, "funcargs", {})
        server, user = funcargs.get("dovecot"), funcargs.get("imap_user")
        if isinstance(server, DovecotServer):
            lines = server.log_text().splitlines()
            if isinstance(user, MailUser):
                lines = [line for line in lines if user.username in line]
            report.sections.append(("dovecot log", "\n".join(lines[-60:])))
    return report


def _require_dovecot() -> None:
    if find_dovecot() is None:
        message = (
            "Dovecot is not installed: these tests need a real IMAP server. Run scripts/test.sh "
            "(it installs dovecot-imapd and dovecot-lmtpd) or apt-get install dovecot-imapd "
            "dovecot-lmtpd."
        )
    elif os.geteuid() != 0:
        message = (
            "The test Dovecot must be started as root (it stores mail as 'nobody'): run the "
            "tests as root, as scripts/test.sh and CI do."
        )
    else:
        return
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must have it, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """One Dovecot for the whole session; use ``imap_user`` for state of your own."""
    _require_dovecot()
    server = DovecotServer().start()
    try:
        yield server
    finally:
        server.stop()


def unique_user_name(request: pytest.FixtureRequest) -> str:
    """A user name unique to this test (lowercase letters, digits and hyphens)."""
    stem = re.sub(r"[^a-z0-9]", "", request.node.name.lower())[:32] or "user"
    return f"{stem}-{next(_user_numbers)}-{secrets.token_hex(3)}"


@pytest.fixture
def imap_user(dovecot: DovecotServer, request: pytest.FixtureRequest) -> MailUser:
    """A fresh, empty user on the session server, unique to this test."""
    return dovecot.add_user(unique_user_name(request), secrets.token_urlsafe(12))


def _require_cyrus() -> None:
    if find_cyrus() is None:
        message = (
            f"Cyrus IMAP is not unpacked in {cyrus_root()}: these tests need the second real "
            "IMAP server. Run scripts/test.sh (it downloads and unpacks cyrus-imapd)."
        )
    elif os.geteuid() != 0:
        message = "The test Cyrus must be started as root (it runs as 'nobody')."
    else:
        return
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must have it, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def cyrus() -> Iterator[CyrusServer]:
    """One Cyrus IMAP for the whole session (``tests/servers/cyrus.py``); use ``cyrus_user``."""
    _require_cyrus()
    server = CyrusServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cyrus_user(cyrus: CyrusServer, request: pytest.FixtureRequest) -> MailUser:
    """A fresh user on the session Cyrus with INBOX and the special-use folders."""
    return cyrus.add_user(unique_user_name(request), secrets.token_urlsafe(12))


@pytest.fixture
def make_dovecot() -> Iterator[Callable[..., DovecotServer]]:
    """Factory for extra servers (``cert="valid" | "expired" | "wrong-host"``), each with its own
    CA; all are stopped after the test."""
    _require_dovecot()
    started: list[DovecotServer] = []

    def factory(cert: str = "valid") -> DovecotServer:
        server = DovecotServer(cert=cert)
        started.append(server)
        return server.start()

    yield factory
    for server in started:
        server.stop()


@pytest.fixture
def make_fault_proxy() -> Iterator[Callable[..., FaultProxy]]:
    """Factory: ``make_fault_proxy(upstream_port, source_host=None)`` -> started FaultProxy on
    127.0.0.1, stopped after the test."""
    started: list[FaultProxy] = []

    def factory(upstream_port: int, source_host: str | None = None) -> FaultProxy:
        proxy = FaultProxy(upstream_port, source_host=source_host)
        started.append(proxy)
        return proxy.start()

    yield factory
    for proxy in started:
        proxy.stop()


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """Every test gets an empty in-memory keyring as the active ``keyring`` backend."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def profile_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``TRADEWIND_PROFILE`` points at a fresh empty directory; XDG dirs are private too, so no
    test can touch the real user's files."""
    profile = tmp_path / "profile"
    profile.mkdir()
    monkeypatch.setenv("TRADEWIND_PROFILE", str(profile))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        xdg = tmp_path / "xdg" / var.lower()
        xdg.mkdir(parents=True)
        monkeypatch.setenv(var, str(xdg))
    return profile


@pytest.fixture(scope="session")
def submission(dovecot: DovecotServer) -> Iterator[SubmissionServer]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH on the implicit-TLS listener
        server = SubmissionServer(dovecot).start()
    yield server
    server.stop()


@pytest.fixture()
def smtp_user(submission: SubmissionServer, imap_user: MailUser) -> Iterator[MailUser]:
    submission.reset()
    submission.allow(imap_user.username, imap_user.password)
    yield imap_user
    submission.reset()
