"""The core's messages in the rep's language (``client.i18n``): the catalogs are complete and
match the code, the language is chosen as documented, values from servers are inserted as
they are, and a damaged catalog falls back to English."""

from __future__ import annotations

import re
import ssl
import string
import threading
from collections.abc import Iterator
from gettext import NullTranslations
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from client import i18n
from client.net.cert_reasons import reason_in_words

REPO = Path(__file__).resolve().parents[2]
PO_FILES = sorted((REPO / "resources" / "locale").glob("*/LC_MESSAGES/tradewind.po"))


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _catalog(po: Path):  # type: ignore[no-untyped-def]
    with po.open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_is_a_chinese_catalog_and_it_is_complete() -> None:
    assert [p.parents[1].name for p in PO_FILES] == ["zh_CN"]
    catalog = _catalog(PO_FILES[0])
    messages = [m for m in catalog if m.id]
    assert len(messages) > 60
    unfinished = [m.id for m in messages if m.fuzzy or not all(
        [m.string] if isinstance(m.string, str) else m.string)]
    assert unfinished == []


def test_every_translation_keeps_the_fields_of_its_message() -> None:
    """A translation that drops or renames a {field} would lose the server name or the reason."""
    for po in PO_FILES:
        wrong = [(m.id, m.string) for m in _catalog(po)
                 if m.id and _fields(str(m.id)) != _fields(str(m.string))]
        assert wrong == [], po


def test_every_wrapped_message_in_the_code_is_in_the_catalogs() -> None:
    """Re-extract _()/N_() calls from client/ and ui/ (babel.cfg): a new message without a
    translation fails here, not in front of a Chinese rep."""
    with (REPO / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    in_code = {message if isinstance(message, str) else message[0]
               for _file, _line, message, _comments, _context
               in extract_from_dir(str(REPO), method_map, options_map)}
    assert "The sync was cancelled." in in_code and len(in_code) > 60
    for po in PO_FILES:
        shipped = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(po)
                   if m.id and all(m.string) and not m.fuzzy}
        assert sorted(in_code - shipped) == [], po


def test_the_compiled_catalogs_match_the_po_files() -> None:
    for po in PO_FILES:
        mo = po.with_suffix(".mo")
        with mo.open("rb") as handle:
            compiled = Translations(handle)
        stale = [m.id for m in _catalog(po) if m.id and (
            compiled.gettext(m.id) != m.string if isinstance(m.id, str)
            else compiled.ngettext(m.id[0], m.id[1], 2) != m.string[-1])]
        assert stale == [], f"{mo} is out of date: run scripts/update_catalogs.py"


def test_language_names_map_to_the_languages_tradewind_has() -> None:
    assert i18n.normalise("zh_CN") == i18n.normalise("zh-Hans-CN") == "zh_CN"
    assert i18n.normalise("zh_TW.UTF-8") == "zh_CN"
    assert i18n.normalise("en_GB") == i18n.normalise("C.UTF-8") == i18n.normalise("") == "en"
    assert i18n.normalise("de_DE") == "en"
    assert i18n.supported("de_DE") is None


def test_cli_language_order_is_flag_then_variable_then_locale() -> None:
    env = {"TRADEWIND_LANG": "zh_CN", "LANG": "en_US.UTF-8"}
    assert i18n.language_from("en", env) == "en"
    assert i18n.language_from(None, env) == "zh_CN"
    assert i18n.language_from(None, {"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.language_from(None, {"LANGUAGE": "zh_CN:en", "LANG": "C"}) == "zh_CN"
    assert i18n.language_from(None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.language_from(None, {}) == "en"
    with pytest.raises(i18n.UnknownLanguageError, match="'tlh'.*en, zh_CN"):
        i18n.language_from("tlh", {})


def test_english_by_default_and_chinese_once_set() -> None:
    assert i18n.get_language() == "en"
    assert i18n._("The sync was cancelled.") == "The sync was cancelled."
    assert i18n.set_language("zh-Hans") == "zh_CN"
    try:
        assert i18n._("The sync was cancelled.") == "同步已取消。"
        assert i18n._("The server {where} did not answer in time.",
                      where="imap.example.com:993") == "服务器 imap.example.com:993 响应超时。"
        assert i18n.translate("The sync was cancelled.", "en") == "The sync was cancelled."
    finally:
        i18n.set_language("en")
    assert i18n._("The sync was cancelled.") == "The sync was cancelled."


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_server_text_with_braces_is_inserted_as_it_is(language: str) -> None:
    """Server words (T8) may hold {fields}: they must neither raise nor be filled in."""
    i18n.set_language(language)
    try:
        hostile = "{password} {0} {where!r} {__class__}"
        text = i18n._("The server {where} answered with an error: {detail}",
                      where="imap.example.com:993", detail=hostile)
    finally:
        i18n.set_language("en")
    assert text.endswith(hostile) and "imap.example.com:993" in text


def test_a_translation_that_does_not_fit_its_fields_falls_back_to_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(NullTranslations):
        def gettext(self, message: str) -> str:
            return "坏的 {nonexistent}"

    monkeypatch.setitem(i18n._catalogs, "zh_CN", Broken())
    i18n.set_language("zh_CN")
    try:
        assert i18n._("The server {where} stopped answering.", where="h:1") == \
            "The server h:1 stopped answering."
    finally:
        i18n.set_language("en")


def test_a_damaged_or_missing_catalog_means_english_not_a_crash(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "tradewind.mo").write_bytes(b"\xde\x12\x04\x95 this is not a catalog")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    try:
        assert i18n.set_language("zh_CN") == "zh_CN"
        assert i18n._("The sync was cancelled.") == "The sync was cancelled."
    finally:
        i18n.set_language("en")
    assert "cannot be read" in caplog.text
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "nowhere")
    monkeypatch.setattr(i18n, "_catalogs", {})
    caplog.clear()
    i18n.set_language("zh_CN")
    try:
        assert i18n._("The sync was cancelled.") == "The sync was cancelled."
    finally:
        i18n.set_language("en")
    assert "no zh_CN catalog" in caplog.text


def test_plural_forms() -> None:
    assert i18n.ngettext("{n} message", "{n} messages", 1) == "1 message"
    assert i18n.ngettext("{n} message in {folder}", "{n} messages in {folder}", 3,
                         folder="{INBOX}") == "3 messages in {INBOX}"


def test_switching_the_language_while_other_threads_translate() -> None:
    """Every text is whole, in one language or the other, and nothing raises."""
    seen: set[str] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def translate() -> None:
        try:
            while not stop.is_set():
                seen.add(i18n._("The server {where} stopped answering.", where="h:1"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=translate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for turn in range(400):
        i18n.set_language("zh_CN" if turn % 2 else "en")
    stop.set()
    for thread in threads:
        thread.join()
    i18n.set_language("en")
    assert errors == []
    assert seen <= {"The server h:1 stopped answering.", "服务器 h:1 已停止响应。"}


def _verify_error(code: int, message: str) -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED]")
    exc.verify_code = code
    exc.verify_message = message
    return exc


def test_certificate_reasons_in_words(chinese: None) -> None:
    assert reason_in_words(_verify_error(10, "certificate has expired")) == "该证书已过期"
    assert reason_in_words(_verify_error(18, "self-signed certificate")) == "该证书是自签名证书"
    assert reason_in_words(_verify_error(62, "Hostname mismatch")) == "该证书是为其他服务器名称颁发的"
    unknown = reason_in_words(_verify_error(999, "odd {0} failure"))
    assert unknown == "无法验证该证书（odd {0} failure）"


def test_certificate_reasons_in_english_by_default() -> None:
    assert reason_in_words(_verify_error(10, "certificate has expired")) == \
        "the certificate has expired"
    assert re.fullmatch(r"the certificate could not be verified \(.*\)",
                        reason_in_words(ValueError("boom")))
