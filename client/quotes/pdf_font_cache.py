"""A disk cache of the parsed quotation fonts, so a new process does not parse them again.

fpdf2's `TTFFont(...)` reads the cmap, the widths and the glyph id of every character of a
font with fontTools (for the 2.8 MB CJK file most of a first PDF's font time). `load(path)`
returns the same `TTFFont` template rebuilt from the cache; `store(path, font)` writes it.

The entry of a font is `<cache>/pdf-fonts/<file>-<key>.pickle`, `key` = SHA-256 of the font
file, the fpdf2 and fontTools versions (read from the modules) and `FORMAT`: a changed font or library version never
reads an old entry. The entry is the SHA-256 of its payload (a damaged or truncated file is
detected) followed by the payload: only plain values (dicts, lists, str, int, float, None),
read by an unpickler that refuses every class or function, then checked field by field; a
corrupt, truncated, foreign or stale entry is ignored (`load` returns None, the caller parses
the font and `store` replaces the entry). Writes go to a temporary file renamed over the
entry (atomic; two processes writing the same entry both write the same bytes).
`cache_dir()`: the OS per-user cache folder (platformdirs), `pdf-fonts` in it.

The shipped seed: `resources/fonts/parsed/<file>.seed` (`seed_dir()`) holds the same plain
values, zlib-compressed, for each shipped font, so even the first PDF on a machine (an empty
cache) does not parse the fonts (60-90 ms with fontTools). A seed names the SHA-256 of the font
file it was made from and is used only for that file; it is not keyed on the library versions
(the values are the font's cmap, glyph ids, advance widths and descriptor, which a library
upgrade does not change): `tests/client/quotes/test_pdf_font_seed.py` checks on every run that
each seed equals what the installed fpdf2 and fontTools parse, and `write_seed` (run by
`scripts/build_font_seeds.py`) makes them again. A damaged or foreign seed is ignored like a bad
cache entry. Reading order: the cache entry, then the seed, then the font file.
Any thread; never raises (a cache that cannot be read or written only costs the parse).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import tempfile
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1
#: the TTFFont slots kept in the cache; the per-document ones (ttfont, subset, i, fontkey,
#: emphasis, missing_glyphs, biggest_size_pt, _hbfont, color_font) are set by `attach`
_PLAIN = {"type": str, "name": str, "sp": int, "ss": int, "up": int, "ut": int,
          "scale": float, "palette_index": int, "is_compressed": bool, "is_cff": bool,
          "is_cid_keyed": bool, "is_symbol": bool, "collection_font_number": int}
_DESC = ("ascent", "descent", "cap_height", "flags", "font_b_box", "italic_angle", "stem_v",
         "missing_width")


class _PlainUnpickler(pickle.Unpickler):
    """Reads only built-in containers and scalars: any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused {module}.{name}")


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("Tradewind", appauthor=False)) / "pdf-fonts"


def seed_dir() -> Path:
    from client.profile.paths import resources_dir

    return resources_dir() / "fonts" / "parsed"


def seed_path(font_file: Path) -> Path:
    return seed_dir() / f"{font_file.name}.seed"


def _file_digest(font_file: Path) -> Any:
    """The running SHA-256 of the font file's bytes (a hashlib object)."""
    digest = hashlib.sha256()
    with open(font_file, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest


def entry_path(font_file: Path, file_digest: Any = None) -> Path:
    """Where the cache entry of this font file (as it is now) lives; `file_digest`: its
    `_file_digest`, when the caller has it already."""
    digest = (file_digest or _file_digest(font_file)).copy()
    digest.update(f"|fpdf2 {_versions()}|{FORMAT}".encode())
    return cache_dir() / f"{font_file.name}-{digest.hexdigest()[:32]}.pickle"


def _versions() -> str:
    """fpdf2's and fontTools' versions, from the modules themselves: `importlib.metadata`
    costs tens of milliseconds to import and to search the installed distributions."""
    import fontTools

    from client.quotes.pdf_imports import load_fpdf

    return f"{load_fpdf().FPDF_VERSION}|fonttools {fontTools.version}"


def _plain(font: Any) -> dict[str, Any]:
    desc = font.desc
    return {
        "format": FORMAT,
        **{name: getattr(font, name) for name in _PLAIN},
        "cff_ros": list(font.cff_ros) if font.cff_ros else None,
        "desc": {name: getattr(desc, name).value if name == "flags" else getattr(desc, name)
                 for name in _DESC},
        "cmap": dict(font.cmap), "glyph_ids": dict(font.glyph_ids), "cw": dict(font.cw),
    }


def store(font_file: Path, font: Any) -> None:
    """Write the cache entry of `font` (an fpdf2 `TTFFont` parsed from `font_file`)."""
    try:
        target = entry_path(font_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(_plain(font), protocol=pickle.HIGHEST_PROTOCOL)
        data = hashlib.sha256(payload).digest() + payload
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".font-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except Exception as exc:  # noqa: BLE001 - the cache is only a shortcut
        log.info("the PDF font cache was not written (%s)", type(exc).__name__)


def load(font_file: Path) -> Any | None:
    """The `TTFFont` template of `font_file` from its cache entry or else its shipped seed, or
    None (neither is valid: the caller parses the file)."""
    try:
        file_digest = _file_digest(font_file)
        path = entry_path(font_file, file_digest)
    except OSError as exc:
        log.info("the PDF font %s was not read for the cache (%s)", font_file.name,
                 type(exc).__name__)
        return None
    if path.is_file():
        try:
            raw = path.read_bytes()
            payload = raw[32:]
            if hashlib.sha256(payload).digest() != raw[:32]:
                raise ValueError("the entry is damaged (checksum)")
            data = _PlainUnpickler(io.BytesIO(payload)).load()
            return _rebuilt(font_file, _checked(data))
        except Exception as exc:  # noqa: BLE001 - a bad entry is parsed again and replaced
            log.info("the PDF font cache entry of %s was not used (%s)", font_file.name,
                     type(exc).__name__)
            return None
    return _seeded(font_file, file_digest.hexdigest())


def _seeded(font_file: Path, file_sha256: str) -> Any | None:
    """The template from the shipped seed of `font_file`, or None (no seed, or one that is
    damaged or made from another file)."""
    seed = seed_path(font_file)
    try:
        if not seed.is_file():
            return None
        data = seed_values(seed.read_bytes())
        if data.get("font_sha256") != file_sha256:
            raise ValueError("the seed was made from another version of the font file")
        return _rebuilt(font_file, data)
    except Exception as exc:  # noqa: BLE001 - a bad seed only costs the parse
        log.info("the shipped parsed-font seed of %s was not used (%s)", font_file.name,
                 type(exc).__name__)
        return None


def plain_values(font: Any) -> dict[str, Any]:
    """The plain values the cache and the seed keep of `font` (an fpdf2 `TTFFont`)."""
    return _plain(font)


def write_seed(font_file: Path) -> Path:
    """Parse `font_file` with fpdf2 and write its seed (`seed_path`); returns the seed's path.
    For the build (`scripts/build_font_seeds.py`), not the app; raises what parsing or
    writing raises."""
    from client.quotes.pdf_imports import load_fpdf

    load_fpdf()
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    font = TTFFont(FPDF(), font_file, font_file.name, "")
    font.ttfont.close()
    plain = {**_plain(font), "font_sha256": _file_digest(font_file).hexdigest(),
             "made_with": f"fpdf2 {_versions()}"}
    target = seed_path(font_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zlib.compress(pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL), 9))
    return target


def seed_values(seed: bytes) -> dict[str, Any]:
    """The checked plain values of a seed file's bytes; raises ValueError (or a zlib or
    unpickling error) for a damaged or malformed one."""
    return _checked(_PlainUnpickler(io.BytesIO(zlib.decompress(seed))).load())


def _checked(data: Any) -> dict[str, Any]:
    """`data` if it has the shape `_plain` writes; raises ValueError otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not an entry of this format")
    for name, kind in _PLAIN.items():
        value = data.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            if not (kind is float and isinstance(value, int) and not isinstance(value, bool)):
                raise ValueError(f"bad {name}")
    desc = data.get("desc")
    if not isinstance(desc, dict) or set(desc) != set(_DESC) or not isinstance(
            desc["font_b_box"], str) or not all(
            isinstance(desc[n], int | float) for n in _DESC if n != "font_b_box"):
        raise ValueError("bad descriptor")
    ros = data.get("cff_ros")
    if ros is not None and not (isinstance(ros, list) and len(ros) == 3):
        raise ValueError("bad cff_ros")
    cmap, glyph_ids, widths = data.get("cmap"), data.get("glyph_ids"), data.get("cw")
    if not (isinstance(cmap, dict) and isinstance(glyph_ids, dict) and isinstance(widths, dict)
            and cmap and set(cmap) == set(glyph_ids) and set(cmap) <= set(widths)):
        raise ValueError("bad tables")
    if not (all(type(k) is int and type(v) is str for k, v in cmap.items())
            and all(type(v) is int for v in glyph_ids.values())
            and all(type(k) is int and type(v) in (int, float) for k, v in widths.items())):
        raise ValueError("bad table entries")
    return data


def _rebuilt(font_file: Path, data: dict[str, Any]) -> Any:
    from fpdf.enums import FontDescriptorFlags
    from fpdf.fonts import PDFFontDescriptor, TTFFont

    font = TTFFont.__new__(TTFFont)
    for name in _PLAIN:
        setattr(font, name, data[name])
    font.ttffile = font_file
    font.cff_ros = tuple(data["cff_ros"]) if data["cff_ros"] else None
    desc = dict(data["desc"])
    desc["flags"] = FontDescriptorFlags(desc["flags"])
    font.desc = PDFFontDescriptor(**desc)
    font.cmap = data["cmap"]
    font.glyph_ids = data["glyph_ids"]
    missing_width = desc["missing_width"]
    font.cw = defaultdict(lambda: missing_width, data["cw"])
    font.ttfont = None
    font._hbfont = None
    return font
