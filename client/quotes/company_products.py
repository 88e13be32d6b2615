"""The company price list: distributed and verified exactly like the signature policy.

The admin puts `products.csv` (or `products.xlsx`; same columns as `tradewind products
import`) in the policy folder and signs it with the rest (`tradewind policy sign`, which
refuses a price list that does not read: `check_signed_price_list`). Clients fetch it with
the policy from its file path, shared folder or HTTPS URL (`client.signatures.provision`):
only a copy whose Ed25519 signature and SHA-256 verify is kept, the last valid copy is used
offline, a tampered copy is refused and the kept one stays. A file added to the folder after
signing is ignored.

`company_price_list(store) -> CompanyPriceList` reads it from the policy in force;
`listed_products(store) -> [ListedProduct]` is the list the rep sees: company products beside
personal ones (the rep's own imports, `client.quotes.products`), by SKU; on a SKU in both
the company's wins and the personal one is listed as `overridden`; `catalog(store)` maps
each SKU (case-insensitive) to the product quotes are priced from; `find_product(catalog,
sku)` raises `UnknownProductError`. Caller's Store and thread; no network (the refresh is the
policy's); never raises for a policy or a price list that cannot be used: the words are in
`CompanyPriceList.problem`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from client.i18n import _
from client.quotes import products
from client.quotes.products import Product, ProductImportError, UnknownProductError
from client.store.db import Store

PRICE_LIST_FILES = ("products.csv", "products.xlsx")
COMPANY, PERSONAL = "company", "personal"


@dataclass(frozen=True)
class CompanyPriceList:
    products: tuple[Product, ...] = ()
    file: str | None = None  # the signed file it was read from
    problem: str | None = None  # why there is none although a policy is configured


@dataclass(frozen=True)
class ListedProduct:
    product: Product
    source: str  # "company" or "personal"
    overridden: bool = False  # a personal product whose SKU the company list has too

    def as_json(self) -> dict[str, object]:
        return {**self.product.as_json(), "source": self.source, "overridden": self.overridden}


def read_price_list(files: Mapping[str, bytes]) -> tuple[str, list[Product]] | None:
    """The price list among these (signed) files, parsed; None when there is none. Raises
    `ProductImportError` (row numbers) for one that does not read."""
    for name in PRICE_LIST_FILES:
        data = files.get(name)
        if data is None:
            continue
        if len(data) > products.MAX_FILE_BYTES:
            raise ProductImportError(_("{name} is larger than {size} MB.", name=name,
                                       size=products.MAX_FILE_BYTES // (1024 * 1024)))
        rows = (products.read_xlsx(data) if name.endswith(".xlsx")
                else products.read_csv(data))
        return name, products.parse_rows(rows)
    return None


def check_signed_price_list(files: Mapping[str, bytes]) -> None:
    """For `tradewind policy sign`: raises `ProductImportError` for a price list in the
    folder that clients could not read (so it is never signed)."""
    read_price_list(files)


def company_price_list(store: Store) -> CompanyPriceList:
    """The price list signed into the company policy in force (see the module docstring)."""
    from client.signatures.provision import policy_in_force
    from client.signatures.schema import PolicyError

    try:
        bundle = policy_in_force(store)
    except PolicyError as exc:
        return CompanyPriceList(problem=_("The company price list is not used: {reason}",
                                          reason=exc))
    if bundle is None or bundle.manifest is None:
        return CompanyPriceList()
    signed = {name: data for name, data in bundle.files.items() if name in bundle.manifest.files}
    try:
        found = read_price_list(signed)
    except ProductImportError as exc:
        return CompanyPriceList(problem=_("The company price list cannot be read: {reason}",
                                          reason=exc))
    if found is None:
        return CompanyPriceList()
    name, items = found
    return CompanyPriceList(tuple(items), name)


def listed_products(store: Store,
                    company: CompanyPriceList | None = None) -> list[ListedProduct]:
    """Company and personal products by SKU (see the module docstring)."""
    company = company if company is not None else company_price_list(store)
    company_skus = {p.sku.casefold() for p in company.products}
    listed = [ListedProduct(p, COMPANY) for p in company.products]
    listed += [ListedProduct(p, PERSONAL, p.sku.casefold() in company_skus)
               for p in products.list_products(store)]
    return sorted(listed, key=lambda item: (item.product.sku.casefold(), item.source != COMPANY))


def catalog(store: Store, company: CompanyPriceList | None = None) -> dict[str, Product]:
    """SKU (casefolded) → the product quotes use: the company's on a clash."""
    return {item.product.sku.casefold(): item.product
            for item in reversed(listed_products(store, company)) if not item.overridden}


def find_product(catalog: Mapping[str, Product], sku: str) -> Product:
    """The product with this SKU (case-insensitive); raises `UnknownProductError`."""
    found = catalog.get(sku.strip().casefold())
    if found is None:
        raise UnknownProductError(_(
            "There is no product '{sku}' in the price list (see `tradewind products list`; "
            "import one with `tradewind products import`).", sku=sku.strip()))
    return found
