"""Bank details in mail text and PDF/DOCX/XLSX invoices (checklist B6)."""

from __future__ import annotations

import pytest

from client.security.bank_details import BankDetail, attachment_text, extract
from tests.client.security.fraud_cases import invoice_document


def test_iban_bic_account_and_beneficiary_from_text() -> None:
    text = ("Bank: Deutsche Bank\nIBAN: DE89 3704 0044 0532 0130 00\nSWIFT code: DEUTDEFF\n"
            "Beneficiary: ACME Trading GmbH\n账号：6217 0000 1001 2345 678\n收款人：上海贸易有限公司\n")
    found = extract(text)
    assert BankDetail("iban", "DE89370400440532013000") in found
    assert BankDetail("bic", "DEUTDEFF") in found
    assert BankDetail("account", "6217000010012345678") in found
    assert BankDetail("beneficiary", "acme trading gmbh") in found
    assert BankDetail("beneficiary", "上海贸易有限公司") in found


def test_invalid_ibans_and_unlabelled_codes_are_not_details() -> None:
    assert extract("IBAN: DE89 3704 0044 0532 0130 01") == []  # wrong checksum
    assert extract("INVOICES ATTACHED FOR DEUTDEFF") == []  # a BIC shape without a label


def test_masked_and_fingerprinted() -> None:
    detail = BankDetail("iban", "DE89370400440532013000")
    assert detail.masked == "DE89…3000"
    assert detail.fingerprint != BankDetail("iban", "DE75512108001245126199").fingerprint


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx"])
def test_the_iban_of_an_invoice_document(kind: str) -> None:
    data = invoice_document(kind, "GB33BUKB20201555555555", "ACME LTD")
    found = extract(attachment_text(f"Invoice.{kind.upper()}", data))
    assert BankDetail("iban", "GB33BUKB20201555555555") in found
    assert BankDetail("beneficiary", "acme ltd") in found


def test_broken_or_other_files_give_no_text() -> None:
    assert attachment_text("invoice.pdf", b"%PDF-1.4 broken") == ""
    assert attachment_text("invoice.docx", b"PK\x03\x04 not a zip") == ""
    assert attachment_text("invoice.txt", b"IBAN: DE89370400440532013000") == ""
    assert attachment_text("invoice.pdf", None) == ""
