"""The shipped parsed-font seeds (resources/fonts/parsed, client.quotes.pdf_font_cache): each
equals what the installed fpdf2 and fontTools parse from its font file, the first PDF with an
empty cache reads them instead of parsing (same text, same embedded fonts), and a damaged,
malicious or foreign seed is ignored: the font is parsed and the PDF is the same."""

from __future__ import annotations

import os
import pickle
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from fpdf.fonts import TTFFont

from client.quotes import pdf_font_cache, pdf_fonts
from client.quotes.pdf import render_pdf
from tests.client.quotes.conftest import look_pdf
from tests.client.quotes.test_pdf import _doc

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")
SHIPPED = sorted(p.name for p in pdf_fonts.fonts_dir().glob("*.[ot]tf"))


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    pdf_fonts.forget_parsed()
    yield
    pdf_fonts.forget_parsed()


@pytest.mark.parametrize("file", SHIPPED)
def test_each_seed_is_what_the_installed_libraries_parse_from_its_font(file: str) -> None:
    """Fails after a font file changed or a library parses it differently: run
    scripts/build_font_seeds.py."""
    font_file = pdf_fonts.fonts_dir() / file
    seed = pdf_font_cache.seed_path(font_file)
    assert seed.is_file(), f"no seed for {file}: run scripts/build_font_seeds.py"
    values = pdf_font_cache.seed_values(seed.read_bytes())
    parsed = TTFFont(FPDF(), font_file, file, "")
    parsed.ttfont.close()
    assert values.pop("font_sha256") == pdf_font_cache._file_digest(font_file).hexdigest()
    values.pop("made_with")
    assert values == pdf_font_cache.plain_values(parsed)


def test_the_first_pdf_with_an_empty_cache_reads_the_seeds(
        tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = render_pdf(_doc())
    assert parses == []  # nothing parsed, and the cache is still empty
    assert not pdf_font_cache.cache_dir().exists() or not any(pdf_font_cache.cache_dir().iterdir())

    monkeypatch.setattr(pdf_font_cache, "seed_dir", lambda: tmp_path / "no-seed")
    pdf_fonts.forget_parsed()
    parsed = render_pdf(_doc())
    assert sorted(set(parses)) == [pdf_fonts.BOLD, pdf_fonts.REGULAR, pdf_fonts.CJK_COMMON]
    text, fonts = look_pdf(seeded, tmp_path)
    assert (text, fonts) == look_pdf(parsed, tmp_path)
    assert "不锈钢球阀" in text and "Медная труба" in text and "Müller Armaturen GmbH" in text
    assert len(fonts) >= 3 and all(row.split()[-5] == "yes" for row in fonts)


def _evil() -> bytes:
    class Evil:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return (os.system, ("touch pwned-by-font-seed",))
    return zlib.compress(pickle.dumps({"format": pdf_font_cache.FORMAT, "cmap": Evil()}))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "malicious", "another font"])
def test_a_bad_seed_is_ignored_and_the_font_parsed(
        damage: str, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    good = render_pdf(_doc())
    folder = tmp_path / "seeds"
    shutil.copytree(pdf_font_cache.seed_dir(), folder)
    seed = folder / f"{pdf_fonts.REGULAR}.seed"
    raw = seed.read_bytes()
    bad = {"truncated": raw[: len(raw) // 2], "garbage": os.urandom(4096), "malicious": _evil(),
           "another font": (folder / f"{pdf_fonts.BOLD}.seed").read_bytes()}[damage]
    seed.write_bytes(bad)
    monkeypatch.setattr(pdf_font_cache, "seed_dir", lambda: folder)
    monkeypatch.chdir(tmp_path)
    pdf_fonts.forget_parsed()

    again = render_pdf(_doc())

    assert parses == [pdf_fonts.REGULAR]  # only the font of the bad seed parsed
    assert look_pdf(again, tmp_path) == look_pdf(good, tmp_path)
    assert not (tmp_path / "pwned-by-font-seed").exists()
