"""The PDF quotation: text extracted with pdftotext, fonts embedded (pdffonts), paper sizes,
page breaks with repeated headings, logo, and refusals in words."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from client.quotes import pdf_fonts
from client.quotes.pdf import Party, QuotationDocument, QuotePdfError, render_pdf
from client.quotes.records import make_line

D = Decimal
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _doc(**changes: object) -> QuotationDocument:
    items = (
        make_line("Ball valve DN50", D(1000), D("12.50"), "EUR", unit="pcs",
                  specification="PN16, stainless steel 304"),
        make_line("不锈钢球阀", D(200), D("3.20"), "EUR", specification="法兰连接 公称压力", unit="个"),
        make_line("Медная труба", D(50), D("0.335"), "EUR", unit="m"),
        make_line("أنبوب نحاسي", D(3), D("1250"), "EUR", unit="pcs"),
        make_line("Robinet à boisseau sphérique, Kugelhahn für Öl", D("2.5"), D("100"), "EUR"),
    )
    doc = QuotationDocument(
        number="Q-2026-0042", quote_date=date(2026, 12, 2), currency="EUR", lang="de_DE",
        seller=Party("Ningbo Tradewind Trading Co., Ltd.",
                     ("宁波信风贸易有限公司", "No. 88 Zhongshan East Road, Ningbo")),
        buyer=Party("Müller Armaturen GmbH", ("Hafenstraße 12", "20457 Hamburg")),
        items=items, valid_until=date(2026, 12, 31), incoterm="FOB", place="Ningbo",
        payment_terms="30% T/T in advance, 70% against B/L copy", lead_time="25 days")
    return replace(doc, **changes)  # type: ignore[arg-type]


def _run(tool: str, data: bytes, tmp: Path, *args: str) -> str:
    path = tmp / "q.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, *args, str(path), "-"] if tool == "pdftotext"
                          else [tool, *args, str(path)], check=True, capture_output=True,
                          text=True).stdout


def test_text_of_every_script_and_the_totals_are_in_the_pdf(tmp_path: Path) -> None:
    data = render_pdf(_doc())
    assert data.startswith(b"%PDF-")
    text = _run("pdftotext", data, tmp_path)
    flat = re.sub(r"\s+", " ", text)
    for expected in ("ANGEBOT", "Q-2026-0042", "02.12.2026", "31.12.2026", "Müller Armaturen GmbH",
                     "Hafenstraße 12", "宁波信风贸易有限公司", "不锈钢球阀", "法兰连接", "Медная труба",
                     "Robinet à boisseau sphérique", "12.500,00 €", "640,00 €", "16,75 €",
                     "3.750,00 €", "250,00 €", "17.156,75 €", "FOB Ningbo",
                     "30% T/T in advance, 70% against B/L copy", "Für den Verkäufer",
                     "Angenommen vom Käufer", "Seite 1 von 1"):
        assert expected in flat, expected
    assert "أنبوب" in text or "ﺃﻧﺒﻮﺏ" in text or "نحاسي" in text
    # a Latin line right after a line drawn wholly in the CJK fallback font (fpdf2 once kept
    # the fallback's glyph ids there: the address came out as "NinggboiTraodTedawCid…")
    assert flat.count("No. 88 Zhongshan East Road, Ningbo") == 2


def test_every_font_is_embedded(tmp_path: Path) -> None:
    listing = _run("pdffonts", render_pdf(_doc()), tmp_path).splitlines()[2:]
    assert len(listing) >= 3  # regular, bold, CJK
    for line in listing:
        columns = line.split()
        emb = columns[-5]
        assert emb == "yes", line
    assert any("NotoSansCJKSC" in line for line in listing)
    assert any("DejaVuSans" in line for line in listing)


@pytest.mark.parametrize(("paper", "size"), [("A4", "595.28 x 841.89 pts (A4)"),
                                            ("Letter", "612 x 792 pts (letter)")])
def test_paper_sizes(tmp_path: Path, paper: str, size: str) -> None:
    info = _run("pdfinfo", render_pdf(_doc(paper=paper)), tmp_path)
    [line] = [x for x in info.splitlines() if x.startswith("Page size:")]
    assert line.split(":", 1)[1].strip() == size


def test_many_items_flow_over_pages_with_the_heading_repeated(tmp_path: Path) -> None:
    items = tuple(make_line(f"Part {n:03d}", D(n), D("1.10"), "USD", unit="pcs")
                  for n in range(1, 121))
    data = render_pdf(_doc(items=items, currency="USD", lang="en_US"))
    info = _run("pdfinfo", data, tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    for page in range(1, pages + 1):
        text = _run("pdftotext", data, tmp_path, "-f", str(page), "-l", str(page))
        assert f"Page {page} of {pages}" in text
        if page < pages:
            assert "Unit price" in text  # the table heading on each page with items
    whole = _run("pdftotext", data, tmp_path)
    assert "Part 001" in whole and "Part 120" in whole
    assert "$7,986.00" in whole  # 1.10 × (1 + … + 120)


def test_the_logo_is_drawn(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 78, 121)).save(buffer, format="PNG")
    data = render_pdf(_doc(logo=buffer.getvalue()))
    listing = _run("pdfimages", data, tmp_path, "-list")
    assert re.search(r"\s120\s+40\s", listing)


def test_refusals_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(QuotePdfError, match="logo cannot be used"):
        render_pdf(_doc(logo=b"not an image"))
    with pytest.raises(QuotePdfError, match="A4 or Letter"):
        render_pdf(_doc(paper="A3"))
    with pytest.raises(QuotePdfError, match="at least one item"):
        render_pdf(_doc(items=()))
    monkeypatch.setattr(pdf_fonts, "fonts_dir", lambda: tmp_path / "nothing")
    monkeypatch.setattr(pdf_fonts, "_templates", {})
    with pytest.raises(QuotePdfError, match="DejaVuSans.ttf is missing"):
        render_pdf(_doc())


def test_chinese_labels_and_amounts(tmp_path: Path) -> None:
    text = _run("pdftotext", render_pdf(_doc(lang="zh_CN", currency="CNY", items=(
        make_line("不锈钢球阀", D(1000), D("16.70"), "CNY", unit="个"),))), tmp_path)
    flat = re.sub(r"\s+", " ", text)
    for expected in ("报价单", "报价单号", "合计", "¥16,700.00", "2026年12月31日", "第 1 页"):
        assert expected in flat, expected


def test_text_no_font_can_show_is_refused_instead_of_vanishing() -> None:
    with pytest.raises(QuotePdfError) as info:
        render_pdf(_doc(buyer=Party("한국무역 주식회사", ("Seoul",))))
    message = str(info.value)
    assert "'한' (U+D55C, buyer)" in message and "without --pdf" in message
    with pytest.raises(QuotePdfError, match=r"U\+0939, item 1"):
        render_pdf(_doc(items=(make_line("हिन्दी valve", D(1), D(1), "EUR"),)))


def _first_x(data: bytes, tmp: Path) -> dict[str, float]:
    layout = _run("pdftotext", data, tmp, "-bbox")
    first: dict[str, float] = {}
    for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', layout):
        first.setdefault(word, float(x))
    return first


def test_an_arabic_page_is_mirrored(tmp_path: Path) -> None:
    ltr = _first_x(render_pdf(_doc(lang="en_US")), tmp_path)
    data = render_pdf(_doc(lang="ar_SA", currency="SAR", items=(
        make_line("أنبوب نحاسي", D(3), D("1250"), "SAR", unit="pcs"),)))
    rtl = _first_x(data, tmp_path)
    middle = 595 / 2
    # heading: the seller on the left and the quote number on the right, or the other way
    assert ltr["Ningbo"] < middle < ltr["Q-2026-0042"]
    assert rtl["Q-2026-0042"] < middle < rtl["Ningbo"]
    # parties: the buyer's block starts the reading order
    assert ltr["Müller"] < middle < rtl["Müller"]
    flat = re.sub(r"\s+", " ", _run("pdftotext", data, tmp_path))
    assert "3,750.00" in flat and "1 / 1" in flat
    assert flat.count("No. 88 Zhongshan East Road, Ningbo") == 2


def test_a_latin_specification_under_an_arabic_name_keeps_its_order(tmp_path: Path) -> None:
    # fpdf2 gives a cell one base direction; the Arabic name made it right-to-left, and the
    # specification line below it came out as "W, 4000 K 40".
    data = render_pdf(_doc(lang="ar_SA", currency="SAR", items=(
        make_line("مصباح لوحة LED", D(3), D("18.50"), "SAR", unit="pcs",
                  specification="40 W, 4000 K"),)))
    controls = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None)
    flat = re.sub(r"\s+", " ", _run("pdftotext", data, tmp_path).translate(controls))
    assert "40 W, 4000 K" in flat and "W, 4000 K 40" not in flat


def test_only_latin_lines_of_a_right_to_left_cell_get_the_mark() -> None:
    from client.quotes.pdf import _ltr_lines

    assert _ltr_lines("مصباح\n40 W\n\nمصباح 2") == "مصباح\n\u200e40 W\n\nمصباح 2"
    assert _ltr_lines("Lamp\n40 W") == "Lamp\n40 W"  # no RTL text: nothing changes
    assert _ltr_lines("مصباح 40 W") == "مصباح 40 W"  # one line: its own direction
