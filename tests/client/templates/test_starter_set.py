"""Every bundled template renders in each of its languages with a realistic context."""

from __future__ import annotations

import pytest

from client.templates import render_template
from client.templates.library import bundled_dir, load_library
from tests.client.templates.helpers import context

LANGS = ("en", "es", "pt", "fr", "de", "ru", "ar", "zh")
NAMES = ("quotation", "follow-up", "sample-offer")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    lib = load_library(tmp_path_factory.mktemp("empty-profile"))
    assert lib.problems == ()
    return lib


def test_starter_set_covers_three_categories_in_eight_languages(library) -> None:  # type: ignore[no-untyped-def]
    for name in NAMES:
        assert set(LANGS) <= set(library.get(name).languages)
        assert all(v.origin == "bundled" for v in library.variants(name).values())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("gender", ["f", "m", ""])
def test_bundled_template_renders(library, name: str, lang: str, gender: str) -> None:  # type: ignore[no-untyped-def]
    mail = render_template(name, lang, context(gender=gender), library)
    assert mail.lang == lang and mail.template == name
    assert "Ball valves DN50" in mail.subject and "\n" not in mail.subject
    for body in (mail.html, mail.text):
        # French letters greet "Madame," / "Monsieur," without the name
        assert ("Müller" in body) or (lang == "fr" and gender and name != "sample-offer")
        assert "{{" not in body and "{%" not in body
    if name == "quotation":
        assert "Q-2026-0042" in mail.text and "FOB Ningbo" in mail.text
        assert "16.700,00" in mail.text or "16,700.00" in mail.text or "16\xa0700,00" in mail.text \
            or "16\u202f700,00" in mail.text
    if name == "sample-offer":
        assert "Stainless steel ball valve" in mail.html
    assert ('dir="rtl"' in mail.html) == (lang == "ar")
    assert "<script" not in mail.html


def test_greetings_follow_the_customer_record(library) -> None:  # type: ignore[no-untyped-def]
    f = render_template("quotation", "de", context(gender="f"), library).text
    m = render_template("quotation", "de", context(name="Hans Weber", gender="m"), library).text
    n = render_template("quotation", "de", context(gender=""), library).text
    assert f.startswith("Sehr geehrte Frau Müller,")
    assert m.startswith("Sehr geehrter Herr Weber,")
    assert n.startswith("Guten Tag Anna Müller,")
    es = render_template("quotation", "es", context(name="Carlos García", gender="m"), library)
    assert es.text.startswith("Estimado Sr. García:")
    zh = render_template("quotation", "zh", context(name="Wang Fang", gender="f"), library)
    assert zh.text.startswith("尊敬的Fang女士：")


def test_quotation_without_items_points_to_the_attachment(library) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from client.templates import QuoteContext

    ctx = replace(context(), quote=QuoteContext(currency="EUR"))
    mail = render_template("quotation", "en", ctx, library)
    assert "attached quotation" in mail.text and "<table" not in mail.html


def test_templates_ship_in_resources() -> None:
    files = sorted(p.name for p in bundled_dir().glob("*.tpl"))
    assert len(files) >= 24
    assert "quotation.ar.tpl" in files
