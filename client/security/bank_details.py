"""Bank details in a message's text and its PDF/DOCX/XLSX attachments (B6).

``extract(text) -> list[BankDetail]``: IBANs (validated with ``schwifty``: country, length,
checksum), SWIFT/BIC codes after a "SWIFT"/"BIC" label (validated with ``schwifty``), account
numbers after an account label in any of the eight trade languages, and beneficiary names after
a beneficiary label. ``attachment_text(filename, data)`` is the text of a PDF (``pypdf``), DOCX
(``python-docx``) or XLSX (``openpyxl``) attachment of at most ``MAX_DOCUMENT_BYTES``, "" for
any other or unreadable file (never raises: a broken document only means no details found).
``BankDetail.fingerprint`` is the SHA-256 of ``kind:normalised value``: the known-details
table stores that and a masked form (``masked``), never the whole number.
Pure, any thread.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from schwifty import BIC, IBAN

from client.security.bank_kinds import (  # noqa: F401 - part of this module's API
    ACCOUNT_KIND,
    BENEFICIARY_KIND,
    BIC_KIND,
    IBAN_KIND,
    KINDS,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000

_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,4})?)\b")
_BIC = re.compile(r"(?:SWIFT|BIC|S\.W\.I\.F\.T)[\w ./-]{0,12}?[:：]?\s*([A-Z]{6}[A-Z0-9]{2}"
                  r"(?:[A-Z0-9]{3})?)\b", re.IGNORECASE)
_ACCOUNT_LABEL = (r"(?:account\s*(?:no\.?|number|#)|a/c\s*(?:no\.?)?|acct\.?\s*(?:no\.?)?|"
                  r"账号|帐号|账户号码|帐户号码|银行账户|收款账户|"
                  r"(?:n[uú]mero\s+de\s+)?cuenta|(?:n[uú]mero\s+da\s+)?conta|"
                  r"(?:num[ée]ro\s+de\s+)?compte|kontonummer|konto(?:-?nr\.?)?|"
                  r"(?:расч[её]тный\s+)?сч[её]т(?:\s*№)?|رقم\s+الحساب)")
_ACCOUNT = re.compile(_ACCOUNT_LABEL + r"\s*[:：#№]?\s*([0-9][0-9 -]{4,30}[0-9])", re.IGNORECASE)
_BENEFICIARY = re.compile(
    r"(?:beneficiary(?:\s+name)?|account\s+name|payee|收款人(?:名称)?|户名|收款单位|"
    r"beneficiario|benefici[áa]rio|titular|b[ée]n[ée]ficiaire|titulaire|empf[äa]nger|"
    r"kontoinhaber|получатель|المستفيد)\s*[:：]\s*([^\n\r;|]{3,80})", re.IGNORECASE)


@dataclass(frozen=True)
class BankDetail:
    """One bank detail: ``kind`` (iban, bic, account, beneficiary) and its normalised value."""

    kind: str
    value: str

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.kind}:{self.value}".encode()).hexdigest()

    @property
    def masked(self) -> str:
        """The value with all but its first 4 and last 4 characters hidden (names: kept)."""
        if self.kind in (BENEFICIARY_KIND, BIC_KIND) or len(self.value) <= 8:
            return self.value
        return f"{self.value[:4]}…{self.value[-4:]}"


def normalise(kind: str, value: str) -> str:
    """The form details are compared in: no spaces or dashes, upper case; names casefolded."""
    if kind == BENEFICIARY_KIND:
        return " ".join(value.split()).strip(" .,").casefold()
    return re.sub(r"[\s\u00a0-]", "", value).upper()


def _valid_iban(text: str) -> str | None:
    try:
        return str(IBAN(text).compact)
    except Exception:  # noqa: BLE001 - schwifty raises its own error types for each defect
        return None


def _valid_bic(text: str) -> str | None:
    try:
        return str(BIC(text.upper()).compact)
    except Exception:  # noqa: BLE001
        return None


def extract(text: str) -> list[BankDetail]:
    """Every bank detail of ``text`` (first ``MAX_TEXT_CHARS``), each once, in order."""
    text = (text or "")[:MAX_TEXT_CHARS]
    found: dict[BankDetail, None] = {}
    ibans: set[str] = set()
    for match in _IBAN.finditer(text.upper()):
        iban = _valid_iban(match.group(1))
        if iban:
            ibans.add(iban)
            found[BankDetail(IBAN_KIND, iban)] = None
    for match in _BIC.finditer(text):
        bic = _valid_bic(match.group(1))
        if bic:
            found[BankDetail(BIC_KIND, bic)] = None
    for match in _ACCOUNT.finditer(text):
        number = normalise(ACCOUNT_KIND, match.group(1))
        if 6 <= len(number) <= 34 and not any(number in iban for iban in ibans):
            found[BankDetail(ACCOUNT_KIND, number)] = None
    for match in _BENEFICIARY.finditer(text):
        name = normalise(BENEFICIARY_KIND, match.group(1))
        if name:
            found[BankDetail(BENEFICIARY_KIND, name)] = None
    return list(found)


def attachment_text(filename: str, data: bytes | None) -> str:
    """The text of a PDF, DOCX or XLSX attachment (see module docstring)."""
    if not data or len(data) > MAX_DOCUMENT_BYTES:
        return ""
    name = filename.lower()
    try:
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages[:50])
        if name.endswith(".docx"):
            import docx

            document = docx.Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)
        if name.endswith(".xlsx"):
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            lines = []
            for sheet in book.worksheets[:20]:
                for row in sheet.iter_rows(max_row=2000, values_only=True):
                    lines.append(" ".join(str(v) for v in row if v is not None))
            return "\n".join(lines)
    except Exception:  # noqa: BLE001 - a damaged document: no details rather than a crash
        return ""
    return ""
