"""A closed stdout (`tradewind ... | head`) ends the command quietly: exit 141, nothing on stderr.

Each case runs the real console script in a subprocess. `_into_closed_pipe` closes the pipe's
read end before the child starts, so the child's first write meets a closed pipe every time (the
same state as `| head` after head exited); the shell pipelines check the everyday form with an
output far larger than a pipe's buffer.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import UTC, datetime

import pytest

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import IncomingMessage
from tests.client.cli.fixtures import REPO_ROOT, console_script
from tests.client.cli.sample_cache import Cache

PIPE_CLOSED = 141


def _into_closed_pipe(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        child = subprocess.Popen(
            [*console_script(), *args], stdin=subprocess.DEVNULL, stdout=write_end,
            stderr=subprocess.PIPE, env=env, cwd=REPO_ROOT, text=True,
        )
    finally:
        os.close(write_end)
    _, err = child.communicate(timeout=120)
    return child.returncode, err


@pytest.mark.parametrize(
    "args",
    [
        ["ls", "INBOX", "--json"],
        ["ls", "INBOX"],
        ["search", "price"],
        ["search", "price", "--json"],
        ["account", "list", "--json"],
        ["folders"],
        ["--help"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_closed_stdout_ends_quietly(
    args: list[str], cache: Cache, process_env: dict[str, str]
) -> None:
    code, err = _into_closed_pipe(args, process_env)
    assert err == ""
    assert code == PIPE_CLOSED


def test_show_raw_into_a_closed_pipe(cache: Cache, process_env: dict[str, str]) -> None:
    code, err = _into_closed_pipe(["show", str(cache.inbox_ids[0]), "--raw"], process_env)
    assert (code, err) == (PIPE_CLOSED, "")


def test_an_error_with_a_closed_stdout_keeps_its_words_and_code(
    cache: Cache, process_env: dict[str, str]
) -> None:
    """The JSON error document cannot be written, but the message on stderr and the exit code
    (not found) stay; no traceback."""
    code, err = _into_closed_pipe(["ls", "NoSuchFolder", "--json"], process_env)
    assert code == 6
    assert err.startswith("tradewind: ") and "NoSuchFolder" in err
    assert "Traceback" not in err and "BrokenPipe" not in err


def _big_message(cache: Cache) -> int:
    """A 2 MB plain-text message in INBOX (many times a pipe buffer)."""
    body = ("Container 40HQ, price per unit, delivery terms FOB Ningbo. " * 35_000).encode()
    raw = (b"From: a@supplier.example\r\nTo: rep@example.test\r\nSubject: big price list\r\n"
           b"Message-ID: <big@supplier.example>\r\nContent-Type: text/plain\r\n\r\n" + body)
    with Store.open(Profile.resolve().database) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        added = store.insert_messages(
            inbox.id, [IncomingMessage(uid=50, raw=raw, internaldate=datetime.now(UTC))], 50
        ).added
    return int(added[0])


@pytest.mark.parametrize("command", ["show {id} --raw | head -c 10", "show {id} | head -1",
                                     "show {id} --json | head -c 10"])
def test_shell_pipeline_into_head(
    command: str, cache: Cache, process_env: dict[str, str]
) -> None:
    row = _big_message(cache)
    tradewind = " ".join(shlex.quote(part) for part in console_script())
    script = f"set -o pipefail 2>/dev/null; {tradewind} {command.format(id=row)}"
    done = subprocess.run(["bash", "-c", script], capture_output=True, env=process_env,
                          cwd=REPO_ROOT, timeout=120, check=False)
    assert done.stderr == b""
    assert done.returncode == PIPE_CLOSED
    assert 0 < len(done.stdout) <= 200
