"""Entry point of the `tradewind` command (`client.cli.main:main`, also `python -m client.cli`).

`tradewind` with no command (or with `--demo`) starts the desktop app; otherwise the named
command runs and the process exits with a code from `client.cli.errors.ExitCode`. Expected
errors are printed to stderr in words; only bugs print a traceback. A reader that closes our
stdout early (`tradewind ls INBOX --json | head`) ends the command quietly with exit code 141
(`ExitCode.PIPE_CLOSED`), on every platform. Main thread only.
The core's messages (sync errors, certificate reasons, signature notices) are in English
unless `--lang`, else `TRADEWIND_LANG`, else the locale names Chinese (`client.i18n`).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from client.cli import registry
from client.cli.app_launch import run_desktop_app
from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError, classify
from client.cli.output import dump_json, is_closed_pipe, silence_closed_stream, write_text
from client.i18n import UnknownLanguageError, get_language, language_from, set_language
from client.profile.config import Profile, profile_logging
from client.version import version_text

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

PROG = "tradewind"

# Each command group module provides `register(subparsers, common_parent)`; which module has
# which command is `client.cli.registry.COMMAND_MODULES` (a run imports only its own).
#: `client.jobs.child.CHILD_ARGUMENT`, spelt out so a command run never imports the sync child.
SYNC_CHILD_ARGUMENT = "--sync-child"
INDEX_CHILD_ARGUMENT = "--index-child"  # `client.sync.index_worker.CHILD_ARGUMENT`
HEADER_CHILD_ARGUMENT = "--header-child"  # `client.sync.header_child.CHILD_ARGUMENT`


class _Parser(argparse.ArgumentParser):
    """argparse that raises `UsageError` instead of exiting, so main decides the exit code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}\n(see `{self.prog} --help`)")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse swallows write errors here; a closed pipe must reach `main` instead.
        if message:
            write_text(cast(TextIO, file or sys.stderr), message)


def _common_options(*, top_level: bool) -> argparse.ArgumentParser:
    """`--profile` and `--json`, accepted before or after the command name."""
    parent = _Parser(add_help=False)
    default_profile = None if top_level else argparse.SUPPRESS
    default_json = False if top_level else argparse.SUPPRESS
    parent.add_argument(
        "--profile",
        metavar="DIR",
        default=default_profile,
        help="profile directory (default: $TRADEWIND_PROFILE, else the user data folder)",
    )
    parent.add_argument(
        "--json",
        action="store_true",
        default=default_json,
        help="print one JSON document on stdout (shapes in docs/cli.md)",
    )
    return parent


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command tree: with a known ``command`` only the subcommands of its module (the
    others are not imported), else the whole tree. Pure; safe to call repeatedly."""
    parser = _Parser(
        prog=PROG,
        parents=[_common_options(top_level=True)],
        description="Tradewind mail client. Without a command, starts the desktop app.",
        epilog="Exit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 network, 5 TLS, 6 not found, "
        "7 profile locked, 8 keyring, 9 cache, 10 not installed, 130 interrupted.",
    )
    parser.add_argument("--demo", action="store_true", help="start the desktop app on demo data")
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument(
        "--selftest", action="store_true",
        help="check this installation (modules, cache, data files, keyring, reader) and exit",
    )
    # before the command only: `reply`/`forward` have their own --lang (the quote's language)
    parser.add_argument(
        "--lang", dest="message_language", metavar="LANG", default=None,
        help="language of messages: en or zh_CN (default: $TRADEWIND_LANG, else the locale)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(top_level=False)
    for module in registry.modules_for(command):
        module.register(subparsers, common)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one `tradewind` invocation and return its exit code (never raises for expected
    errors). Streams default to the process's; tests pass their own."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [SYNC_CHILD_ARGUMENT]:  # the app's sync process (frozen builds only)
        from client.jobs.child import child_main

        if args_list[1:2] == ["--persistent"]:  # client.jobs.persistent_child (issue 17)
            from client.jobs.persistent_child import persistent_main

            return persistent_main(stdin, stdout)

        return child_main(stdin, stdout)
    if args_list[:1] == [INDEX_CHILD_ARGUMENT] and len(args_list) == 2:  # frozen builds only
        from client.sync import index_worker

        return index_worker.child_main(args_list[1], stdin, stdout)
    if args_list == [HEADER_CHILD_ARGUMENT]:  # frozen builds only (binary frames on stdio)
        from client.sync import header_child

        return header_child.child_main()
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        return _main(args_list, stdin, out, err)
    except BaseException as exc:  # only a closed pipe is handled here; the rest is re-raised
        if not is_closed_pipe(exc):
            raise
        # The reader went away: stop quietly (no traceback, no "Exception ignored" at exit).
        silence_closed_stream(out)
        return int(ExitCode.PIPE_CLOSED)


def route_targets(args_list: list[str]) -> list[str]:
    """`tradewind [OPTIONS] mailto:…|FILE.eml|FILE.ics` is `tradewind [OPTIONS] open TARGET`:
    the first bare argument that names a target (not a command) gets `open` put before it."""
    index = registry.command_index(args_list)
    if index is None or args_list[index] in registry.COMMANDS:
        return args_list  # a command name comes first

    from client.opening.targets import looks_like_target

    if looks_like_target(args_list[index]):
        return [*args_list[:index], "open", *args_list[index:]]
    return args_list


def _main(args_list: list[str], stdin: TextIO | None, out: TextIO, err: TextIO) -> int:
    args_list = route_targets(args_list)
    parser = build_parser(registry.command_in(args_list))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(args_list)
    except UsageError as exc:
        err.write(f"{PROG}: error: {exc.message}\n")
        return int(ExitCode.USAGE)
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0

    if args.selftest:
        from client.selftest import run_selftest

        return _run_guarded(lambda: run_selftest(args.profile, bool(args.json), out,
                                                 write_json=dump_json), err, None)
    if args.command is None:
        return _run_guarded(lambda: run_desktop_app(args_list), err, None)
    try:
        language = language_from(args.message_language)
    except UnknownLanguageError as exc:
        err.write(f"{PROG}: error: {exc}\n")
        return int(ExitCode.USAGE)
    previous = get_language()
    set_language(language)
    try:
        return _run_command(args, stdin, out, err)
    finally:  # an in-process caller (tests, scripts) keeps its own language
        set_language(previous)


def _run_command(args: argparse.Namespace, stdin: TextIO | None, out: TextIO,
                 err: TextIO) -> int:
    ctx = Context(
        profile=Profile.resolve(args.profile),
        json=bool(args.json),
        stdin=stdin or sys.stdin,
        stdout=out,
        stderr=err,
    )

    def run_command() -> int:
        try:
            with profile_logging(ctx.profile):
                return int(args.handler(ctx, args))
        finally:
            ctx.close()

    return _run_guarded(run_command, err, out if ctx.json else None, out)


def _run_guarded(
    action: Callable[[], int], err: TextIO, json_out: TextIO | None, out: TextIO | None = None
) -> int:
    """Run `action`; turn every outcome into an exit code. Expected errors: words on stderr
    (and the JSON error document on `json_out` in --json mode); bugs: a traceback. A closed
    pipe is raised on to `main`; a JSON error document that meets one is dropped (the words on
    stderr and the error's code stay)."""
    try:
        code = action()
        if out is not None:
            out.flush()  # what is still buffered meets a closed pipe here, not at exit
        return code
    except BaseException as exc:  # every outcome becomes an exit code
        if is_closed_pipe(exc):
            raise
        if isinstance(exc, SystemExit):
            return exc.code if isinstance(exc.code, int) else 1
        known = classify(exc)
        if known is None:
            err.write(f"{PROG}: unexpected error (this is a bug, please report it):\n")
            err.write("".join(traceback.format_exception(exc)))
            return int(ExitCode.GENERAL)
        err.write(f"{PROG}: {known.message}\n")
        err.flush()
        if json_out is not None:
            try:
                dump_json(known.to_json(), json_out)
            except BaseException as write_error:
                if not is_closed_pipe(write_error):
                    raise
                silence_closed_stream(json_out)
        return int(known.code)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
