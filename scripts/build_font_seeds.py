"""Write the shipped parsed-font seeds (`resources/fonts/parsed/*.seed`) of every quotation
font in `resources/fonts/`, so the first quotation PDF on a machine does not parse the fonts.

Run after changing a font file (for example after `scripts/subset_cjk_font.py`):
    .venv/bin/python scripts/build_font_seeds.py
`tests/client/quotes/test_pdf_font_seed.py` fails while a seed does not match its font file
or what the installed fpdf2 and fontTools parse from it. See `client/quotes/pdf_font_cache.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from client.quotes import pdf_font_cache, pdf_fonts


def main() -> int:
    for font in sorted(pdf_fonts.fonts_dir().glob("*.[ot]tf")):
        seed = pdf_font_cache.write_seed(font)
        print(f"{seed.name}: {seed.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
