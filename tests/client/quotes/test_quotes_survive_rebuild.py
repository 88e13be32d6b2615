"""A cache rebuild keeps the price list, the number counters and the quote records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from client.quotes import numbering, products, records
from client.quotes.records import NewQuote, make_line
from client.store.db import Store
from client.store.recovery import quarantine_and_rebuild


def test_rebuild_keeps_the_quote_tables(tmp_path: Path) -> None:
    db = tmp_path / "tradewind.db"
    with Store.open(db) as store:
        account = store.add_account("anna@company.example")
        products.save_products(store, [products.Product(
            "NB-V100", {"": "Ball valve", "de": "Kugelhahn"}, prices={"EUR": Decimal("11.20")})])
        number = numbering.next_number(store, "anna@company.example", date(2026, 12, 2))
        records.record_quote(store, NewQuote(
            number=number, rep="anna@company.example", currency="EUR", account_id=account.id,
            items=(make_line("Kugelhahn", Decimal(10), Decimal("11.20"), "EUR"),),
            quote_date=date(2026, 12, 2)))
    result = quarantine_and_rebuild(db)
    assert {k: result.imported.get(k) for k in ("products", "product_prices", "quotes",
                                                  "quote_items", "quote_sequences")} == {
        "products": 1, "product_prices": 1, "quotes": 1, "quote_items": 1, "quote_sequences": 1}
    with Store.open(db) as store:
        assert products.get_product(store, "NB-V100").prices == {"EUR": Decimal("11.20")}
        rebuilt = records.get_quote(store, number)
        assert rebuilt.total == Decimal("112.00") and rebuilt.account_id is not None
        # the counter came back too: the next number is not handed out twice
        assert numbering.next_number(store, "anna@company.example",
                                     date(2026, 12, 2)) == "Q-2026-0002"
