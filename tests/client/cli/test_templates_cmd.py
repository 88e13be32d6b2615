"""`tradewind templates …`: list/show/render/import/export, bad input with exit 2 in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.client.cli.fixtures import CliResult
from tests.client.cli.sample_cache import Cache

GOOD = ('+++\nname = "price-news"\nlang = "en"\ncategory = "price-update"\n'
        'subject = "New prices for {{ buyer.company or buyer.name }}"\n+++\n'
        '<p>Dear {{ buyer.name }},</p>\n<p>{{ quote.total|money(quote.currency) }}</p>\n')

Cli = Callable[..., CliResult]


def test_render_json_round_trip_in_a_subprocess(cache: Cache, cli_process: Cli) -> None:
    result = cli_process(
        "templates", "render", "quotation", "--message", str(cache.inbox_ids[1]), "--json",
        "--lang", "de", "--locale", "de_DE", "--currency", "EUR", "--number", "Q-7",
        "--item", "Ball valve;DN50 PN16;200;pcs;83.50", "--item", "Gate valve;DN80;10;pcs;120",
        "--incoterm", "fob", "--place", "Ningbo", "--valid-until", "2026-12-31")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["template"] == "quotation" and doc["lang"] == "de" and doc["locale"] == "de_DE"
    assert doc["message"] == cache.inbox_ids[1]
    assert doc["subject"] == "Angebot Q-7 – Order [31mred"  # control characters dropped
    assert "16.700,00\xa0€" in doc["text"] and "17.900,00\xa0€" in doc["text"]
    assert "FOB Ningbo" in doc["text"] and "31. Dezember 2026" in doc["text"]
    assert "<table" in doc["html"]
    assert result.err == ""


def test_render_without_items_and_default_language(cache: Cache, cli: Cli) -> None:
    result = cli("templates", "render", "follow-up", "--message", str(cache.inbox_ids[0]),
                 "--json")
    assert result.code == 0, result.err
    doc = result.json()
    # no country domain (.example), but the inquiry is written in Chinese
    assert doc["lang"] == "zh" and "尊敬的Li Wei：" in doc["text"]
    english = cli("templates", "render", "follow-up", "--message", str(cache.inbox_ids[1]),
                  "--json").json()
    assert english["lang"] == "en"


def test_list_and_show(cli: Cli) -> None:
    listing = cli("templates", "list", "--json").json()
    names = {t["name"]: t for t in listing["templates"]}
    assert {"quotation", "follow-up", "sample-offer"} <= set(names)
    assert "ar" in names["quotation"]["languages"] and listing["problems"] == []
    shown = cli("templates", "show", "sample-offer", "--lang", "zh", "--json").json()
    assert shown["origin"] == "bundled" and "样品" in shown["html"]
    plain = cli("templates", "show", "quotation", "--lang", "ar")
    assert plain.code == 0 and 'dir="rtl"' in plain.out


def test_import_then_render_personal_template(cache: Cache, cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "price-news.tpl"
    source.write_text(GOOD, encoding="utf-8")
    imported = cli("templates", "import", str(source), "--json")
    assert imported.code == 0, imported.err
    assert imported.json() == {"imported": [{"name": "price-news", "lang": "en",
                                             "category": "price-update"}]}
    rendered = cli("templates", "render", "price-news", "--message", str(cache.inbox_ids[0]),
                   "--item", "A;;2;pcs;10", "--json").json()
    assert rendered["subject"] == "New prices for Li Wei" and "$20.00" in rendered["html"]
    out = tmp_path / "export"
    exported = cli("templates", "export", str(out), "--json")
    assert exported.code == 0 and "price-news.en.tpl" in exported.json()["files"]
    assert (out / "price-news.en.tpl").read_text("utf-8") == GOOD


def test_template_errors_exit_2_with_name_and_line(cache: Cache, cli: Cli,
                                                   profile_dir: Path) -> None:
    personal = profile_dir / "templates"
    personal.mkdir(parents=True)
    (personal / "broken.tpl").write_text(GOOD.replace("price-news", "broken").replace(
        "{{ buyer.name }},", "{{ buyer.nam }},"), encoding="utf-8")
    result = cli("templates", "render", "broken", "--message", str(cache.inbox_ids[0]), "--json")
    assert result.code == 2
    assert "Template broken (en), HTML body line 7" in result.err and "nam" in result.err
    assert json.loads(result.out)["error"]["kind"] == "usage"
    assert "Traceback" not in result.err

    (personal / "broken.tpl").write_text(GOOD.replace("price-news", "broken").replace(
        "</p>\n<p>", "{% for x in y %}</p>\n<p>"), encoding="utf-8")
    result = cli("templates", "render", "broken", "--message", str(cache.inbox_ids[0]))
    assert result.code == 2 and "Template broken (en), HTML body line" in result.err

    (personal / "broken.tpl").write_text(GOOD.replace("price-news", "broken").replace(
        "{{ buyer.name }}", "{{ buyer.__class__.__mro__ }}"), encoding="utf-8")
    result = cli("templates", "render", "broken", "--message", str(cache.inbox_ids[0]))
    assert result.code == 2 and "__class__" in result.err and "not allowed" in result.err


def test_bad_input_in_words(cache: Cache, cli: Cli, tmp_path: Path) -> None:
    msg = str(cache.inbox_ids[0])
    cases = [
        (("templates", "render", "quotation", "--message", msg, "--item", "only;three;parts"), 2,
         "five parts"),
        (("templates", "render", "quotation", "--message", msg, "--item", "A;B;many;pcs;1"), 2,
         "not a number"),
        (("templates", "render", "quotation", "--message", msg, "--incoterm", "FOO"), 2,
         "Incoterms 2020"),
        (("templates", "render", "quotation", "--message", msg, "--valid-until", "31.12.2026"), 2,
         "YYYY-MM-DD"),
        (("templates", "render", "quotation", "--message", "abc"), 2, "not a message id"),
        (("templates", "render", "quotation", "--message", "99999"), 6, "no message 99999"),
        (("templates", "render", "nope", "--message", msg), 6, "no template 'nope'"),
        (("templates", "show", "quotation", "--lang", "sw"), 6, "no 'sw' variant"),
        (("templates", "import", str(tmp_path / "missing")), 2, "no such file"),
    ]
    for args, code, words in cases:
        result = cli(*args)
        assert result.code == code, (args, result.err)
        assert words in result.err, (args, result.err)
        assert "Traceback" not in result.err
    broken = tmp_path / "broken.tpl"
    broken.write_text("+++\nname = 'x'\n", encoding="utf-8")
    result = cli("templates", "import", str(broken), "--json")
    assert result.code == 2 and "closing '+++'" in result.err
    assert result.json()["error"]["problems"]
