"""Channel rules: the model and the rules store (table `channel_rules`, schema 19).

A rule has a ``kind``, a ``match`` (what it looks for), the ``tag`` it sets, ``enabled`` and
a ``position`` (rules are evaluated in that order). Kinds:
- ``sender``: the sender's address is ``match`` (``@domain`` matches the domain and its
  sub-domains), e.g. the company's web form ``webform@acme.com``;
- ``header``: the message has the header ``Name`` (``match`` = ``X-Form-Name``) or the header
  has a value containing the text (``match`` = ``X-Form-Name: contact``);
- ``lead-list``: the sender is on the imported lead list named ``match`` (`client.channels.leads`);
- ``platform``: a notification from the bundled B2B platform ``match`` (`platforms.PLATFORMS`);
- ``referral-phrase``: the subject or text contains the phrase (case-insensitive);
- ``referral-address``: a referring address (``match``) is in To, Cc or Reply-To, or the
  sender is that address.
Tags are lower case: letters, digits, ``-``, ``_`` and ``.`` (``fair-canton-2026``).

Functions take the caller's Store (caller's thread); writes are durable transactions; a bad
rule raises `RuleError` in words and writes nothing. `list_rules` is read-only.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from client.channels.platforms import PLATFORMS
from client.i18n import _
from client.store.db import Store

KINDS = ("sender", "header", "lead-list", "platform", "referral-phrase", "referral-address")
_TAG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^@[^@\s]+\.[^@\s]+$")
_HEADER = re.compile(r"^[!-9;-~]+$")  # RFC 5322 field name: printable, no colon


class RuleError(Exception):
    """A rule cannot be added or changed (bad kind, match, tag, unknown id); `str()` says why."""


class RuleNotFound(RuleError):
    """There is no rule with that id."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    kind: str
    match: str
    tag: str
    enabled: bool
    position: int

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "match": self.match, "tag": self.tag,
                "enabled": self.enabled, "position": self.position}


def normalise_tag(tag: str) -> str:
    """The stored form of a tag; raises `RuleError` when it is not a usable tag."""
    value = tag.strip().lower().replace(" ", "-")
    if not _TAG.match(value):
        raise RuleError(_("The tag “{tag}” is not usable: use letters, digits, '-', '_' or '.'"
                          " (at most 64), such as fair-canton-2026.", tag=tag))
    return value


def check_rule(kind: str, match: str) -> str:
    """The stored form of ``match`` for ``kind``; raises `RuleError` in words."""
    value = match.strip()
    if kind not in KINDS:
        raise RuleError(_("The rule kind must be one of {kinds}, not “{kind}”.",
                          kinds=", ".join(KINDS), kind=kind))
    if not value:
        raise RuleError(_("The rule needs something to match."))
    if any(ord(c) < 32 for c in value) or len(value) > 500:
        raise RuleError(_("The match holds a control character or is longer than 500 "
                          "characters."))
    if kind in ("sender", "referral-address"):
        value = value.lower()
        if not (_ADDRESS.match(value) or (kind == "sender" and _DOMAIN.match(value))):
            raise RuleError(_("“{match}” is not an e-mail address or @domain.", match=match)
                            if kind == "sender" else
                            _("“{match}” is not an e-mail address.", match=match))
    elif kind == "header":
        name = value.partition(":")[0].strip()
        if not _HEADER.match(name):
            raise RuleError(_("“{name}” is not a header name (such as X-Form-Name).",
                              name=name))
    elif kind == "platform":
        value = value.lower()
        if value not in PLATFORMS:
            raise RuleError(_("Unknown platform “{match}”; known: {known}.", match=match,
                              known=", ".join(PLATFORMS)))
    elif kind == "lead-list":
        value = normalise_tag(value)
    return value


def _rule(row: tuple[object, ...]) -> Rule:
    rid, kind, match, tag, enabled, position = row
    return Rule(int(str(rid)), str(kind), str(match), str(tag), bool(enabled),
                int(str(position)))


_COLUMNS = "id, kind, match, tag, enabled, position"


def list_rules(store: Store, *, enabled_only: bool = False) -> list[Rule]:
    """Every rule in evaluation order."""
    where = " WHERE enabled = 1" if enabled_only else ""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM channel_rules{where} ORDER BY position, id").fetchall()
    return [_rule(r) for r in rows]


def get_rule(store: Store, rule_id: int) -> Rule:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM channel_rules WHERE id = ?",
                             (rule_id,)).fetchone()
    if row is None:
        raise RuleNotFound(_("There is no rule {id}; `tradewind rules list` shows them.",
                             id=rule_id))
    return _rule(row)


def add_rule(store: Store, kind: str, match: str, tag: str, *, enabled: bool = True,
             position: int | None = None) -> Rule:
    """A new rule, last in order unless ``position`` (1 = first) is given."""
    value, stored_tag = check_rule(kind, match), normalise_tag(tag)
    with store.transaction(durable=True) as conn:
        last = int(conn.execute("SELECT coalesce(max(position), 0) FROM channel_rules")
                   .fetchone()[0])
        cur = conn.execute(
            "INSERT INTO channel_rules (kind, match, tag, enabled, position, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (kind, value, stored_tag, int(enabled), last + 1, time.time()))
        rule_id = int(cur.lastrowid or 0)
    if position is not None:
        move_rule(store, rule_id, position)
    return get_rule(store, rule_id)


def update_rule(store: Store, rule_id: int, *, kind: str | None = None,
                match: str | None = None, tag: str | None = None,
                enabled: bool | None = None) -> Rule:
    """Change a rule's fields (those given); everything is checked first. Idempotent."""
    old = get_rule(store, rule_id)
    new_kind = kind if kind is not None else old.kind
    value = check_rule(new_kind, match if match is not None else old.match)
    stored_tag = normalise_tag(tag) if tag is not None else old.tag
    on = old.enabled if enabled is None else enabled
    with store.transaction(durable=True) as conn:
        conn.execute("UPDATE channel_rules SET kind = ?, match = ?, tag = ?, enabled = ?"
                     " WHERE id = ?", (new_kind, value, stored_tag, int(on), rule_id))
    return get_rule(store, rule_id)


def remove_rule(store: Store, rule_id: int) -> Rule:
    """Delete a rule; the tags it set stay (with their reason), their ``rule_id`` kept."""
    rule = get_rule(store, rule_id)
    with store.transaction(durable=True) as conn:
        conn.execute("DELETE FROM channel_rules WHERE id = ?", (rule_id,))
    _renumber(store, [r.id for r in list_rules(store)])
    return rule


def move_rule(store: Store, rule_id: int, position: int) -> list[Rule]:
    """Put a rule at ``position`` (1 = first, clamped); returns the new order."""
    get_rule(store, rule_id)
    order = [r.id for r in list_rules(store) if r.id != rule_id]
    index = max(0, min(len(order), position - 1))
    order.insert(index, rule_id)
    _renumber(store, order)
    return list_rules(store)


def _renumber(store: Store, order: list[int]) -> None:
    with store.transaction(durable=True) as conn:
        conn.executemany("UPDATE channel_rules SET position = ? WHERE id = ?",
                         [(n, rid) for n, rid in enumerate(order, start=1)])
