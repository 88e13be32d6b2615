"""`tradewind watch [--account E]`: sync everything, then keep INBOX current with IDLE.

Holds the profile's writer lock while it runs. The sync engine and the IDLE watchers run on
their own threads (`client.jobs.watch.watch_accounts`); their events are queued to the main
thread, which alone prints. Ctrl-C or SIGTERM stops it cleanly (exit 0). Output: one line per
change or status change; with `--json`, one JSON object per line (JSON Lines, see docs/cli.md).
"""

from __future__ import annotations

import argparse
import json
import queue
import signal
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from client import events
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode
from client.cli.lookup import accounts_in_scope
from client.cli.output import safe_text, write_text

if TYPE_CHECKING:
    from client.store.db import Store
    from client.store.records import Account

_POLL_S = 0.25


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `watch`."""
    watch = subparsers.add_parser(
        "watch", parents=[common], help="sync, then wait for new mail (IDLE) until Ctrl-C"
    )
    watch.add_argument("--account", metavar="EMAIL", help="only this account")
    watch.set_defaults(handler=cmd_watch)


def _password_source(account: Account) -> str:
    from client.accounts.manager import MissingPasswordError
    from client.imap.errors import AuthenticationError
    from client.oauth.credentials import secret_for
    from client.oauth.errors import OAuthError

    try:
        password = secret_for(account)
    except OAuthError as exc:  # the watcher backs off as for a refused password
        raise AuthenticationError(str(exc)) from None
    if password is None:
        raise MissingPasswordError(f"No password for {account.email} is stored in the keyring.")
    return password


class _Printer:
    """Turns core events into lines (or JSON Lines) on the main thread; drops repeats."""

    def __init__(self, ctx: Context, store: Store, accounts: list[Account]) -> None:
        self.ctx = ctx
        self.store = store
        self.emails = {a.id: a.email for a in accounts}
        self.last_status: dict[int, tuple[str, str]] = {}

    def show(self, event: events.Event) -> None:
        if isinstance(event, events.FolderChanged):
            self._folder_changed(event)
        elif isinstance(event, events.AccountStatus):
            self._status(event)

    def _folder_changed(self, event: events.FolderChanged) -> None:
        if not (event.added or event.updated or event.removed):
            return
        folder = self.store.folder(event.folder_id)
        name = folder.name if folder else f"folder {event.folder_id}"
        email = self.emails.get(event.account_id, "?")
        self._out(
            {
                "event": "folder_changed",
                "account": email,
                "folder": name,
                "folder_id": event.folder_id,
                "added": list(event.added),
                "updated": list(event.updated),
                "removed": list(event.removed),
            },
            f"{email}: {safe_text(name)}: {len(event.added)} new, {len(event.updated)} updated, "
            f"{len(event.removed)} removed",
        )

    def _status(self, event: events.AccountStatus) -> None:
        if event.state == "syncing":
            return
        key = (event.state, event.message)
        if self.last_status.get(event.account_id) == key:
            return
        first = event.account_id not in self.last_status
        self.last_status[event.account_id] = key
        if event.state == "ok" and first:
            return  # the first successful sync is not news
        email = self.emails.get(event.account_id, "?")
        words = "connected, up to date" if event.state == "ok" else safe_text(event.message, 300)
        self._out(
            {"event": "status", "account": email, "state": event.state, "message": event.message},
            f"{email}: {event.state}: {words}",
        )

    def _out(self, document: dict[str, Any], text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        if self.ctx.json:
            document["time"] = time.time()
            write_text(self.ctx.stdout, json.dumps(document, ensure_ascii=False) + "\n")
        else:
            write_text(self.ctx.stdout, f"{stamp} {text}\n")


def _install_sigterm(stop: threading.Event) -> Callable[[], None]:
    """SIGTERM sets `stop` (main thread only); returns a function restoring the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def cmd_watch(ctx: Context, args: argparse.Namespace) -> int:
    from client.jobs.watch import watch_accounts

    store = ctx.store()
    accounts = accounts_in_scope(store, args.account)
    if not accounts:
        raise CliError(
            "There are no accounts to watch. Add one with: tradewind account add --email E",
            ExitCode.NOT_FOUND,
        )
    for account in accounts:
        _password_source(account)  # refuse at once rather than fail in the background
    inbox: queue.Queue[events.Event] = queue.Queue()
    printer = _Printer(ctx, store, accounts)
    stop = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            watch_accounts(ctx.profile.database, accounts, _password_source, stop)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            failure.append(exc)
            stop.set()

    with ctx.profile.writer_lock():
        unsubscribe = events.subscribe(inbox.put)
        restore = _install_sigterm(stop)
        thread = threading.Thread(target=run, name="watch", daemon=True)
        try:
            ctx.notice(f"Watching {len(accounts)} account(s) for new mail; Ctrl-C stops.")
            thread.start()
            while not stop.is_set():
                _drain(inbox, printer, _POLL_S)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            if thread.ident is not None:
                thread.join()
            unsubscribe()
            restore()
        _drain(inbox, printer, 0)
    if failure:
        raise failure[0]
    ctx.notice("Stopped.")
    return ExitCode.OK


def _drain(inbox: queue.Queue[events.Event], printer: _Printer, wait: float) -> None:
    try:
        event = inbox.get(timeout=wait) if wait else inbox.get_nowait()
    except queue.Empty:
        return
    printer.show(event)
    while True:
        try:
            printer.show(inbox.get_nowait())
        except queue.Empty:
            return
