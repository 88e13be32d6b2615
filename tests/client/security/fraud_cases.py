"""A synthetic payment-fraud evaluation set built from clean corpus messages (issue 19).

`build_cases(store)` writes into a fresh cache an account (rep@northwind-export.test, its
Authentication-Results trusted as `mx.northwind-export.test`), one Sent folder and an INBOX
holding, per customer company of `CUSTOMERS` (one per trade language), a clean thread: the
rep's quotation (Sent), the buyer's reply and an invoice whose IBAN the rep confirmed. The
bodies are the texts of clean corpus messages (thunderbird/mailnews-test-data, MPL-2.0, see
tests/data/SOURCES.md) with the trade text added. Then it adds two groups of messages and
returns them as `Case(row_id, label, kind)`:
- `clean`: more thread messages, a new party joining a thread with the buyer in Cc,
  legitimate Reply-To use by a mailing list and help desks,
  legitimate bank wording in every language ("our bank details are unchanged"), first
  inquiries from new companies, newsletters whose bounces go to a mailing service;
- `fraud`: the same threads mutated: lookalike sender domains (edit distance, confusables,
  TLD swap, added words, punycode), bank-change text in each language, a forged From with the
  provider's DMARC failure (and a pass the sender added lower down), a hijacked thread,
  Reply-To to a lookalike, a display name imitating the buyer, PDF, DOCX and XLSX invoices
  whose IBAN changed, and names or domains mixing Latin with Cyrillic or Greek letters in one
  word (`MIXED_SCRIPT_FRAUD`); the clean side has senders writing in one non-Latin script, a
  Russian or Chinese company name beside a Latin word (`ONE_SCRIPT_CLEAN`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from client.mime import parse_message
from client.security import risk_store
from client.security.bank_details import BankDetail
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime" / "thunderbird" / \
    "mailnews-test-data"
REP = "rep@northwind-export.test"
AUTHSERV = "mx.northwind-export.test"

# (domain, contact name, language, confirmed IBAN, a valid other IBAN)
CUSTOMERS = (
    ("acme-trading.com", "John Miller", "en", "GB82WEST12345698765432", "GB33BUKB20201555555555"),
    ("shenzhenlighting.com.cn", "王伟", "zh", "DE89370400440532013000", "DE75512108001245126199"),
    ("iberiatextiles.es", "Lucía García", "es", "ES9121000418450200051332",
     "ES7921000813610123456789"),
    ("riocoffee.com.br", "João Silva", "pt", "BR1800360305000010009795493C1",
     "BR1500000000000010932840814P2"),
    ("lyonvins.fr", "Claire Martin", "fr", "FR1420041010050500013M02606",
     "FR7630006000011234567890189"),
    ("hamburgmaschinen.de", "Jonas Weber", "de", "DE02120300000000202051",
     "DE02500105170137075030"),
    ("volgasteel.ru", "Ivan Petrov", "ru", "NL91ABNA0417164300", "NL02ABNA0123456789"),
    ("gulfdates.ae", "Omar Haddad", "ar", "AE070331234567890123456",
     "AE460090000000123456789"),
)
CHANGE_TEXT = {
    "en": "Please note we have a new bank account. Kindly pay the balance to the IBAN below.",
    "zh": "请注意，我们已更改收款账户，请将余款汇至以下新账户。",
    "es": "Le informamos de nuestra nueva cuenta bancaria; por favor pague el saldo.",
    "pt": "Informamos a nossa nova conta bancária para o pagamento do saldo.",
    "fr": "Veuillez noter nos nouvelles coordonnées bancaires pour le solde.",
    "de": "Bitte beachten Sie unsere neue Bankverbindung für die Restzahlung.",
    "ru": "Обратите внимание на наши новые реквизиты для оплаты остатка.",
    "ar": "يرجى تحويل الرصيد إلى حساب بنكي جديد.",
}
UNCHANGED_TEXT = {
    "en": "Our bank details are unchanged; please pay to the usual account.",
    "zh": "我们的银行账户不变，请按原账户付款。",
    "es": "Nuestros datos bancarios no han cambiado, sin cambios en la cuenta.",
    "pt": "Os nossos dados bancários não foram alterados.",
    "fr": "Nos coordonnées bancaires restent inchangées.",
    "de": "Unsere Bankverbindung ist unverändert.",
    "ru": "Наши банковские реквизиты без изменений.",
    "ar": "بياناتنا البنكية لم تتغير.",
}
LOOKALIKES = {  # how each customer's domain is imitated
    "acme-trading.com": "acme-tradinq.com",          # edit distance
    "shenzhenlighting.com.cn": "shenzhenlighting.cn",  # TLD swap
    "iberiatextiles.es": "iberiatextiles-group.es",  # added word
    "riocoffee.com.br": "riocoffee.com",             # TLD swap
    "lyonvins.fr": "lyonvlns.fr",                    # confusable 1 → l / i
    "hamburgmaschinen.de": "hamburgmaschlnen.de",    # confusable
    "volgasteel.ru": "xn--vlgasteel-02h.ru",        # punycode: Cyrillic о
    "gulfdates.ae": "guIfdates.ae",                   # capital I for l (lower-cased: edit 1)
}

#: a Latin name with a Cyrillic or Greek letter in one word (sender, display name); the
#: domains are not lookalikes of a known one, so the mixed-script reason alone must warn
MIXED_SCRIPT_FRAUD = (
    ("billing@\u0430libaba-pay.com", "Alibaba Billing"),        # Cyrillic а in the domain
    ("support@paypal-billing.example", "Paypal \u0405upport"),  # Cyrillic Ѕ in the name
    ("office@r\u03bftterdam-shipping.nl", "Rotterdam Shipping"),  # Greek ο in the domain
    ("j.miller.office@gmail.com", "J\u043ehn Miller"),             # Cyrillic о in a contact name
    ("accounts@kontor-hamburg.de", "Buchhaltung \u041aontor"),     # Cyrillic К in a word
)
#: senders that write wholly in one non-Latin script, or put such a word beside a Latin one
ONE_SCRIPT_CLEAN = (
    ("info@romashka.ru", "ООО «Ромашка»"),
    ("sales@volga-trade.ru", "ООО Волга Trading"),
    ("zhang@szlight.com.cn", "深圳光明照明有限公司 Shenzhen Lighting"),
    ("info@\u0440\u043e\u043c\u0430\u0448\u043a\u0430.\u0440\u0444", "Ромашка"),
    ("info@hellenic-lines.gr", "Ελληνική Ναυτιλία Shipping"),
    ("li@\u4e2d\u56fd\u5236\u9020.cn", "李明"),
)


@dataclass(frozen=True)
class Case:
    row_id: int
    label: str
    kind: str  # "clean" or "fraud"


def corpus_texts(count: int) -> list[str]:
    """The plain text of the first `count` corpus messages that have some."""
    texts = []
    for path in sorted(CORPUS.iterdir()):
        if not path.is_file() or path.suffix in (".out", ".list"):
            continue
        parsed = parse_message(path.read_bytes())
        text = (parsed.text or "").strip()
        if 40 < len(text) < 4000 and "iban" not in text.lower():
            texts.append(text[:1500])
        if len(texts) == count:
            break
    return texts


class _Writer:
    def __init__(self, store: Store) -> None:
        self.store = store
        account = store.add_account(REP, imap_host="imap.northwind-export.test", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        self.account = account
        risk_store.set_authserv_id(store, account.id, AUTHSERV)
        self.inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        self.sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
        self.uid = {self.inbox.id: 0, self.sent.id: 0}
        self.when = datetime(2026, 1, 5, 9, tzinfo=UTC)
        self.texts = corpus_texts(60)
        self.serial = 0

    def text(self) -> str:
        self.serial += 1
        return self.texts[self.serial % len(self.texts)]

    def add(self, sender: str, to: str, subject: str, body: str, *, name: str = "",
            reply_to: str = "", parent: str = "", sent: bool = False, cc: str = "",
            headers: tuple[tuple[str, str], ...] = (),
            attachment: tuple[str, bytes] | None = None) -> tuple[int, str]:
        self.when += timedelta(hours=3)
        self.serial += 1
        local, _, host = sender.partition("@")
        sender = f"{local}@{host.encode('idna').decode('ascii')}"  # an IDN as mail carries it
        msg = EmailMessage()
        for key, value in headers:
            msg[key] = value
        msg["From"] = f"{name} <{sender}>" if name else sender
        msg["To"] = to
        if cc:
            msg["Cc"] = cc
        msg["Subject"] = subject
        msg["Date"] = format_datetime(self.when)
        message_id = f"m{self.serial}@{sender.split('@')[1]}"
        msg["Message-ID"] = f"<{message_id}>"
        if reply_to:
            msg["Reply-To"] = reply_to
        if parent:
            msg["In-Reply-To"] = f"<{parent}>"
            msg["References"] = f"<{parent}>"
        msg.set_content(body)
        if attachment:
            maintype, subtype = {
                "pdf": ("application", "pdf"),
                "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml."
                                        "document"),
                "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            }[attachment[0].rsplit(".", 1)[1]]
            msg.add_attachment(attachment[1], maintype=maintype, subtype=subtype,
                               filename=attachment[0])
        folder = self.sent if sent else self.inbox
        self.uid[folder.id] += 1
        uid = self.uid[folder.id]
        self.store.insert_messages(folder.id, [IncomingMessage(
            uid=uid, raw=bytes(msg), internaldate=self.when)], uid)
        row = self.store.conn.execute("SELECT id FROM messages WHERE folder_id = ? AND uid = ?",
                                      (folder.id, uid)).fetchone()
        return int(row[0]), message_id


def _auth(result: str, domain: str) -> tuple[str, str]:
    return ("Authentication-Results",
            f"{AUTHSERV}; spf={result} smtp.mailfrom={domain}; dkim={result} "
            f"header.d={domain}; dmarc={result} header.from={domain}")


def invoice_document(kind: str, iban: str, beneficiary: str) -> bytes:
    """A one-page invoice naming `iban` as a PDF (fpdf2), DOCX (python-docx) or XLSX."""
    lines = ["COMMERCIAL INVOICE No. 2026-117", "Balance due: USD 48,600.00",
             f"Beneficiary: {beneficiary}", f"IBAN: {iban}"]
    buffer = io.BytesIO()
    if kind == "pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
    if kind == "docx":
        import docx

        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(buffer)
        return buffer.getvalue()
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in lines:
        label, _, value = line.partition(": ")
        sheet.append([label + ":", value] if value else [label])
    book.save(buffer)
    return buffer.getvalue()


def build_cases(store: Store) -> list[Case]:
    """Write the whole set into `store` (see module docstring)."""
    w = _Writer(store)
    cases: list[Case] = []
    threads: dict[str, str] = {}

    def clean(label: str, added: tuple[int, str]) -> None:
        cases.append(Case(added[0], label, "clean"))

    def fraud(label: str, added: tuple[int, str]) -> None:
        cases.append(Case(added[0], label, "fraud"))

    for domain, person, _lang, iban, _other in CUSTOMERS:
        buyer = f"{person.split()[0].lower()}@{domain}" if person.isascii() else f"buyer@{domain}"
        _, quote = w.add(REP, f"{person} <{buyer}>", "Quotation 2026-117", w.text(), sent=True)
        _, reply = w.add(buyer, REP, "Re: Quotation 2026-117", w.text(), name=person,
                         parent=quote, headers=(_auth("pass", domain),))
        threads[domain] = reply
        invoice = w.add(buyer, REP, "Invoice 2026-117", f"{w.text()}\n\nIBAN: {iban}\n",
                        name=person, parent=reply, headers=(_auth("pass", domain),))
        risk_store.add_detail(store, domain, BankDetail("iban", iban), source="test")
        clean(f"invoice with the confirmed IBAN ({domain})", invoice)

    for domain, person, lang, _iban, other in CUSTOMERS:
        buyer = f"{person.split()[0].lower()}@{domain}" if person.isascii() else f"buyer@{domain}"
        ok = (_auth("pass", domain),)
        for n in range(7):
            clean(f"thread reply {n} ({domain})", w.add(
                buyer, REP, "Re: Quotation 2026-117", w.text(), name=person,
                parent=threads[domain], headers=ok))
        clean(f"bank details unchanged, {lang}", w.add(
            buyer, REP, "Payment reminder", f"{UNCHANGED_TEXT[lang]}\n\n{w.text()}", name=person,
            parent=threads[domain], headers=ok))
        clean(f"urgent but legitimate order ({domain})", w.add(
            buyer, REP, "Urgent: shipping date", f"Please confirm the ETD urgently.\n{w.text()}",
            name=person, headers=ok))
        clean(f"a new party copies the buyer in ({domain})", w.add(
            f"projects@site-contractor{w.serial}.com", REP, "Re: Quotation 2026-117", w.text(),
            cc=f"{person} <{buyer}>", parent=threads[domain]))
        fake = LOOKALIKES[domain]
        fraud(f"lookalike domain {fake}", w.add(
            f"accounts@{fake}", REP, "Re: Quotation 2026-117", w.text(), name=person,
            parent=threads[domain]))
        fraud(f"bank change from a lookalike, {lang}", w.add(
            f"accounts@{fake}", REP, "Payment details", f"{CHANGE_TEXT[lang]}\nIBAN: {other}\n",
            name=person))
        fraud(f"bank change from the real (taken-over) mailbox, {lang}", w.add(
            buyer, REP, "Re: Invoice 2026-117", f"{CHANGE_TEXT[lang]}\nIBAN: {other}\n",
            name=person, parent=threads[domain], headers=ok))
        fraud(f"forged From with DMARC failure ({domain})", w.add(
            buyer, REP, "Invoice 2026-117 (corrected)", w.text(), name=person,
            headers=(_auth("fail", domain),
                     ("Authentication-Results", f"{AUTHSERV}; dmarc=pass header.from={domain}"))))
        fraud(f"hijacked thread ({domain})", w.add(
            f"finance@payments-desk{w.serial}.net", REP, "Re: Quotation 2026-117", w.text(),
            name=person, parent=threads[domain]))
        fraud(f"Reply-To to a lookalike ({domain})", w.add(
            buyer, REP, "Re: Quotation 2026-117", w.text(), name=person,
            reply_to=f"{person.split()[0].lower()}@{fake}", parent=threads[domain], headers=ok))
        fraud(f"display name of the buyer, other address ({domain})", w.add(
            f"{person.split()[0].lower()}.{domain.split('.')[0]}@gmail.com", REP,
            "Invoice copy", w.text(), name=person))
        for kind in ("pdf", "docx", "xlsx"):
            fraud(f"{kind.upper()} invoice with a changed IBAN ({domain})", w.add(
                buyer, REP, "Invoice 2026-117 (updated)", "Please find the invoice attached.",
                name=person, parent=threads[domain], headers=ok,
                attachment=(f"invoice.{kind}", invoice_document(
                    kind, other, domain.split(".")[0].upper() + " LTD"))))

    for n, (sender, name) in enumerate(MIXED_SCRIPT_FRAUD):  # B10: one word, two alphabets
        fraud(f"mixed scripts {n}: {name} <{sender}>", w.add(
            sender, REP, "Re: Quotation 2026-117" if n % 2 else "Account verification",
            w.text(), name=name, parent=threads["acme-trading.com"] if n % 2 else ""))
    for n, (sender, name) in enumerate(ONE_SCRIPT_CLEAN):  # a Russian or Chinese company
        clean(f"one non-Latin script {n}: {name} <{sender}>", w.add(
            sender, REP, "Inquiry: LED panels",
            f"We are interested in your products, please send a quotation.\n{w.text()}",
            name=name))
    for n in range(6):  # mailing lists: Reply-To the list, bounces to the list service
        clean(f"mailing list post {n}", w.add(
            f"member{n}@exporters-forum.org", REP, f"[trade-forum] Incoterms question {n}",
            w.text(), reply_to="trade-forum@lists.exporters-forum.net",
            headers=(("List-Id", "<trade-forum.lists.exporters-forum.net>"),
                     ("Return-Path", "<bounce@lists.exporters-forum.net>"))))
    for n, vendor in enumerate(("freightdesk.com", "customs-helper.io", "portalpay.eu")):
        clean(f"help desk reply ({vendor})", w.add(
            f"support@{vendor}", REP, f"[Ticket #{4711 + n}] Your request", w.text(),
            reply_to=f"ticket+{4711 + n}@{vendor.split('.')[0]}.zendesk.com"))
    for n in range(10):
        clean(f"first inquiry from a new company {n}", w.add(
            f"purchasing@newbuyer{n}.com", REP, "Inquiry: LED panels",
            f"We are interested in your products, please send a quotation.\n{w.text()}"))
    for n in range(6):
        clean(f"newsletter {n}", w.add(
            f"news@tradefair{n}.com", REP, "Canton Fair newsletter", w.text(),
            headers=(("Return-Path", f"<bounce-{n}@mailer-service.net>"),)))
    return cases
