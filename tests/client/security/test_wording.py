"""Payment-change, urgency and secrecy wording (checklist B6, B8) in the eight trade languages."""

from __future__ import annotations

import pytest

from client.security.wording import payment_change, secrecy, urgency
from tests.client.security.fraud_cases import CHANGE_TEXT, UNCHANGED_TEXT


@pytest.mark.parametrize("lang", sorted(CHANGE_TEXT))
def test_a_bank_change_is_found_in_every_language(lang: str) -> None:
    assert payment_change(CHANGE_TEXT[lang])


@pytest.mark.parametrize("lang", sorted(UNCHANGED_TEXT))
def test_unchanged_bank_details_are_not_a_change(lang: str) -> None:
    assert payment_change(UNCHANGED_TEXT[lang]) is None


@pytest.mark.parametrize("text", ["请汇款至新账户", "银行账户变更通知", "更改收款账户",
                                  "Our old account is under audit, use the one below.",
                                  "Please note: new bank account."])
def test_the_checklist_phrases(text: str) -> None:
    assert payment_change(text)


def test_a_denial_only_counts_in_its_own_sentence() -> None:
    assert payment_change("Nothing is unchanged here. Please use our new bank account.") == \
        "new bank account"
    assert payment_change("We will never change our bank details by email.") is None
    assert payment_change("Please pay the invoice as usual.") is None


def test_urgency_and_secrecy() -> None:
    assert urgency("Please pay URGENTLY today") == "URGENTLY"
    assert urgency("紧急付款") == "紧急"
    assert secrecy("Keep this confidential and do not call the office") == "Keep this confidential"
    assert secrecy("请保密") == "保密"
    assert urgency("Thanks for the samples.") is None and secrecy("See you at the fair.") is None
