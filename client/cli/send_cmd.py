"""`tradewind send | reply | forward | outbox | drafts | identity`: sending from the command line.

Every message is committed to the outbox before "queued" is printed; then, unless `--queue-only`,
the account's outbox is flushed at once (offline, the message simply waits for the next
`tradewind outbox flush` or `tradewind sync`). Addresses are validated before anything is queued.
A flush the rep asks for (send, `outbox flush`, `outbox retry`, `drafts send`) tries every waiting
message at once, backoff or not; `tradewind sync` retries automatically and keeps the backoff.
"""

from __future__ import annotations

import argparse
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client import crashpoints
from client.cli import send_later, send_links
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.lookup import accounts_in_scope, parse_ids, require_messages
from client.cli.queue_tail import flush_now, report_queued, state_line, uploads_of

if TYPE_CHECKING:
    from client.compose.drafts import DraftFields
    from client.store.db import Store
    from client.store.records import Account


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the sending commands."""
    send = subparsers.add_parser("send", parents=[common], help="send a new message")
    send.add_argument("--from", dest="sender", required=True, metavar="ADDRESS")
    send.add_argument("--to", action="append", default=[], metavar="ADDR")
    send.add_argument("--cc", action="append", default=[], metavar="ADDR")
    send.add_argument("--bcc", action="append", default=[], metavar="ADDR")
    send.add_argument("--subject", required=True)
    body = send.add_mutually_exclusive_group(required=True)
    body.add_argument("--body-file", metavar="F", help="plain-text body (UTF-8)")
    body.add_argument("--html-file", metavar="F", help="HTML body (UTF-8)")
    send.add_argument("--attach", action="append", default=[], metavar="F")
    how = send.add_mutually_exclusive_group()
    how.add_argument("--link", dest="as_link", action="store_const", const=True,
                     help="send every --attach file as a link (through the link storage)")
    how.add_argument("--no-link", dest="as_link", action="store_const", const=False,
                     help="attach every file, whatever its size")
    send.add_argument("--link-threshold-mb", type=float, metavar="N",
                      help="files over N MB go as links (default: setting links.threshold_mb, "
                           "else 10)")
    send_links.add_arguments(send)
    send.add_argument("--queue-only", action="store_true", help="queue without sending now")
    send_later.add_options(send)
    _check_options(send)
    send.set_defaults(handler=cmd_send)

    for name, helptext in (("reply", "reply to a cached message"),
                           ("forward", "forward a cached message")):
        p = subparsers.add_parser(name, parents=[common], help=helptext)
        p.add_argument("id", metavar="ID")
        p.add_argument("--to", action="append", default=[], metavar="ADDR")
        p.add_argument("--cc", action="append", default=[], metavar="ADDR")
        body = p.add_mutually_exclusive_group()
        body.add_argument("--body-file", metavar="F")
        body.add_argument("--html-file", metavar="F")
        p.add_argument("--attach", action="append", default=[], metavar="F")
        p.add_argument("--queue-only", action="store_true")
        send_later.add_options(p)
        _check_options(p)
        p.add_argument("--lang", default="auto", metavar="LANG",
                       help="language of the quote header, its date and the signature variant "
                            "(en, zh_CN, de…; default auto: the original's language)")
        if name == "reply":
            p.add_argument("--all", action="store_true", help="reply to all (not yourself)")
            p.set_defaults(handler=cmd_reply)
        else:
            p.add_argument("--as-attachment", action="store_true",
                           help="attach the original as .eml instead of quoting it")
            p.set_defaults(handler=cmd_forward)

    outbox = subparsers.add_parser("outbox", parents=[common], help="messages waiting to be sent")
    outbox.add_argument("action", nargs="?", default="list",
                        choices=["list", "flush", "retry", "discard", "edit"])
    outbox.add_argument("item", nargs="?", metavar="ID")
    outbox.add_argument("--account", metavar="EMAIL")
    outbox.set_defaults(handler=cmd_outbox)

    drafts = subparsers.add_parser(
        "drafts", parents=[common],
        help="drafts: list, push to the Drafts folder, import one saved elsewhere, send one")
    drafts.add_argument("action", nargs="?", default="list",
                        choices=["list", "push", "import", "send"])
    drafts.add_argument("item", nargs="?", metavar="ID",
                        help="import: a cached message id from a Drafts folder; send: a draft id")
    drafts.add_argument("--account", metavar="EMAIL")
    drafts.add_argument("--push", action="store_true", help="same as the push action")
    drafts.add_argument("--queue-only", action="store_true")
    _check_options(drafts)
    drafts.set_defaults(handler=cmd_drafts)

    identity = subparsers.add_parser("identity", parents=[common],
                                     help="sending addresses of an account")
    identity.add_argument("action", choices=["list", "add", "remove", "signature"])
    identity.add_argument("--account", required=True, metavar="EMAIL")
    identity.add_argument("--email", metavar="ADDRESS")
    identity.add_argument("--name", default="", help="display name")
    identity.add_argument("--reply-to", metavar="ADDRESS")
    identity.add_argument("--signature-slot", metavar="SLOT")
    identity.add_argument("--default", action="store_true")
    identity.add_argument("--html-file", metavar="F",
                          help="signature: the personal signature as simple HTML (UTF-8)")
    identity.add_argument("--text-file", metavar="F",
                          help="signature: its plain-text form (default: the HTML's text)")
    identity.add_argument("--clear", action="store_true", help="signature: remove it")
    identity.set_defaults(handler=cmd_identity)


def _check_options(parser: argparse.ArgumentParser) -> None:
    """The checks before sending (``client.compose.checks``): refused with exit 2 unless
    ``--force``; ``--no-check CHECK`` skips one (repeatable)."""
    from client.compose.checks import CHECKS

    parser.add_argument("--force", action="store_true",
                        help="send even when a check before sending finds a problem")
    parser.add_argument("--no-check", action="append", default=[], metavar="CHECK",
                        choices=[*CHECKS, "all"],
                        help=f"skip one check ({', '.join(CHECKS)}, or all)")


def _refuse_on_checks(ctx: Context, account: Account, fields: DraftFields,
                      args: argparse.Namespace | None, links: int) -> None:
    """Raise a usage error (exit 2) naming every problem the checks find, unless forced."""
    from client.compose.checks import describe
    from client.outgoing.presend import checks_for

    if args is None or getattr(args, "force", False) or "all" in (args.no_check or []):
        return
    found = checks_for(ctx.store(), account.id, fields, link_files=links,
                       skip=args.no_check or (),
                       threshold=getattr(args, "as_link", None) is not False)
    if found:
        reasons = "\n".join(f"- {describe(f)}" for f in found)
        raise CliError(
            f"Not sent; the checks before sending found:\n{reasons}\nCorrect the message, or "
            "send it anyway with --force (or skip a check with --no-check CHECK).",
            ExitCode.USAGE, {"checks": [f.as_json() for f in found]})


# -- helpers --------------------------------------------------------------------------------

def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text.") from None
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _attachments(paths: list[str]) -> tuple[Any, ...]:
    from client.compose.build import OutgoingAttachment

    out = []
    for path in paths:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise UsageError(f"Cannot read attachment {path}: {exc.strerror or exc}.") from None
        out.append(OutgoingAttachment(p.name, data, mimetypes.guess_type(p.name)[0]))
    return tuple(out)


def _account_for_sender(store: Store, sender: str) -> Account:
    from client.compose.identities import find_identity

    identity = find_identity(store, sender)
    if identity is None:
        raise CliError(
            f"{sender} is not an address of any account here. Add the account, or add the "
            "address with `tradewind identity add --account ACCOUNT --email ADDRESS`.",
            ExitCode.NOT_FOUND,
        )
    account = store.account(identity.account_id)
    assert account is not None
    return account


def _queue_and_maybe_flush(ctx: Context, account: Account, fields: DraftFields,
                           queue_only: bool, link_paths: list[str] | None = None,
                           args: argparse.Namespace | None = None,
                           links: send_links.SendLinks | None = None) -> int:
    from client.outgoing.pipeline import queue_message

    _refuse_on_checks(ctx, account, fields, args, len(link_paths or []))
    store = ctx.store()
    send_at = send_later.send_at_for(store, fields, args) if args is not None else None
    if send_at is not None and link_paths:
        raise UsageError("--at cannot be used with files sent as links yet; attach them "
                         "(--no-link) or send now.")
    if send_at is not None:
        from client.customers.later import queue_later

        queued = queue_later(
            store, lambda: queue_message(store, account.id, fields), send_at)
        ctx.notice(send_later.later_line(send_at))
        return report_queued(ctx, account, queued, queue_only=True,
                             extra={"send_at": send_later.utc_iso(send_at)})
    if link_paths:
        from client.cli.uploads_errors import as_cli_error
        from client.outgoing.links_step import queue_with_links

        try:
            queued = queue_with_links(store, account, fields, link_paths,
                                      language=_block_language(store, fields),
                                      options=links.options if links else None)
        except Exception as exc:  # no storage, a file gone: in words, nothing queued
            known = as_cli_error(exc)
            if known is None:
                raise
            raise known from None
    else:
        queued = queue_message(store, account.id, fields)
    crashpoints.hit("send.queued")
    extra = None
    if links is not None and links.generated_password:  # shown once, never stored in clear
        ctx.notice(f"Link password (give it to the recipients; it is shown only now): "
                   f"{links.generated_password}")
        extra = {"link_password": links.generated_password}
    return report_queued(ctx, account, queued, queue_only=queue_only, extra=extra)


def _with_body(fields: DraftFields, args: argparse.Namespace) -> DraftFields:
    from dataclasses import replace

    changes: dict[str, Any] = {}
    if args.body_file:
        changes["text"] = _read_text(args.body_file)
        changes["html"] = None
    elif args.html_file:
        changes["html"] = _read_text(args.html_file)
        changes["text"] = None
    if args.to:
        changes["to"] = ", ".join(args.to)
    if args.cc:
        changes["cc"] = ", ".join(args.cc)
    if args.attach:
        changes["attachments"] = tuple(fields.attachments) + _attachments(args.attach)
    return replace(fields, **changes)


# -- commands -------------------------------------------------------------------------------

def _block_language(store: Store, fields: DraftFields) -> str:
    """The language of the link block: the one the company signature policy picks for the
    recipients (as the signature does), else English."""
    try:
        from client.signatures.provision import policy_in_force
        from client.signatures.render import recipient_language
        from client.uploads.outgoing import recipient_addresses

        bundle = policy_in_force(store)
        if bundle is not None:
            return recipient_language(bundle, tuple(recipient_addresses(fields))) or "en"
    except Exception:  # noqa: BLE001 - no policy, or a damaged one: the block is in English
        pass
    return "en"


def cmd_send(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.drafts import DraftFields

    store = ctx.store()
    account = _account_for_sender(store, args.sender)
    if not (args.to or args.cc or args.bcc):
        raise UsageError("Give at least one recipient with --to, --cc or --bcc.")
    links = send_links.split(store, account, args, ctx.stdin)
    attached, linked = links.attached, links.linked
    fields = DraftFields(
        sender=args.sender, to=", ".join(args.to), cc=", ".join(args.cc),
        bcc=", ".join(args.bcc), subject=args.subject,
        text=_read_text(args.body_file) if args.body_file else None,
        html=_read_text(args.html_file) if args.html_file else None,
        attachments=_attachments(attached),
    )
    return _queue_and_maybe_flush(ctx, account, fields, args.queue_only, linked, args, links)


def _original(ctx: Context, value: str) -> tuple[Store, Account, int]:
    store = ctx.store()
    [row] = require_messages(store, parse_ids([value]))
    account = store.account(row.account_id)
    assert account is not None
    return store, account, row.id


def _language(value: str) -> str | None:
    """``--lang``: a locale name, or auto (None: the language of the message answered)."""
    return None if value.strip().lower() in ("", "auto") else value


def cmd_reply(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.actions import reply_fields
    from client.signatures.languages import policy_languages

    store, account, row = _original(ctx, args.id)
    fields = _with_body(reply_fields(store, row, reply_all=args.all,
                                     language=_language(args.lang),
                                     candidates=policy_languages(store)), args)
    return _queue_and_maybe_flush(ctx, account, fields, args.queue_only, args=args)


def cmd_forward(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.actions import forward_fields
    from client.signatures.languages import policy_languages

    if not args.to:
        raise UsageError("Say whom to forward to with --to.")
    store, account, row = _original(ctx, args.id)
    fields = _with_body(forward_fields(store, row, as_attachment=args.as_attachment,
                                       language=_language(args.lang),
                                       candidates=policy_languages(store)), args)
    return _queue_and_maybe_flush(ctx, account, fields, args.queue_only, args=args)


def cmd_outbox(ctx: Context, args: argparse.Namespace) -> int:
    from client.smtp.outbox import Outbox

    store = ctx.store()
    box = Outbox(store)
    if args.action in ("retry", "discard", "edit"):
        if args.item is None:
            raise UsageError(f"Give the outbox message id: tradewind outbox {args.action} ID.")
        [item_id] = parse_ids([args.item])
        box.get(item_id)  # refuses unknown ids in words
        if args.action == "edit":
            return _edit_outbox_item(ctx, store, item_id)
        if args.action == "retry":
            box.retry(item_id)
            account = store.account(box.get(item_id).account_id)
            assert account is not None
            flush_now(ctx, store, account)
        elif box.get(item_id).link_files:  # its uploads stop and leave the storage too
            return send_links.discard_linked(ctx, store, item_id)
        else:
            box.discard(item_id)
            ctx.emit({"discarded": item_id}, f"Message {item_id} removed from the outbox.")
            return int(ExitCode.OK)
        item = box.get(item_id)
        ctx.emit({**item.as_json(), "uploads": uploads_of(store, item)},
                 state_line(item.id, item.state, item.last_error))
        return int(ExitCode.OK)
    accounts = accounts_in_scope(store, args.account)
    reports: dict[str, Any] = {}
    if args.action == "flush":
        for account in accounts:
            report = flush_now(ctx, store, account)
            reports[account.email] = report.as_json() if report is not None else None
    items = [i for a in accounts for i in box.items(a.id)]
    lines = [f"{i.id:>5}  {i.state:<9}  {i.subject[:50]:<50}  {', '.join(i.recipients)[:40]}"
             + (f"\n       {send_later.later_line(i.send_at)}" if i.send_at else "")
             + "".join(f"\n       {u['file']}: {u['done']} / {u['total']} bytes ({u['state']})"
                       for u in uploads_of(store, i))
             + (f"\n       {i.last_error}" if i.last_error else "") for i in items]
    ctx.emit({"items": [{**i.as_json(), "uploads": uploads_of(store, i)} for i in items],
              "flush": reports or None},
             "\n".join(lines) if lines else "The outbox is empty.")
    return int(ExitCode.OK)


def _edit_outbox_item(ctx: Context, store: Store, item_id: int) -> int:
    """A waiting, refused or uncertain message (or one still uploading its link files) goes
    back to the drafts, to be edited and sent again (`drafts send`); the draft is committed
    before the outbox item is removed (`client.uploads.outbox_actions.edit_as_draft`)."""
    from client.uploads.outbox_actions import edit_as_draft

    draft_id = edit_as_draft(store, item_id)
    ctx.emit({"draft_id": draft_id, "from_outbox": item_id},
             f"Message {item_id} is now draft {draft_id}; change it, then "
             f"`tradewind drafts send {draft_id}`.")
    return int(ExitCode.OK)


def cmd_drafts(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.drafts import list_drafts

    store = ctx.store()
    if args.action in ("import", "send"):
        if args.item is None:
            raise UsageError(f"Give the id: tradewind drafts {args.action} ID.")
        [item] = parse_ids([args.item])
        return _import_draft(ctx, item) if args.action == "import" else _send_draft(ctx, args, item)
    accounts = accounts_in_scope(store, args.account)
    if args.push or args.action == "push":
        from client.oauth.credentials import secret_or_none
        from client.outgoing.drafts_push import push_account_drafts

        for account in accounts:
            password = secret_or_none(account, store)
            if password is not None:
                with ctx.profile.writer_lock():
                    push_account_drafts(store, account, password)
    drafts = [d for a in accounts for d in list_drafts(store, a.id)]
    doc = [{"id": d.id, "account_id": d.account_id, "message_id": d.message_id,
            "from": d.fields.sender, "to": d.fields.to, "subject": d.fields.subject,
            "server_state": d.server_state, "server_uid": d.server_uid, "updated": d.updated}
           for d in drafts]
    lines = [f"{d.id:>5}  {d.server_state:<5}  {d.fields.subject[:60]}" for d in drafts]
    ctx.emit({"drafts": doc}, "\n".join(lines) if lines else "No drafts.")
    return int(ExitCode.OK)


def _import_draft(ctx: Context, message_row: int) -> int:
    """A draft saved by another client (a cached message of a Drafts folder) becomes a local
    draft to edit/send; importing it again gives the same draft (as the app's Edit draft)."""
    from client.outgoing.draft_open import draft_for_message

    store = ctx.store()
    [row] = require_messages(store, [message_row])
    draft_id = draft_for_message(store, row.id)
    ctx.emit({"draft_id": draft_id, "from_message": row.id},
             f"Message {row.id} is now draft {draft_id}; send it with "
             f"`tradewind drafts send {draft_id}`.")
    return int(ExitCode.OK)


def _send_draft(ctx: Context, args: argparse.Namespace, draft_id: int) -> int:
    """Queue a local draft, then remove it locally and every server copy (once sent)."""
    from client.compose.drafts import delete_local_draft, get_draft

    store = ctx.store()
    draft = get_draft(store, draft_id)
    account = store.account(draft.account_id)
    assert account is not None
    linked = send_links.draft_link_paths(store, draft_id)  # its "send as link" files
    code = _queue_and_maybe_flush(ctx, account, draft.fields, args.queue_only, linked, args=args)
    if code == ExitCode.OK:
        delete_local_draft(store, draft_id)
        send_links.forget_draft(store, draft_id)
        from client.oauth.credentials import secret_or_none
        from client.outgoing.drafts_push import push_account_drafts

        password = secret_or_none(account, store)
        if password is not None:
            try:
                with ctx.profile.writer_lock():
                    push_account_drafts(store, account, password)
            except Exception as exc:  # noqa: BLE001 - offline: the server copy goes at the next push/sync
                ctx.notice(f"The draft's server copy stays until the next sync ({exc}).")
    return code


def cmd_identity(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.identities import add_identity, identities, remove_identity

    store = ctx.store()
    [account] = accounts_in_scope(store, args.account)
    if args.action in ("add", "remove", "signature") and not args.email:
        raise UsageError(f"Give the address: tradewind identity {args.action} --email ADDRESS.")
    if args.action == "signature":
        return _personal_signature(ctx, store, account, args)
    if args.action == "add":
        add_identity(store, account.id, args.email, args.name, args.reply_to,
                     args.signature_slot, default=args.default)
    elif args.action == "remove":
        remove_identity(store, account.id, args.email)
    mine = identities(store, account.id)
    ctx.emit({"identities": [i.as_json() for i in mine]},
             "\n".join(f"{'*' if i.is_default else ' '} {i.email:<40} {i.display_name}"
                       + (f"  (Reply-To {i.reply_to})" if i.reply_to else "") for i in mine))
    return int(ExitCode.OK)


def _personal_signature(ctx: Context, store: Store, account: Account,
                        args: argparse.Namespace) -> int:
    """Show, set (--html-file/--text-file) or remove (--clear) an identity's personal
    signature (client.signatures.personal); a company policy in force wins over it."""
    from client.compose.identities import identities
    from client.signatures.personal import get_personal, set_personal
    from client.signatures.provision import policy_in_force

    address = args.email.strip().lower()
    if address not in {i.email.lower() for i in identities(store, account.id)}:
        raise CliError(f"{args.email} is not a sending address of {account.email}.",
                       ExitCode.NOT_FOUND)
    if args.clear:
        set_personal(store, address, "", "")
    elif args.html_file or args.text_file:
        html = _read_text(args.html_file) if args.html_file else ""
        text = _read_text(args.text_file) if args.text_file else None
        try:
            set_personal(store, address, html, text)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    found = get_personal(store, address)
    try:
        policy = policy_in_force(store) is not None
    except Exception:  # noqa: BLE001 - configured but unusable: it still wins at sending
        policy = True
    doc = {"identity": address, "signature": None if found is None else {
        "html": found.html, "text": found.text}, "company_policy": policy}
    lines = [found.text if found else f"{address} has no personal signature."]
    if policy:
        lines.append("(A company signature policy is in force: its signature is used instead.)")
    ctx.emit(doc, "\n".join(lines))
    return int(ExitCode.OK)
