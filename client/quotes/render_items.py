"""`tradewind templates render --item "SKU;QTY"`: items picked from the price list.

`quote_with_price_list(store, items, options, lang) -> QuoteContext` is
`client.templates.quote_context.quote_from_cli` with every `"SKU;QTY"` item priced as a quote
prices it (`client.quotes.reply.price_items`: the company's price list first, then the rep's;
name in `lang`, unit price in the quote's currency, line total rounded to the currency) and
`"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"` items as written, in the order given. Raises
`QuoteInputError` in words (unknown SKU, no price in that currency, bad quantity). Caller's
Store and thread; reads only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from client.store.db import Store
from client.templates import QuoteContext, QuoteItem
from client.templates.quote_context import quote_from_cli


def is_sku_item(text: str) -> bool:
    return len(text.split(";")) == 2


def quote_with_price_list(store: Store, items: Sequence[str],
                          options: Mapping[str, str | None], lang: str) -> QuoteContext:
    """See the module docstring."""
    from client.quotes.reply import parse_item, price_items

    base = quote_from_cli([text for text in items if not is_sku_item(text)], options)
    written = iter(base.items)
    out: list[QuoteItem] = []
    for text in items:
        if is_sku_item(text):
            [line] = price_items(store, [parse_item(text)], base.currency, lang)
            out.append(QuoteItem(line.product, line.specification, line.quantity, line.unit,
                                 line.unit_price, line.line_total))
        else:
            out.append(next(written))
    return replace(base, items=tuple(out), total=None)
