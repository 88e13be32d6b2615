"""The price list: CSV and XLSX import, all-or-nothing with row numbers, look-up by SKU."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from client.quotes import products
from client.quotes.products import ProductImportError, UnknownProductError
from client.store.db import Store

DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tw.db")


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_import_with_names_in_several_languages(store: Store, tmp_path: Path) -> None:
    report = products.import_file(store, shutil.copy(DATA / "pricelist.csv", tmp_path / "p.csv"))
    assert (report.added, report.updated) == (3, 0)
    valve = products.get_product(store, "nb-v100")  # SKUs are case-insensitive
    assert valve.sku == "NB-V100"
    assert valve.name_for("de_DE") == "Kugelhahn DN50"
    assert valve.name_for("zh_CN") == "球阀 DN50"
    # a quote's locale has a script (zh_Hans_CN) and a template language none (zh): both
    # find the name_zh_CN column, not the English default
    assert valve.name_for("zh_Hans_CN") == "球阀 DN50" and valve.name_for("zh") == "球阀 DN50"
    assert valve.name_for("fr") == "Ball valve DN50"
    assert valve.prices == {"USD": Decimal("12.50"), "EUR": Decimal("11.20")}
    assert (valve.specification, valve.unit, valve.moq, valve.lead_time) == (
        "PN16, stainless steel 304", "pcs", "500", "25 days")
    assert products.get_product(store, "NB-P300").prices["USD"] == Decimal("1250.00")
    assert [p.sku for p in products.list_products(store)] == ["NB-P300", "NB-S200", "NB-V100"]


def test_xlsx_import_and_reimport_replaces_prices(store: Store, tmp_path: Path) -> None:
    header = ["sku", "Name", "name_ar", "name_ru", "spec", "unit", "price_USD", "price_JPY",
              "moq", "lead_time"]
    path = _xlsx(tmp_path / "p.xlsx", [
        header,
        ["AR-1", "Copper pipe", "أنبوب نحاسي", "Медная труба", "15 mm × 1 m", "m", 3.2, 480,
         100, "20 days"],
        [None] * 10,  # empty rows are skipped
        ["AR-2", "Elbow 90°", "كوع 90", "Отвод 90°", "15 mm", "pcs", 0.35, 52, 1000, None],
    ])
    assert products.import_file(store, path).added == 2
    pipe = products.get_product(store, "AR-1")
    assert pipe.prices == {"USD": Decimal("3.2"), "JPY": Decimal("480")}
    assert pipe.name_for("ar") == "أنبوب نحاسي" and pipe.name_for("ru_RU") == "Медная труба"
    assert pipe.moq == "100"
    again = _xlsx(tmp_path / "q.xlsx", [["sku", "name", "price_EUR"], ["AR-1", "Pipe", "2.90"]])
    report = products.import_file(store, again)
    assert (report.added, report.updated) == (0, 1)
    assert products.get_product(store, "AR-1").prices == {"EUR": Decimal("2.90")}
    assert products.get_product(store, "AR-2").prices["JPY"] == Decimal("52")


def test_bad_rows_are_refused_with_their_row_numbers_and_nothing_is_imported(
        store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "sku;name;price_USD;price_EUR\n"
        "OK-1;Fine;1.00;0.90\n"
        ";No SKU;1.00;\n"
        "BAD-2;Bad price;twelve;\n"
        "BAD-3;Negative;-4;\n"
        "OK-1;Twice;2;\n"
        "BAD-5;No price;;\n"
        "BAD 6;Space;1;\n", encoding="utf-8")
    with pytest.raises(ProductImportError) as info:
        products.import_file(store, path)
    assert [n for n, _ in info.value.problems] == [3, 4, 5, 6, 7, 8]
    message = str(info.value)
    assert "Nothing was imported" in message
    assert "row 4: The USD price 'twelve' is not a number." in message
    assert "row 6: SKU 'OK-1' already appears in row 2." in message
    assert products.list_products(store) == []


@pytest.mark.parametrize(("content", "words"), [
    ("sku,name,price_XYZ\nA,B,1\n", "not a currency code"),
    ("sku,name,colour,price_USD\nA,B,red,1\n", "Unknown column 'colour'"),
    ("name,price_USD\nB,1\n", "'sku' column"),
    ("sku,price_USD\nA,1\n", "no name column"),
    ("sku,name\nA,B\n", "no price column"),
    ("sku,name,price_USD\n", "no products"),
    ("", "empty"),
])
def test_bad_files_are_refused_in_words(store: Store, tmp_path: Path, content: str,
                                        words: str) -> None:
    path = tmp_path / "f.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProductImportError, match=words):
        products.import_file(store, path)


def test_not_a_workbook_and_wrong_suffix(store: Store, tmp_path: Path) -> None:
    fake = tmp_path / "f.xlsx"
    fake.write_bytes(b"sku,name\n")
    with pytest.raises(ProductImportError, match="not a readable .xlsx"):
        products.import_file(store, fake)
    with pytest.raises(ProductImportError, match="use a .csv or .xlsx"):
        products.import_file(store, tmp_path / "f.pdf")
    with pytest.raises(ProductImportError, match="cannot be read"):
        products.import_file(store, tmp_path / "missing.csv")


def test_gbk_csv_from_a_chinese_excel(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("sku,name_zh_CN,specification,price_CNY\n"
                     "ZH-1,不锈钢球阀,304 不锈钢 法兰连接 公称压力 PN16 口径 DN50,88.00\n"
                     .encode("gb18030"))
    products.import_file(store, path)
    assert products.get_product(store, "ZH-1").name_for("zh_CN") == "不锈钢球阀"


def test_unknown_sku(store: Store) -> None:
    with pytest.raises(UnknownProductError, match="no product 'NOPE'"):
        products.get_product(store, "NOPE")


def test_latin1_csv(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("sku;name_fr;price_EUR\nFR-1;Robinet à boisseau sphérique;12,50\n"
                     .encode("cp1252"))
    products.import_file(store, path)
    product = products.get_product(store, "FR-1")
    assert product.name_for("fr") == "Robinet à boisseau sphérique"
    assert product.prices["EUR"] == Decimal("12.50")


def test_cyrillic_csv(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ru.csv"
    path.write_bytes("sku;name_ru;price_RUB\nRU-1;Шаровой кран;1200\n".encode("cp1251"))
    products.import_file(store, path)
    assert products.get_product(store, "RU-1").name_for("ru") == "Шаровой кран"
