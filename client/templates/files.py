"""The template file format: TOML front matter between `+++` lines, the HTML body, and an
optional plain-text body after a `+++ text` line.

    +++
    name = "quotation"          # letters, digits and dashes
    lang = "de"                 # a locale name: de, pt_BR, zh_CN ...
    category = "quotation"      # see model.CATEGORIES
    title = "Angebot"           # optional human label
    subject = "Ihr Angebot {{ quote.number }}"
    +++
    <p>Sehr geehrte ...</p>
    +++ text
    Sehr geehrte ...            # optional; else derived from the HTML

Why TOML: `tomllib` is in the standard library (no new dependency, no YAML type surprises such
as `no` becoming False) and `+++` front matter is what Hugo uses. `parse_template_file` raises
`TemplateFileError` (words, with the file and line); it never executes anything. Pure.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from babel import Locale, UnknownLocaleError

from client.i18n import _
from client.templates.model import CATEGORIES, ORIGINS, Variant

FILE_SUFFIX = ".tpl"
MAX_FILE_BYTES = 256 * 1024
FENCE = "+++"
TEXT_FENCE = "+++ text"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_LANG = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?$")
_KEYS = {"name", "lang", "category", "title", "subject"}


class TemplateFileError(ValueError):
    """A template file that cannot be used; `str()` names the file and, when known, the line."""

    def __init__(self, where: str, message: str, line: int | None = None) -> None:
        if line:
            text = _("Template {where}, line {line}: {message}", where=where, line=line,
                     message=message)
        else:
            text = _("Template {where}: {message}", where=where, message=message)
        super().__init__(text)
        self.where = where
        self.line = line


def check_lang(lang: str, where: str) -> str:
    """`lang` if it is a locale name babel knows; raises `TemplateFileError`."""
    if not _LANG.match(lang):
        raise TemplateFileError(where, _("lang {lang} is not a locale name such as en, de or "
                                         "pt_BR.", lang=repr(lang)))
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        raise TemplateFileError(where, _("lang {lang} is not a language Tradewind knows.",
                                         lang=repr(lang))) from None
    return lang


def file_name(name: str, lang: str) -> str:
    """The file name a variant is exported and imported as: `NAME.LANG.tpl`."""
    return f"{name}.{lang}{FILE_SUFFIX}"


def parse_template_text(text: str, where: str, *, path: Path | None = None,
                        origin: str = "personal") -> Variant:
    """One variant from a file's text; `where` names it in errors. Raises `TemplateFileError`."""
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise TemplateFileError(where, _("the file must start with a '+++' line, then the "
                                         "front matter (TOML), then another '+++' line."), 1)
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise TemplateFileError(where, _("the front matter has no closing '+++' line.")) from None
    front = "\n".join(lines[1:close])
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_line(str(exc))
        raise TemplateFileError(where, _("the front matter is not valid TOML ({detail}).",
                                         detail=exc), line + 1 if line else None) from None
    unknown = sorted(set(meta) - _KEYS)
    if unknown:
        raise TemplateFileError(where, _("unknown front matter key(s) {keys} (known: {known}).",
                                         keys=", ".join(unknown), known=", ".join(sorted(_KEYS))))
    for key in ("name", "lang", "subject"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise TemplateFileError(where, _("the front matter needs {key} = \"...\" (text).",
                                             key=key))
    for key in ("category", "title"):
        if key in meta and not isinstance(meta[key], str):
            raise TemplateFileError(where, _("{key} in the front matter must be text.", key=key))
    name, lang = meta["name"].strip(), meta["lang"].strip()
    if not _NAME.match(name):
        raise TemplateFileError(where, _("name {name} may hold only lower-case letters, digits "
                                         "and dashes (at most 64).", name=repr(name)))
    check_lang(lang, where)
    category = str(meta.get("category", "other")).strip()
    if category not in CATEGORIES:
        raise TemplateFileError(where, _("category {category} is not one of {categories}.",
                                         category=repr(category),
                                         categories=", ".join(CATEGORIES)))
    subject = meta["subject"]
    if "\n" in subject.strip():
        raise TemplateFileError(where, _("the subject must be one line."))
    rest = lines[close + 1:]
    split = next((i for i, line in enumerate(rest) if line.strip() == TEXT_FENCE), None)
    html_lines = rest if split is None else rest[:split]
    plain = None if split is None else "\n".join(rest[split + 1:]).strip("\n") + "\n"
    html = "\n".join(html_lines).strip("\n") + "\n"
    if not html.strip():
        raise TemplateFileError(where, _("the HTML body (after the second '+++' line) is "
                                         "empty."))
    subject_line = next((i + 1 for i, line in enumerate(lines[:close])
                         if line.lstrip().startswith("subject")), 1)
    first_html = close + 2 + _leading_blank(html_lines)
    first_text = close + 2 + (split or 0) + 1 + (_leading_blank(rest[split + 1:])
                                                  if split is not None else 0)
    return Variant(name=name, lang=lang, category=category,
                   title=str(meta.get("title") or name).strip(), subject=subject.strip(),
                   html=html, text=plain, path=path, origin=origin, html_line=first_html,
                   text_line=first_text, subject_line=subject_line, source=text)


def parse_template_file(path: Path, *, origin: str = "personal") -> Variant:
    """Read and parse one `.tpl` file (at most `MAX_FILE_BYTES`, UTF-8). Raises
    `TemplateFileError` for a file that is unreadable, too big, not UTF-8 or badly formed."""
    where = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TemplateFileError(where, _("the file is {size} bytes; a template may be at "
                                             "most {limit}.", size=format(size, ","),
                                             limit=format(MAX_FILE_BYTES, ",")))
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateFileError(where, _("cannot be read ({reason}).",
                                         reason=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFileError(where, _("the file is not UTF-8 text (byte {byte}).",
                                         byte=exc.start)) from None
    return parse_template_text(text, where, path=path, origin=origin)


def _leading_blank(lines: list[str]) -> int:
    count = 0
    for line in lines:
        if line.strip():
            break
        count += 1
    return count


def _toml_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
