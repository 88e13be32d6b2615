"""Which channel rules a message matches, and why.

`MessageFacts` is what the rules look at: the sender, recipients, subject, and (read only when
a rule needs them, from the raw bytes) the header fields and the readable text.
`evaluate(rules, facts, leads) -> [Match]` gives every enabled rule that matches, in rule
order, with its tag, a reason code (`REASONS`) and the reason in English words ("the sender
webform@acme.com is the rule's address"); a tag appears once (the first rule wins). A platform match carries the `Buyer`
its notification names. `facts_of_row(store, row_id)` builds the facts of a cached message.
Pure apart from `facts_of_row` (caller's Store and thread); never raises on odd mail.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from client.channels.platforms import (
    PLATFORMS,
    Buyer,
    Platform,
    parse_notification,
    platform_of_sender,
)
from client.channels.rules import Rule
from client.store.db import Store

HEADER_BYTES = 64 * 1024  # the header rules read at most this much of a message
HEAD_BYTES = 8 * 1024  # read with the row for the quick header check (`may_have_header`)


@dataclass
class MessageFacts:
    """One message as the rules see it. The bytes are read on first need: ``raw`` (the whole
    message, or None when no body is cached) or, for a cached row, ``load_raw(limit)`` (the
    first ``limit`` bytes, None for all; the header block needs only the start).
    ``phrases``: the referral phrases (lower case) the search index found in the row, or
    None when unknown (then the text is parsed)."""

    row_id: int
    from_email: str
    from_name: str = ""
    subject: str = ""
    recipients: tuple[str, ...] = ()  # To, Cc and Reply-To addresses, lower case
    raw: bytes | None = None
    load_raw: Callable[[int | None], bytes | None] | None = field(default=None, repr=False)
    phrases: set[str] | None = None
    head: bytes | None = None  # the start of the message, when the caller read it already
    _platform: Platform | None | bool = field(default=False, repr=False)
    _headers: list[tuple[str, str]] | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)

    def _bytes(self, limit: int | None) -> bytes:
        if self.raw is not None or self.load_raw is None:
            return self.raw or b""
        data = self.load_raw(limit)
        if limit is None or (data is not None and len(data) < limit):
            self.raw, self.load_raw = data, None  # that was everything
        return data or b""

    def platform(self) -> Platform | None:
        """The B2B platform that sent the message (`platforms.platform_of_sender`), or None."""
        if self._platform is False:
            self._platform = platform_of_sender(self.from_email)
        return self._platform if isinstance(self._platform, Platform) else None

    def may_have_header(self, name: str) -> bool:
        """False when the header block surely has no field ``name`` (a byte search, no
        parsing); True when it may."""
        head = self.head if self.head is not None else self._bytes(HEADER_BYTES)
        end = head.find(b"\r\n\r\n")
        end = head.find(b"\n\n") if end < 0 else end
        if end < 0 and len(head) >= HEADER_BYTES // 8:
            return True  # a long header block: let the parser decide
        block = b"\n" + (head if end < 0 else head[:end]).lower()
        return b"\n" + name.encode("ascii", "replace").lower() in block

    def headers(self) -> list[tuple[str, str]]:
        """(lower-case name, decoded value) of every header field."""
        if self._headers is None:
            from client.mime.encoded_words import decode_encoded_words
            from client.mime.header_block import split_header_block
            from client.mime.model import DEFAULT_LIMITS

            block = split_header_block(self._bytes(HEADER_BYTES), DEFAULT_LIMITS)
            warnings: list[str] = []
            self._headers = [(name, decode_encoded_words(value, warnings).strip())
                             for name, value in block.fields]
        return self._headers

    def text(self) -> str:
        """The readable text of every body part (HTML as text, one table cell a line)."""
        if self._text is None:
            raw = self._bytes(None)
            if not raw:
                self._text = ""
            else:
                from client.mime.html_text import html_to_text
                from client.mime.message import parse_message

                parsed = parse_message(raw)
                self._text = "\n".join(
                    html_to_text(p.content, links=False) if p.kind == "html" else p.content
                    for p in parsed.parts)
        return self._text


@dataclass(frozen=True)
class Match:
    """One rule that matched: the tag it sets, why, and the buyer a notification named."""

    rule: Rule
    tag: str
    reason: str  # English words (`REASONS[code]` filled with `values`)
    buyer: Buyer | None = None
    code: str = ""
    values: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule.as_json(), "tag": self.tag, "reason": self.reason,
                "code": self.code, "buyer": self.buyer.as_json() if self.buyer else None}


#: list name -> is this address on it (lower case)
LeadLookup = Callable[[str, str], bool]
#: why a rule matched (``Match.code``) -> the English reason, filled with ``Match.values``;
#: the app words the same codes in the rep's language (ui.channels.explain_text)
REASONS = {
    "sender-address": "the sender {0} is the rule's address",
    "sender-domain": "the sender {0} is at {1}",
    "header-present": "the message has the header {0} ({1!r})",
    "header-value": "its header {0} is {1!r}, which contains {2!r}",
    "lead-list": "the sender {0} is on the lead list {1!r}",
    "phrase-subject": "the subject contains {0!r}",
    "phrase-text": "the text contains {0!r}",
    "referrer-sender": "the referrer {0} sent it",
    "referrer-recipient": "the referrer {0} is among its recipients",
    "platform": "the sender {0} is a notification address of {1}",
}
Why = tuple[str, tuple[str, ...]] | None


def _sender(rule: Rule, facts: MessageFacts, _leads: LeadLookup) -> Why:
    sender = facts.from_email.lower()
    if rule.match.startswith("@"):
        host = sender.rpartition("@")[2]
        domain = rule.match[1:]
        if host == domain or host.endswith("." + domain):
            return "sender-domain", (sender, rule.match)
        return None
    return ("sender-address", (sender,)) if sender == rule.match else None


def _header(rule: Rule, facts: MessageFacts, _leads: LeadLookup) -> Why:
    name, colon, wanted = rule.match.partition(":")
    name, wanted = name.strip().lower(), wanted.strip().lower()
    if not facts.may_have_header(name):
        return None
    for key, value in facts.headers():
        if key != name:
            continue
        if not colon or not wanted:
            return "header-present", (name.title(), value[:60])
        if wanted in value.lower():
            return "header-value", (name.title(), value[:60], wanted)
    return None


def _lead_list(rule: Rule, facts: MessageFacts, leads: LeadLookup) -> Why:
    sender = facts.from_email.lower()
    if sender and leads(rule.match, sender):
        return "lead-list", (sender, rule.match)
    return None


def _phrase(rule: Rule, facts: MessageFacts, _leads: LeadLookup) -> Why:
    phrase = rule.match.lower()
    if phrase in facts.subject.lower():
        return "phrase-subject", (rule.match,)
    if facts.phrases is not None:
        return ("phrase-text", (rule.match,)) if phrase in facts.phrases else None
    if phrase in " ".join(facts.text().lower().split()):
        return "phrase-text", (rule.match,)
    return None


def _referrer(rule: Rule, facts: MessageFacts, _leads: LeadLookup) -> Why:
    if facts.from_email.lower() == rule.match:
        return "referrer-sender", (rule.match,)
    if rule.match in facts.recipients:
        return "referrer-recipient", (rule.match,)
    return None


_CHECKS: dict[str, Callable[[Rule, MessageFacts, LeadLookup], Why]] = {
    "sender": _sender, "header": _header, "lead-list": _lead_list,
    "referral-phrase": _phrase, "referral-address": _referrer,
}


def evaluate(rules: Iterable[Rule], facts: MessageFacts, leads: LeadLookup) -> list[Match]:
    """The enabled rules ``facts`` matches, in order (see the module)."""
    found: list[Match] = []
    tags: set[str] = set()
    for rule in rules:
        if not rule.enabled or rule.tag in tags:
            continue
        buyer: Buyer | None = None
        if rule.kind == "platform":
            platform = facts.platform()
            if platform is None or platform.key != rule.match:
                continue
            buyer = parse_notification(platform, facts.text())
            why: Why = ("platform", (facts.from_email.lower(), PLATFORMS[rule.match].name))
        else:
            check = _CHECKS.get(rule.kind)
            why = check(rule, facts, leads) if check else None
        if why is None:
            continue
        code, values = why
        tags.add(rule.tag)
        found.append(Match(rule, rule.tag, REASONS[code].format(*values), buyer, code, values))
    return found


def _addresses(*texts: str) -> tuple[str, ...]:
    out: list[str] = []
    for text in texts:
        try:
            pairs = json.loads(text or "[]")
        except ValueError:
            continue
        out += [str(p[1]).strip().lower() for p in pairs
                if isinstance(p, list) and len(p) == 2 and p[1]]
    return tuple(out)


def facts_of_rows(store: Store, row_ids: Sequence[int], *, head: bool) -> list[MessageFacts]:
    """The facts of many cached rows in one query, in id order; ``head``: with the first
    `HEAD_BYTES` of each message read at once (for header rules)."""
    if not row_ids:
        return []
    marks = ",".join("?" * len(row_ids))
    prefix = (", (SELECT substr(b.raw, 1, ?) FROM bodies b WHERE b.message_id = m.id)"
              if head else ", NULL")
    params: list[object] = [HEAD_BYTES] if head else []
    out = []
    for row in store.conn.execute(
            "SELECT m.id, m.from_email, m.from_name, m.subject, m.to_json, m.cc_json,"
            f" m.reply_to_json{prefix} FROM messages m WHERE m.id IN ({marks}) ORDER BY m.id",
            [*params, *row_ids]):
        row_id, from_email, from_name, subject, to_json, cc_json, reply_json, start = row
        facts = MessageFacts(int(row_id), str(from_email or ""), str(from_name or ""),
                             str(subject or ""),
                             _addresses(str(to_json), str(cc_json), str(reply_json)),
                             load_raw=_loader(store, int(row_id)))
        if start is not None:
            facts.head = bytes(start)
        out.append(facts)
    return out


def _loader(store: Store, row_id: int) -> Callable[[int | None], bytes | None]:
    def load(limit: int | None) -> bytes | None:
        sql = ("SELECT raw FROM bodies WHERE message_id = ?" if limit is None else
               "SELECT substr(raw, 1, ?) FROM bodies WHERE message_id = ?")
        found = store.conn.execute(sql, (row_id,) if limit is None else (limit, row_id)).fetchone()
        return None if found is None or found[0] is None else bytes(found[0])

    return load


def facts_of_row(store: Store, row_id: int) -> MessageFacts | None:
    """The facts of cached message ``row_id`` (None when there is no such row); its bytes are
    read from ``bodies`` only when a rule needs them."""
    row = store.conn.execute(
        "SELECT from_email, from_name, subject, to_json, cc_json, reply_to_json FROM messages"
        " WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return None
    from_email, from_name, subject, to_json, cc_json, reply_json = row
    return MessageFacts(row_id, str(from_email or ""), str(from_name or ""), str(subject or ""),
                        _addresses(str(to_json), str(cc_json), str(reply_json)),
                        load_raw=_loader(store, row_id))
