"""The fraud risk of a message: reasons (stable codes) added up to a score and a level (issue 19).

``Reason(code, detail)``; ``score(reasons) -> Risk(score, level, reasons)``: the sum of the
reasons' weights capped at 100, and at least ``HIGH`` when a bank change (a ``BANK`` rule:
``payment-change``, ``bank-details-changed``) comes with a doubt about who wrote (a ``WHO``
rule: lookalike, mixed scripts, first-time domain, thread hijack, authentication failure).
``RULES`` is the one table of codes, weights, groups and words (``OWN``: not raised for a
trusted sender). Levels: ``none`` (0), ``low`` (< ``WARNING``),
``warning`` (< ``HIGH``), ``high``. ``Risk.to_json()`` is the ``risk`` object of ``tradewind
show --json`` / ``tradewind risk``: ``{score, level, reasons: [{code, text, detail}], advice}``,
worded in the current language of ``client.i18n`` when called (so a cached risk is shown in
the language of the moment). ``RULES_VERSION`` changes whenever a rule or weight does, which
makes cached risks recompute. Pure, any thread, never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from client.i18n import N_, translate

RULES_VERSION = 5
WARNING, HIGH = 40, 70
NONE_LEVEL, LOW_LEVEL, WARNING_LEVEL, HIGH_LEVEL = "none", "low", "warning", "high"

BANK, WHO, OWN = 1, 2, 4
NONE = 0


@dataclass(frozen=True)
class Rule:
    """One row of ``RULES``: its weight, its groups (a bitmask of BANK, WHO, OWN) and words."""

    weight: int
    groups: int
    words: str


#: code -> Rule(weight, groups, sentence with {detail}); the groups: BANK (a bank change),
#: WHO (doubts who wrote: with a bank change at least HIGH), OWN (not raised for a sender
#: the rep trusts, "this is really our buyer")
RULES: dict[str, Rule] = {
    "bank-details-changed": Rule(70, BANK, N_("The bank details ({detail}) differ from the ones you confirmed for this company before.")),
    "lookalike-domain": Rule(50, WHO | OWN, N_("The sender's domain imitates one you correspond with: {detail}.")),
    "reply-to-lookalike": Rule(50, WHO | OWN, N_("Replies would go to a domain that imitates one you correspond with: {detail}.")),
    "thread-hijack": Rule(45, WHO | OWN, N_("This message continues a conversation with {detail}, but comes from a domain that never took part in it.")),
    "auth-dmarc-fail": Rule(40, WHO, N_("Your mail provider reports that the sender's domain did not authorise this message (DMARC failed).")),
    "auth-spf-dkim-fail": Rule(35, WHO, N_("Your mail provider could not verify the sender (SPF failed and there is no valid DKIM signature).")),
    "auth-dkim-unaligned": Rule(15, NONE, N_("Your mail provider ({detail}) found a valid signature, but not one of the sender's domain.")),
    "payment-change": Rule(40, BANK, N_("The message asks to pay to new or changed bank details (“{detail}”).")),
    "bank-details-unconfirmed": Rule(10, NONE, N_("The message contains bank details you have not confirmed for this company: {detail}.")),
    "name-contains-address": Rule(35, WHO, N_("The sender's name contains another address: {detail}.")),
    "name-matches-contact": Rule(40, WHO | OWN, N_("The sender's name matches your contact {detail}, but the address differs.")),
    "several-senders": Rule(30, NONE, N_("The message names several senders: {detail}.")),
    "invisible-characters": Rule(25, NONE, N_("The sender's name hides characters ({detail}).")),
    "reply-to-other-domain": Rule(20, OWN, N_("Replies would go to another domain than the sender's: {detail}.")),
    "reply-to-freemail": Rule(30, WHO | OWN, N_("Replies would go to a free mail address instead of the sender's company: {detail}.")),
    "file-share-link": Rule(20, OWN, N_("A first message from this sender links to a file-sharing service: {detail}.")),
    "bank-country-differs": Rule(15, NONE, N_("The bank account is in another country than the sender's domain: {detail}.")),
    "return-path-other-domain": Rule(5, OWN, N_("Bounces go to another domain than the sender's: {detail}.")),
    "first-time-domain": Rule(15, WHO | OWN, N_("This is the first message from the domain {detail}.")),
    "first-time-sender": Rule(5, OWN, N_("This is the first message from {detail}.")),
    "mixed-script-domain": Rule(45, WHO | OWN, N_("The sender's domain mixes alphabets within one name ({detail}): Latin letters with Cyrillic or Greek ones that look the same, as imitations do.")),
    "mixed-script-name": Rule(40, WHO | OWN, N_("The sender's name mixes alphabets within one word (“{detail}”): Latin letters with Cyrillic or Greek ones that look the same, as imitations do.")),
    "subject-hidden-characters": Rule(20, NONE, N_("The subject hides characters that change how it reads ({detail}).")),
    "idn-domain": Rule(20, OWN, N_("The sender's domain is written in another alphabet ({detail}).")),
    "urgency": Rule(10, NONE, N_("The message presses for haste (“{detail}”).")),
    "secrecy": Rule(15, NONE, N_("The message asks for secrecy (“{detail}”).")),
    "risky-attachment": Rule(30, NONE, N_("The attachment {detail} can run code or hides its type.")),
    "link-mismatch": Rule(25, NONE, N_("A link shows one address but opens another: {detail}.")),
}
ADVICE = N_("Before you pay or change anything, confirm the bank details by phone with a number "
            "you already have (not one from this message).")
BANK_CODES = frozenset(c for c, r in RULES.items() if r.groups & BANK)
WHO_CODES = frozenset(c for c, r in RULES.items() if r.groups & WHO)
#: the codes a trusted sender or domain does not raise (``assess`` drops them)
TRUSTED_DROPS = frozenset(c for c, r in RULES.items() if r.groups & OWN)


@dataclass(frozen=True)
class Reason:
    """One reason for caution: a stable ``code`` of ``RULES`` and its ``detail``."""

    code: str
    detail: str = ""

    def text(self) -> str:
        rule = RULES.get(self.code)
        return translate(rule.words if rule else "{detail}").format_map({"detail": self.detail})


@dataclass(frozen=True)
class Risk:
    score: int
    level: str
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "level": self.level,
                "reasons": [{"code": r.code, "text": r.text(), "detail": r.detail}
                            for r in self.reasons],
                "advice": translate(ADVICE) if self.level in (WARNING_LEVEL, HIGH_LEVEL) else ""}

    def stored(self) -> dict[str, Any]:
        """The language-free form kept in the cache."""
        return {"score": self.score, "level": self.level,
                "reasons": [{"code": r.code, "detail": r.detail} for r in self.reasons]}

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Risk:
        return cls(int(data["score"]), str(data["level"]),
                   tuple(Reason(str(r["code"]), str(r.get("detail", "")))
                         for r in data["reasons"]))


def weight(code: str) -> int:
    """The weight of a reason code (0 for one no rule knows)."""
    rule = RULES.get(code)
    return rule.weight if rule else 0


def level_of(value: int) -> str:
    """The level of a score (see module docstring)."""
    if value <= 0:
        return NONE_LEVEL
    return LOW_LEVEL if value < WARNING else WARNING_LEVEL if value < HIGH else HIGH_LEVEL


def score(reasons: Iterable[Reason]) -> Risk:
    """Add up ``reasons`` (each code once, the first detail kept), strongest first."""
    unique: dict[str, Reason] = {}
    for reason in reasons:
        unique.setdefault(reason.code, reason)
    ordered = sorted(unique.values(), key=lambda r: -weight(r.code))
    total = min(100, sum(weight(r.code) for r in ordered))
    if unique.keys() & BANK_CODES and unique.keys() & WHO_CODES:
        total = max(total, 80)
    return Risk(total, level_of(total), tuple(ordered))
