"""The quotation PDF's fonts: which shipped files a text needs, each parsed once per process.

`fonts_for(texts) -> tuple[FontChoice, ...]`: DejaVu Sans regular and bold always (Latin,
Greek, Cyrillic, Arabic, Hebrew); a CJK fallback only when some character is not in DejaVu:
`NotoSansSC-Common.otf` (GB 2312 + JIS X 0208, 2.8 MB) when it has every such character,
else the full `NotoSansSC-Regular.otf`. `attach(pdf, choice)` adds one to an `fpdf.FPDF` as
`pdf.add_font` would, from a per-process template (fpdf2's `TTFFont` with the cmap and
widths of all glyphs already read, which is most of `add_font`'s time; read from the disk
cache `pdf_font_cache` when an earlier process parsed the same file): the document gets its
own lazily opened fontTools font (fpdf2 subsets it in place at `output()`), its own widths,
subset map, HarfBuzz font and shaping memo (`pdf_shaping`), and shares only the read-only
cmap and glyph ids. fpdf2 is imported through `pdf_imports.load_fpdf` (numpy deferred).
Any thread (templates are built under a lock); raises `QuotePdfError` for a missing or
unreadable font file. Relies on fpdf2 2.8's `TTFFont` attributes (pinned `<3`; the PDF tests
catch a change).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from client.i18n import _
from client.profile.paths import resources_dir
from client.quotes import pdf_font_cache, pdf_shaping
from client.quotes.pdf_imports import load_fpdf

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
CJK_COMMON = "NotoSansSC-Common.otf"
CJK_FULL = "NotoSansSC-Regular.otf"


class FontFileError(RuntimeError):
    """A shipped font file is missing or unreadable; `str()` says which."""


@dataclass(frozen=True)
class FontChoice:
    family: str  # "body" or "cjk"
    style: str  # "" or "B"
    file: str


_lock = threading.Lock()
_templates: dict[str, Any] = {}
_warm = threading.Event()  # set by a successful `preload`


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def _template(file: str, style: str) -> Any:
    """The parsed font (fpdf2 `TTFFont`), made once per process and file."""
    load_fpdf()
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    with _lock:
        found = _templates.get(file)
        if found is not None:
            return found
        path = fonts_dir() / file
        if not path.is_file():
            raise FontFileError(_("The quotation font {file} is missing (in {folder}); "
                                  "reinstall Tradewind.", file=file, folder=path.parent))
        font = pdf_font_cache.load(path)  # parsed by an earlier process
        if font is None:
            try:
                font = TTFFont(FPDF(), path, file, style)
            except Exception as exc:
                raise FontFileError(_("The quotation font {file} cannot be read: {reason}",
                                      file=file, reason=exc)) from exc
            font.ttfont.close()  # each document opens its own copy
            pdf_font_cache.store(path, font)
        _templates[file] = font
        return font


def forget_parsed() -> None:
    """Drop this process's parsed fonts (the next PDF reads them again: cache or file)."""
    with _lock:
        _templates.clear()
        _warm.clear()


def covered(file: str, text: str) -> bool:
    """Whether the font file has a glyph for every non-space character of `text`."""
    cmap = _template(file, "").cmap
    return all(ch.isspace() or ord(ch) in cmap for ch in text)


def cmap_of(file: str) -> set[int]:
    return set(_template(file, "").cmap)


def fonts_for(texts: Iterable[str]) -> tuple[FontChoice, ...]:
    """The fonts a page with these texts needs (see the module docstring)."""
    body = _template(REGULAR, "").cmap
    chosen = [FontChoice("body", "", REGULAR), FontChoice("body", "B", BOLD)]
    others = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in body}
    if others:
        common = _template(CJK_COMMON, "").cmap
        wide = any(ord(ch) not in common for ch in others)
        chosen.append(FontChoice("cjk", "", CJK_FULL if wide else CJK_COMMON))
    return tuple(chosen)


def attach(pdf: Any, choice: FontChoice) -> None:
    """Add `choice` to `pdf` (an `fpdf.FPDF`) under `choice.family`/`choice.style`."""
    from fontTools import ttLib
    from fpdf.enums import TextEmphasis
    from fpdf.fonts import SubsetMap

    template = _template(choice.file, choice.style)
    font = pdf_shaping.document_font(template)
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{choice.family}{choice.style}"
    font.emphasis = TextEmphasis.coerce(choice.style)
    try:
        # recalcBBoxes=False: the subset keeps the font's own bounding boxes (valid, if larger
        # than the subset needs) instead of drawing every glyph again to measure it
        font.ttfont = ttLib.TTFont(template.ttffile, recalcTimestamp=False, recalcBBoxes=False,
                                   lazy=True)
        _keep_for_embedding(font.ttfont)
    except Exception as exc:
        raise FontFileError(_("The quotation font {file} cannot be read: {reason}",
                              file=choice.file, reason=exc)) from exc
    font.cw = copy.copy(template.cw)  # a defaultdict: reads of missing keys write
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None  # HarfBuzz fonts are changed while shaping (size): one per document
    font.color_font = None
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font
    if font.is_cff and font.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")


#: tables of the document's fontTools font that the embedded subset does not need: layout
#: (HarfBuzz shapes from the font file itself, and fpdf2 drops GSUB/GPOS/GDEF from the subset
#: anyway, but fontTools reads GSUB before dropping it), legacy kerning and vertical metrics
#: (the PDF places every glyph itself), device metrics and signatures
UNEMBEDDED = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "vhea", "vmtx", "VORG",
              "FFTM", "hdmx", "LTSH", "VDMX", "meta", "DSIG")


def _keep_for_embedding(ttfont: Any) -> None:
    """Drop `UNEMBEDDED` and all cmap subtables but the best Windows Unicode one from the
    document's (lazily read) font before fpdf2 subsets it: nothing the page or its text
    extraction uses (fpdf2 writes the PDF's own widths and ToUnicode map), and each is read
    and subset again for every PDF. The glyphs, their order and the metrics stay."""
    for tag in UNEMBEDDED:
        if tag in ttfont:
            del ttfont[tag]
    cmap = ttfont["cmap"]
    for wanted in ((3, 10), (3, 1)):
        best = [t for t in cmap.tables if (t.platformID, t.platEncID) == wanted]
        if best:
            cmap.tables = best[:1]
            return


def preload() -> None:
    """Pay the once-per-process cost of a first PDF ahead of time: importing fpdf2 and
    fontTools' subsetter, parsing DejaVu and the common CJK file, the first run of the layout,
    shaping and right-to-left code (a one-line English quote with Chinese and an Arabic one,
    rendered and dropped) and babel's number and date data of every `LABELS` language. Any
    thread; idempotent (after one successful warm-up it returns at once); never raises (a
    real render reports the problem)."""
    if _warm.is_set():
        return
    from datetime import date
    from decimal import Decimal

    from client import money
    from client.quotes.pdf import LABELS, Party, QuotationDocument, render_pdf
    from client.quotes.records import make_line

    try:
        for lang, product in (("en", "Warm-up 报价"), ("ar", "تجربة")):
            render_pdf(QuotationDocument(
                number="Q-0", quote_date=date(2026, 1, 1), currency="USD", lang=lang,
                seller=Party("Tradewind"), buyer=Party("报价"),
                items=(make_line(product, Decimal(1), Decimal(1), "USD"),)))
        for lang in LABELS:
            money.format_money(Decimal("1.5"), "USD", lang)
            money.format_day(date(2026, 1, 1), lang)
    except Exception:  # noqa: BLE001 - only a warm-up; the real render says why
        return
    _warm.set()


def preloaded() -> bool:
    """Whether `preload` has warmed this process."""
    return _warm.is_set()
