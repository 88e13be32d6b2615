"""Expansion of the demo spec into concrete raw messages.

``expand(spec, anchor)`` is pure and deterministic: the same spec and anchor date give the same
list of messages, byte for byte (generated mail uses a ``random.Random`` seeded from the spec).
Message dates are "N days before ``anchor``" at a local time in the sender's zone. Any thread.
"""

from __future__ import annotations

import hashlib
import html
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from client.demo.attachments import csv_sheet, ics_invitation, logo_png, minimal_pdf
from client.demo.mime_writer import Envelope, Mailbox, Part, render_message
from client.demo.spec import DemoSpec, DemoSpecError, fill

SENT, DRAFTS, INBOX, ARCHIVE = "Sent", "Drafts", "INBOX", "Archive"
_OWN_KEYS = ("me", "me_zh")


@dataclass(frozen=True)
class DemoMessage:
    """One message to store: its folder, raw bytes, IMAP-style flags and arrival time (UTC)."""

    folder: str
    raw: bytes
    flags: frozenset[str]
    internaldate: datetime
    message_id: str


@dataclass
class _Thread:
    """Running state while a thread's messages are written (ids so far, subject)."""

    key: str
    subject: str
    ids: list[str] = field(default_factory=list)


class _Expander:
    def __init__(self, spec: DemoSpec, anchor: date) -> None:
        self.spec = spec
        self.anchor = anchor
        self.people: dict[str, dict[str, Any]] = dict(spec.data["people"])
        self.out: list[DemoMessage] = []

    # -- helpers ---------------------------------------------------------------------------
    def person(self, key: str) -> dict[str, Any]:
        try:
            return self.people[key]
        except KeyError:
            raise DemoSpecError(f"demo.json: unknown person '{key}'") from None

    def mailbox(self, key: str) -> Mailbox:
        p = self.person(key)
        return Mailbox(p["name"], p["email"])

    def moment(self, day: int, hhmm: str, tz: str) -> datetime:
        hour, minute = (int(x) for x in hhmm.split(":"))
        local = datetime.combine(self.anchor - timedelta(days=day), time(hour, minute))
        return local.replace(tzinfo=ZoneInfo(tz))

    def relative_date(self, value: str) -> str:
        """``+Nd`` in a body means N days after the anchor, written as 26 Nov 2026."""
        if value.startswith("+") and value.endswith("d"):
            return (self.anchor + timedelta(days=int(value[1:-1]))).strftime("%d %b %Y")
        return value

    def message_id(self, thread_key: str, index: int, sender_email: str) -> str:
        digest = hashlib.sha256(f"{thread_key}/{index}".encode()).hexdigest()[:12].upper()
        return f"{digest}.{index}.{thread_key}@{sender_email.split('@', 1)[1]}"

    # -- one message ------------------------------------------------------------------------
    def add(self, thread: _Thread, msg: dict[str, Any], default_folder: str) -> None:
        sender_key = msg["from"]
        sender = self.person(sender_key)
        index = len(thread.ids)
        when = self.moment(msg["day"], msg["time"], sender.get("tz", "UTC"))
        subject = msg.get("subject")
        if subject is None:
            subject = thread.subject if index == 0 else sender.get("re", "Re: ") + thread.subject
        own = sender_key in _OWN_KEYS
        folder = msg.get("folder") or (SENT if own else default_folder)
        mid = self.message_id(thread.key, index, sender["email"])
        charset = msg.get("charset", "utf-8")
        values = {k: self.relative_date(str(v)) for k, v in msg.get("vars", {}).items()}
        text = fill(self.spec.body(msg["body"]), values)
        extra: list[tuple[str, str]] = []
        if msg.get("importance") == "high":
            extra += [("X-Priority", "1 (Highest)"), ("Importance", "High")]
        env = Envelope(
            sender=Mailbox(sender["name"], sender["email"]),
            to=tuple(self.mailbox(k) for k in msg["to"]),
            cc=tuple(self.mailbox(k) for k in msg.get("cc", [])),
            reply_to=tuple(self.mailbox(k) for k in msg.get("reply_to", [])),
            subject=subject,
            date=when,
            message_id=mid,
            in_reply_to=thread.ids[-1] if thread.ids else None,
            references=tuple(thread.ids[-8:]),
            header_charset=charset,
            extra=tuple(extra),
        )
        body = Part("text/plain", text=text, charset=charset)
        style = msg.get("html")
        alternative = None
        related: tuple[Part, ...] = ()
        if style:
            logo_id = f"logo.{mid}" if style == "logo" else None
            alternative = Part("text/html", text=self.as_html(text, logo_id), charset=charset)
            if logo_id is not None:
                png = logo_png(120, 30, (14, 74, 140), (242, 169, 0))
                related = (Part("image/png", data=png, content_id=logo_id),)
        attachments = tuple(self.attachment(a, msg, env) for a in msg.get("attachments", []))
        raw = render_message(env, body, alternative=alternative, related=related,
                             attachments=attachments)
        flags = msg.get("flags")
        if flags is None:
            flags = ["seen"] if own or msg["day"] >= 3 else []
        if own and folder != DRAFTS:
            flags = sorted(set(flags) | {"seen"})
        arrival = when.astimezone(UTC) + timedelta(seconds=7 + index * 3)
        self.out.append(DemoMessage(folder, raw, frozenset(flags), arrival, mid))
        thread.ids.append(mid)

    def as_html(self, text: str, logo_id: str | None) -> str:
        """HTML of ``text``: a company mail with an inline logo (``logo_id``), else a newsletter
        with a remote banner and a tracking pixel (what the reader must block)."""
        paragraphs = "".join(
            f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n")
        )
        if logo_id is not None:
            return (
                '<html><body style="font-family:Arial,sans-serif;font-size:13px;color:#222">'
                f"{paragraphs}"
                f'<p><img src="cid:{logo_id}" alt="OceanLink Logistics" width="120" height="30"></p>'
                '<p style="color:#777;font-size:11px">OceanLink Logistics (Ningbo) Co., Ltd. · '
                "Room 1808, Ningbo Shipping Centre</p></body></html>"
            )
        return (
            '<html><body style="font-family:Arial,sans-serif">'
            '<img src="https://cantonfair-services.example/img/banner-141.png" alt="Canton Fair" '
            'width="600" height="120">'
            f"{paragraphs}"
            '<img src="https://cantonfair-services.example/t/open.gif?id=88213" width="1" height="1">'
            "</body></html>"
        )

    def attachment(self, spec: dict[str, Any], msg: dict[str, Any], env: Envelope) -> Part:
        kind = spec["kind"]
        if kind == "pdf":
            data = minimal_pdf(spec["title"], list(spec["lines"]))
            return Part("application/pdf", data=data, filename=spec["name"])
        if kind == "csv":
            return Part("text/csv", text=csv_sheet(spec["rows"]), filename=spec["name"])
        if kind == "ics":
            start = self.moment(spec["day"], spec["time"], spec["tz"]).astimezone(UTC)
            organizer = env.sender
            text = ics_invitation(
                uid=f"{env.message_id.split('@')[0]}-event@tradewind-demo",
                summary=spec["summary"],
                start_utc=start,
                minutes=int(spec["minutes"]),
                location=spec["location"],
                organizer=(organizer.name, organizer.email),
                attendees=[(m.name, m.email) for m in env.to],
                stamp_utc=env.date.astimezone(UTC),
                zone=spec["tz"],
                link=spec.get("link", ""),
            )
            return Part(
                "text/calendar", text=text, filename=spec["name"], params=(("method", "REQUEST"),)
            )
        if kind == "eml":
            wanted = self.message_id(spec["thread"], int(spec["index"]), self.person(spec["from"])["email"])
            earlier = next((m for m in self.out if m.message_id == wanted), None)
            if earlier is None:
                raise DemoSpecError(f"demo.json: no earlier message {spec['thread']}#{spec['index']}")
            return Part("message/rfc822", data=earlier.raw, filename=spec["name"])
        raise DemoSpecError(f"demo.json: unknown attachment kind '{kind}'")

    # -- the spec -----------------------------------------------------------------------------
    def hand_written(self) -> None:
        for thread_spec in self.spec.data["threads"]:
            thread = _Thread(thread_spec["key"], thread_spec["subject"])
            for msg in thread_spec["messages"]:
                self.add(thread, msg, thread_spec["folder"])

    def generated(self, prefix: str = "") -> None:
        gen = self.spec.data["generated"]
        rng = random.Random(f"{prefix}{gen['seed']}" if prefix else int(gen["seed"]))
        buyers, products = gen["buyers"], gen["products"]
        max_day, archive_after = int(gen["max_day"]), int(gen["archive_after_day"])
        for number in range(int(gen["inquiries"])):
            buyer = buyers[rng.randrange(len(buyers))]
            product = products[rng.randrange(len(products))]
            lang = buyer["lang"]
            qty = gen["quantities"][rng.randrange(len(gen["quantities"]))]
            day = rng.randint(2, max_day)
            key = f"{prefix}gen{number:03d}"
            self.people[key] = {"name": buyer["name"], "email": buyer["email"], "tz": buyer["tz"]}
            values = {
                "company": buyer["company"],
                "country": buyer["country"],
                "port": buyer["port"],
                "buyer_name": buyer["name"],
                "buyer_first": buyer["first"],
                "product": product[lang],
                "qty": f"{qty:,}",
                "price": product["price"],
                "lead": str(25 + 5 * rng.randrange(5)),
            }
            subjects = gen["subjects"][lang]
            subject = fill(subjects[rng.randrange(len(subjects))], values)
            templates = gen["templates"][lang]
            folder = ARCHIVE if day > archive_after and rng.random() < 0.7 else INBOX
            replied = rng.random() < 0.6 and day > 2
            thread = _Thread(key, subject)
            self.add_generated(thread, key, templates[rng.randrange(len(templates))], values, day,
                               rng, folder, lang, replied)
            if not replied:
                continue
            reply_day = day - rng.randint(0, 1)
            en_values = dict(values, product=product["en"])
            self.add_generated(thread, "me", "gen_reply_en", en_values, reply_day, rng, SENT, "en", False)
            roll = rng.random()
            if roll < 0.35 and reply_day > 1:
                self.add_generated(thread, key, "gen_buyer_ok", en_values, rng.randint(1, reply_day - 1),
                                   rng, folder, "en", False)
            elif roll < 0.6 and reply_day > 3:
                self.add_generated(thread, "me", "gen_followup_en", en_values, reply_day - 3, rng,
                                   SENT, "en", False)
        for number in range(int(gen["tradehub_notices"])):
            buyer = buyers[rng.randrange(len(buyers))]
            product = products[rng.randrange(len(products))]
            qty = gen["quantities"][rng.randrange(len(gen["quantities"]))]
            values = {
                "buyer_name": buyer["name"],
                "buyer_country": buyer["country"],
                "product": product["en"],
                "qty": f"{qty:,}",
                "short": f"Please send your best price for {qty:,} pcs and the catalogue.",
                "ref": f"INQ{int(gen['seed']) % 9973 + number * 7919:07d}",
            }
            thread = _Thread(f"{prefix}hub{number:03d}", f"New inquiry from {buyer['name']}: {product['en']}")
            day = rng.randint(1, max_day)
            self.add_generated(thread, "tradehub", "tradehub_notice", values, day, rng,
                               ARCHIVE if day > archive_after else INBOX, "en", rng.random() < 0.5)

    def add_generated(self, thread: _Thread, sender: str, body: str, values: dict[str, str],
                      day: int, rng: random.Random, folder: str, lang: str, answered: bool) -> None:
        charset = self.spec.data["generated"]["charsets"].get(lang, "utf-8")
        seen = day > 3 or rng.random() < 0.3 or sender == "me"
        flags = (["seen"] if seen else []) + (["answered"] if answered else [])
        if sender != "me" and rng.random() < 0.1:
            flags.append("flagged")
        to = ["me"] if sender != "me" else [thread.key]
        hour = rng.randint(8, 18) if sender != "tradehub" else rng.randint(0, 23)
        msg = {"from": sender, "to": to, "day": day, "time": f"{hour:02d}:{rng.randrange(60):02d}",
               "body": "", "charset": charset, "flags": flags, "folder": folder}
        # body text is filled here (generated values), so bypass the template lookup in add()
        self.spec.bodies.setdefault(f"__{thread.key}_{len(thread.ids)}",
                                    fill(self.spec.body(body), values))
        msg["body"] = f"__{thread.key}_{len(thread.ids)}"
        self.add(thread, msg, folder)


def expand_generated(
    spec: DemoSpec, anchor: date, *, prefix: str, inquiries: int, max_day: int
) -> list[DemoMessage]:
    """Only generated mail (inquiries, replies, notices), for bulk mailboxes: ``prefix`` keeps
    ids apart between batches; deterministic for the same arguments."""
    data = dict(spec.data)
    gen = dict(data["generated"])
    gen.update(inquiries=inquiries, max_day=max_day, tradehub_notices=max(1, inquiries // 6))
    data["generated"] = gen
    expander = _Expander(DemoSpec(data, dict(spec.bodies)), anchor)
    expander.generated(prefix)
    return sorted(expander.out, key=lambda m: (m.folder, m.internaldate, m.message_id))


def expand(spec: DemoSpec, anchor: date) -> list[DemoMessage]:
    """All demo messages for ``anchor`` (the "today" of the demo), in a stable order."""
    expander = _Expander(DemoSpec(dict(spec.data), dict(spec.bodies)), anchor)
    expander.hand_written()
    expander.generated()
    return sorted(expander.out, key=lambda m: (m.folder, m.internaldate, m.message_id))
