"""Crash safety, the mbsync way: kill -9 a syncing child process at many points (after the
Nth commit, and at seeded random moments), resume, and require the cache to equal a clean
run's; a further sync must then change nothing. Real Dovecot throughout."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv, add_account, cache_snapshot, make_message
from tests.servers.dovecot import DovecotServer, MailUser

REPO = Path(__file__).resolve().parents[3]
KILL_VAR = "TRADEWIND_TEST_KILL_AFTER_COMMITS"


def _child(store: Path, account_id: int, password: str, connections: int,
           kill_after: int | None = None, mode: str = "") -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop(KILL_VAR, None)
    if kill_after is not None:
        env[KILL_VAR] = str(kill_after)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.client.sync.crash_child", str(store), str(account_id),
         str(connections), mode],
        cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write(password + "\n")
    proc.stdin.close()
    proc.stdin = None  # communicate() must not touch it again
    return proc


def _run_child(store: Path, account_id: int, password: str, connections: int,
               kill_after: int | None = None, mode: str = "") -> tuple[int, dict[str, object] | None]:
    proc = _child(store, account_id, password, connections, kill_after, mode)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        return 0, json.loads(out)
    assert proc.returncode == -signal.SIGKILL, f"child failed: {proc.returncode}\n{out}\n{err}"
    return proc.returncode, None


def _populate(server: DovecotServer, user: MailUser) -> None:
    rnd = random.Random(7)
    for n in range(18):
        flags = ("\\Seen",) if n % 3 == 0 else ()
        server.append(user, "INBOX", make_message(n, size=rnd.randrange(100, 30_000),
                                                  message_id=f"<c{n}@example.net>"), flags=flags)
    for n in range(18, 24):
        server.append(user, "Archive", make_message(n, message_id=f"<c{n}@example.net>"))


def _change_server(server: DovecotServer, user: MailUser) -> None:
    """Flags, an expunge, a move and new mail: work for every phase of an incremental sync."""
    with server.imap_admin(user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "1:6", "+FLAGS", "(\\Flagged)")
        imap.uid("STORE", "7", "+FLAGS", "(\\Deleted)")
        imap.expunge()
        imap.uid("MOVE", "8", server.mailbox("Archive"))
    for n in range(30, 40):
        server.append(user, "INBOX", make_message(n, message_id=f"<c{n}@example.net>"))


def _fresh_store(env: SyncEnv, name: str) -> tuple[Path, int]:
    path = env.store_path.with_name(name)
    return path, add_account(path, env.server, env.user).id


def _assert_sound_and_converged(path: Path, account_id: int, expected: set[object],
                                password: str) -> None:
    with Store.open(path) as store:
        assert store.integrity_errors() == []
        account = store.account(account_id)
    assert account is not None
    assert cache_snapshot(path, account_id) == expected
    again = sync_account(path, account, password)
    assert (again.error, again.added, again.updated, again.removed) == (None, 0, 0, 0)


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["initial", "incremental", "initial-headers-first",
                                      "initial-header-child"])
def test_kill_after_every_commit_then_resume(sync_env: SyncEnv, scenario: str) -> None:
    env = sync_env
    _populate(env.server, env.user)
    base: list[Path] = []
    if scenario == "incremental":
        # Every crash run starts from the same synced cache, copied before the server changes.
        path, account_id = _fresh_store(env, "base.db")
        assert _run_child(path, account_id, env.password, 0)[0] == 0
        base.append(path)
        _change_server(env.server, env.user)
    clean, clean_id = _fresh_store(env, "clean.db")
    if base:
        clean.write_bytes(base[0].read_bytes())
        clean_id = 1
    code, report = _run_child(clean, clean_id, env.password, 0)
    assert code == 0 and report is not None and report["error"] is None
    expected = cache_snapshot(clean, clean_id)
    assert len(expected) >= 24

    kills = 0
    for n in range(1, 60):
        path = env.store_path.with_name(f"crash-{scenario}-{n}.db")
        if base:
            path.write_bytes(base[0].read_bytes())
            account_id = 1
        else:
            account_id = add_account(path, env.server, env.user).id
        connections = n % 2  # alternate: main connection only / a helper connection
        mode = scenario.removeprefix("initial-") if scenario.startswith("initial-") else ""
        code, _ = _run_child(path, account_id, env.password, connections, kill_after=n,
                             mode=mode)
        if code == 0:
            break  # the sync has fewer than n commits: every point was covered
        kills += 1
        code, report = _run_child(path, account_id, env.password, connections, mode=mode)
        assert code == 0 and report is not None and report["error"] is None
        _assert_sound_and_converged(path, account_id, expected, env.password)
    assert kills >= 8  # the scenario really had many commit points


@pytest.mark.slow
def test_random_kills_then_resume(sync_env: SyncEnv) -> None:
    env = sync_env
    _populate(env.server, env.user)
    clean, clean_id = _fresh_store(env, "clean.db")
    assert _run_child(clean, clean_id, env.password, 0)[0] == 0
    expected = cache_snapshot(clean, clean_id)
    rnd = random.Random(20261127)
    path, account_id = _fresh_store(env, "random.db")
    for _round in range(6):
        proc = _child(path, account_id, env.password, connections=1)
        time.sleep(rnd.uniform(0.05, 0.8))  # a kill point, not a timing assertion
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=120)
    code, report = _run_child(path, account_id, env.password, 1)
    assert code == 0 and report is not None and report["error"] is None
    _assert_sound_and_converged(path, account_id, expected, env.password)


def _server_messages(server: DovecotServer, user: MailUser) -> list[tuple[str, str, str]]:
    """Sorted (folder, Message-ID, flags) of every message on the server (duplicates kept)."""
    import re

    out: list[tuple[str, str, str]] = []
    with server.imap_admin(user) as imap:
        for name in ("INBOX", "Archive", "Trash", "Junk"):
            imap.select(server.mailbox(name), readonly=True)
            _typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            for item in data:
                if isinstance(item, tuple):
                    msgid = re.search(rb"<([^>]+)>", item[1])
                    flags = re.search(rb"FLAGS \(([^)]*)\)", item[0])
                    out.append((name, msgid.group(1).decode() if msgid else "",
                                " ".join(sorted((flags.group(1) if flags else b"").decode()
                                                .replace("\\Recent", "").split()))))
    return sorted(out)


def _offline_session(env: SyncEnv, tag: str) -> tuple[MailUser, Path, int]:
    """A fresh user with 6 synced messages and 5 queued offline operations."""
    from client.ops import queue

    user = env.server.add_user(f"ops{tag}-{env.user.username[-6:]}", env.password)
    for n in range(6):
        env.server.append(user, "INBOX", make_message(n, message_id=f"<o{n}@example.net>"))
    path = env.store_path.with_name(f"ops-{tag}.db")
    account_id = add_account(path, env.server, user).id
    assert _run_child(path, account_id, env.password, 0)[0] == 0
    with Store.open(path) as store:
        def row(uid: int) -> int:
            return int(store.conn.execute(
                "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id "
                "WHERE f.name = 'INBOX' AND m.uid = ?", (uid,)).fetchone()[0])

        def folder(name: str) -> int:
            found = store.folder_by_name(account_id, name)
            assert found is not None
            return found.id

        queue.mark(store, [row(1), row(6)], seen=True, flagged=True)  # one STORE
        queue.move(store, [row(2)], folder("Archive"))
        queue.copy(store, [row(3)], folder("Archive"))
        queue.delete(store, [row(4)])
        queue.move(store, [row(5)], folder("Junk"))
    return user, path, account_id


@pytest.mark.slow
def test_kill_during_offline_replay_never_doubles_or_loses_an_operation(
    sync_env: SyncEnv,
) -> None:
    env = sync_env
    user, clean, clean_id = _offline_session(env, "clean")
    assert _run_child(clean, clean_id, env.password, 0)[0] == 0
    expected_server = _server_messages(env.server, user)
    expected_cache = {(f, m, fl) for f, _u, m, fl, _h in cache_snapshot(clean, clean_id)}
    assert len(expected_server) == 7  # the copy added one message
    kills = 0
    for n in range(1, 18):
        user, path, account_id = _offline_session(env, f"k{n}")
        code, _ = _run_child(path, account_id, env.password, 0, kill_after=n)
        if code == 0:
            break
        kills += 1
        code, report = _run_child(path, account_id, env.password, 0)
        assert code == 0 and report is not None and report["error"] is None
        with Store.open(path) as store:
            account = store.account(account_id)
        assert account is not None
        again = sync_account(path, account, env.password)
        assert (again.error, again.added, again.removed, again.replayed) == (None, 0, 0, 0)
        assert _server_messages(env.server, user) == expected_server, f"kill after {n}"
        got = {(f, m, fl) for f, _u, m, fl, _h in cache_snapshot(path, account_id)}
        assert got == expected_cache, f"kill after {n}"
        with Store.open(path) as store:
            assert store.conn.execute("SELECT count(*) FROM pending_ops").fetchone() == (0,)
    assert kills >= 15  # every op's begin, server step and completion was a kill point
