"""The PDF's fonts: only those the text needs (the small common CJK file unless a character
is outside it), each font file parsed once per process, and every document still correct
when it reuses a parsed font."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from client.quotes import pdf_fonts
from client.quotes.pdf import Party, render_pdf
from client.quotes.records import make_line
from tests.client.quotes.test_pdf import _doc

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _latin(**changes: object):  # type: ignore[no-untyped-def]
    items = (make_line("Ball valve DN50", Decimal(10), Decimal("12.50"), "EUR", unit="pcs"),
             make_line("Медная труба", Decimal(5), Decimal("3.35"), "EUR", unit="m"))
    return replace(_doc(seller=Party("Ningbo Tradewind Trading Co., Ltd.", ("Ningbo",)),
                        items=items), **changes)


def _fonts(data: bytes, tmp: Path) -> str:
    path = tmp / "q.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout


def _text(data: bytes, tmp: Path) -> str:
    path = tmp / "t.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return re.sub(r"\s+", " ", out)


def test_a_latin_and_cyrillic_quote_embeds_no_cjk_font(tmp_path: Path) -> None:
    listing = _fonts(render_pdf(_latin()), tmp_path)
    assert "DejaVuSans" in listing and "Noto" not in listing
    assert pdf_fonts.fonts_for(["Ball valve", "Медная труба"]) == (
        pdf_fonts.FontChoice("body", "", pdf_fonts.REGULAR),
        pdf_fonts.FontChoice("body", "B", pdf_fonts.BOLD))


def test_everyday_chinese_uses_the_common_file_and_a_rare_character_the_full_one(
        tmp_path: Path) -> None:
    assert pdf_fonts.fonts_for(["不锈钢球阀 宁波"])[-1].file == pdf_fonts.CJK_COMMON
    assert pdf_fonts.fonts_for(["見積番号"])[-1].file == pdf_fonts.CJK_COMMON  # JIS X 0208
    assert pdf_fonts.fonts_for(["龘"])[-1].file == pdf_fonts.CJK_FULL  # not in GB 2312/JIS
    common = render_pdf(_latin(buyer=Party("宁波买家有限公司")))
    rare = render_pdf(_latin(buyer=Party("龘鱻贸易")))
    for data, name in ((common, "common"), (rare, "rare")):
        lines = [ln for ln in _fonts(data, tmp_path).splitlines() if "Noto" in ln]
        assert len(lines) == 1, name
        assert re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", lines[0]), lines[0]
    assert "宁波买家有限公司" in _text(common, tmp_path)
    assert "龘鱻贸易" in _text(rare, tmp_path)


def test_each_font_file_is_parsed_once_and_documents_stay_independent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_font_seed: Path) -> None:
    import fpdf.fonts

    monkeypatch.setattr(pdf_fonts, "_templates", {})
    made: list[str] = []
    original = fpdf.fonts.TTFFont.__init__

    def counting(self, fpdf_, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(Path(path).name)
        original(self, fpdf_, path, *args, **kwargs)

    monkeypatch.setattr(fpdf.fonts.TTFFont, "__init__", counting)
    first = render_pdf(_latin(buyer=Party("宁波买家")))
    second = render_pdf(_latin(buyer=Party("Müller GmbH", ("采购部",)), number="Q-2026-0043"))
    third = render_pdf(_latin(buyer=Party("宁波买家")))
    assert sorted(made) == sorted({pdf_fonts.REGULAR, pdf_fonts.BOLD, pdf_fonts.CJK_COMMON})
    text = _text(second, tmp_path)
    assert "Müller GmbH" in text and "采购部" in text and "Q-2026-0043" in text
    assert "宁波买家" not in text  # the first document's glyphs did not leak into this one
    assert _text(first, tmp_path) == _text(third, tmp_path)


def test_preload_warms_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import client.quotes.pdf as pdf_module

    pdf_fonts.forget_parsed()
    renders: list[object] = []
    real = pdf_module.render_pdf

    def counting(doc: object) -> bytes:
        renders.append(doc)
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "render_pdf", counting)
    assert not pdf_fonts.preloaded()
    pdf_fonts.preload()
    pdf_fonts.preload()  # the picker asks again: nothing more to do
    # one warm-up: a Latin page with Chinese, and a shaped right-to-left Arabic page
    assert [doc.lang for doc in renders] == ["en", "ar"] and pdf_fonts.preloaded()  # type: ignore[attr-defined]
    pdf_fonts.forget_parsed()  # as if a new process
    assert not pdf_fonts.preloaded()


def test_the_common_cjk_file_is_desubroutinized() -> None:
    """Its glyph programs are written out in full (scripts/subset_cjk_font.py), so fontTools
    subsets it at output() without a subroutine closure and pruning: a third of its time."""
    from fontTools.ttLib import TTFont

    font = TTFont(pdf_fonts.fonts_dir() / pdf_fonts.CJK_COMMON, lazy=True)
    cff = font["CFF "].cff
    assert len(cff.GlobalSubrs) == 0
    assert all(len(getattr(fd.Private, "Subrs", ())) == 0 for fd in cff.topDictIndex[0].FDArray)
    assert len(font.getBestCmap()) > 7000  # still GB 2312 + JIS X 0208


def test_the_subset_is_made_without_the_tables_a_pdf_does_not_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Layout, kerning and vertical tables are dropped before fpdf2 subsets the document's
    font (fontTools read GSUB before dropping it), one Unicode cmap stays; the page keeps
    its text and embedded fonts."""
    from fontTools import subset as ftsubset

    seen: list[tuple[set[str], list[tuple[int, int]]]] = []
    real = ftsubset.Subsetter.subset

    def recording(self: ftsubset.Subsetter, font: object) -> None:
        seen.append((set(font.keys()),  # type: ignore[attr-defined]
                     [(t.platformID, t.platEncID) for t in font["cmap"].tables]))  # type: ignore[index]
        real(self, font)  # type: ignore[arg-type]

    monkeypatch.setattr(ftsubset.Subsetter, "subset", recording)
    data = render_pdf(_doc())
    assert len(seen) == 3  # regular, bold, CJK
    for tables, cmaps in seen:
        assert not tables & set(pdf_fonts.UNEMBEDDED), tables
        assert len(cmaps) == 1 and cmaps[0][0] == 3, cmaps
    path = tmp_path / "q.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "不锈钢球阀" in text and "Hafenstraße 12" in text and "Медная труба" in text
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert len(fonts) == 3 and all(line.split()[-5] == "yes" for line in fonts)
