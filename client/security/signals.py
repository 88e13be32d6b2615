"""The phishing signals of one message, as data the reader and the CLI both use (B4, B9, H3, H5).

``message_signals(parsed, raw, contacts=, allowed=, for_message=, language=,
attachment_data=)`` gathers, from the one parse of the message:
- ``link``: every HTML link whose text shows another URL, domain or address than its target,
  or whose target is deceptive or not openable (``client.security.links.analyse_link``);
- ``sender``: the sender warnings (``client.mime.sender_checks.check_sender``);
- ``reply-to``: replies go to another domain than the sender's (``reply_to_differs``);
- ``attachment``: risky attachment types (``client.security.attachments.assess``);
- ``remote-content``: remote pictures blocked by the policy (``remote_content.decide``).
The result's ``to_json()`` is the ``security`` object of ``tradewind show --json`` and of
``tradewind security signals --json``. ``message`` fields are in the current language of
``client.i18n`` (English by default). Pure, any thread, never raises on bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from client.i18n import N_, translate
from client.mime import ParsedMessage
from client.mime.sender_checks import check_sender, other_senders
from client.security import attachments, remote_content
from client.security.html_sanitize import DataImageBudget, sanitise_part
from client.security.link_texts import anchor_texts
from client.security.links import LinkAnalysis, analyse_link

LINK, SENDER, REPLY_TO, ATTACHMENT, REMOTE = (
    "link", "sender", "reply-to", "attachment", "remote-content")
REPLY_TO_DIFFERS = "reply-to-differs"
REMOTE_BLOCKED = "remote-content-blocked"
_LINK_WORDS = {
    "text-mismatch": N_("The link text shows {detail}, but the link opens {host}."),
    "user-info": N_("The link hides its real host {host} behind {detail}."),
    "mixed-scripts": N_("The link's host {detail} mixes alphabets, as lookalike addresses do."),
    "foreign-script": N_("The link's host {detail} is written in an unexpected alphabet."),
    "invalid-host": N_("The link's host {detail} is not a valid name."),
    "dangerous-scheme": N_("The link is of a kind Tradewind never opens ({detail})."),
}
_REPLY_WORDS = N_("Replies go to a different address than the sender: {detail}")
_REMOTE_WORDS = N_("{count} pictures from the internet were not loaded.")
_ATTACHMENT_WORDS = N_("{filename} is {reason}.")
_MARK = "tw-signal:"


@dataclass(frozen=True)
class Signal:
    """One reason for caution: ``kind`` (``link``…), ``code``, ``detail`` and the sentence;
    ``extra`` holds the href/text of a link or the part id/file name of an attachment."""

    kind: str
    code: str
    detail: str
    message: str
    extra: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "code": self.code, "detail": self.detail,
                "message": self.message, **self.extra}


@dataclass(frozen=True)
class SecuritySignals:
    signals: tuple[Signal, ...]
    remote: remote_content.RemoteDecision
    links_checked: int

    def codes(self) -> list[str]:
        return [s.code for s in self.signals]

    def to_json(self) -> dict[str, Any]:
        return {"signals": [s.to_json() for s in self.signals],
                "remote_content": self.remote.to_json(),
                "links_checked": self.links_checked}


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower() if "@" in address else ""


def reply_to_differs(from_email: str, reply_to: Iterable[str]) -> bool:
    """True when a Reply-To address is at another domain than the sender (B3). Pure."""
    domains = {_domain(a) for a in reply_to if a}
    return bool(domains) and domains != {_domain(from_email)}


def html_links(parts: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], int]:
    """(href, visible text) of every link of the HTML parts, each part sanitised alone as the
    reader shows it, and the number of remote pictures they refer to."""
    links: list[tuple[str, str]] = []
    remote = 0
    for kind, content in parts:
        if kind != "html":
            continue
        targets: list[str] = []

        def rewrite(tag: str, attr: str, value: str, targets: list[str] = targets) -> str | None:
            nonlocal remote
            if tag == "a" and attr == "href":
                targets.append(value)
                return f"{_MARK}{len(targets) - 1}"
            if remote_content.is_remote_reference(tag, attr, value):
                remote += 1
            return value

        clean = sanitise_part(content, DataImageBudget(), rewrite=rewrite)
        texts = anchor_texts(clean, _index, len(targets))
        links += list(zip(targets, texts, strict=True))
    return links, remote


def _index(href: str) -> int | None:
    rest = href[len(_MARK):] if href.startswith(_MARK) else ""
    return int(rest) if rest.isdigit() and len(rest) < 9 else None


def attachment_sentence(risk: attachments.AttachmentRisk) -> str:
    """The sentence for one risky attachment, in the current language of ``client.i18n``."""
    return translate(_ATTACHMENT_WORDS).format_map(
        {"filename": risk.filename, "reason": translate(risk.reason)})


def _link_signal(analysis: LinkAnalysis, text: str) -> Signal | None:
    warnings = list(analysis.warnings)
    if not warnings:
        return None
    first = warnings[0]
    words = translate(_LINK_WORDS.get(first.code, N_("The link looks deceptive ({detail}).")))
    message = words.format_map({"detail": first.detail, "host": analysis.host or analysis.href})
    return Signal(LINK, first.code, first.detail, message,
                  {"href": analysis.href, "text": text, "open_url": analysis.open_url})


def message_signals(
    parsed: ParsedMessage,
    raw: bytes | None,
    *,
    contacts: dict[str, set[str]] | None = None,
    allowed: set[str] | None = None,
    for_message: bool = False,
    language: str = "en",
    attachment_names: Sequence[tuple[str, str]] | None = None,
    attachment_data: Callable[[str], bytes | None] | None = None,
) -> SecuritySignals:
    """See the module docstring. ``attachment_names`` ((part id, file name); default: the
    parse's attachments) lists what the cache holds for a message whose attachments stayed on
    the server; ``attachment_data(part_id)`` gives an archive's bytes to look inside."""
    found: list[Signal] = []
    links, remote_count = html_links([(p.kind, p.content) for p in parsed.parts])
    for href, text in links:
        signal = _link_signal(analyse_link(href, text, language), text)
        if signal is not None:
            found.append(signal)
    senders = parsed.headers.from_
    for warning in check_sender(senders, other_senders(raw) if raw else (), contacts):
        found.append(Signal(SENDER, warning.code, warning.detail, warning.message,
                            {"address": warning.address}))
    from_email = senders[0].email if senders else ""
    replies = [a.email for a in parsed.headers.reply_to]
    if reply_to_differs(from_email, replies):
        detail = ", ".join(replies)
        found.append(Signal(REPLY_TO, REPLY_TO_DIFFERS, detail,
                            translate(_REPLY_WORDS).format_map({"detail": detail})))
    names = attachment_names if attachment_names is not None else [
        (a.part_id, a.filename) for a in parsed.attachments if not a.is_message]
    for part_id, filename in names:
        inspect = attachment_data is not None and filename.lower().endswith(
            attachments.ARCHIVE_SUFFIXES)
        data = attachment_data(part_id) if inspect and attachment_data is not None else None
        risk = attachments.assess(filename, data)
        if risk is not None:
            found.append(Signal(ATTACHMENT, risk.code, risk.detail, attachment_sentence(risk),
                                {"part_id": part_id, "filename": filename}))
    decision = remote_content.decide([a.email for a in senders], remote_count, allowed or set(),
                                     for_message)
    if decision.blocked:
        found.append(Signal(REMOTE, REMOTE_BLOCKED, str(decision.count),
                            translate(_REMOTE_WORDS).format_map({"count": decision.count})))
    return SecuritySignals(tuple(found), decision, len(links))
