"""A CLI that starts fast (issue 10): `tradewind --help`, `ls` and `search` load neither the
other commands nor the heavy libraries; each command module is imported only for its command.
Checked on `sys.modules` of a real `tradewind` process (not timed: the figures are in
tests/benchmarks/bench_cli_start.py)."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from client.cli import main as cli_main
from client.cli import registry
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import REPO_ROOT
from tests.client.cli.sample_cache import Cache

#: Libraries and parts of Tradewind that only some commands need.
HEAVY = (
    "babel", "icalendar", "jinja2", "imap_tools", "boto3", "botocore", "authlib", "keyring",
    "fpdf", "uharfbuzz", "PIL", "charset_normalizer", "html.parser", "imaplib", "smtplib",
    "client.mime.message", "client.mime.headers", "client.imap", "client.smtp", "client.sync",
    "client.compose", "client.accounts.manager", "client.profile.secrets", "client.uploads.engine",
    "client.uploads.config", "client.meetings", "client.calendar", "client.quotes",
    "client.templates", "client.signatures", "client.oauth", "client.opening",
    "client.store.recovery", "client.ops",
)
#: Light modules inside a heavy package: the names of the checks before sending, which the
#: send/reply/forward options list (client.compose.checks imports only the store and stdlib;
#: its parsers load when a check runs).
LIGHT = ("client.compose", "client.compose.checks")

_RUN = r"""
import io, json, sys
from client.cli.main import main
out = io.StringIO()
code = main(sys.argv[2:], stdout=out, stderr=io.StringIO())
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}, f)
"""


def _loaded(tmp_path: Path, env: dict[str, str], *argv: str) -> tuple[int, str, set[str]]:
    report = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", _RUN, str(report), *argv], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(report.read_text("utf-8"))
    return found["code"], found["out"], set(found["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m not in LIGHT
                  and any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def indexed(cache: Cache) -> Cache:
    """The sample cache with every body indexed, as after a sync (`search` indexes what is
    still waiting first, and that parses messages)."""
    with Store.open(Profile.resolve().database) as store:
        while store.index_pending():
            pass
    return cache


@pytest.mark.parametrize("argv", [("--help",), ("ls", "INBOX", "--json"),
                                  ("search", "price", "--json"), ("search", "from:li", "--json")])
def test_help_ls_and_search_load_nothing_heavy(tmp_path: Path, process_env: dict[str, str],
                                               indexed: Cache, argv: tuple[str, ...]) -> None:
    code, out, modules = _loaded(tmp_path, process_env, *argv)
    assert code == 0
    if argv[0] != "--help":
        assert json.loads(out)["messages"]  # the command really read the cache
    assert _heavy(modules) == []
    commands = {m for m in modules if m in registry.COMMAND_MODULES}
    assert commands == (set(registry.COMMAND_MODULES) if argv[0] == "--help"
                        else {"client.cli.read_cmd"})


def test_a_command_loads_only_its_own_module(tmp_path: Path, process_env: dict[str, str],
                                             cache: Cache) -> None:
    code, _out, modules = _loaded(tmp_path, process_env, "meet", "zone", "--json")
    assert code == 0
    assert {m for m in modules if m in registry.COMMAND_MODULES} == {"client.cli.meet_cmd"}


def test_the_registry_names_every_command_of_every_module() -> None:
    for module_name, names in registry.COMMAND_MODULES.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(module_name).register(sub, argparse.ArgumentParser(add_help=False))
        assert tuple(sub.choices) == names, module_name
    assert len(registry.COMMANDS) == sum(len(n) for n in registry.COMMAND_MODULES.values())


def test_the_command_word_is_found_past_the_options() -> None:
    assert registry.command_in(["--profile", "ls", "--json", "ls", "INBOX"]) == "ls"
    assert registry.command_in(["--lang", "zh_CN", "search", "x"]) == "search"
    assert registry.command_in(["--json"]) is None
    assert registry.command_in(["--", "ls"]) is None


def test_an_unknown_command_is_refused_with_the_full_list(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("lss", "INBOX")
    assert result.code == 2
    assert "invalid choice: 'lss'" in result.err and "'search'" in result.err


def test_the_sync_child_argument_matches_the_sync_child() -> None:
    from client.jobs.child import CHILD_ARGUMENT

    assert cli_main.SYNC_CHILD_ARGUMENT == CHILD_ARGUMENT
