"""The rule editor's words: rule kinds and why a rule matched, in the rep's language.

`kind_name(kind)`, `reason_text(match)` (from the match's `code` and `values`, the same codes
as `client.channels.evaluate.REASONS`), `explanation_text(explanation)`. GUI thread (Qt
translation); pure otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client.channels.evaluate import Match
from client.channels.tags import Explanation


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChannelRules", text)


def kind_name(kind: str) -> str:
    return {
        "sender": _tr("Sender address"),
        "header": _tr("Header"),
        "lead-list": _tr("Lead list"),
        "platform": _tr("B2B platform"),
        "referral-phrase": _tr("Referral phrase"),
        "referral-address": _tr("Referral address"),
    }.get(kind, kind)


def reason_text(match: Match) -> str:
    words = {
        "sender-address": _tr("the sender {0} is the rule's address"),
        "sender-domain": _tr("the sender {0} is at {1}"),
        "header-present": _tr("the message has the header {0} (“{1}”)"),
        "header-value": _tr("its header {0} is “{1}”, which contains “{2}”"),
        "lead-list": _tr("the sender {0} is on the lead list “{1}”"),
        "phrase-subject": _tr("the subject contains “{0}”"),
        "phrase-text": _tr("the text contains “{0}”"),
        "referrer-sender": _tr("the referrer {0} sent it"),
        "referrer-recipient": _tr("the referrer {0} is among its recipients"),
        "platform": _tr("the sender {0} is a notification address of {1}"),
    }.get(match.code)
    return words.format(*match.values) if words else match.reason


def explanation_text(result: Explanation) -> str:
    """Which rules match the message and why, and the tags it has."""
    lines: list[str] = []
    if result.own_mail:
        lines.append(_tr("This is your own mail; rules tag incoming mail only."))
    for match in result.matches:
        lines.append(_tr("Rule {0} ({1}: {2}) sets the tag “{3}”: {4}.").format(
            match.rule.position, kind_name(match.rule.kind), match.rule.match, match.tag,
            reason_text(match)))
        buyer = match.buyer
        if buyer is not None and not buyer.is_empty():
            parts = [p for p in (buyer.name, buyer.company, buyer.country, buyer.email,
                                 buyer.product) if p]
            lines.append(_tr("Buyer: {0}").format(" · ".join(parts)))
    if not result.matches and not result.own_mail:
        lines.append(_tr("No enabled rule matches this message."))
    for tag, rule_id, _reason in result.current:
        lines.append(_tr("Tagged “{0}” by hand.").format(tag) if rule_id is None
                     else _tr("Tagged “{0}” by a rule.").format(tag))
    return "\n".join(lines)
