"""Link analysis (checklist H5): punycode for mixed or foreign scripts, text vs target,
user-info, dangerous schemes; what is opened is exactly what was analysed."""

from __future__ import annotations

import pytest

from client.security.links import (
    DANGEROUS_SCHEME,
    FOREIGN_SCRIPT,
    INVALID_HOST,
    MIXED_SCRIPTS,
    TEXT_MISMATCH,
    USER_INFO,
    analyse_link,
    rep_scripts,
)


def test_plain_link_has_no_warning() -> None:
    result = analyse_link("https://www.harbor-lighting.example/catalogue?p=2", "our catalogue")
    assert result.warnings == () and not result.blocked
    assert result.host == "www.harbor-lighting.example"
    assert result.open_url == "https://www.harbor-lighting.example/catalogue?p=2"


def test_cyrillic_lookalike_mixed_with_latin_is_shown_in_punycode() -> None:
    result = analyse_link("https://pаypal.com/", "", "en")  # Cyrillic а
    assert result.codes() == (MIXED_SCRIPTS,)
    assert result.host == "xn--pypal-4ve.com" and result.host_unicode == "pаypal.com"
    assert result.open_url == "https://xn--pypal-4ve.com/"


def test_punycode_target_is_decoded_for_the_check() -> None:
    assert analyse_link("https://xn--pypal-4ve.com/").codes() == (MIXED_SCRIPTS,)


def test_whole_script_host_depends_on_the_reps_language() -> None:
    english = analyse_link("https://阿里巴巴.com/", "", "en")
    chinese = analyse_link("https://阿里巴巴.com/", "", "zh_CN")
    assert english.codes() == (FOREIGN_SCRIPT,) and english.host.startswith("xn--")
    assert chinese.warnings == () and chinese.host == "阿里巴巴.com"
    assert analyse_link("https://аррӏе.com/", "", "en").codes() == (FOREIGN_SCRIPT,)
    assert analyse_link("https://аррӏе.com/", "", "ru").warnings == ()


def test_japanese_mix_is_allowed_for_a_japanese_rep() -> None:
    assert analyse_link("https://東京ガス.jp/", "", "ja").warnings == ()


def test_rep_scripts() -> None:
    assert rep_scripts("zh_CN") == {"HAN", "BOPOMOFO"}
    assert rep_scripts("en_US") == {"LATIN"}
    assert rep_scripts("ru") == {"CYRILLIC"}


@pytest.mark.parametrize(
    "text, shown",
    [("https://bank.example", "bank.example"), ("www.bank.example/login", "www.bank.example"),
     ("bank.example", "bank.example"), ("Log in at https://bank.example now", "bank.example"),
     ("support@bank.example", "support@bank.example")],
)
def test_text_showing_another_target_warns(text: str, shown: str) -> None:
    result = analyse_link("https://bank.example.evil.example/login", text)
    assert result.codes() == (TEXT_MISMATCH,) and result.warnings[0].detail == shown


@pytest.mark.parametrize(
    "text", ["https://bank.example", "www.bank.example", "bank.example", "Click here",
             "invoice.pdf", "login.bank.example"],
)
def test_text_matching_the_target_or_not_a_url_does_not_warn(text: str) -> None:
    assert analyse_link("https://login.bank.example/", text).warnings == ()


def test_user_info_is_shown_and_password_masked() -> None:
    result = analyse_link("https://bank.example:s3cret@evil.example/")
    assert result.codes() == (USER_INFO,)
    assert result.warnings[0].detail == "bank.example:***"
    assert result.host == "evil.example"
    assert "s3cret" not in repr(result.warnings)


def test_backslash_is_read_as_the_browser_reads_it() -> None:
    result = analyse_link("https://bank.example\\@evil.example/")
    assert result.host == "bank.example" and result.open_url.startswith("https://bank.example/")


@pytest.mark.parametrize(
    "href, scheme",
    [("javascript:alert(1)", "javascript"), ("  JaVa\tScRiPt:alert(1)", "javascript"),
     ("file:///etc/passwd", "file"), ("data:text/html,<script>x</script>", "data"),
     ("smb://fileserver/share", "smb"), ("vbscript:msgbox", "vbscript"), ("relative/path", ""),
     ("twmail://mail/1/body", "twmail")],
)
def test_dangerous_schemes_are_blocked(href: str, scheme: str) -> None:
    result = analyse_link(href, "click")
    assert result.blocked and result.codes() == (DANGEROUS_SCHEME,)
    assert result.warnings[0].detail == scheme and result.open_url == ""


def test_invalid_host_is_blocked() -> None:
    result = analyse_link("https://exa mple..com/")
    assert result.blocked and INVALID_HOST in result.codes()


def test_mailto_text_vs_address() -> None:
    same = analyse_link("mailto:sales@harbor.example?subject=x", "sales@harbor.example")
    other = analyse_link("mailto:sales@evil.example", "sales@harbor.example")
    assert same.is_mailto and same.warnings == () and not same.blocked
    assert other.codes() == (TEXT_MISMATCH,) and other.warnings[0].detail == "sales@harbor.example"


def test_ip_hosts_are_kept() -> None:
    assert analyse_link("http://[::1]:8080/x").open_url == "http://[::1]:8080/x"
    assert analyse_link("http://127.0.0.1/x").host == "127.0.0.1"


def test_every_corpus_url_is_analysed_without_raising() -> None:
    import re
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "data" / "corpus" / "html"
    urls = set()
    for path in corpus.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            urls |= set(re.findall(r"""(?:href|src|action)\s*=\s*["']?([^"'\s>]+)""", text, re.I))
    assert len(urls) > 100
    for url in urls:
        for text in ("", url, "https://bank.example"):
            result = analyse_link(url, text, "zh_CN")
            assert result.blocked or result.open_url.startswith(("http://", "https://", "mailto:"))
