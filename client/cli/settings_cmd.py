"""`tradewind settings list | get KEY | set KEY VALUE | reset KEY`: the rep's settings, as
`client.settings` defines them (the same definitions and checks as the app's Settings dialog).

A refused value exits 2 with the reason in words (`--json`: the error document plus `setting`
and `reason`, the `SettingError.code`); nothing is stored then. Main thread.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from client import settings
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode
from client.cli.output import safe_text


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `settings` group."""
    group = subparsers.add_parser("settings", parents=[common],
                                  help="list, read and change the rep's settings")
    sub = group.add_subparsers(dest="settings_command", metavar="ACTION")
    listing = sub.add_parser("list", parents=[common],
                             help="every setting with its value, default and allowed values")
    listing.set_defaults(handler=cmd_list)
    get = sub.add_parser("get", parents=[common], help="one setting's value")
    get.add_argument("key", metavar="KEY")
    get.set_defaults(handler=cmd_get)
    put = sub.add_parser("set", parents=[common], help="change one setting (checked first)")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE",
                     help="a number, yes/no, a choice, or JSON for texts and lists")
    put.set_defaults(handler=cmd_set)
    reset = sub.add_parser("reset", parents=[common], help="back to the default value")
    reset.add_argument("key", metavar="KEY")
    reset.set_defaults(handler=cmd_reset)
    group.set_defaults(handler=cmd_list)


def _refused(exc: settings.SettingError) -> CliError:
    return CliError(str(exc), ExitCode.USAGE, {"setting": exc.key, "reason": exc.code})


def _definition(key: str) -> settings.Setting:
    try:
        return settings.definition(key)
    except settings.SettingError as exc:
        raise _refused(exc) from exc


def _entry(store: Any, setting: settings.Setting) -> dict[str, Any]:
    value = settings.read(store, setting.key)
    return {**setting.to_json(), "value": value, "is_default": value == setting.default}


def _shown(value: object) -> str:
    return safe_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    entries = [_entry(store, s) for s in settings.SETTINGS.values()]

    def text() -> str:
        lines = []
        for entry in entries:
            mark = "" if entry["is_default"] else "  (changed)"
            lines.append(f"{entry['key']} = {_shown(entry['value'])}{mark}")
            lines.append(f"    {settings.label(entry['key'])}")
        return "\n".join(lines)

    ctx.emit({"settings": entries}, text)
    return int(ExitCode.OK)


def cmd_get(ctx: Context, args: argparse.Namespace) -> int:
    entry = _entry(ctx.store(), _definition(args.key))
    ctx.emit(entry, _shown(entry["value"]))
    return int(ExitCode.OK)


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    try:
        value = settings.write(ctx.store(), args.key, settings.parse(args.key, args.value))
    except settings.SettingError as exc:
        raise _refused(exc) from exc
    ctx.emit({"key": args.key, "value": value}, f"{args.key} = {_shown(value)}")
    return int(ExitCode.OK)


def cmd_reset(ctx: Context, args: argparse.Namespace) -> int:
    setting = _definition(args.key)
    value = settings.write(ctx.store(), setting.key, setting.default)
    ctx.emit({"key": setting.key, "value": value}, f"{setting.key} = {_shown(value)}")
    return int(ExitCode.OK)
