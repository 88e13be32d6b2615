"""Which module registers which `tradewind` command, so a run imports only its own.

``COMMAND_MODULES``: module name -> the command names its ``register(subparsers, common)``
adds, in the order ``tradewind --help`` lists them (one module a line, so adding a command
touches one line). ``modules_for(command)`` imports what a run needs: the one module of a
known command, else every module (``--help``, the app, an unknown word that argparse must
refuse with the full list). ``command_in(argv)`` is the command word of an argument list (``command_index``: where).
Command modules keep their heavy imports (babel, icalendar, jinja2, imap-tools, boto3,
authlib, keyring, fpdf2, the sync engine) inside the handlers, so even importing all of them
stays cheap (``tests/client/cli/test_lazy_start.py``). Main thread; no side effects beyond
importing.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "client.cli.account_cmd": ("account",),
    "client.cli.sync_cmd": ("sync",),
    "client.cli.watch_cmd": ("watch",),
    "client.cli.read_cmd": ("folders", "ls", "show", "search"),
    "client.cli.attachment_cmd": ("save-attachment",),
    "client.cli.ops_cmd": ("mark", "move", "delete"),
    "client.cli.triage_cmd": ("copy", "archive", "undo"),
    "client.cli.send_cmd": ("send", "reply", "forward", "outbox", "drafts", "identity"),
    "client.cli.policy_cmd": ("policy",),
    "client.cli.signature_cmd": ("signature",),
    "client.cli.cache_cmd": ("cache",),
    "client.cli.meet_cmd": ("meet",),
    "client.cli.templates_cmd": ("templates",),
    "client.cli.quote_cmd": ("products", "quote", "quotes"),
    "client.cli.storage_cmd": ("storage",),
    "client.cli.links_cmd": ("links",),
    "client.cli.open_cmd": ("open",),
    "client.cli.calendar_cmd": ("calendar",),
    "client.cli.settings_cmd": ("settings",),
    "client.cli.security_cmd": ("security",),
    "client.cli.risk_cmd": ("risk", "bank-details", "trusted"),
    "client.cli.customers_cmd": ("customers", "export"),
    "client.cli.rules_cmd": ("rules",),
    "client.cli.spell_cmd": ("spell",),
    "client.cli.followups_cmd": ("followups",),
    "client.cli.stats_cmd": ("stats",),
}

#: command name -> module name
COMMANDS: dict[str, str] = {
    name: module for module, names in COMMAND_MODULES.items() for name in names
}

#: Top-level options that take a value (``--profile DIR``), skipped when looking for the command.
VALUE_OPTIONS = ("--profile", "--lang")


def command_index(argv: Sequence[str]) -> int | None:
    """Where the first bare argument of ``argv`` is (the command word or a target), or None."""
    for index, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg.startswith("-"):
            continue
        if index > 0 and argv[index - 1] in VALUE_OPTIONS:
            continue
        return index
    return None


def command_in(argv: Sequence[str]) -> str | None:
    """The first bare argument of ``argv``, or None."""
    index = command_index(argv)
    return None if index is None else argv[index]


def modules_for(command: str | None) -> list[ModuleType]:
    """The command modules to register for a run of ``command`` (see the module docstring)."""
    names = [COMMANDS[command]] if command in COMMANDS else list(COMMAND_MODULES)
    return [importlib.import_module(name) for name in names]
