"""`tradewind account add|list|test|trust|remove`.

Passwords come from stdin (`--password-stdin`) or an interactive prompt on a terminal, never
from the command line. JSON shapes are documented in docs/cli.md.
"""

from __future__ import annotations

import argparse
import getpass
import shlex
from typing import TYPE_CHECKING, Any

from client.accounts.choices import SECURITIES, SERVERS
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_text
from client.i18n import _

if TYPE_CHECKING:
    from client.accounts.manager import AccountManager
    from client.store.db import Store
    from client.store.records import Account


def _manager(store: Store) -> AccountManager:
    """The account manager (imported here: it loads the keyring and the IMAP/SMTP code)."""
    from client.accounts.manager import AccountManager

    return AccountManager(store)


def _fingerprint(value: str) -> str:
    from client.accounts.manager import format_fingerprint

    return format_fingerprint(value)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `account` command group."""
    group = subparsers.add_parser(
        "account", parents=[common], help="add, list, test, remove accounts"
    )
    actions = group.add_subparsers(dest="account_action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", parents=[common], help="add an account (password from stdin or a prompt)"
    )
    add.add_argument("--email", required=True, help="the account's e-mail address")
    add.add_argument("--imap", metavar="HOST[:PORT]", help="IMAP server (skips discovery)")
    add.add_argument("--smtp", metavar="HOST[:PORT]", help="SMTP server")
    add.add_argument("--security", choices=SECURITIES, help="connection security (default ssl)")
    add.add_argument("--username", help="login name if it is not the e-mail address")
    add.add_argument("--ca-file", metavar="FILE", help="trust this CA (PEM) for the servers")
    add.add_argument("--name", default="", help="display name for sent mail")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    _oauth_arguments(add, required=False)
    add.set_defaults(handler=cmd_add)

    login = actions.add_parser(
        "login", parents=[common], help="sign in again (OAuth2) when an account needs it")
    login.add_argument("email")
    _oauth_arguments(login, required=False)
    login.set_defaults(handler=cmd_login)

    listing = actions.add_parser("list", parents=[common], help="list accounts")
    listing.set_defaults(handler=cmd_list)

    test = actions.add_parser("test", parents=[common], help="log in once and show capabilities")
    test.add_argument("email")
    test.add_argument("--server", choices=SERVERS, default="imap",
                      help="the incoming (imap, default) or outgoing (smtp) server")
    test.set_defaults(handler=cmd_test)

    trust = actions.add_parser("trust", parents=[common], help="pin a server certificate")
    trust.add_argument("email")
    trust.add_argument("fingerprint", help="SHA-256 fingerprint shown by `account test`")
    trust.add_argument("--server", choices=SERVERS, default="imap",
                       help="whose certificate: imap (default) or smtp; each has its own pin")
    trust.set_defaults(handler=cmd_trust)

    remove = actions.add_parser(
        "remove", parents=[common], help="remove an account, its cache and its stored password"
    )
    remove.add_argument("email")
    remove.add_argument("--force", action="store_true",
                        help="remove even though unsent messages or drafts would be lost")
    remove.set_defaults(handler=cmd_remove)

    sending = actions.add_parser(
        "sending", parents=[common], help="SMTP security and Sent filing for an account"
    )
    sending.add_argument("email")
    sending.add_argument("--smtp-security", choices=("ssl", "starttls", "insecure-plain"))
    sending.add_argument(
        "--files-sent-itself", choices=("yes", "no"),
        help="yes when the provider stores sent mail in Sent on its own (like Gmail)",
    )
    sending.set_defaults(handler=cmd_sending)


def _oauth_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--oauth", metavar="microsoft|google|FILE|ISSUER_URL", required=required,
        help="sign in with OAuth2 in the browser instead of a password")
    parser.add_argument("--no-browser", action="store_true",
                        help="only print the sign-in address (open it yourself)")
    parser.add_argument("--client-id", help="the company's registered app (kept in settings)")
    parser.add_argument("--client-secret",
                        help="Google desktop apps only: the app's non-confidential secret")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                        help="how long to wait for the browser (default 300)")


def account_json(account: Account) -> dict[str, Any]:
    """The stable JSON shape of an account (never a secret)."""
    return {
        "id": account.id,
        "email": account.email,
        "display_name": account.display_name,
        "imap_host": account.imap_host,
        "imap_port": account.imap_port,
        "smtp_host": account.smtp_host,
        "smtp_port": account.smtp_port,
        "security": account.security,
        "username": account.username,
        "ca_file": account.ca_file,
        "pinned_sha256": account.pinned_sha256,
        "smtp_pinned_sha256": account.smtp_pinned_sha256,
        "preset": account.preset,
        "status": account.status,
        "last_error": account.last_error,
        "auth": account.auth,
    }


def read_password(ctx: Context, args: argparse.Namespace) -> str:
    """The password from stdin (`--password-stdin`, one line) or a no-echo prompt on a TTY."""
    if args.password_stdin:
        text = ctx.stdin.readline()
        password = text[:-1] if text.endswith("\n") else text
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise UsageError("--password-stdin was given but standard input held no password.")
        return password
    if not _isatty(ctx.stdin):
        raise UsageError(
            "No password given: pipe it in with --password-stdin, or run the command on a "
            "terminal to be asked for it. Passwords are never accepted as arguments."
        )
    password = getpass.getpass(f"Password for {args.email}: ", stream=ctx.stderr)
    if not password:
        raise UsageError("No password entered.")
    return password


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    if not getattr(args, "oauth", None) and not args.password_stdin:
        from client.accounts.presets import preset_for_domain

        preset = preset_for_domain(args.email.rpartition("@")[2])
        if preset is not None and preset.oauth:  # Microsoft 365 / Outlook.com / Google
            args.oauth = preset.oauth  # an app password still works with --password-stdin
    if getattr(args, "oauth", None):
        from client.cli.oauth_cmd import add_with_oauth

        return add_with_oauth(ctx, args)
    password = read_password(ctx, args)
    manager = _manager(ctx.store())
    result = manager.add(
        args.email,
        password,
        imap=args.imap,
        smtp=args.smtp,
        security=args.security,
        username=args.username,
        ca_file=args.ca_file,
        display_name=args.name,
    )
    account = result.account
    ctx.emit(
        {"account": account_json(account), "source": result.source, "notes": list(result.notes)},
        lambda: "\n".join(
            [
                f"Added {account.email}: IMAP {account.imap_host}:{account.imap_port}, "
                f"SMTP {account.smtp_host}:{account.smtp_port}, security {account.security} "
                f"({result.source} settings).",
                *result.notes,
                f"Check the login with: tradewind account test {account.email}",
            ]
        ),
    )
    return ExitCode.OK


def cmd_login(ctx: Context, args: argparse.Namespace) -> int:
    from client.cli.oauth_cmd import login_again

    return login_again(ctx, args)


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    accounts = _manager(ctx.store()).list_accounts()

    def text() -> str:
        if not accounts:
            return "No accounts. Add one with: tradewind account add --email you@example.com"
        rows = [
            (
                a.email,
                f"{a.imap_host}:{a.imap_port}",
                a.security,
                a.status,
                _pinned(a),
            )
            for a in accounts
        ]
        return format_table(("EMAIL", "IMAP", "SECURITY", "STATUS", "PINNED"), rows)

    ctx.emit({"accounts": [account_json(a) for a in accounts]}, text)
    return ExitCode.OK


def _pinned(account: Account) -> str:
    """Which servers have a pinned certificate: "imap", "smtp", "imap+smtp" or ""."""
    return "+".join(name for name, pin in (("imap", account.pinned_sha256),
                                           ("smtp", account.smtp_pinned_sha256)) if pin)


def cmd_test(ctx: Context, args: argparse.Namespace) -> int:
    manager = _manager(ctx.store())
    server = getattr(args, "server", "imap")
    try:
        result = manager.test_smtp(args.email) if server == "smtp" else manager.test(args.email)
    except Exception as exc:
        if type(exc).__name__ in ("TLSVerificationError", "SmtpTLSError") and getattr(
            exc, "fingerprint", None
        ):
            raise _untrusted(ctx, args, exc) from None
        if type(exc).__name__ == "AuthenticationError":
            from client.accounts.manager import with_login_advice

            words = with_login_advice(manager.get(args.email), exc)
            raise CliError(words, ExitCode.AUTH) from None
        raise
    ctx.emit(
        {
            "ok": True,
            "email": result.email,
            "host": result.host,
            "port": result.port,
            "security": result.security,
            "capabilities": list(result.capabilities),
        },
        lambda: (
            f"Login to {result.host}:{result.port} ({result.security}) as {result.email} works.\n"
            f"Capabilities: {' '.join(safe_text(c) for c in result.capabilities)}"
        ),
    )
    return ExitCode.OK


def _untrusted(ctx: Context, args: argparse.Namespace, exc: Exception) -> CliError:
    """The TLS failure in words, with the fingerprint and the exact command to pin it (for
    the server that presented it)."""
    account = _manager(ctx.store()).get(args.email)
    server = getattr(args, "server", "imap")
    fingerprint = getattr(exc, "fingerprint", None)
    reason = getattr(exc, "reason", None) or str(exc)
    host, port = ((account.smtp_host, account.smtp_port) if server == "smtp"
                  else (account.imap_host, account.imap_port))
    where = f"{host}:{port}"
    lines = [_("The certificate of {where} is not trusted ({reason}).", where=where,
               reason=safe_text(reason, 200))]
    details: dict[str, Any] = {"fingerprint": None, "trust_command": None}
    if fingerprint:
        shown = _fingerprint(fingerprint)
        profile = f" --profile {shlex.quote(str(ctx.profile.directory))}" if args.profile else ""
        which = " --server smtp" if server == "smtp" else ""
        command = f"tradewind{profile} account trust {shlex.quote(account.email)} {shown}{which}"
        details = {"fingerprint": shown, "trust_command": command}
        lines += [
            _("Its SHA-256 fingerprint is {fingerprint}", fingerprint=shown),
            _("Only if your provider or IT department confirms this exact value, pin it with:"),
            f"  {command}",
        ]
    return CliError("\n".join(lines), ExitCode.TLS, details)


def cmd_trust(ctx: Context, args: argparse.Namespace) -> int:
    server = args.server
    account = _manager(ctx.store()).trust(args.email, args.fingerprint, server=server)
    pin = account.smtp_pinned_sha256 if server == "smtp" else account.pinned_sha256
    shown = _fingerprint(pin or "")
    which = " --server smtp" if server == "smtp" else ""
    ctx.emit(
        {"account": account_json(account), "server": server},
        f"Pinned the certificate {shown} for the {server.upper()} server of {account.email}. "
        f"Check it with: tradewind account test {account.email}{which}",
    )
    return ExitCode.OK


def cmd_remove(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    target = _manager(store).get(args.email)
    if not args.force:
        from client.compose.drafts import list_drafts
        from client.smtp.outbox import Outbox

        unsent = [i for i in Outbox(store).items(target.id) if i.state != "sent"]
        drafts = list_drafts(store, target.id)
        if unsent or drafts:
            raise CliError(
                f"{target.email} still has {len(unsent)} unsent message(s) and {len(drafts)} "
                "draft(s) that exist only here. Send or discard them first (tradewind outbox, "
                "tradewind drafts), or remove with --force to lose them.",
                ExitCode.GENERAL,
            )
    with ctx.profile.writer_lock():
        account = _manager(store).remove(args.email)
    ctx.emit(
        {"removed": account.email},
        f"Removed {account.email}, its cached mail and its stored password.",
    )
    return ExitCode.OK


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def cmd_sending(ctx: Context, args: argparse.Namespace) -> int:
    from client.smtp.account_endpoint import auto_filed, set_sending_options, smtp_security

    store = ctx.store()
    account = _manager(store).get(args.email)
    files = None if args.files_sent_itself is None else args.files_sent_itself == "yes"
    set_sending_options(store, account, smtp_security=args.smtp_security, files_sent_itself=files)
    document = {"email": account.email, "smtp_security": smtp_security(store, account),
                "files_sent_itself": auto_filed(store, account)}
    ctx.emit(document, f"{account.email}: SMTP {document['smtp_security']}, "
             + ("the provider files sent mail itself" if document["files_sent_itself"]
                else "Tradewind saves a copy in Sent"))
    return ExitCode.OK
