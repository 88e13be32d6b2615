"""Runners for the `tradewind` command: in-process (fast) and as a real subprocess.

`cli(*args, input=...)` calls `client.cli.main.main` with its own streams; the root conftest's
in-memory keyring and temp profile are active. `cli_process(*args, input=...)` runs the
installed console script (or `python -m client.cli`) with the test-only file keyring
(`tests/support/file_keyring.py`), whose JSON file lives outside the profile.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from client.cli.main import main
from tests.client.cli.sample_cache import Cache, build_cache
from tests.support import file_keyring

REPO_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class _Stream(io.StringIO):
    def __init__(self, text: str, tty: bool) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    def run(*args: str, input: str = "", tty: bool = False, tty_err: bool = False) -> CliResult:
        """`tty`: stdin claims to be a terminal; `tty_err`: stderr does (progress bar)."""
        out, err = io.StringIO(), _Stream("", tty_err)
        code = main(list(args), stdin=_Stream(input, tty), stdout=out, stderr=err)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def console_script() -> list[str]:
    """The installed `tradewind` entry point, else `python -m client.cli`."""
    script = Path(sys.executable).with_name("tradewind")
    return [str(script)] if script.exists() else [sys.executable, "-m", "client.cli"]


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    return tmp_path / "test-keyring.json"


@pytest.fixture
def process_env(keyring_file: Path) -> dict[str, str]:
    env = dict(os.environ)  # carries the temp TRADEWIND_PROFILE and XDG dirs
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHON_KEYRING_BACKEND"] = file_keyring.BACKEND_NAME
    env[file_keyring.ENV_VAR] = str(keyring_file)
    return env


@pytest.fixture
def cli_process(process_env: dict[str, str]) -> Callable[..., CliResult]:
    def run(*args: str, input: str = "", env: dict[str, str] | None = None) -> CliResult:
        completed = subprocess.run(
            [*console_script(), *args],
            input=input,
            capture_output=True,
            text=True,
            env=env or process_env,
            cwd=REPO_ROOT,
            timeout=120,
            check=False,
        )
        return CliResult(completed.returncode, completed.stdout, completed.stderr)

    return run


@pytest.fixture
def cache(profile_dir: Path) -> Cache:
    """The sample cache of `sample_cache.py` in this test's profile."""
    return build_cache()
