"""The per-document shaping memo (client.quotes.pdf_shaping): an Arabic quotation asks
HarfBuzz to shape each distinct run once (fpdf2 asked again for every character and prefix
while breaking lines, and again when drawing), and the page is the same as without the memo:
the same text (pdftotext) and the same embedded fonts (pdffonts)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fpdf import fonts as fpdf_fonts

from client.quotes import pdf_shaping
from client.quotes.pdf import Party, QuotationDocument, render_pdf
from client.quotes.records import make_line

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _arabic() -> QuotationDocument:
    items = tuple(make_line(f"مصباح لوحة LED طراز {n}", Decimal(100 + n), Decimal("18.50"),
                            "USD", specification="40 W, 4000 K", unit="pcs")
                  for n in range(12))
    return QuotationDocument(
        number="Q-2026-0007", quote_date=date(2026, 12, 2), currency="USD", lang="ar",
        seller=Party("Ningbo Tradewind Trading Co., Ltd."), buyer=Party("شركة النور للتجارة"),
        items=items, valid_until=date(2026, 12, 31), payment_terms="30% T/T in advance")


@pytest.fixture
def shaped(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[Any, ...]]:
    """Every HarfBuzz shaping run of the test: (font, text, direction, size, features) -> how
    often."""
    runs: Counter[tuple[Any, ...]] = Counter()
    real = fpdf_fonts.hb.shape

    def counting(font: Any, buf: Any, features: Any) -> None:
        text = "".join(chr(info.codepoint) for info in buf.glyph_infos)
        runs[(id(font), text, buf.direction, font.ptem, tuple(sorted((features or {}).items())))] += 1
        real(font, buf, features)

    monkeypatch.setattr(fpdf_fonts.hb, "shape", counting)
    return runs


def _look(data: bytes, folder: Path, name: str) -> tuple[str, list[str]]:
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return text, [" ".join(line.split()[1:]) for line in fonts]  # without the subset tag


def test_each_distinct_run_is_shaped_once(shaped: Counter[tuple[Any, ...]]) -> None:
    render_pdf(_arabic())
    assert shaped, "the Arabic page was not shaped"
    assert max(shaped.values()) == 1, shaped.most_common(3)


def test_the_page_is_the_same_as_without_the_memo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_memo = _look(render_pdf(_arabic()), tmp_path, "memo")
    monkeypatch.setattr(pdf_shaping, "document_font", copy.copy)  # fpdf2's own shaping calls
    without = _look(render_pdf(_arabic()), tmp_path, "plain")
    assert with_memo == without
    text, fonts = with_memo
    assert "Q-2026-0007" in text and ("طراز" in text or "ﻃﺮﺍﺯ" in text)
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)


def test_a_new_document_starts_with_an_empty_memo(shaped: Counter[tuple[Any, ...]]) -> None:
    render_pdf(_arabic())
    first = sum(shaped.values())
    render_pdf(_arabic())
    assert sum(shaped.values()) == 2 * first  # nothing carried over from the first PDF


def test_the_width_of_unshaped_text_is_summed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    sums: Counter[tuple[int, str, float]] = Counter()
    real = fpdf_fonts.TTFFont.get_text_width

    def counting(font: Any, text: str, size: float, params: Any) -> Any:
        if not params:
            sums[(id(font), text, size)] += 1
        return real(font, text, size, params)

    monkeypatch.setattr(fpdf_fonts.TTFFont, "get_text_width", counting)
    latin = replace(_arabic(), lang="en", buyer=Party("Müller Armaturen GmbH"))
    render_pdf(replace(latin, items=tuple(replace(item, product=f"LED panel light {n}")
                                          for n, item in enumerate(latin.items))))
    assert sums and max(sums.values()) == 1, sums.most_common(3)
