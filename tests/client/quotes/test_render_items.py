"""`tradewind templates render --item "SKU;QTY"` picks the item from the price list (name in
the template's language, price in the currency, line total rounded), beside written-out
items; an unknown SKU or a missing price is refused in words with exit 2."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.client.cli.fixtures import Cache, CliResult

DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"


def test_render_prices_skus_from_the_price_list(cache: Cache, cli: Callable[..., CliResult],
                                                tmp_path: Path) -> None:
    assert cli("products", "import", str(shutil.copy(DATA / "pricelist.csv",
                                                      tmp_path / "p.csv"))).code == 0
    result = cli("templates", "render", "quotation", "--message", str(cache.inbox_ids[1]),
                 "--lang", "de", "--locale", "de_DE", "--currency", "EUR", "--json",
                 "--item", "NB-V100;1000", "--item", "Flansch;DN50;10;Stk.;3,20")
    assert result.code == 0, result.err
    text = result.json()["text"]
    assert "Kugelhahn DN50" in text and "11.200,00\xa0€" in text  # 1000 × 11.20
    assert "10 Stk. × 3,20\xa0€ = 32,00\xa0€" in text  # a decimal comma, not 320
    assert "11.232,00\xa0€" in text  # the total
    assert text.index("Kugelhahn") < text.index("Flansch")

    unknown = cli("templates", "render", "quotation", "--message", str(cache.inbox_ids[1]),
                  "--item", "NO-SUCH;5")
    assert unknown.code == 2 and "There is no product 'NO-SUCH'" in unknown.err
    ambiguous = cli("templates", "render", "quotation", "--message", str(cache.inbox_ids[1]),
                    "--item", "Flansch;DN50;10;pcs;1,250")
    assert ambiguous.code == 2 and "ambiguous" in ambiguous.err
    no_price = cli("templates", "render", "quotation", "--message", str(cache.inbox_ids[1]),
                   "--currency", "JPY", "--item", "NB-V100;5")
    assert no_price.code == 2 and "no JPY price for NB-V100" in no_price.err
