"""`tradewind account add --oauth …` and `tradewind account login EMAIL`: the OAuth2 sign-in.

The sign-in address goes to stderr as one line, `Open this address to sign in: URL` (and to
the system browser unless `--no-browser`); the command waits for the browser's redirect
(`--timeout`, Ctrl-C cancels), stores the tokens in the keyring only, and says which OAuth2
mechanisms the IMAP and SMTP servers offered. `--client-id` / `--client-secret` are kept in
the profile's settings (`oauth.<provider>.client_id`…) for later sign-ins; without them the
signed company bundle's `oauth.json` gives them (`client.oauth.company`). JSON shapes:
docs/cli.md.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from typing import Any

from client.accounts.manager import AccountManager
from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError
from client.oauth.providers import BUILTIN, Provider, load_provider
from client.oauth.tokens import TokenSet
from client.store.db import Store
from client.store.records import Account


def _settings(store: Store) -> dict[str, Any]:
    from client.oauth.company import oauth_settings

    return oauth_settings(store)


def _provider(ctx: Context, args: argparse.Namespace) -> Provider:
    store = ctx.store()
    name = args.oauth.strip().lower() if args.oauth.strip().lower() in BUILTIN else "custom"
    if args.client_id:
        store.set_setting(f"oauth.{name}.client_id", args.client_id.strip())
    if args.client_secret:
        store.set_setting(f"oauth.{name}.client_secret", args.client_secret.strip())
    return load_provider(args.oauth, _settings(store))


def _sign_in(ctx: Context, args: argparse.Namespace, provider: Provider, email: str) -> TokenSet:
    from client.oauth.pkce_flow import sign_in

    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds.")

    def open_url(url: str) -> None:
        ctx.stderr.write(f"Open this address to sign in: {url}\n")
        ctx.stderr.flush()
        if not args.no_browser:
            import webbrowser

            with contextlib.suppress(Exception):  # no browser: the printed line is enough
                webbrowser.open(url)

    cancel = threading.Event()
    try:
        return sign_in(provider, open_url=open_url, login_hint=email, timeout=args.timeout,
                       cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        raise


def _mechanisms(store: Store, account: Account) -> dict[str, list[str]]:
    """The SASL mechanisms the IMAP and SMTP servers advertise (before login)."""
    from client.imap.transport import open_client
    from client.smtp.account_endpoint import smtp_endpoint_for
    from client.smtp.transport import connect
    from client.sync.engine import endpoint_for

    found: dict[str, list[str]] = {"imap": [], "smtp": []}
    with contextlib.suppress(Exception):
        client = open_client(endpoint_for(account, timeout=30))
        try:
            found["imap"] = sorted(str(c)[5:].upper() for c in client.capabilities
                                   if str(c).upper().startswith("AUTH="))
        finally:
            with contextlib.suppress(Exception):
                client.shutdown()
    with contextlib.suppress(Exception):
        smtp = connect(smtp_endpoint_for(store, account, 30))
        try:
            found["smtp"] = sorted(smtp.esmtp_features.get("auth", "").upper().split())
        finally:
            with contextlib.suppress(Exception):
                smtp.close()
    return found


def _report(ctx: Context, verb: str, account: Account, store: Store,
            extra: dict[str, Any]) -> int:
    from client.cli.account_cmd import account_json

    offered = _mechanisms(store, account)
    ctx.emit(
        {"account": account_json(account), "mechanisms": offered, **extra},
        "\n".join([
            f"{verb} {account.email} with OAuth2 (tokens kept in the system keyring).",
            f"IMAP {account.imap_host} offers: {' '.join(offered['imap']) or 'nothing readable'}",
            f"SMTP {account.smtp_host} offers: {' '.join(offered['smtp']) or 'nothing readable'}",
            f"Check the login with: tradewind account test {account.email}",
        ]))
    return ExitCode.OK


def add_with_oauth(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    manager = AccountManager(store)
    if store.get_account(args.email.strip()) is not None:
        raise UsageError(f"An account for {args.email.strip()} already exists; to sign in again "
                         f"run: tradewind account login {args.email.strip()}")
    if args.password_stdin:
        raise UsageError("--oauth signs in in the browser; --password-stdin does not apply.")
    from client.profile import secrets

    secrets.check_backend()  # before the browser: tokens can only go to a safe keyring
    provider = _provider(ctx, args)
    tokens = _sign_in(ctx, args, provider, args.email.strip())
    result = manager.add_oauth(
        args.email, provider, tokens, imap=args.imap, smtp=args.smtp, security=args.security,
        username=args.username, ca_file=args.ca_file, display_name=args.name)
    return _report(ctx, "Added", result.account, store,
                   {"source": result.source, "notes": list(result.notes)})


def login_again(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    manager = AccountManager(store)
    account = manager.get(args.email)
    if args.oauth:
        provider = _provider(ctx, args)
    elif account.auth == "oauth2":
        from client.oauth.credentials import provider_of

        provider = provider_of(account)
    else:
        raise UsageError(f"{account.email} signs in with a password; to switch it to OAuth2 "
                         f"give --oauth microsoft|google|FILE|ISSUER_URL.")
    tokens = _sign_in(ctx, args, provider, account.email)
    account = manager.relogin(account.email, tokens, provider)
    return _report(ctx, "Signed in", account, store, {})
