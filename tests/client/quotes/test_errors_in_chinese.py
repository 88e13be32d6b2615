"""A rep whose Tradewind speaks Chinese gets the quote, price-list and template errors in
Chinese (the core's messages go through client.i18n), in the CLI and from the library the
picker uses; the English words stay when the language is English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client import i18n
from client.quotes.reply import QuoteRequest, item_specs, parse_item
from client.templates import QuoteInputError, TemplateError, render_template
from tests.client.cli.fixtures import CliResult
from tests.client.templates.helpers import context, variant


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_bad_items_and_terms_are_refused_in_chinese(chinese: None) -> None:
    with pytest.raises(QuoteInputError, match="数量 '-5' 必须大于零"):
        parse_item("NB-V100;-5")
    with pytest.raises(QuoteInputError, match="格式应为 SKU;数量"):
        item_specs(["a;b;c"])
    from client.quotes.reply import _check

    with pytest.raises(QuoteInputError, match="不是 2020 年国际贸易术语"):
        _check(QuoteRequest("quotation", (), "USD", incoterm="FOX"))
    with pytest.raises(QuoteInputError, match="不是币种代码"):
        _check(QuoteRequest("quotation", (), "XXY"))


def test_a_template_error_names_the_template_and_line_in_chinese(chinese: None) -> None:
    with pytest.raises(TemplateError) as info:
        render_template(variant("<p>{{ buyer.nmae }}</p>\n"), "en", context())
    message = str(info.value)
    assert message.startswith("模板 ") and "第 " in message and "未知变量" in message


def test_the_cli_says_it_in_chinese(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,price_USD\nA-1,Valve,abc\n", encoding="utf-8")
    chinese = cli("--lang", "zh_CN", "products", "import", str(bad))
    assert chinese.code == 2 and "未导入任何内容" in chinese.err and "第 2 行" in chinese.err
    english = cli("--lang", "en", "products", "import", str(bad))
    assert english.code == 2 and "Nothing was imported" in english.err and "row 2" in english.err


def test_a_broken_template_file_is_named_with_its_line_in_chinese(chinese: None) -> None:
    from client.templates.files import TemplateFileError, parse_template_text

    with pytest.raises(TemplateFileError) as info:
        parse_template_text('+++\nname = "x"\nlang = "en"\nsubject = "S"\ncolour = "red"\n+++\n'
                            "<p>x</p>\n", "x.en.tpl")
    assert str(info.value).startswith("模板 x.en.tpl") and "未知的前置信息键 colour" in str(info.value)


def test_text_the_pdf_cannot_show_is_refused_in_chinese(chinese: None) -> None:
    from client.quotes.pdf import Party, PdfTextError, render_pdf
    from tests.client.quotes.test_pdf import _doc

    with pytest.raises(PdfTextError, match="PDF 字体无法显示 '한'"):
        render_pdf(_doc(buyer=Party("한국무역 주식회사", ("Seoul",))))
