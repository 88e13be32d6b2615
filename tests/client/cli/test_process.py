"""The real console script in subprocesses: the password reaches only the keyring.

The children use the test-only file keyring (tests/support/file_keyring.py), whose JSON file
lives outside the profile; it doubles as the positive control for the greps below.
"""

from __future__ import annotations

import base64
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.client.cli.fixtures import REPO_ROOT, CliResult, console_script
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.faultproxy import FaultProxy
from tests.support.file_keyring import read_entries

RunCli = Callable[..., CliResult]
_WAIT_FOR_CONNECTION_S = 60.0


def _secret_forms(user: MailUser) -> list[bytes]:
    """The password as it could leak: raw UTF-8, UTF-16, and inside an AUTH=PLAIN blob."""
    pw = user.password
    return [
        pw.encode(),
        pw.encode("utf-16-le"),
        base64.b64encode(f"\0{user.username}\0{pw}".encode()),
        base64.b64encode(f"{user.username}\0{user.username}\0{pw}".encode()),
    ]


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)}: form {i}" for i, n in enumerate(needles) if n in data]
    return hits


def _all_process_args() -> dict[int, bytes]:
    seen: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                seen[int(entry.name)] = (entry / "cmdline").read_bytes()
            except OSError:
                continue  # the process ended meanwhile
    return seen


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_password_only_in_the_keyring_never_in_profile_files_or_argv(
    cli_process: RunCli,
    process_env: dict[str, str],
    keyring_file: Path,
    profile_dir: Path,
    dovecot: DovecotServer,
    imap_user: MailUser,
    make_fault_proxy: Callable[[int], FaultProxy],
) -> None:
    dovecot.deliver(imap_user, b"Subject: hello\r\nMessage-ID: <p1@x.example>\r\n\r\nbody\r\n")
    proxy = make_fault_proxy(dovecot.imaps_port)
    added = cli_process(
        "account", "add", "--email", imap_user.email, "--username", imap_user.username,
        "--imap", f"{proxy.host}:{proxy.port}", "--ca-file", str(dovecot.ca_file),
        "--password-stdin", input=imap_user.password + "\n",
    )
    assert added.code == 0, added.err
    tested = cli_process("account", "test", imap_user.email, "--json")
    assert tested.code == 0, tested.err
    synced = cli_process("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["accounts"][0]["added"] == 1
    listed = cli_process("ls", "INBOX", "--json")
    assert [m["subject"] for m in listed.json()["messages"]] == ["hello"]

    # While a sync is stalled mid-login, no process shows the password in its arguments.
    proxy.pause()
    connections_before = proxy.connections
    child = subprocess.Popen(
        [*console_script(), "sync"], env=process_env, cwd=REPO_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + _WAIT_FOR_CONNECTION_S
        while proxy.connections == connections_before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.connections > connections_before, "the sync never connected"
        arguments = _all_process_args()
        assert child.pid in arguments  # the child is alive and was inspected
        leaks = [pid for pid, args in arguments.items()
                 if any(form in args for form in _secret_forms(imap_user))]
        assert leaks == []
    finally:
        proxy.resume()
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err

    # Positive control: the grep finds the password where it is supposed to be.
    assert read_entries(keyring_file) == {("Tradewind", imap_user.email.lower()): imap_user.password}
    assert _files_containing(keyring_file.parent, _secret_forms(imap_user)[:1]) != []
    # ... and nowhere in the profile: database, WAL, lock, logs.
    assert (profile_dir / "tradewind.db").exists() and (profile_dir / "logs").is_dir()
    assert _files_containing(profile_dir, _secret_forms(imap_user)) == []
    assert imap_user.password not in added.out + added.err + tested.out + synced.out + out + err


def test_no_keyring_in_a_subprocess_refuses_cleanly(
    cli_process: RunCli, process_env: dict[str, str], profile_dir: Path
) -> None:
    env = dict(process_env)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result = cli_process(
        "account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1", "--password-stdin",
        input="pw\n", env=env,
    )
    assert result.code == 8
    assert "Cannot store passwords safely" in result.err and "Traceback" not in result.err
    assert cli_process("account", "list", "--json", env=env).json() == {"accounts": []}


def test_the_test_keyring_is_not_viable_without_its_variable(
    process_env: dict[str, str],
) -> None:
    env = {k: v for k, v in process_env.items() if k != "TRADEWIND_TEST_KEYRING"}
    completed = subprocess.run(
        [*console_script(), "account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1",
         "--password-stdin"],
        input="pw\n", env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert completed.returncode == 8
    assert "for tests only" in completed.stderr and "Traceback" not in completed.stderr
    assert os.environ.get("TRADEWIND_TEST_KEYRING") is None  # nothing leaked into this process


def test_a_second_sync_process_is_refused_while_the_first_runs(
    cli_process: RunCli,
    process_env: dict[str, str],
    dovecot: DovecotServer,
    imap_user: MailUser,
    make_fault_proxy: Callable[[int], FaultProxy],
) -> None:
    """S4: two `tradewind sync` on one profile; the second is refused, the first finishes."""
    dovecot.deliver(imap_user, b"Subject: one\r\nMessage-ID: <s4@x.example>\r\n\r\nbody\r\n")
    proxy = make_fault_proxy(dovecot.imaps_port)
    assert cli_process(
        "account", "add", "--email", imap_user.email, "--username", imap_user.username,
        "--imap", f"{proxy.host}:{proxy.port}", "--ca-file", str(dovecot.ca_file),
        "--password-stdin", input=imap_user.password + "\n",
    ).code == 0
    proxy.pause()
    first = subprocess.Popen(
        [*console_script(), "sync", "--json"], env=process_env, cwd=REPO_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + _WAIT_FOR_CONNECTION_S
        while proxy.connections == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.connections == 1, "the first sync never connected"
        second = cli_process("sync")
        assert second.code == 7
        assert f"in use by process {first.pid}" in second.err
    finally:
        proxy.resume()
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert '"added": 1' in out
    assert cli_process("sync", "--json").code == 0  # the lock went with the first process


def test_a_keyring_from_a_third_party_tests_package_is_refused(
    process_env: dict[str, str], tmp_path: Path
) -> None:
    """A wheel that ships a top-level `tests` package with a plaintext keyring backend: the
    child resolves `tests.plain_keyring` to that package (outside this repository), so the
    backend must be judged like any other (priority 0.5: refused) and nothing written."""
    site = tmp_path / "site"
    (site / "tests").mkdir(parents=True)
    (site / "tests" / "__init__.py").write_text("", encoding="utf-8")
    store_file = tmp_path / "plaintext-secrets.txt"
    (site / "tests" / "plain_keyring.py").write_text(
        "from keyring.backend import KeyringBackend\n"
        "class Keyring(KeyringBackend):\n"
        "    priority = 0.5\n"
        "    def get_password(self, service, username): return None\n"
        "    def set_password(self, service, username, password):\n"
        f"        open({str(store_file)!r}, 'a').write(password)\n"
        "    def delete_password(self, service, username): return None\n",
        encoding="utf-8",
    )
    env = dict(process_env)
    env["PYTHONPATH"] = str(site)  # the wheel's `tests`, not this repository's
    env["PYTHON_KEYRING_BACKEND"] = "tests.plain_keyring.Keyring"
    completed = subprocess.run(
        [*console_script(), "account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1",
         "--password-stdin"],
        input="pw\n", env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert completed.returncode == 8, completed.stderr
    assert "not recommended" in completed.stderr and "Traceback" not in completed.stderr
    assert not store_file.exists()
