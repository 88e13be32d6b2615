"""The fraud risk of a cached message: every signal of issue 19 gathered and scored.

``assess(store, row, parsed, raw) -> Risk`` computes it from the one parse of the message, the
rep's history (``client.security.history``), the allow list, the known bank details and the
account's trusted authserv-id (``client.security.risk_store``). ``risk_of_row(store, row) ->
Risk | None`` reads the cache first (``risk_cache``, rules ``risk.RULES_VERSION``) and stores
what it computes (a cache write the disk refuses is logged, the risk still returned): lazy, on
first display, in the list's background fill or in ``tradewind show``/``risk``. None when the
body is not downloaded yet or the row is a placeholder for a message the server did not let
us read. Caller's ``Store`` on its thread (the reader calls it on a worker); idempotent;
raises only the store's read errors.

Signals reused from ``client.security.signals`` (sender warnings, risky attachments, deceptive
links) keep their meaning; an allowed sender or domain ("this is really our buyer") raises no
identity signal (lookalike, first-time, Reply-To, thread, IDN) but still the bank and
authentication ones, since a real mailbox can be taken over. A thread counts as hijacked when
a domain that never took part writes into it without copying in any earlier correspondent
(a new party that keeps the buyer in Cc is how legitimate threads grow).
"""

from __future__ import annotations

import html
import logging
import re
import sqlite3
from collections.abc import Iterator

import nh3

from client.mime import ParsedMessage, attachment_bytes, parse_message
from client.mime.header_block import split_header_block
from client.mime.model import DEFAULT_LIMITS
from client.security import risk_store, wording
from client.security.auth_results import default_authserv_id, header_values, trusted_verdict
from client.security.bank_details import BankDetail, attachment_text, extract
from client.security.history import History, history, thread_domains
from client.security.lookalike import domain_of, is_idn, lookalike_of, registrable
from client.security.mixed_script import hidden_controls, mixed_domain, mixed_words
from client.security.risk import RULES_VERSION, TRUSTED_DROPS, Reason, Risk, score
from client.security.signals import ATTACHMENT, LINK, SENDER, message_signals
from client.store.db import Store
from client.store.errors import StoreWriteError
from client.store.records import MessageRow

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx")


def message_text(parsed: ParsedMessage) -> str:
    """All body text of the message, HTML parts reduced to their text (hidden text kept, H9)."""
    texts = []
    for part in parsed.parts:
        if part.kind == "html":
            texts.append(html.unescape(nh3.clean(part.content, tags=set())))
        else:
            texts.append(part.content)
    return "\n".join(texts) or (parsed.text or "")


def _header(raw: bytes, name: str) -> list[str]:
    try:
        values = split_header_block(raw, DEFAULT_LIMITS).all(name)
    except Exception:  # noqa: BLE001 - advisory only
        return []
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values]


def _document_texts(parsed: ParsedMessage, raw: bytes) -> Iterator[str]:
    for attachment in parsed.attachments:
        if attachment.filename.lower().endswith(DOCUMENT_SUFFIXES):
            try:
                data = attachment_bytes(raw, attachment.part_id)
            except KeyError:
                continue
            yield attachment_text(attachment.filename, data)


def _identity(row: MessageRow, parsed: ParsedMessage, raw: bytes, past: History,
              store: Store) -> Iterator[Reason]:
    sender = row.from_email.lower()
    domain = domain_of(sender)
    known = past.known_domains
    if not domain:
        return
    look = lookalike_of(domain, known)
    if look is not None:
        yield Reason("lookalike-domain", f"{look.domain} ≈ {look.known}")
    mixed = mixed_domain(domain)
    if mixed:
        yield Reason("mixed-script-domain", mixed)
    elif look is None and is_idn(domain):
        yield Reason("idn-domain", domain)
    words = mixed_words(" ".join(a.name for a in parsed.headers.from_))
    if words:
        yield Reason("mixed-script-name", " ".join(words))
    hidden = hidden_controls(parsed.headers.subject)
    if hidden:
        yield Reason("subject-hidden-characters", hidden)
    listed = bool(_header(raw, "list-id"))
    for address in dict.fromkeys(a.email.lower() for a in parsed.headers.reply_to):
        other = domain_of(address)
        if not other or other == domain:
            continue
        look = lookalike_of(other, known)
        if look is not None:
            yield Reason("reply-to-lookalike", f"{address} ({look.domain} ≈ {look.known})")
        elif other in risk_store.FREEMAIL and domain not in risk_store.FREEMAIL:
            yield Reason("reply-to-freemail", address)
        elif other not in known and not listed:
            yield Reason("reply-to-other-domain", address)
    for value in _header(raw, "return-path")[:1]:
        bounce = domain_of(value.strip().strip("<>"))
        if bounce and bounce != domain and bounce not in known and not listed:
            yield Reason("return-path-other-domain", bounce)
    when = row.sort_date
    if past.first_time_domain(sender, when):
        yield Reason("first-time-domain", domain)
    elif past.first_time_sender(sender, when):
        yield Reason("first-time-sender", sender)
    earlier = thread_domains(store, row, past.own_domain)
    copied = {domain_of(a[1]) for a in row.to + row.cc}  # a new party copying the old one in
    if earlier and domain not in earlier and domain != past.own_domain and not copied & earlier:
        yield Reason("thread-hijack", ", ".join(sorted(earlier)))


#: file-sharing hosts a first-time sender's "shared file" link points to (checklist A4)
FILE_SHARE = re.compile(
    r"https?://(?:[\w-]+\.)*(wetransfer\.com|we\.tl|dropbox\.com|drive\.google\.com|"
    r"docs\.google\.com|onedrive\.live\.com|1drv\.ms|sharepoint\.com|box\.com|mega\.nz|"
    r"mediafire\.com|sendspace\.com|pan\.baidu\.com|weiyun\.com)\b", re.IGNORECASE)


def _country_of(domain: str) -> str:
    """The country of a ccTLD domain (``.de`` → ``DE``; ``.uk`` → ``GB``), "" for others."""
    tld = domain.rsplit(".", 1)[-1].upper()
    return {"UK": "GB"}.get(tld, tld) if len(tld) == 2 and tld.isalpha() else ""


def _bank(store: Store, domain: str, details: list[BankDetail]) -> Iterator[Reason]:
    accounts = [d for d in details if d.kind != "beneficiary"]
    if not accounts:
        return
    country = _country_of(domain)
    abroad = [d.value[:2] for d in accounts if d.kind == "iban" and country
              and d.value[:2] != country]
    if abroad:
        yield Reason("bank-country-differs", f"{abroad[0]} ≠ {country}")
    confirmed = risk_store.known_details(store, domain) if domain else []
    by_kind = {k.kind for k in confirmed}
    fingerprints = {k.fingerprint for k in confirmed}
    changed = [d for d in details if d.kind in by_kind and d.fingerprint not in fingerprints]
    if changed:
        yield Reason("bank-details-changed", ", ".join(f"{d.kind.upper()} {d.masked}"
                                                       for d in changed))
    elif not confirmed:
        yield Reason("bank-details-unconfirmed",
                     ", ".join(f"{d.kind.upper()} {d.masked}" for d in accounts))


def _reused(parsed: ParsedMessage, raw: bytes, store: Store, past: History) -> Iterator[Reason]:
    contacts = past.contacts_named(store, [a.name for a in parsed.headers.from_])

    def data(part_id: str) -> bytes | None:
        try:
            return attachment_bytes(raw, part_id)
        except KeyError:
            return None

    found = message_signals(parsed, raw, contacts=contacts, attachment_data=data)
    for signal in found.signals:
        if signal.kind == SENDER and signal.code in (
                "name-contains-address", "name-matches-contact", "several-senders",
                "invisible-characters"):
            yield Reason(signal.code, signal.detail)
        elif signal.kind == ATTACHMENT:
            yield Reason("risky-attachment", signal.extra.get("filename", signal.detail))
        elif signal.kind == LINK and signal.code in ("text-mismatch", "user-info",
                                                     "mixed-scripts"):
            yield Reason("link-mismatch", f"{signal.extra.get('text', '')} → "
                                          f"{signal.extra.get('href', signal.detail)}")


def has_documents(parsed: ParsedMessage) -> bool:
    """True when the message has a PDF, DOCX or XLSX attachment (whose text ``assess`` reads)."""
    return any(a.filename.lower().endswith(DOCUMENT_SUFFIXES) for a in parsed.attachments)


def assess(store: Store, row: MessageRow, parsed: ParsedMessage, raw: bytes,
           with_documents: bool = True) -> Risk:
    """The risk of one message (see module docstring); ``with_documents=False`` leaves out the text
    of the PDF/DOCX/XLSX attachments (the slow part: the sync's quick pass)."""
    past = history(store, row.account_id)
    allowed = risk_store.allowed(store)
    sender = row.from_email.lower()
    domain = domain_of(sender)
    reasons: list[Reason] = []
    trusted = risk_store.is_allowed(allowed, sender)
    for reason in _identity(row, parsed, raw, past, store):
        if not trusted or reason.code not in TRUSTED_DROPS:
            reasons.append(reason)
    reasons += [r for r in _reused(parsed, raw, store, past)
                if not trusted or r.code not in TRUSTED_DROPS]
    account = store.account(row.account_id)
    serv_id = risk_store.authserv_id(store, row.account_id) or default_authserv_id(
        account.imap_host if account else "")
    reasons += [Reason(code, serv_id)
                for code in trusted_verdict(header_values(raw), serv_id, domain)]
    text = message_text(parsed)
    documents = list(_document_texts(parsed, raw)) if with_documents else []
    every_text = "\n".join([parsed.headers.subject, text, *documents])
    shared = FILE_SHARE.search(text + "\n" + (parsed.html or ""))
    if shared and past.first_time_domain(sender, row.sort_date) and not trusted:
        reasons.append(Reason("file-share-link", shared.group(1).lower()))
    phrase = wording.payment_change(every_text)
    if phrase:
        reasons.append(Reason("payment-change", phrase))
    for code, finder in (("urgency", wording.urgency), ("secrecy", wording.secrecy)):
        found = finder(every_text)
        if found:
            reasons.append(Reason(code, found))
    reasons += list(_bank(store, registrable(domain), extract("\n".join([text, *documents]))))
    return score(reasons)


def risk_of_row(store: Store, row: MessageRow, use_cache: bool = True) -> Risk | None:
    """The cached or newly computed risk of a cached message (see module docstring)."""
    if use_cache:
        cached = risk_store.cached_risk(store, row.id, RULES_VERSION)
        if cached is not None:
            return Risk.from_stored(cached)
    try:
        raw = store.get_raw(row.id)
    except KeyError:
        return None
    if row.body_state == "none" or not raw.strip():  # a placeholder: nothing to judge yet
        return None
    result = assess(store, row, parse_message(raw), raw)
    try:
        risk_store.cache_risk(store, row.id, RULES_VERSION, result.stored())
    except (StoreWriteError, sqlite3.OperationalError) as exc:  # full disk, busy: not cached
        log.warning("fraud risk of message %s not cached: %s", row.id, exc)
    return result


def details_of_row(store: Store, row: MessageRow) -> list[BankDetail]:
    """The bank details in a cached message's text and documents ("confirm these")."""
    raw = store.get_raw(row.id)
    parsed = parse_message(raw)
    return extract("\n".join([message_text(parsed), *_document_texts(parsed, raw)]))
