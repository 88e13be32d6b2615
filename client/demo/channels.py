"""Inquiry channels in the demo profile: three B2B platform inquiries in the Inbox (Alibaba.com,
Made-in-China.com, Global Sources; written for the demo, dated a few days before the anchor),
a rule for the demo's TradeHub notices and its Canton Fair lead list, then the rules run over
the demo mail (so the list shows tags and the buyers are customers).

`install_demo_channels(store, account_id, anchor)` (called by `build_demo_profile` before the
customers are built); idempotent (setting `demo.channels`). Caller's thread; no network.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from client.channels.apply import run_rules
from client.channels.leads import Lead, add_leads
from client.channels.rules import add_rule
from client.store.db import Store
from client.store.records import IncomingMessage

CHANNELS_KEY = "demo.channels"
FAIR = "fair-canton-2026"
#: (days before the anchor, sender, subject, the notification's fields, the buyer's message)
INQUIRIES = (
    (3, ("Alibaba.com", "feedback@service.alibaba.com"),
     "New inquiry: LED High Bay Light 150W from Tomasz Nowak",
     (("Product", "LED High Bay Light 150W"), ("Quantity", "400 Pieces"),
      ("Buyer", "Tomasz Nowak"), ("Company", "Nowak Elektro Sp. z o.o."),
      ("Country/Region", "Poland")),
     "Please quote 400 pcs of the 150 W high bay, 5000K, DDP Poznan."),
    (4, ("Made-in-China.com", "inquiry@made-in-china.com"),
     "Inquiry about LED Tube T8 18W from Nguyen Van An",
     (("Product Name", "LED Tube T8 18W 1.2m"), ("Buyer Name", "Nguyen Van An"),
      ("Company Name", "An Phat Lighting JSC"), ("Country", "Vietnam"),
      ("E-mail", "an.nguyen@anphat-lighting.example")),
     "We need 10,000 tubes for a factory project in Binh Duong. CIF Ho Chi Minh City."),
    (5, ("Global Sources", "inquiry@globalsources.com"),
     "Global Sources inquiry: Constant-current LED driver 40W",
     (("Product", "Constant-current LED driver 40W"), ("Buyer", "Lucas Martin"),
      ("Company", "Lumière Distribution SARL"), ("Country/Territory", "France"),
      ("Email", "l.martin@lumiere-distribution.example")),
     "Looking for 2,000 flicker-free drivers with CE and ENEC. Target EUR 4.20."),
)
FAIR_LEADS = (Lead("hans.kraemer@kraemer-licht.example", "Hans Krämer", "Kraemer Licht GmbH", "DE"),
              Lead("omar.alfarsi@alnoor-hotels.example", "Omar Al-Farsi", "Al Noor Hotels", "AE"))


def _notification(sender: tuple[str, str], to: str, subject: str, when: datetime,
                  fields: tuple[tuple[str, str], ...], message: str, number: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = f'"{sender[0]}" <{sender[1]}>'
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(when)
    mail["Message-ID"] = f"<demo-inquiry-{number}@{sender[1].split('@')[1]}>"
    lines = "\n".join(f"{label}: {value}" for label, value in fields)
    mail.set_content(f"Dear Supplier,\n\nYou have received a new inquiry.\n\n{lines}\n\n"
                     f"Message:\n{message}\n")
    cells = "".join(f"<tr><td>{label}:</td><td><b>{value}</b></td></tr>" for label, value in fields)
    mail.add_alternative(f"<html><body><p>Dear Supplier, you have received a new inquiry.</p>"
                         f"<table>{cells}</table><p>{message}</p></body></html>", subtype="html")
    mail.set_boundary(f"demo-inquiry-{number}")  # the same bytes in every build
    return bytes(mail)


def install_demo_channels(store: Store, account_id: int, anchor: date) -> None:
    """See the module."""
    if store.get_setting(CHANNELS_KEY):
        return
    account = store.account(account_id)
    inbox = store.folder_by_role(account_id, "inbox")
    if account is None or inbox is None:
        return
    top = int(store.conn.execute("SELECT coalesce(max(uid), 0) FROM messages WHERE folder_id = ?",
                                 (inbox.id,)).fetchone()[0])
    incoming = []
    for number, (days, sender, subject, fields, message) in enumerate(INQUIRIES, start=1):
        when = datetime.combine(anchor - timedelta(days=days), time(2, 30 + number), UTC)
        incoming.append(IncomingMessage(
            uid=top + number, raw=_notification(sender, account.email, subject, when, fields,
                                                message, number), internaldate=when))
    store.insert_messages(inbox.id, incoming, watermark_uid=top + len(incoming))
    store.save_folder_state(inbox.id, uidnext=top + len(incoming) + 1)
    while store.index_pending():
        pass
    add_rule(store, "sender", "noreply@tradehub.example", "tradehub")
    add_rule(store, "header", "X-Form-Name", "webform")
    add_leads(store, FAIR, list(FAIR_LEADS))
    run_rules(store)
    store.set_setting(CHANNELS_KEY, True)
