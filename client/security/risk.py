"""The fraud risk of a message: reasons (stable codes) added up to a score and a level (issue 19).

``Reason(code, detail)``; ``score(reasons) -> Risk(score, level, reasons)``: the sum of the
reasons' ``WEIGHTS`` capped at 100, and at least ``HIGH`` when a bank change (``payment-change``
or ``bank-details-changed``) comes with an identity signal (lookalike, first-time domain,
thread hijack, authentication failure). Levels: ``none`` (0), ``low`` (< ``WARNING``),
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

RULES_VERSION = 3
WARNING, HIGH = 40, 70
NONE_LEVEL, LOW_LEVEL, WARNING_LEVEL, HIGH_LEVEL = "none", "low", "warning", "high"

#: code -> (weight, sentence with {detail})
RULES: dict[str, tuple[int, str]] = {
    "bank-details-changed": (70, N_("The bank details ({detail}) differ from the ones you "
                                    "confirmed for this company before.")),
    "lookalike-domain": (50, N_("The sender's domain imitates one you correspond with: "
                                "{detail}.")),
    "reply-to-lookalike": (50, N_("Replies would go to a domain that imitates one you "
                                  "correspond with: {detail}.")),
    "thread-hijack": (45, N_("This message continues a conversation with {detail}, but comes "
                             "from a domain that never took part in it.")),
    "auth-dmarc-fail": (40, N_("Your mail provider reports that the sender's domain did not "
                               "authorise this message (DMARC failed).")),
    "auth-spf-dkim-fail": (35, N_("Your mail provider could not verify the sender (SPF failed "
                                  "and there is no valid DKIM signature).")),
    "auth-dkim-unaligned": (15, N_("Your mail provider ({detail}) found a valid signature, but "
                                   "not one of the sender's domain.")),
    "payment-change": (40, N_("The message asks to pay to new or changed bank details "
                              "(“{detail}”).")),
    "bank-details-unconfirmed": (10, N_("The message contains bank details you have not "
                                        "confirmed for this company: {detail}.")),
    "name-contains-address": (35, N_("The sender's name contains another address: {detail}.")),
    "name-matches-contact": (40, N_("The sender's name matches your contact {detail}, but the "
                                    "address differs.")),
    "several-senders": (30, N_("The message names several senders: {detail}.")),
    "invisible-characters": (25, N_("The sender's name hides characters ({detail}).")),
    "reply-to-other-domain": (20, N_("Replies would go to another domain than the sender's: "
                                     "{detail}.")),
    "reply-to-freemail": (30, N_("Replies would go to a free mail address instead of the "
                                 "sender's company: {detail}.")),
    "file-share-link": (20, N_("A first message from this sender links to a file-sharing "
                               "service: {detail}.")),
    "bank-country-differs": (15, N_("The bank account is in another country than the "
                                    "sender's domain: {detail}.")),
    "return-path-other-domain": (5, N_("Bounces go to another domain than the sender's: "
                                       "{detail}.")),
    "first-time-domain": (15, N_("This is the first message from the domain {detail}.")),
    "first-time-sender": (5, N_("This is the first message from {detail}.")),
    "idn-domain": (20, N_("The sender's domain is written in another alphabet ({detail}).")),
    "urgency": (10, N_("The message presses for haste (“{detail}”).")),
    "secrecy": (15, N_("The message asks for secrecy (“{detail}”).")),
    "risky-attachment": (30, N_("The attachment {detail} can run code or hides its type.")),
    "link-mismatch": (25, N_("A link shows one address but opens another: {detail}.")),
}
ADVICE = N_("Before you pay or change anything, confirm the bank details by phone with a number "
            "you already have (not one from this message).")
_BANK = {"payment-change", "bank-details-changed"}
_IDENTITY = {"lookalike-domain", "reply-to-lookalike", "reply-to-freemail", "first-time-domain", "thread-hijack",
             "auth-dmarc-fail", "auth-spf-dkim-fail", "name-matches-contact",
             "name-contains-address"}


@dataclass(frozen=True)
class Reason:
    """One reason for caution: a stable ``code`` of ``RULES`` and its ``detail``."""

    code: str
    detail: str = ""

    def text(self) -> str:
        words = RULES.get(self.code, (0, "{detail}"))[1]
        return translate(words).format_map({"detail": self.detail})


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
    ordered = sorted(unique.values(), key=lambda r: -RULES.get(r.code, (0, ""))[0])
    total = min(100, sum(RULES.get(r.code, (0, ""))[0] for r in ordered))
    if unique.keys() & _BANK and unique.keys() & _IDENTITY:
        total = max(total, 80)
    return Risk(total, level_of(total), tuple(ordered))
