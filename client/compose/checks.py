"""Checks before sending: what a rep may have forgotten or got wrong, as data.

``run_checks(fields, limits, disabled=)`` looks at a message about to be queued and returns one
``Finding(code, detail)`` per problem, in ``CHECKS`` order:

- ``empty-subject``: the subject is blank;
- ``forgotten-attachment``: the rep's own text mentions an attachment (attached, anbei, Anhang,
  adjunto, anexo, ci-joint, pièce jointe, allegato, вложение, 附件, 添付, مرفق…, ``MENTIONS``)
  and nothing is attached, pasted as a picture nor sent as a link. Only the rep's text counts: the quoted original
  (lines starting with ">", the "wrote:" line, a forward's header block) and the signature
  (after a "-- " line) are left out; ``detail`` is the word found;
- ``too-large``: the attachments, base64-encoded, exceed the provider's limit (the SMTP SIZE
  recorded for the account, else the preset's documented limit), or one file is over the link
  threshold; ``detail`` names the limit in bytes and the files (by index) a link would carry;
- ``no-reply``: a recipient is a no-reply address (noreply@, no-reply@, donotreply@,
  mailer-daemon@…); ``detail`` is that address.

Results are codes and details: the UI and the CLI say them in words in the rep's language.
Each check can be switched off (``disabled``; the profile setting ``compose.checks.disabled``,
``disabled_checks`` / ``set_check_enabled``). ``run_checks`` is pure (any thread, never raises);
the settings helpers use the caller's ``Store`` on its thread. The account's limits (recorded
SMTP SIZE, link threshold) come from above: ``client.outgoing.presend.checks_for``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import getaddresses
from typing import TYPE_CHECKING

from client.store.db import Store

if TYPE_CHECKING:  # the names only: `tradewind --help` lists CHECKS without the parsers
    from client.compose.drafts import DraftFields

CHECKS = ("empty-subject", "forgotten-attachment", "too-large", "no-reply")
SETTING = "compose.checks.disabled"
MB = 1024 * 1024

#: documented default message size limits of the presets (bytes, encoded message)
PRESET_LIMITS: dict[str, int] = {
    "google": 25 * MB,  # Gmail: 25 MB
    "microsoft365": 35 * MB,  # Exchange Online's default MaxSendSize
}

# Words that say "see the attachment", per language; Latin words match at a word start
# (attach → attached, attachment, attaching), the others anywhere.
_LATIN = (
    r"attach(?:ed|ment|ments|ing)?", r"enclos(?:ed|ure)", r"anbei", r"anhang", r"anh[äa]nge",
    r"angeh[äa]ngt", r"beigef[üu]gt", r"adjunt[oa]s?", r"adjuntamos", r"anex[oa]s?",
    r"anexad[oa]s?", r"em anexo", r"ci-joints?", r"ci-jointes?", r"pi[èe]ces? jointes?",
    r"en pi[èe]ce jointe", r"allegat[oi]", r"in allegato", r"bijlage", r"za[łl][ąa]cznik\w*",
    r"ekte", r"ekteki", r"вложени[еия]", r"во вложении", r"приложени[еия]", r"прикреп\w*",
)
_OTHER = (r"附件", r"附上", r"附档", r"附檔", r"添付", r"첨부", r"مرفق", r"المرفق", r"مرفقة")
MENTIONS = re.compile(
    r"(?<![\w-])(?:" + "|".join(_LATIN) + r")(?![\w-])|" + "|".join(_OTHER), re.IGNORECASE)

_NO_REPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotrespond|no[-_.]?response|"
    r"mailer[-_.]?daemon)(?:[-_.+].*)?$", re.IGNORECASE)
_QUOTE_LINE = re.compile(r"^\s*>")
_FORWARD_HEADER = re.compile(r"^-{5,}.*-{5,}\s*$")


@dataclass(frozen=True)
class Finding:
    """One problem: ``code`` (one of ``CHECKS``) and what it is about."""

    code: str
    detail: str = ""
    limit: int = 0  # too-large: the limit in bytes that the message exceeds (0: threshold)
    files: tuple[int, ...] = ()  # too-large: indexes of the attachments a link would carry

    def as_json(self) -> dict[str, object]:
        return {"check": self.code, "detail": self.detail, "limit": self.limit,
                "files": list(self.files)}


@dataclass(frozen=True)
class Limits:
    """The size rules of the sending account: the provider's limit (None: unknown) and the
    link threshold in bytes."""

    size_limit: int | None = None
    link_threshold: int | None = None


def is_no_reply(address: str) -> bool:
    """True for noreply@, no-reply@, donotreply@, mailer-daemon@ and their variants."""
    local = address.strip().rpartition("@")[0]
    return bool(local) and bool(_NO_REPLY.match(local.strip('"')))


def own_text(fields: DraftFields) -> str:
    """The rep's own words: the new text and, for an answer written into the quote, its
    unquoted lines; without the quoted original, its "wrote:" line and the signature."""
    from client.mime.html_text import html_to_text

    text = fields.text if fields.text is not None else html_to_text(fields.html or "")
    pieces = [_without_signature(text)]
    if fields.quote_text:
        lines = fields.quote_text.replace("\r\n", "\n").split("\n")
        body = lines[1:] if lines and not _QUOTE_LINE.match(lines[0]) else lines  # "wrote:"
        if lines and _FORWARD_HEADER.match(lines[0]):
            body = []  # a forward's header block and the forwarded text are not the rep's
        pieces.append("\n".join(ln for ln in body if not _QUOTE_LINE.match(ln)))
    return _without_signature("\n".join(pieces))


def _without_signature(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(lines[: lines.index("-- ")] if "-- " in lines else lines)


def mentioned_attachment(text: str) -> str | None:
    """The first word of ``text`` that mentions an attachment, or None."""
    found = MENTIONS.search(text)
    return found.group(0) if found else None


def _encoded(size: int) -> int:
    return (size + 2) // 3 * 4 * 78 // 76  # base64 plus a CRLF every 76 characters


def run_checks(fields: DraftFields, limits: Limits = Limits(), *, link_files: int = 0,
               disabled: Iterable[str] = ()) -> tuple[Finding, ...]:
    """See the module docstring; ``link_files`` counts the files going as links."""
    off = set(disabled)
    found: list[Finding] = []
    if "empty-subject" not in off and not fields.subject.strip():
        found.append(Finding("empty-subject"))
    attached = fields.attachments or fields.inline_images or link_files  # a pasted picture too
    if "forgotten-attachment" not in off and not attached:
        word = mentioned_attachment(own_text(fields))
        if word:
            found.append(Finding("forgotten-attachment", word))
    if "too-large" not in off and fields.attachments:
        sizes = [len(a.data) for a in fields.attachments]
        body = len((fields.text or "").encode()) + len((fields.html or "").encode())
        total = sum(_encoded(s) for s in sizes) + body
        big = tuple(i for i, s in enumerate(sizes)
                    if limits.link_threshold is not None and s > limits.link_threshold)
        if limits.size_limit is not None and total > limits.size_limit:
            found.append(Finding("too-large", fields.attachments[max(
                range(len(sizes)), key=lambda i: sizes[i])].filename, limits.size_limit,
                big or tuple(sorted(range(len(sizes)), key=lambda i: -sizes[i]))))
        elif big:
            found.append(Finding("too-large", fields.attachments[big[0]].filename, 0, big))
    if "no-reply" not in off:
        for _name, address in getaddresses([fields.to, fields.cc, fields.bcc]):
            if is_no_reply(address):
                found.append(Finding("no-reply", address))
                break
    return tuple(found)


def disabled_checks(store: Store) -> frozenset[str]:
    """The checks the rep switched off (setting ``compose.checks.disabled``)."""
    value = store.get_setting(SETTING, [])
    return frozenset(c for c in value if c in CHECKS) if isinstance(value, list) else frozenset()


def set_check_enabled(store: Store, code: str, enabled: bool) -> None:
    """Switch one check on or off; raises ``ValueError`` for an unknown check. Idempotent."""
    if code not in CHECKS:
        raise ValueError(f"unknown check {code!r}; the checks are {', '.join(CHECKS)}")
    off = set(disabled_checks(store))
    off.discard(code) if enabled else off.add(code)
    store.set_setting(SETTING, sorted(off))


def describe(finding: Finding) -> str:
    """The finding in English words (the CLI's; the app says it in the UI language)."""
    if finding.code == "empty-subject":
        return "The subject is empty."
    if finding.code == "forgotten-attachment":
        return f"The text mentions an attachment (\u201c{finding.detail}\u201d) but nothing is attached."
    if finding.code == "too-large":
        if finding.limit:
            return (f"The attachments are larger than the provider accepts "
                    f"({finding.limit / MB:.0f} MB once encoded); send the big files as links "
                    "(--link).")
        return f"{finding.detail} is over the link threshold; send it as a link (--link)."
    if finding.code == "no-reply":
        return f"{finding.detail} is a no-reply address: nobody will read the message."
    return finding.code
