"""`tradewind folders | ls | show | search`: reading the local cache (no network).

Everything here reads what `tradewind sync` stored; JSON shapes are in docs/cli.md. Sender-
and server-supplied text is made safe for the terminal (`output.safe_text`/`safe_block`).
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from client.cli import shapes
from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError
from client.cli.lookup import accounts_in_scope, parse_ids, require_messages, resolve_folder
from client.cli.output import format_table, safe_block, safe_text, write_bytes

if TYPE_CHECKING:
    from client.mime import ParsedMessage
    from client.store.db import Store
    from client.store.records import MessageRow

_MAX_LIMIT = 100_000


def _limit(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= _MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 1 to {_MAX_LIMIT}")
    return int(text)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `folders`, `ls`, `show` and `search`."""
    folders = subparsers.add_parser(
        "folders", parents=[common], help="folders with unread/total counts"
    )
    folders.add_argument("--account", metavar="EMAIL", help="only this account")
    folders.set_defaults(handler=cmd_folders)

    ls = subparsers.add_parser("ls", parents=[common], help="list the messages of a folder")
    ls.add_argument("folder", metavar="FOLDER", help="folder name or role (inbox, sent, ...)")
    ls.add_argument("--account", metavar="EMAIL", help="account, when several have FOLDER")
    ls.add_argument("--limit", type=_limit, default=50, metavar="N", help="newest N (default 50)")
    ls.set_defaults(handler=cmd_ls)

    show = subparsers.add_parser("show", parents=[common], help="show one message")
    show.add_argument("id", metavar="ID", help="message id from `ls` or `search`")
    show.add_argument("--raw", action="store_true", help="print the stored raw message bytes")
    show.set_defaults(handler=cmd_show)

    search = subparsers.add_parser(
        "search",
        parents=[common],
        help="search the cache (words, from:, to:, subject:, has:attachment, before:, after:, "
        "is:unread, folder:)",
    )
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--account", metavar="EMAIL", help="only this account")
    search.add_argument(
        "--limit", type=_limit, default=50, metavar="N", help="at most N (default 50)"
    )
    search.set_defaults(handler=cmd_search)


def _total(store: Store, folder_id: int) -> int:
    return len(store.message_ids(folder_id))


def cmd_folders(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    entries: list[dict[str, Any]] = []
    for account in accounts_in_scope(store, args.account):
        unread = store.unread_counts(account.id)
        for folder in store.folders(account.id):
            entries.append(
                shapes.folder_json(
                    folder, account.email, unread.get(folder.id, 0), _total(store, folder.id)
                )
            )

    def text() -> str:
        if not entries:
            return "No folders cached yet. Add an account, then run `tradewind sync`."
        rows = [
            (
                e["account"],
                e["name"],
                e["role"] or "",
                e["unread"],
                e["total"],
                e["last_error"] or "",
            )
            for e in entries
        ]
        return format_table(("ACCOUNT", "FOLDER", "ROLE", "UNREAD", "TOTAL", "LAST ERROR"), rows)

    ctx.emit({"folders": entries}, text)
    return ExitCode.OK


#: folders whose list shows the recipients (TO) instead of the sender, as the app does
OUTGOING_ROLES = frozenset({"sent", "drafts", "outbox"})


def _summary_table(rows: list[MessageRow], folder_names: dict[int, str] | None = None,
                   recipients: bool = False) -> str:
    from client.mime.sender_checks import list_label

    table = []
    for row in rows:
        when = shapes.message_date(row)
        flags = (
            ("N" if not row.seen else " ")
            + ("F" if row.flagged else " ")
            + ("@" if row.has_attachments else " ")
        )
        sender = (", ".join(list_label(n, e) for n, e in row.to) if recipients
                  else list_label(row.from_name, row.from_email))
        cells: list[object] = [row.id, flags, when.strftime("%Y-%m-%d %H:%M") if when else ""]
        if folder_names is not None:
            cells.append(safe_text(folder_names.get(row.folder_id, ""), 20))
        cells += [safe_text(sender, 28), safe_text(row.subject, 60)]
        table.append(cells)
    headers = [
        "ID",
        "NFA",
        "DATE (UTC)",
        *(["FOLDER"] if folder_names is not None else []),
        "TO" if recipients else "FROM",
        "SUBJECT",
    ]
    return format_table(headers, table)


def cmd_ls(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    account, folder = resolve_folder(store, args.folder, args.account)
    rows = store.list_messages(folder.id, limit=args.limit)
    from client.channels.tags import tags_for

    tags = tags_for(store, [r.id for r in rows])
    ctx.emit(
        {
            "account": account.email,
            "folder": folder.name,
            "messages": [shapes.message_summary(r, tags.get(r.id, ())) for r in rows],
        },
        lambda: _summary_table(rows, recipients=folder.role in OUTGOING_ROLES)
        if rows else f"{folder.name} has no cached messages.",
    )
    return ExitCode.OK


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    query = " ".join(args.query).strip()
    if not query:
        raise UsageError("The search query is empty.")
    accounts = accounts_in_scope(store, args.account)
    for _ in range(10_000):  # make text terms find everything already downloaded
        if not store.index_pending():
            break
    account_id = accounts[0].id if args.account else None
    rows = store.search(query, account_id=account_id, limit=args.limit)
    emails = {a.id: a.email for a in store.list_accounts()}
    folder_names = {f.id: f.name for a in store.list_accounts() for f in store.folders(a.id)}
    results = []
    from client.channels.tags import tags_for

    tags = tags_for(store, [r.id for r in rows])
    for row in rows:
        entry = shapes.message_summary(row, tags.get(row.id, ()))
        entry["account"] = emails.get(row.account_id)
        entry["folder"] = folder_names.get(row.folder_id)
        results.append(entry)
    ctx.emit(
        {"query": query, "messages": results},
        lambda: _summary_table(rows, folder_names) if rows else "No messages match.",
    )
    return ExitCode.OK


def _body(store: Store, row: MessageRow) -> tuple[bytes | None, ParsedMessage | None]:
    try:
        raw = store.get_raw(row.id)
    except KeyError:
        return None, None
    from client.mime import parse_message

    return raw, parse_message(raw)


def _readable_text(parsed: ParsedMessage | None) -> tuple[str, str]:
    """(text, source): the text parts, else each HTML part reduced to text alone, in message
    order (never the parts' joined HTML, whose open markup can swallow the next part: H6),
    else nothing."""
    if parsed is None:
        return "", "none"
    if parsed.text and parsed.text.strip():
        return parsed.text, "text"
    from client.mime.text import html_to_text

    texts = [re.sub(r"\n[ \t]*(\n[ \t]*)+", "\n\n", html_to_text(part.content)).strip()
             for part in parsed.parts if part.kind == "html"]
    texts = [text for text in texts if text]
    if texts:
        return "\n\n".join(texts) + "\n", "html"
    return "", "none"


def _attachments(
    store: Store, row: MessageRow, parsed: ParsedMessage | None
) -> list[dict[str, Any]]:
    """Attachments with their download state. A 'partial' message lists the parts the sync left
    on the server (the documented `parts` table); a 'full' one what its raw message holds."""
    if row.body_state == "partial":
        from client.sync.attachments import server_parts

        return [
            {
                "part_id": p.part_id,
                "filename": p.filename,
                "content_type": p.content_type,
                "size": p.size,
                "inline": False,
                "downloaded": p.downloaded,
            }
            for p in server_parts(store, row.id)
        ]
    if parsed is None:
        return []
    return [
        {
            "part_id": a.part_id,
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.size,
            "inline": a.inline,
            "downloaded": True,
        }
        for a in parsed.attachments
    ]


def attachment_list(store: Store, row: MessageRow) -> list[dict[str, Any]]:
    """The attachments `show` lists (with their download state), for other commands."""
    raw, parsed = _body(store, row)
    return _attachments(store, row, parsed)


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    (message_id,) = parse_ids([args.id])
    (row,) = require_messages(store, [message_id])
    raw, parsed = _body(store, row)
    if args.raw:
        if raw is None:
            raise UsageError(
                f"The body of message {row.id} is not downloaded yet; run `tradewind sync`."
            )
        _write_bytes(ctx, raw)
        return ExitCode.OK
    account = store.account(row.account_id)
    folder = store.folder(row.folder_id)
    text, source = _readable_text(parsed)
    attachments = _attachments(store, row, parsed)
    warnings = list(row.warnings) + (list(parsed.warnings) if parsed else [])
    from client.mime.model import Address
    from client.mime.sender_checks import check_sender, other_senders
    from client.store.address_book import contact_addresses_named

    senders = parsed.headers.from_ if parsed else (Address(row.from_name, row.from_email),)
    from client.channels.tags import tags_for

    document: dict[str, Any] = {
        "message": {
            **shapes.message_summary(row, tags_for(store, [row.id]).get(row.id, ())),
            "account": account.email if account else None,
            "folder": folder.name if folder else None,
            "cc": [shapes.address(a) for a in row.cc],
            "reply_to": [shapes.address(a) for a in row.reply_to],
            "in_reply_to": row.in_reply_to,
            "references": list(row.references),
            "size": row.size,
            "body_state": row.body_state,
        },
        "text": text,
        "text_source": source,
        "attachments": attachments,
        "warnings": warnings,
        "senders": [shapes.address((a.name, a.email)) for a in senders],
        "sender_warnings": [
            {"code": w.code, "address": w.address, "detail": w.detail, "message": w.message}
            for w in check_sender(senders, other_senders(raw) if raw is not None else (),
                                  contact_addresses_named(store, [a.name for a in senders]))
        ],
    }
    from client.cli.message_signals import signals_of_row

    security = signals_of_row(store, row)  # client.security: the same signals as the reader
    document["security"] = security.to_json() if security is not None else None
    from client.security.assess import risk_of_row  # issue 19: the fraud risk, cached

    risk = risk_of_row(store, row) if raw is not None else None
    document["risk"] = risk.to_json() if risk is not None else None
    ctx.emit(document, lambda: _show_text(document, raw is not None))
    return ExitCode.OK


def _people(entries: list[dict[str, str]]) -> str:
    from client.mime.addresses import format_address

    return ", ".join(format_address(e["name"], e["email"]) for e in entries)


def _show_text(document: dict[str, Any], have_body: bool) -> str:
    from client.mime.sender_checks import visible_text

    message = document["message"]
    lines = [
        f"Id:         {message['id']}  ({message['account']} / {safe_text(message['folder'])})",
        f"From:       {safe_text(visible_text(_people(document['senders'])))}",
        f"To:         {safe_text(_people(message['to']))}",
    ]
    if message["cc"]:
        lines.append(f"Cc:         {safe_text(_people(message['cc']))}")
    if message["reply_to"]:
        lines.append(f"Reply-To:   {safe_text(_people(message['reply_to']))}")
    lines += [
        f"Date:       {message['date'] or 'unknown'}",
        f"Subject:    {safe_text(message['subject'])}",
        f"Flags:      {' '.join(message['flags']) or '(none)'}",
        f"Message-ID: {safe_text(message['message_id'] or '')}",
        "",
    ]
    if not have_body:
        lines.append("(The body is not downloaded yet: run `tradewind sync`.)")
    elif document["text_source"] == "html":
        lines += ["(HTML message shown as text)", "", safe_block(document["text"]).rstrip()]
    else:
        lines.append(safe_block(document["text"]).rstrip() or "(no text)")
    if document["attachments"]:
        lines += ["", "Attachments:"]
        for item in document["attachments"]:
            state = "" if item["downloaded"] else "  (not downloaded)"
            lines.append(
                f"  {item['part_id']}  {safe_text(item['filename'] or '(no name)', 60)}  "
                f"{item['content_type']}  {_size(item['size'])}{state}"
            )
    security = document.get("security") or {"signals": []}
    cautions = [s["message"] for s in security["signals"] if s["kind"] != "sender"]
    for warning in ([w["message"] for w in document["sender_warnings"]] + cautions
                    + document["warnings"]):
        lines.append(f"Warning: {safe_text(visible_text(warning), 200)}")
    risk = document.get("risk")  # issue 19: the fraud risk at warning/high, with the advice
    if risk and risk["level"] in ("warning", "high"):
        lines.append(f"Fraud risk: {risk['level']} ({risk['score']}/100). "
                     f"{safe_text(risk['advice'], 300)}")
    return "\n".join(lines)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _write_bytes(ctx: Context, raw: bytes) -> None:
    write_bytes(ctx.stdout, raw)
