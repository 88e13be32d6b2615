"""Front matter refused in words; layers and precedence; import and export."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.templates import TemplateFileError, TemplateImportError
from client.templates.files import parse_template_file, parse_template_text
from client.templates.library import (
    company_dir,
    export_templates,
    import_templates,
    load_library,
    personal_dir,
)

GOOD = '+++\nname = "price-news"\nlang = "en"\ncategory = "price-update"\nsubject = "New prices"\n+++\n<p>Dear {{ buyer.name }},</p>\n'


@pytest.mark.parametrize(("text", "needle"), [
    ("<p>no front matter</p>", "must start with a '+++' line"),
    ('+++\nname = "x"\n<p>never closed</p>', "no closing '+++'"),
    ('+++\nname = "x\nlang = "en"\n+++\n<p>x</p>', "not valid TOML"),
    ('+++\nlang = "en"\nsubject = "s"\n+++\n<p>x</p>', "needs name"),
    ('+++\nname = "Bad Name"\nlang = "en"\nsubject = "s"\n+++\n<p>x</p>', "lower-case"),
    ('+++\nname = "x"\nlang = "klingon"\nsubject = "s"\n+++\n<p>x</p>', "not a locale name"),
    ('+++\nname = "x"\nlang = "en"\nsubject = "s"\ncategory = "spam"\n+++\n<p>x</p>', "category"),
    ('+++\nname = "x"\nlang = "en"\nsubject = "s"\nengine = "raw"\n+++\n<p>x</p>', "unknown front"),
    ('+++\nname = "x"\nlang = "en"\nsubject = "s"\n+++\n\n', "HTML body"),
    ('+++\nname = "x"\nlang = "en"\nsubject = 3\n+++\n<p>x</p>', "needs subject"),
])
def test_broken_front_matter_is_refused_in_words(text: str, needle: str) -> None:
    with pytest.raises(TemplateFileError, match="Template bad.tpl") as info:
        parse_template_text(text, "bad.tpl")
    assert needle in str(info.value)


def test_toml_error_names_the_file_line() -> None:
    with pytest.raises(TemplateFileError) as info:
        parse_template_text('+++\nname = "x"\nlang = = "en"\n+++\n<p>x</p>', "bad.tpl")
    assert info.value.line == 3


def test_file_not_utf8_or_too_big(tmp_path: Path) -> None:
    bad = tmp_path / "latin.tpl"
    bad.write_bytes(GOOD.encode().replace(b"Dear", b"Sch\xf6n"))
    with pytest.raises(TemplateFileError, match="not UTF-8"):
        parse_template_file(bad)
    big = tmp_path / "big.tpl"
    big.write_text(GOOD + "x" * 300_000, encoding="utf-8")
    with pytest.raises(TemplateFileError, match="at most"):
        parse_template_file(big)


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_personal_overrides_company_overrides_bundled_per_language(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    company = GOOD.replace('lang = "en"', 'lang = "en"\ntitle = "Company"')
    _write(company_dir(profile), "a.tpl", company.replace("price-news", "quotation"))
    _write(personal_dir(profile), "b.tpl", GOOD.replace("price-news", "quotation")
           .replace('lang = "en"', 'lang = "de"'))
    _write(personal_dir(profile), "broken.tpl", "no front matter")
    lib = load_library(profile)
    variants = lib.variants("quotation")
    assert variants["en"].origin == "company"
    assert variants["de"].origin == "personal"
    assert variants["fr"].origin == "bundled"
    assert [p.path.endswith("broken.tpl") for p in lib.problems] == [True]
    assert lib.best_language("quotation", ["pt_BR"]) == "pt"
    assert lib.best_language("quotation", ["zh_CN", "en"]) == "zh"
    assert lib.best_language("quotation", ["sw"]) == "en"


def test_import_validates_everything_first_and_refuses_conflicts(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    src = tmp_path / "incoming"
    _write(src, "ok.tpl", GOOD)
    _write(src, "bad.tpl", GOOD.replace("price-news", "other").replace("{{ buyer.name }}",
                                                                        "{{ buyer.name }"))
    with pytest.raises(TemplateImportError, match="nothing was imported") as info:
        import_templates(profile, src)
    assert any("bad.tpl" in p and "line 7" in p for p in info.value.problems)
    assert not personal_dir(profile).exists() or not any(personal_dir(profile).iterdir())

    (src / "bad.tpl").unlink()
    imported = import_templates(profile, src)
    assert [v.where for v in imported] == ["price-news (en)"]
    assert import_templates(profile, src)  # the same file again: idempotent
    changed = _write(tmp_path / "changed", "x.tpl", GOOD.replace("New prices", "Changed"))
    with pytest.raises(TemplateImportError, match="--replace"):
        import_templates(profile, changed)
    assert "New prices" in (personal_dir(profile) / "price-news.en.tpl").read_text("utf-8")
    import_templates(profile, changed, replace=True)
    assert "Changed" in (personal_dir(profile) / "price-news.en.tpl").read_text("utf-8")


def test_import_refuses_sandbox_escape(tmp_path: Path) -> None:
    src = _write(tmp_path, "evil.tpl", GOOD.replace("{{ buyer.name }}", "{% include 'x' %}"))
    with pytest.raises(TemplateImportError, match="may not include"):
        import_templates(tmp_path / "profile", src)


def test_export_round_trips_and_refuses_to_overwrite(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    _write(personal_dir(profile), "mine.tpl", GOOD)
    out = tmp_path / "out"
    written = export_templates(load_library(profile), out)
    assert out / "price-news.en.tpl" in written and out / "quotation.ar.tpl" in written
    again = load_library(tmp_path / "empty", bundled=out)
    assert again.get("price-news").variants["en"].html == load_library(profile).get(
        "price-news").variants["en"].html
    (out / "price-news.en.tpl").write_text(GOOD.replace("Dear", "Hi"), encoding="utf-8")
    with pytest.raises(TemplateImportError, match="exists and differs"):
        export_templates(load_library(profile), out)
    assert "Hi" in (out / "price-news.en.tpl").read_text("utf-8")
