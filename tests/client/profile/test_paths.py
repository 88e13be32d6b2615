"""Profile directory resolution and the single-writer profile lock (S4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from client.profile import paths
from client.profile.config import Profile, profile_logging

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_explicit_directory_wins_over_environment(tmp_path: Path) -> None:
    env = {"TRADEWIND_PROFILE": str(tmp_path / "from-env")}
    assert paths.resolve_profile_dir(tmp_path / "explicit", env) == tmp_path / "explicit"


def test_environment_used_when_no_explicit_directory(tmp_path: Path) -> None:
    env = {"TRADEWIND_PROFILE": str(tmp_path / "from-env")}
    assert paths.resolve_profile_dir(None, env) == tmp_path / "from-env"
    assert paths.resolve_profile_dir("", env) == tmp_path / "from-env"


def test_platform_default_when_nothing_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    chosen = paths.resolve_profile_dir(None, {})
    assert chosen.name == "Tradewind"
    if sys.platform.startswith("linux"):
        assert chosen == tmp_path / "data" / "Tradewind"


def test_relative_and_home_paths_become_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.resolve_profile_dir("rel", {}) == tmp_path / "rel"
    assert paths.resolve_profile_dir("~/p", {}) == tmp_path / "home" / "p"


def test_profile_files_live_inside_the_profile(tmp_path: Path) -> None:
    profile = Profile.resolve(tmp_path)
    assert profile.database == tmp_path / "tradewind.db"
    assert profile.lock_file == tmp_path / "tradewind.lock"
    assert profile.log_file.parent == tmp_path / "logs"


def test_profile_resolve_reads_the_environment(profile_dir: Path) -> None:
    assert Profile.resolve().directory == profile_dir


def test_ensure_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(paths.ProfileError, match="not a directory"):
        paths.ensure_profile_dir(blocker)


def test_ensure_creates_a_private_directory(tmp_path: Path) -> None:
    created = paths.ensure_profile_dir(tmp_path / "a" / "b")
    assert created.is_dir()
    if os.name == "posix":
        assert created.stat().st_mode & 0o077 == 0


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with paths.ProfileLock(tmp_path) as first:
        assert first.held
        with pytest.raises(paths.ProfileLockedError) as info:
            paths.ProfileLock(tmp_path).acquire()
        assert info.value.holder_pid == os.getpid()
        assert "in use by process" in str(info.value)
    with paths.ProfileLock(tmp_path) as again:  # released on exit
        assert again.held


def test_acquire_and_release_are_idempotent(tmp_path: Path) -> None:
    lock = paths.ProfileLock(tmp_path)
    assert lock.acquire() is lock.acquire()
    lock.release()
    lock.release()
    assert not lock.held


_HOLDER = (
    "import sys; from pathlib import Path; from client.profile.paths import ProfileLock\n"
    "lock = ProfileLock(Path(sys.argv[1])).acquire()\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


def _start_holder(profile: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(profile)],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_lock_held_by_another_process_is_refused_then_freed(tmp_path: Path) -> None:
    holder = _start_holder(tmp_path)
    try:
        with pytest.raises(paths.ProfileLockedError) as info:
            paths.ProfileLock(tmp_path).acquire()
        assert info.value.holder_pid == holder.pid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    with paths.ProfileLock(tmp_path) as lock:
        assert lock.held


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    holder = _start_holder(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=60)
    assert (tmp_path / "tradewind.lock").exists()  # the file stays, the lock does not
    with paths.ProfileLock(tmp_path) as lock:
        assert lock.held


def test_profile_logging_writes_in_the_profile_and_detaches(tmp_path: Path) -> None:
    import logging

    profile = Profile.resolve(tmp_path)
    before = list(logging.getLogger("client").handlers)
    with profile_logging(profile) as log_file:
        logging.getLogger("client.test").warning("hello from the test")
    assert "hello from the test" in log_file.read_text(encoding="utf-8")
    assert logging.getLogger("client").handlers == before
