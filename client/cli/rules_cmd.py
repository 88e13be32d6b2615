"""`tradewind rules list|add|remove|enable|disable|move|test|run|import-leads|kinds`.

Inquiry channel rules (`client.channels`): `add KIND MATCH --tag TAG [--position N]
[--disabled]`, `remove ID`, `enable ID`, `disable ID`, `move ID POSITION`, `test MESSAGE_ID`
(which rules match the cached message and why, and the tags it has), `run [--folder F
[--account A]]` (apply the enabled rules to cached mail), `import-leads FILE.csv --tag NAME`
(a trade-show lead list; bad rows are listed with their row number, the good ones imported),
`kinds` (the rule kinds and the bundled platforms), `inquiries [--open]` (each inquiry
conversation, when it came in and the rep's first reply: the first-reply timer). Bad input exits 2 in words and changes
nothing; an unknown rule or message exits 6. JSON shapes: docs/cli.md. Main thread.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_text

ACTIONS = ("list", "add", "remove", "enable", "disable", "move", "test", "run",
           "import-leads", "kinds", "inquiries")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `rules`."""
    rules = subparsers.add_parser("rules", parents=[common],
                                  help="inquiry channel rules: tag mail by where it came from")
    rules.add_argument("action", nargs="?", default="list", choices=ACTIONS)
    rules.add_argument("values", nargs="*", metavar="VALUE",
                       help="add: KIND MATCH; remove/enable/disable: ID; move: ID POSITION; "
                            "test: MESSAGE_ID; import-leads: FILE.csv")
    rules.add_argument("--tag", metavar="TAG", help="the tag a rule or lead list sets")
    rules.add_argument("--position", type=int, metavar="N", help="add: 1 = first")
    rules.add_argument("--disabled", action="store_true", help="add: the rule starts disabled")
    rules.add_argument("--folder", metavar="FOLDER", help="run: only this folder")
    rules.add_argument("--account", metavar="EMAIL", help="run: the folder's account")
    rules.add_argument("--open", action="store_true",
                       help="inquiries: only those without a first reply yet")
    rules.set_defaults(handler=cmd_rules)


def _values(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    if len(args.values) != len(names):
        raise UsageError(f"`tradewind rules {args.action}` needs {' '.join(names)}.")
    return list(args.values)


def _number(text: str, what: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise UsageError(f"{text!r} is not a {what} (a positive number).")
    return int(text)


def _rule_table(rules: list[Any]) -> str:
    rows = [[str(r.id), str(r.position), "on" if r.enabled else "off", r.kind,
             safe_text(r.match), r.tag] for r in rules]
    return format_table(["ID", "#", "STATE", "KIND", "MATCH", "TAG"], rows) if rows \
        else "There are no rules."


def _explain_text(doc: dict[str, Any]) -> str:
    lines = [f"Message {doc['id']}:"]
    if doc["own_mail"]:
        lines.append("  It is your own mail; rules tag incoming mail only.")
    for match in doc["matches"]:
        rule = match["rule"]
        lines.append(f"  rule {rule['id']} ({rule['kind']} {safe_text(rule['match'])}) "
                     f"tags it {match['tag']!r}: {safe_text(match['reason'])}.")
        buyer = match.get("buyer") or {}
        shown = ", ".join(f"{k} {safe_text(v)}" for k, v in buyer.items() if v)
        if shown:
            lines.append(f"    buyer: {shown}")
    if not doc["matches"] and not doc["own_mail"]:
        lines.append("  No enabled rule matches.")
    for tag in doc["tags"]:
        who = f"rule {tag['rule_id']}" if tag["rule_id"] is not None else "by hand"
        lines.append(f"  tagged {tag['tag']!r} ({who}): {safe_text(tag['reason'])}")
    return "\n".join(lines)


def cmd_rules(ctx: Context, args: argparse.Namespace) -> int:
    from client.channels import rules as model
    from client.channels.leads import LeadImportError, lead_lists

    store = ctx.store()
    action = args.action
    try:
        if action == "list":
            found = model.list_rules(store)
            lists = lead_lists(store)
            ctx.emit({"rules": [r.as_json() for r in found], "lead_lists": lists},
                     lambda: _rule_table(found) + "".join(
                         f"\nLead list {t}: {n} addresses" for t, n in lists.items()))
        elif action == "kinds":
            from client.channels.platforms import PLATFORMS

            doc = {"kinds": list(model.KINDS), "platforms": [
                {"key": p.key, "name": p.name, "domains": list(p.domains)}
                for p in PLATFORMS.values()]}
            ctx.emit(doc, "Kinds: " + ", ".join(model.KINDS) + "\nPlatforms: "
                     + ", ".join(f"{p.key} ({p.name})" for p in PLATFORMS.values()))
        elif action == "add":
            kind, match = _values(args, ("KIND", "MATCH"))
            if not args.tag:
                raise UsageError("`tradewind rules add` needs --tag TAG.")
            rule = model.add_rule(store, kind, match, args.tag, enabled=not args.disabled,
                                  position=args.position)
            ctx.emit({"rule": rule.as_json()}, f"Added rule {rule.id}: {rule.kind} "
                     f"{safe_text(rule.match)} -> {rule.tag}.")
        elif action in ("remove", "enable", "disable"):
            (text,) = _values(args, ("ID",))
            rule_id = _number(text, "rule id")
            if action == "remove":
                rule = model.remove_rule(store, rule_id)
                ctx.emit({"removed": rule.as_json()}, f"Removed rule {rule.id}.")
            else:
                rule = model.update_rule(store, rule_id, enabled=action == "enable")
                ctx.emit({"rule": rule.as_json()}, f"Rule {rule.id} is {action}d.")
        elif action == "move":
            text, where = _values(args, ("ID", "POSITION"))
            order = model.move_rule(store, _number(text, "rule id"), _number(where, "position"))
            ctx.emit({"rules": [r.as_json() for r in order]}, lambda: _rule_table(order))
        elif action == "test":
            return _test(ctx, store, args)
        elif action == "run":
            return _run(ctx, store, args)
        elif action == "inquiries":
            return _inquiries(ctx, store, args)
        else:  # import-leads
            from client.channels.leads import import_leads

            (path,) = _values(args, ("FILE.csv",))
            if not args.tag:
                raise UsageError("`tradewind rules import-leads` needs --tag NAME.")
            report = import_leads(store, Path(path), args.tag)
            bad = "".join(f"\n  row {n}: {safe_text(why)} (skipped)" for n, why in report.bad)
            ctx.emit(report.as_json(),
                     f"Imported {report.imported} addresses as {report.tag!r}.{bad}")
    except model.RuleNotFound as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND) from None
    except model.RuleError as exc:
        raise UsageError(str(exc)) from None
    except LeadImportError as exc:
        raise UsageError(str(exc)) from None
    return ExitCode.OK


def _test(ctx: Context, store: Any, args: argparse.Namespace) -> int:
    from client.channels.tags import explain

    (text,) = _values(args, ("MESSAGE_ID",))
    try:
        result = explain(store, _number(text, "message id"))
    except KeyError:
        raise CliError(f"There is no cached message {text}; `tradewind ls` shows the ids.",
                       ExitCode.NOT_FOUND) from None
    doc = result.as_json()
    ctx.emit(doc, lambda: _explain_text(doc))
    return ExitCode.OK


def _run(ctx: Context, store: Any, args: argparse.Namespace) -> int:
    from client.channels.apply import run_rules

    if args.values:
        raise UsageError("`tradewind rules run` takes no values; use --folder F.")
    folder_id = None
    if args.folder:
        from client.cli.lookup import resolve_folder

        _account, folder = resolve_folder(store, args.folder, args.account)
        folder_id = folder.id
    report = run_rules(store, folder_id)
    tags = ", ".join(f"{t} {n}" for t, n in sorted(report.tags.items()))
    ctx.emit(report.as_json(), f"Looked at {report.rows} messages; tagged {report.tagged}"
             + (f" ({tags})." if tags else "."))
    return ExitCode.OK


def _when(epoch: float | None) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M") if epoch else "-"


def _inquiries(ctx: Context, store: Any, args: argparse.Namespace) -> int:
    from client.channels.inquiries import inquiry_threads

    found = [t for t in inquiry_threads(store) if t.open or not args.open]
    rows = [[str(t.first_row), ", ".join(t.tags), _when(t.received_at),
             _when(t.first_reply_at) if not t.open else "open"] for t in found]
    ctx.emit({"inquiries": [t.as_json() for t in found]},
             lambda: format_table(["MESSAGE", "TAGS", "RECEIVED (UTC)", "FIRST REPLY"], rows)
             if rows else "No inquiries.")
    return ExitCode.OK
