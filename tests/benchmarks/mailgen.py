"""Deterministic generator of a realistic export-trade mailbox for the speed benchmarks.

``generate_mailbox(MailboxSpec(...))`` yields ``GeneratedMessage`` records (folder, raw RFC 822
bytes with LF line endings, IMAP flags, internal date) in internal-date order. The same spec gives
the same bytes on every run and machine (seeded ``random.Random``; no clock, no host name).

The default spec is about 10,000 messages and 1.2 GB: threads of inquiries, quotations, samples,
orders, L/C and shipping mail in English, German, French, Spanish, Polish, Czech, Chinese and
Japanese, in the charsets their mail clients use, ~10% with 100 KB-5 MB binary attachments.
``messages=1000`` gives the quick version. Pure computation; safe to call from any thread.
"""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from tests.benchmarks import mailgen_text as txt
from tests.benchmarks.mailgen_mime import Attachment, Base64Pool, build_message, encode_words

GENERATOR_VERSION = 1
FOLDERS = ("INBOX", "Sent", "Archive", "Projects/Hamburg Tender", "Projects/Samples 2026")
_PROJECT_FOLDERS = FOLDERS[3:]
_START = datetime(2024, 12, 1, tzinfo=UTC).timestamp()
_END = datetime(2026, 11, 20, tzinfo=UTC).timestamp()
_DAY = 86400.0
_MAX_ATTACHMENT = 5_000_000


@dataclass(frozen=True)
class MailboxSpec:
    """Parameters of a generated mailbox; ``key()`` names it for caches."""

    seed: int = 20260101
    messages: int = 10_000
    attachment_scale: float = 1.0  # multiplies attachment sizes (0.01 for a small search corpus)
    attachment_ratio: float = 0.10

    def key(self) -> str:
        """A short stable name covering the parameters and the generator version."""
        text = f"v{GENERATOR_VERSION}-{self.seed}-{self.messages}-{self.attachment_scale}-{self.attachment_ratio}"
        return f"{self.messages}m-" + hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class GeneratedMessage:
    """One message: where it lives, its raw bytes and metadata the benchmarks check against."""

    index: int
    folder: str
    raw: bytes
    flags: frozenset[str]
    internaldate: float
    message_id: str
    thread: int
    has_attachment: bool
    subject: str


@dataclass
class _Plan:
    thread: int
    time: float
    sender: txt.Person
    to: tuple[txt.Person, ...]
    cc: tuple[txt.Person, ...]
    folder: str
    subject: str
    message_id: str
    refs: tuple[str, ...]
    text: str
    lang: str
    stage: str
    attach_kind: str | None
    seed: int
    flags: set[str] = field(default_factory=set)


def _msgid(rng: random.Random, person: txt.Person, time: float) -> str:
    domain = person.email.split("@", 1)[1]
    stamp = datetime.fromtimestamp(time, UTC).strftime("%Y%m%d%H%M%S")
    return f"<{stamp}.{rng.getrandbits(48):012x}@{domain}>"


def _thread_ctx(rng: random.Random, product: txt.Product, time: float) -> dict[str, str]:
    year = datetime.fromtimestamp(time, UTC).year
    etd = datetime.fromtimestamp(time + rng.uniform(20, 50) * _DAY, UTC)
    return {
        "product": product.en, "product_zh": product.zh, "product_de": product.de, "product_ja": product.ja,
        "model": product.model, "qty": str(rng.choice((500, 1000, 2000, 3000, 5000, 10000, 20000))),
        "incoterm": rng.choice(txt.INCOTERMS), "port": rng.choice(txt.PORTS_LOADING),
        "dest": rng.choice(txt.PORTS_DEST), "moq": str(rng.choice((200, 300, 500, 1000))),
        "lead": str(rng.choice((15, 20, 25, 30, 35, 45))), "payment": rng.choice(txt.PAYMENTS),
        "cartons": str(rng.randint(180, 1400)), "container": rng.choice(txt.CONTAINERS),
        "qt": f"QT-{year}-{rng.randint(100, 9999):04d}", "po": f"PO{year}{rng.randint(1000, 99999)}",
        "pi": f"PI-HX{year}-{rng.randint(10, 999):03d}", "lc": f"LC{rng.randint(10**9, 10**10 - 1)}",
        "tracking": str(rng.randint(10**9, 10**10 - 1)),
        "cntr": f"{rng.choice(('MSKU', 'CMAU', 'COSU', 'OOLU', 'TGHU'))}{rng.randint(10**6, 10**7 - 1)}",
        "seal": f"HX{rng.randint(100000, 999999)}", "etd": etd.strftime("%Y-%m-%d"),
        "eta": (etd + timedelta(days=rng.randint(18, 38))).strftime("%Y-%m-%d"),
        "week": str(etd.isocalendar()[1] + 4), "price": "",
    }


def _quote_text(prev: _Plan, lang: str) -> str:
    tz = _tz(prev.sender.tz)
    when = datetime.fromtimestamp(prev.time, tz).strftime("%Y-%m-%d %H:%M")
    head = txt.QUOTE_HEADERS[lang].format(date=when, name=prev.sender.name, email=prev.sender.email)
    body = prev.text if len(prev.text) < 4000 else prev.text[:4000].rsplit("\n", 1)[0] + "\n[...]"
    if lang == "zh":
        return head + "\n\n" + body
    return head + "\n" + "\n".join("> " + line if line else ">" for line in body.split("\n"))


def _compose(rng: random.Random, plan_lang: str, stage: str, sender: txt.Person, to: txt.Person,
             ctx: dict[str, str], prev: _Plan | None) -> str:
    first = txt.first_name(to)
    greeting = rng.choice(txt.GREETINGS[plan_lang]).format(first=first, company=to.company)
    closing = rng.choice(txt.CLOSINGS[plan_lang]).format(city=sender.city)
    lines = txt.stage_lines(rng, plan_lang, stage, ctx)
    parts = [greeting, "", *[line for pair in zip(lines, [""] * len(lines), strict=True) for line in pair],
             closing, *txt.signature(sender)]
    text = "\n".join(parts)
    if prev is not None:
        text += "\n\n" + _quote_text(prev, plan_lang)
    return text


def _tz(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))


def _choose_attachment(rng: random.Random, stage: str, ratio: float) -> str | None:
    if rng.random() >= ratio:
        return None
    kinds = {"quotation": ("xlsx", "pdf"), "order": ("pdf", "xlsx"), "samples": ("jpg", "jpg", "pdf"),
             "shipping": ("pdf",), "aftersales": ("jpg",), "payment": ("pdf", "jpg")}
    return rng.choice(kinds.get(stage, ("pdf", "xlsx", "jpg")))


def _plan_thread(rng: random.Random, thread: int, spec: MailboxSpec, out: list[_Plan]) -> None:
    supplier = rng.random() < 0.25
    other = rng.choice(txt.SUPPLIERS if supplier else txt.CUSTOMERS)
    lang = other.lang if (other.lang in ("zh", "ja") or rng.random() < 0.3) else "en"
    if lang not in txt.GREETINGS:
        lang = "en"
    product = rng.choice(txt.PRODUCTS)
    time = rng.uniform(_START, _END - 20 * _DAY)
    ctx = _thread_ctx(rng, product, time)
    length = rng.choices((1, 2, 3, 4, 5, 6, 8, 10), weights=(14, 22, 20, 16, 11, 8, 6, 3))[0]
    stage_no = rng.randrange(len(txt.STAGES)) if rng.random() < 0.5 else 0
    subject_lang = lang if lang in txt.SUBJECTS else "en"
    subject = rng.choice(txt.SUBJECTS[subject_lang]).format(**ctx)
    prefix = rng.choice(txt.REPLY_PREFIX.get(lang, ("Re: ",)))
    archived = time < (_START + _END) / 2 and rng.random() < 0.45
    project = rng.choice(_PROJECT_FOLDERS) if rng.random() < 0.08 else None
    inbound = not supplier or rng.random() < 0.5
    colleague = txt.SUPPLIERS[-1] if rng.random() < 0.15 else None
    prev: _Plan | None = None
    refs: tuple[str, ...] = ()
    for k in range(length):
        stage = txt.STAGES[min(stage_no, len(txt.STAGES) - 1)]
        sender, recipient = (other, txt.OWNER) if inbound else (txt.OWNER, other)
        low, high = product.price
        ctx["price"] = f"{rng.uniform(low, high):.2f}"
        text = _compose(rng, lang, stage, sender, recipient, ctx, prev)
        folder = "Sent" if sender is txt.OWNER else (project or ("Archive" if archived else "INBOX"))
        mid = _msgid(rng, sender, time)
        plan = _Plan(thread, time, sender, (recipient,), (colleague,) if colleague else (), folder,
                     subject if k == 0 else prefix + subject, mid, refs, text, lang, stage,
                     _choose_attachment(rng, stage, spec.attachment_ratio), rng.getrandbits(63))
        if sender is not txt.OWNER and (time < _END - 12 * _DAY or rng.random() < 0.4):
            plan.flags.add("\\Seen")
        if sender is txt.OWNER:
            plan.flags.add("\\Seen")
            if prev is not None and prev.sender is not txt.OWNER:
                prev.flags.add("\\Answered")
        if rng.random() < 0.03:
            plan.flags.add("\\Flagged")
        out.append(plan)
        prev = plan
        refs = (refs + (mid,))[-10:]
        time += rng.expovariate(1 / (20 * 3600)) + 600
        stage_no += 1 if rng.random() < 0.7 else 0
        inbound = rng.random() < (0.4 if inbound else 0.85)


def _plan_notice(rng: random.Random, thread: int, spec: MailboxSpec, out: list[_Plan]) -> None:
    sender = rng.choice(txt.NEWSLETTER_SENDERS)
    time = rng.uniform(_START, _END)
    ctx = _thread_ctx(rng, rng.choice(txt.PRODUCTS), time)
    ctx["price"] = "0"
    lang = sender.lang
    subject = rng.choice(txt.NEWSLETTER_SUBJECTS[lang]).format(**ctx)
    stage = "shipping" if lang == "en" else "payment"
    text = _compose(rng, lang, stage, sender, txt.OWNER, ctx, None)
    plan = _Plan(thread, time, sender, (txt.OWNER,), (), "Archive" if rng.random() < 0.2 else "INBOX",
                 subject, _msgid(rng, sender, time), (), text, lang, stage,
                 _choose_attachment(rng, "payment", spec.attachment_ratio), rng.getrandbits(63))
    if rng.random() < 0.8:
        plan.flags.add("\\Seen")
    out.append(plan)


def plan_mailbox(spec: MailboxSpec) -> list[_Plan]:
    """All message plans (text composed, attachments not yet generated), sorted by time."""
    rng = random.Random(spec.seed)
    plans: list[_Plan] = []
    thread = 0
    while len(plans) < spec.messages:
        thread += 1
        (_plan_notice if rng.random() < 0.1 else _plan_thread)(rng, thread, spec, plans)
    del plans[spec.messages:]
    plans.sort(key=lambda p: (p.time, p.message_id))
    return plans


_MAGIC = {"pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
          "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"}
_MIME = {"pdf": "application/pdf", "jpg": "image/jpeg",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _attachments(rng: random.Random, plan: _Plan, scale: float, pool: Base64Pool) -> list[Attachment]:
    kind = plan.attach_kind
    if kind is None:
        return []
    total = int(_MAX_ATTACHMENT / 50 * 50 ** (rng.random() ** 1.55) * scale)
    count = rng.randint(1, 3) if kind == "jpg" else 1
    result = []
    chinese = plan.lang == "zh" or rng.random() < 0.15
    for n in range(count):
        encoded, size = pool.attachment_body(rng, _MAGIC[kind], total // count)
        stem = {"pdf": ("装箱单", "PI-HX-{n}", "BL-draft-{n}", "Catalogue_2026"),
                "xlsx": ("报价单-{n}", "Quotation_{n}", "Price_list_{n}"),
                "jpg": ("样品照片{n}", "IMG_2026{n}", "photo_{n}")}[kind]
        options = stem if chinese else tuple(s for s in stem if s.isascii())
        name = rng.choice(options).format(n=rng.randint(100, 9999) * 10 + n) + "." + kind
        result.append(Attachment(name, _MIME[kind], encoded, size, rng.choice(("rfc2231", "rfc2047"))))
    return result


def _address(person: txt.Person, charset: str) -> str:
    name = person.name
    if name.isascii():
        needs_quotes = any(c in name for c in "()<>@,;:\\\".[]'")
        return f'"{name}" <{person.email}>' if needs_quotes else f"{name} <{person.email}>"
    return f"{encode_words(name, charset)} <{person.email}>"


def _headers(rng: random.Random, plan: _Plan, charset: str, raw_utf8: bool) -> list[str]:
    tz = _tz(plan.sender.tz)
    date = format_datetime(datetime.fromtimestamp(plan.time, tz))
    subject = plan.subject if raw_utf8 else encode_words(plan.subject, charset)
    lines = []
    if plan.sender is not txt.OWNER:
        domain = plan.sender.email.split("@", 1)[1]
        rdate = format_datetime(datetime.fromtimestamp(plan.time + 7, _tz("+0800")))
        lines += [f"Return-Path: <{plan.sender.email}>",
                  f"Received: from mail.{domain} (mail.{domain} [192.0.2.{rng.randint(2, 250)}])\n"
                  f"\tby mx.haixin-trade.example (Postfix) with ESMTPS id {rng.getrandbits(40):010X}\n"
                  f"\tfor <{txt.OWNER.email}>; {rdate}",
                  f"Received: from [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}]\n"
                  f"\tby mail.{domain} with ESMTPSA; {date}"]
    lines += [f"Date: {date}", f"From: {_address(plan.sender, charset)}",
              "To: " + ", ".join(_address(p, charset) for p in plan.to)]
    if plan.cc:
        lines.append("Cc: " + ", ".join(_address(p, charset) for p in plan.cc))
    lines += [f"Subject: {subject}", f"Message-ID: {plan.message_id}"]
    if plan.refs:
        lines.append(f"In-Reply-To: {plan.refs[-1]}")
        lines.append("References: " + "\n ".join(plan.refs))
    mailer = plan.sender.mailer
    lines.append(("X-Mailer: " if "Outlook" in mailer or "Foxmail" in mailer else "User-Agent: ") + mailer)
    if "Outlook" in mailer:
        lines.append("Thread-Index: " + base64.b64encode(rng.randbytes(22)).decode())
        lines.append("Content-Language: " + {"de": "de-DE", "fr": "fr-FR", "ja": "ja-JP"}.get(plan.lang, "en-US"))
    return lines


def _pick_charset(rng: random.Random, plan: _Plan) -> str:
    if plan.sender is txt.OWNER:
        return "gb18030" if plan.lang == "zh" and rng.random() < 0.3 else "utf-8"
    return rng.choice(plan.sender.charsets)


def render(plan: _Plan, index: int, spec: MailboxSpec, pool: Base64Pool) -> GeneratedMessage:
    """Build the raw bytes of one planned message (deterministic in ``plan.seed``)."""
    rng = random.Random(plan.seed)
    charset = _pick_charset(rng, plan)
    raw_utf8 = charset == "utf-8" and rng.random() < 0.01
    headers = _headers(rng, plan, charset, raw_utf8)
    attachments = _attachments(rng, plan, spec.attachment_scale, pool)
    raw = build_message(rng, headers, plan.text, charset, plan.lang, attachments,
                        with_html=rng.random() < 0.85)
    return GeneratedMessage(index, plan.folder, raw, frozenset(plan.flags), plan.time + 7.0,
                            plan.message_id, plan.thread, bool(attachments), plan.subject)


def generate_mailbox(spec: MailboxSpec) -> Iterator[GeneratedMessage]:
    """Yield every message of ``spec`` in internal-date order; each is built on demand."""
    pool = Base64Pool(spec.seed, int(_MAX_ATTACHMENT * max(spec.attachment_scale, 0.001)))
    for index, plan in enumerate(plan_mailbox(spec)):
        yield render(plan, index, spec, pool)


def _main() -> None:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Generate the benchmark mailbox and print its statistics.")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=MailboxSpec.seed)
    parser.add_argument("--attachment-scale", type=float, default=1.0)
    args = parser.parse_args()
    spec = MailboxSpec(seed=args.seed, messages=args.messages, attachment_scale=args.attachment_scale)
    started = time.perf_counter()
    total = attach = 0
    folders: dict[str, int] = {}
    digest = hashlib.sha256()
    for msg in generate_mailbox(spec):
        total += len(msg.raw)
        attach += msg.has_attachment
        folders[msg.folder] = folders.get(msg.folder, 0) + 1
        digest.update(msg.raw)
    elapsed = time.perf_counter() - started
    print(f"{spec.messages} messages, {total / 1e6:.1f} MB, {attach} with attachments, {elapsed:.1f} s")
    print("folders:", folders, "sha256:", digest.hexdigest()[:16])


__all__ = ["FOLDERS", "GeneratedMessage", "MailboxSpec", "generate_mailbox", "plan_mailbox", "render"]

if __name__ == "__main__":
    _main()
