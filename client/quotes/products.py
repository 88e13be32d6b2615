"""The product price list: imported from CSV or XLSX, looked up by SKU.

File layout (first row = column names, case-insensitive; first sheet of an .xlsx):
`sku` (required), `name` and/or `name_<lang>` (e.g. `name_de`, `name_zh_CN`; at least one),
`specification` (or `spec`), `unit`, `price_<CUR>` (one or more, e.g. `price_USD`,
`price_EUR`), `moq`, `lead_time`. Other columns are refused (a typo would drop data).

`import_file` reads and checks every row before writing anything: a missing SKU, a duplicate
SKU, an unknown currency or a bad price is refused with its row number (`ProductImportError`,
up to 20 problems listed) and the cache is unchanged. Accepted rows replace the products with
the same SKU (their prices too) in one transaction; other products stay. CSV: UTF-8 (with or
without BOM), else Excel's ANSI code page (GB18030, cp1251 or cp1252, whichever reads as
text); `,` `;` or tab separated. XLSX:
openpyxl read-only; a formula cell reads as its cached value (empty if never calculated).
Limits: `MAX_FILE_BYTES`, `MAX_ROWS`. Caller's thread and Store.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from client.i18n import _
from client.money import MoneyError, currency_code, parse_price
from client.store.db import Store

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_CELL = 2000
_PROBLEMS_SHOWN = 20
_SIMPLE = {"sku", "name", "specification", "spec", "unit", "moq", "lead_time"}
_LANG = re.compile(r"^name_([a-z]{2,3}(?:_[a-z0-9]{2,4})*)$", re.IGNORECASE)
_PRICE = re.compile(r"^(?:price|unit_price)_([a-z]{3})$", re.IGNORECASE)


class ProductImportError(ValueError):
    """A price list that cannot be imported; `problems` lists `(row, words)`."""

    def __init__(self, message: str, problems: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class UnknownProductError(LookupError):
    """No product with this SKU in the price list; `str()` says so."""


@dataclass(frozen=True)
class Product:
    sku: str
    names: dict[str, str]
    specification: str = ""
    unit: str = ""
    moq: str = ""
    lead_time: str = ""
    prices: dict[str, Decimal] = field(default_factory=dict)

    def name_for(self, lang: str | None) -> str:
        """The name in `lang` (zh_Hans_CN → zh_Hans_CN, zh_CN, zh, then another zh_*), else
        the default name, else any."""
        tag = (lang or "").replace("-", "_")
        parts = tag.split("_")
        no_script = "_".join(p for p in parts if len(p) != 4)  # a locale's script: Hans, Cyrl
        base = parts[0]
        same_language = sorted(k for k in self.names if k.split("_")[0] == base)
        for key in (tag, no_script, base, *same_language, ""):
            if key in self.names and self.names[key]:
                return self.names[key]
        return next((n for n in self.names.values() if n), self.sku)

    def as_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "names": dict(self.names), "specification": self.specification,
                "unit": self.unit, "moq": self.moq, "lead_time": self.lead_time,
                "prices": {c: format(p, "f") for c, p in sorted(self.prices.items())}}


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    skus: tuple[str, ...]


def _columns(header: Sequence[Any]) -> list[tuple[str, str]]:
    """(kind, key) per column: ("sku", ""), ("name", "de"), ("price", "EUR")…"""
    kinds: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for raw in header:
        name = str(raw or "").strip()
        low = name.lower().replace(" ", "_").replace("-", "_")
        lang, price = _LANG.match(low), _PRICE.match(low)
        if low in _SIMPLE:
            kind = ("specification", "") if low == "spec" else (low, "")
            if low == "name":
                kind = ("name", "")
        elif lang:
            parts = name.strip().replace("-", "_").split("_")[1:]
            kind = ("name", "_".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p
                                                          for p in parts[1:])]))
        elif price:
            try:
                kind = ("price", currency_code(price.group(1)))
            except MoneyError as exc:
                raise ProductImportError(_("Column {name}: {reason}", name=repr(name),
                                           reason=exc)) from None
        elif not low:
            kind = ("skip", "")
        else:
            raise ProductImportError(_(
                "Unknown column {name}. Use sku, name, name_<lang>, specification, unit, "
                "price_<CURRENCY>, moq, lead_time.", name=repr(name)))
        if kind[0] != "skip" and kind in seen:
            raise ProductImportError(_("Column {name} appears twice.", name=repr(name)))
        seen.add(kind)
        kinds.append(kind)
    if ("sku", "") not in seen:
        raise ProductImportError(_("The first row must name the columns, with a 'sku' column."))
    if not any(k == "name" for k, _ in seen):
        raise ProductImportError(_("There is no name column (name or name_<lang>)."))
    if not any(k == "price" for k, _ in seen):
        raise ProductImportError(_("There is no price column (price_<CURRENCY>, e.g. "
                                   "price_USD)."))
    return kinds


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # a number typed into a spreadsheet: its shortest exact text (12.5, not 12.4999…)
        return repr(value) if value != int(value) else str(int(value))
    return str(value).strip()


def parse_rows(rows: Iterable[Sequence[Any]]) -> list[Product]:
    """Products from a header row and data rows; raises `ProductImportError` (row numbers
    count the header as row 1, as a spreadsheet shows them)."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise ProductImportError(_("The file is empty."))
    kinds = _columns(header)
    products: list[Product] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(iterator, start=2):
        if number - 1 > MAX_ROWS:
            raise ProductImportError(_("The file has more than {count} products.",
                                       count=MAX_ROWS))
        cells = [_cell(v) for v in row]
        if not any(cells):
            continue
        product, problem = _product(kinds, cells)
        if problem is None and product is not None:
            earlier = seen.get(product.sku.lower())
            if earlier is not None:
                problem = _("SKU {sku} already appears in row {row}.", sku=repr(product.sku),
                            row=earlier)
            else:
                seen[product.sku.lower()] = number
                products.append(product)
        if problem is not None:
            problems.append((number, problem))
    if problems:
        shown = "\n".join("  " + _("row {row}: {problem}", row=n, problem=p)
                          for n, p in problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        tail = "\n  " + _("… and {count} more.", count=more) if more > 0 else ""
        raise ProductImportError(
            _("Nothing was imported: {count} row(s) cannot be used:", count=len(problems))
            + f"\n{shown}{tail}", problems)
    if not products:
        raise ProductImportError(_("The file has no products below its header row."))
    return products


def _product(kinds: list[tuple[str, str]], cells: list[str]) -> tuple[Product | None, str | None]:
    values: dict[str, str] = {}
    names: dict[str, str] = {}
    prices: dict[str, Decimal] = {}
    if len(cells) > len(kinds) and any(cells[len(kinds):]):
        return None, _("it has more cells than the header has columns.")
    for (kind, key), text in zip(kinds, cells, strict=False):
        if len(text) > MAX_CELL:
            return None, _("a cell is longer than {count} characters.", count=MAX_CELL)
        if kind == "name":
            if text:
                names[key] = text
        elif kind == "price":
            if text:
                try:
                    prices[key] = parse_price(text, _("The {currency} price", currency=key))
                except MoneyError as exc:
                    return None, str(exc)
        elif kind != "skip":
            values[kind] = text
    sku = values.get("sku", "")
    if not sku:
        return None, _("the SKU is empty.")
    if any(ch.isspace() for ch in sku) or ";" in sku or len(sku) > 64:
        return None, _("SKU {sku} must be at most 64 characters without spaces or ';'.",
                       sku=repr(sku))
    if not names:
        return None, _("SKU {sku} has no name.", sku=repr(sku))
    if not prices:
        return None, _("SKU {sku} has no price.", sku=repr(sku))
    return Product(sku=sku, names=names, specification=values.get("specification", ""),
                   unit=values.get("unit", ""), moq=values.get("moq", ""),
                   lead_time=values.get("lead_time", ""), prices=prices), None


def _mostly_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 127]
    han = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef")
    return bool(wide) and han >= 0.9 * len(wide)


def _decode(data: bytes) -> str:
    """UTF-8 (BOM or not); else the ANSI code page Excel writes: GB18030 when that reads as
    Chinese, cp1251 when it reads as Cyrillic, else cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _mostly_chinese(text):
            return text
    except UnicodeDecodeError:
        pass
    cyrillic = data.decode("cp1251", errors="replace")
    words = [w for w in re.findall(r"\w+", cyrillic) if any("\u0400" <= c <= "\u04ff" for c in w)]
    mixed = [w for w in words if re.search(r"[A-Za-z]", w)]  # "sphйrique": Latin read as 1251
    if words and len(mixed) * 10 <= len(words):
        return cyrillic
    try:
        return data.decode("cp1252")  # Excel's "CSV" on a Western Windows
    except UnicodeDecodeError:
        raise ProductImportError(
            _("The CSV file is not text in a known encoding (save it as CSV UTF-8).")) from None


def read_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV file (separator sniffed among , ; tab)."""
    text = _decode(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise ProductImportError(_("The CSV file cannot be read: {reason}.",
                                   reason=exc)) from None


def read_xlsx(data: bytes) -> list[list[Any]]:
    """Rows (cached values) of the first sheet of an .xlsx workbook."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ProductImportError(_("The file is not a readable .xlsx workbook ({reason}).",
                                   reason=exc)) from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[Any]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def read_file(path: Path) -> list[Product]:
    """Products from a .csv or .xlsx file; raises `ProductImportError` in words."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        raise ProductImportError(_("{name}: use a .csv or .xlsx file.", name=path.name))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProductImportError(_("{name} is larger than {size} MB.", name=path.name,
                                       size=MAX_FILE_BYTES // (1024 * 1024)))
        data = path.read_bytes()
    except OSError as exc:
        raise ProductImportError(_("{name} cannot be read: {reason}.", name=path.name,
                                   reason=exc.strerror or exc)) from None
    rows = read_xlsx(data) if suffix in (".xlsx", ".xlsm") else read_csv(data)
    return parse_rows(rows)


def save_products(store: Store, products: Sequence[Product]) -> ImportReport:
    """Insert or replace products (by SKU, case-insensitive) in one transaction."""
    added = updated = 0
    now = time.time()
    with store.transaction() as conn:
        for p in products:
            row = conn.execute("SELECT id FROM products WHERE sku = ?", (p.sku,)).fetchone()
            fields = (json.dumps(p.names, ensure_ascii=False), p.specification, p.unit, p.moq,
                      p.lead_time, now)
            if row is None:
                cur = conn.execute(
                    "INSERT INTO products (names_json, specification, unit, moq, lead_time,"
                    " updated, sku) VALUES (?, ?, ?, ?, ?, ?, ?)", (*fields, p.sku))
                product_id = int(cur.lastrowid or 0)
                added += 1
            else:
                product_id = int(row[0])
                conn.execute(
                    "UPDATE products SET names_json = ?, specification = ?, unit = ?, moq = ?,"
                    " lead_time = ?, updated = ?, sku = ? WHERE id = ?",
                    (*fields, p.sku, product_id))
                conn.execute("DELETE FROM product_prices WHERE product_id = ?", (product_id,))
                updated += 1
            conn.executemany(
                "INSERT INTO product_prices (product_id, currency, unit_price) VALUES (?, ?, ?)",
                [(product_id, c, format(v, "f")) for c, v in p.prices.items()])
    return ImportReport(added, updated, tuple(p.sku for p in products))


def import_file(store: Store, path: Path) -> ImportReport:
    """Read, check and save a price list (all or nothing)."""
    return save_products(store, read_file(path))


def _load(store: Store, where: str, params: tuple[Any, ...]) -> list[Product]:
    rows = store.conn.execute(
        "SELECT id, sku, names_json, specification, unit, moq, lead_time FROM products"
        f" {where} ORDER BY sku COLLATE NOCASE", params).fetchall()
    out = []
    for r in rows:
        prices = {str(c): Decimal(str(v)) for c, v in store.conn.execute(
            "SELECT currency, unit_price FROM product_prices WHERE product_id = ?", (r[0],))}
        out.append(Product(sku=str(r[1]), names=dict(json.loads(r[2])), specification=str(r[3]),
                           unit=str(r[4]), moq=str(r[5]), lead_time=str(r[6]), prices=prices))
    return out


def list_products(store: Store) -> list[Product]:
    """Every product, by SKU."""
    return _load(store, "", ())


def get_product(store: Store, sku: str) -> Product:
    """The product with this SKU (case-insensitive); raises `UnknownProductError`."""
    found = _load(store, "WHERE sku = ?", (sku.strip(),))
    if not found:
        raise UnknownProductError(_(
            "There is no product '{sku}' in the price list (see `tradewind products list`; "
            "import one with `tradewind products import`).", sku=sku.strip()))
    return found[0]
