"""The link options of `tradewind send` (issue 14): which `--attach` files go as links, and
the link password, within the company's link policy (`client.uploads.send_options`).

`add_arguments(parser)` adds `--link-password` (generate one; printed once),
`--link-password-stdin` (the rep's own, first line of stdin) and `--link-password-in-body`
(put it under the links instead of "sent separately"). `split(store, account, args, stdin)
-> SendLinks` measures the files and decides; bad input (a file that cannot be read, a policy
refusal, a storage that cannot protect links) raises `UsageError`/`CliError` in words, nothing
queued. `draft_link_paths(store, draft_id)` (`drafts send`): the draft's link files, or
`UsageError` when one is gone. CLI main thread.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from client.cli.errors import UsageError

if TYPE_CHECKING:
    from client.cli.context import Context
    from client.store.db import Store
    from client.store.records import Account
    from client.uploads.send_options import LinkOptions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The link password flags of `send`."""
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--link-password", action="store_true",
                       help="protect the links with a generated password (shown once)")
    given.add_argument("--link-password-stdin", action="store_true",
                       help="protect the links with the password on the first line of stdin")
    parser.add_argument("--link-password-in-body", action="store_true",
                        help="put the link password in the message (default: the message "
                             "says it is sent separately)")


@dataclass(frozen=True)
class SendLinks:
    attached: list[str]
    linked: list[str]
    options: LinkOptions | None
    generated_password: str | None


def _password_from_stdin(stdin: TextIO) -> str:
    line = stdin.readline().rstrip("\r\n")
    if not line:
        raise UsageError("--link-password-stdin: stdin held no password.")
    return line


def _recipients(args: argparse.Namespace) -> list[str]:
    """Every address of --to/--cc/--bcc; a bad one is left to the pipeline's own check."""
    from client.compose.headers import ComposeError, parse_recipients

    found: list[str] = []
    for name in ("to", "cc", "bcc"):
        for value in getattr(args, name, []):
            try:
                found += [p.ascii_email for p in parse_recipients(value, name)]
            except ComposeError:
                continue
    return found


def split(store: Store, account: Account, args: argparse.Namespace,
          stdin: TextIO) -> SendLinks:
    """(attached, linked, options) of `args.attach` (see the module)."""
    from client.cli.uploads_errors import as_cli_error
    from client.uploads.send_options import decide

    sizes = []
    for path in args.attach:
        try:
            sizes.append(Path(path).stat().st_size)
        except OSError as exc:
            raise UsageError(f"Cannot read attachment {path}: {exc.strerror or exc}.") from None
    password = _password_from_stdin(stdin) if args.link_password_stdin else None
    try:
        decision = decide(
            store, account.id, account.email, _recipients(args), sizes,
            [Path(p).name for p in args.attach], force=args.as_link,
            threshold_mb=args.link_threshold_mb, password=password,
            generate_password=args.link_password,
            password_place="body" if args.link_password_in_body else "separate")
    except Exception as exc:
        known = as_cli_error(exc)
        if known is None:
            raise
        raise known from None
    if (password or args.link_password) and not decision.linked:
        raise UsageError("A link password was asked for, but no file goes as a link "
                         "(add --link, or leave the password out).")
    linked = [p for i, p in enumerate(args.attach) if i in decision.linked]
    return SendLinks([p for i, p in enumerate(args.attach) if i not in decision.linked],
                     linked, decision.options if linked else None,
                     decision.options.password if decision.password_generated else None)


def draft_link_paths(store: Store, draft_id: int) -> list[str]:
    """The files a draft sends as links; `UsageError` (the draft kept) when one is gone."""
    from client.uploads.draft_links import load

    found = load(store, draft_id)
    if found.gone:
        raise UsageError(f"Draft {draft_id} sends {', '.join(found.gone)} as a link, but the "
                         "file is no longer there or changed since the draft was saved; the "
                         "draft is kept: open it in the app and add the file again.")
    return [str(p) for p in found.present]


def forget_draft(store: Store, draft_id: int) -> None:
    """The sent draft's link files are the queued message's now."""
    from client.uploads.draft_links import forget

    forget(store, draft_id)


def discard_linked(ctx: Context, store: Store, item_id: int) -> int:
    """`outbox discard ID` of a message with link files: `outbox_actions.cancel` (its uploads
    are aborted, files deleted, links revoked). JSON `{"discarded", "uploads", "problems"}`."""
    from client.uploads.outbox_actions import cancel

    report = cancel(store, item_id)
    for problem in report.problems:
        ctx.notice(f"Not cleaned up on the storage: {problem}")
    ctx.emit({"discarded": item_id, "uploads": report.uploads, "problems": report.problems},
             f"Message {item_id} removed from the outbox; its {report.uploads} upload(s) "
             "stopped and removed from the storage.")
    return 0

