"""The disk cache of the parsed quotation fonts (client.quotes.pdf_font_cache): a later
process renders from it without parsing the font files, with the same text and embedded fonts;
a damaged, foreign or malicious entry is ignored, the font parsed again and the entry
replaced; a changed font file gets a new entry. The cache lives in the test's private
XDG cache folder (tests/conftest.py); the shipped seed is switched off here."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from client.quotes import pdf_font_cache, pdf_fonts
from client.quotes.pdf import render_pdf
from tests.client.quotes.conftest import look_pdf
from tests.client.quotes.test_pdf import _doc

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")
FONTS = (pdf_fonts.REGULAR, pdf_fonts.BOLD, pdf_fonts.CJK_COMMON)


@pytest.fixture(autouse=True)
def fresh_process(no_font_seed: Path) -> Iterator[None]:
    """As if a new process: no font parsed in memory (before and after the test), and no
    shipped seed (test_pdf_font_seed.py tests it): an empty cache means parsing."""
    pdf_fonts.forget_parsed()
    yield
    pdf_fonts.forget_parsed()


def _entry(file: str) -> Path:
    return pdf_font_cache.entry_path(pdf_fonts.fonts_dir() / file)


def test_a_later_process_renders_from_the_cache_without_parsing(
        tmp_path: Path, parses: list[str]) -> None:
    first = render_pdf(_doc())
    assert sorted(parses) == sorted(FONTS)  # parsed once, and written to the cache
    assert all(_entry(file).is_file() for file in FONTS)
    pdf_fonts.forget_parsed()
    parses.clear()

    again = render_pdf(_doc())

    assert parses == []  # nothing parsed: every font came from the cache
    text, fonts = look_pdf(again, tmp_path)
    assert (text, fonts) == look_pdf(first, tmp_path)
    assert "不锈钢球阀" in text and "Медная труба" in text and "Müller Armaturen GmbH" in text
    assert len(fonts) >= 3 and all(row.split()[-5] == "yes" for row in fonts)  # embedded


def _evil() -> bytes:
    class Evil:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return (os.system, ("touch pwned-by-font-cache",))
    payload = pickle.dumps({"format": 1, "cmap": Evil()})
    return hashlib.sha256(payload).digest() + payload


def _wrong_shape() -> bytes:
    payload = pickle.dumps({"format": pdf_font_cache.FORMAT, "cmap": {65: 3}})
    return hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "malicious",
                                    "wrong shape"])
def test_a_bad_entry_is_parsed_again_and_replaced(
        damage: str, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    good = render_pdf(_doc())
    entry = _entry(pdf_fonts.REGULAR)
    raw = entry.read_bytes()
    bad = {"truncated": raw[: len(raw) // 2], "garbage": os.urandom(4096),
           "flipped": raw[:100] + bytes([raw[100] ^ 1]) + raw[101:],
           "malicious": _evil(), "wrong shape": _wrong_shape()}[damage]
    entry.write_bytes(bad)
    monkeypatch.chdir(tmp_path)
    pdf_fonts.forget_parsed()
    parses.clear()

    again = render_pdf(_doc())

    assert parses == [pdf_fonts.REGULAR]  # only the bad one parsed again
    assert look_pdf(again, tmp_path) == look_pdf(good, tmp_path)
    assert not (tmp_path / "pwned-by-font-cache").exists()
    assert entry.read_bytes() == raw  # replaced by a good entry
    assert pdf_font_cache.load(pdf_fonts.fonts_dir() / pdf_fonts.REGULAR) is not None


def test_a_changed_font_file_or_library_gets_a_new_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / pdf_fonts.REGULAR
    shutil.copyfile(pdf_fonts.fonts_dir() / pdf_fonts.REGULAR, font)
    before = pdf_font_cache.entry_path(font)
    with font.open("ab") as handle:
        handle.write(b"\0")
    assert pdf_font_cache.entry_path(font) != before
    after = pdf_font_cache.entry_path(font)
    import fontTools
    import fpdf

    monkeypatch.setattr(fpdf, "FPDF_VERSION", "99.0")
    assert pdf_font_cache.entry_path(font) != after
    monkeypatch.undo()
    monkeypatch.setattr(fontTools, "version", "99.0")
    assert pdf_font_cache.entry_path(font) != after


def test_an_unwritable_cache_only_costs_the_parse(
        tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setattr(pdf_font_cache, "cache_dir", lambda: blocked / "pdf-fonts")

    text, fonts = look_pdf(render_pdf(_doc()), tmp_path)

    assert "不锈钢球阀" in text and all(row.split()[-5] == "yes" for row in fonts)
    assert sorted(parses) == sorted(FONTS)
