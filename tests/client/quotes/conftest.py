"""Fixtures and helpers of the quotation tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fpdf.fonts import TTFFont

from client.quotes import pdf_font_cache


@pytest.fixture
def no_font_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No shipped parsed-font seed (as if `resources/fonts/parsed` were deleted): fonts come
    from the cache or are parsed from their files. Returns the (empty) seed folder used."""
    folder = tmp_path / "no-seed"
    monkeypatch.setattr(pdf_font_cache, "seed_dir", lambda: folder)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The font files fpdf2 parses from now on (its TTFFont constructor, counted)."""
    seen: list[str] = []
    real = TTFFont.__init__

    def counting(self: Any, fpdf: Any, path: Path, *args: Any, **kwargs: Any) -> None:
        seen.append(Path(path).name)
        real(self, fpdf, path, *args, **kwargs)

    monkeypatch.setattr(TTFFont, "__init__", counting)
    return seen


def look_pdf(data: bytes, tmp: Path) -> tuple[str, list[str]]:
    """(the page text, the pdffonts rows) of a PDF."""
    path = tmp / "q.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return re.sub(r"\s+", " ", text), fonts
