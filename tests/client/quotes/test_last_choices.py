"""The rep's last quote choices: kept when a quote is made, read back for the one-click quote,
and a setting that is damaged or edited by hand is never quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.quotes import last_choices
from client.quotes.reply import QuoteRequest, item_specs
from client.store.db import Store
from client.templates import QuoteInputError


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "tradewind.db") as opened:
        yield opened


def test_the_choices_of_a_quote_come_back_as_the_next_request(store: Store) -> None:
    assert last_choices.last(store) is None
    request = QuoteRequest(template="quotation", items=item_specs(
        ["NB-V100;1000", "Custom flange;DN50 PN16;200;pcs;3.20"]), currency="USD",
        incoterm="FOB", place="Ningbo", lang="de", payment_terms="L/C at sight",
        valid_days=14, lead_time="25 days", with_pdf=True, send=True)
    last_choices.remember(store, request)
    chosen = last_choices.last(store)
    assert chosen is not None
    again = chosen.request("es")
    assert again.lang == "es" and not again.send  # one click makes a draft to edit
    assert (again.template, again.currency, again.incoterm, again.place, again.payment_terms,
            again.valid_days, again.lead_time, again.with_pdf) == (
        "quotation", "USD", "FOB", "Ningbo", "L/C at sight", 14, "25 days", True)
    assert again.items == request.items
    assert store.get_setting(last_choices.LAST_TEMPLATE_KEY) == "quotation"


@pytest.mark.parametrize("value", [
    None, "quotation", [], {"template": "quotation"}, {"template": "", "items": ["A;1"],
                                                      "currency": "USD"},
    {"template": "quotation", "items": [1], "currency": "USD"},
    {"template": "quotation", "items": ["A;1"], "currency": 5},
])
def test_a_damaged_setting_gives_no_choices(store: Store, value: object) -> None:
    store.set_setting(last_choices.LAST_CHOICES_KEY, value)
    assert last_choices.last(store) is None


def test_an_item_edited_by_hand_is_refused_in_words(store: Store) -> None:
    store.set_setting(last_choices.LAST_CHOICES_KEY, {
        "template": "quotation", "items": ["NB-V100;-5"], "currency": "USD",
        "valid_days": True})
    chosen = last_choices.last(store)
    assert chosen is not None and chosen.valid_days == 30  # a bool is not a day count
    with pytest.raises(QuoteInputError, match="quantity"):
        chosen.request(None)
