"""Templates as data: a `Template` (name, category, origin) holding one `Variant` per language.

A variant keeps its sources (subject pattern, HTML body, optional plain body) and where each
starts in its file, so errors name the file's line. Frozen; any thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ORIGINS = ("bundled", "company", "personal")  # lowest precedence first
CATEGORIES = ("quotation", "follow-up", "sample-offer", "price-update", "faq-answer", "other")


@dataclass(frozen=True)
class Variant:
    """One language of a template, as read from one file."""

    name: str
    lang: str  # a locale name: en, de, pt_BR, zh_CN, ar...
    category: str
    title: str  # a human label ("Quotation"); defaults to the name
    subject: str
    html: str
    text: str | None  # None: derived from the HTML
    path: Path | None = None
    origin: str = "personal"
    html_line: int = 1  # file line of the HTML body's first line
    text_line: int = 1
    subject_line: int = 1
    source: str = field(default="", repr=False)  # the whole file, for export

    @property
    def where(self) -> str:
        """`NAME (LANG)` as used in error messages."""
        return f"{self.name} ({self.lang})"


@dataclass(frozen=True)
class Template:
    """A template's variants in force, by language (precedence already applied)."""

    name: str
    category: str
    title: str
    variants: dict[str, Variant]

    @property
    def languages(self) -> list[str]:
        return sorted(self.variants)

    def title_for(self, ui_language: str) -> str:
        """The title to show a rep whose UI is in `ui_language` (zh_CN → the zh variant's
        title, e.g. "报价"): the variant of that language (exact, then the language alone),
        else the English one, else `title`. Pure."""
        wanted = (ui_language or "").replace("-", "_")
        exact = self.variants.get(wanted)
        by_base = {lang.split("_")[0].lower(): v for lang, v in sorted(self.variants.items())}
        for variant in (exact, by_base.get(wanted.split("_")[0].lower()), by_base.get("en")):
            if variant is not None and variant.title and variant.title != self.name:
                return variant.title
        return self.title


@dataclass(frozen=True)
class RenderedMail:
    """What `render_template` returns; `text` is derived from `html` when the variant has no
    plain body."""

    subject: str
    html: str
    text: str
    lang: str
    template: str
