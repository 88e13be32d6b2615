"""`client.settings`: every setting's check with good, bad and edge values, reading a bad
stored value as the default, and all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from client import i18n, settings
from client.store.db import Store

# key -> (good values with what is stored, bad values with the refusal's code)
CASES: dict[str, tuple[list[tuple[object, object]], list[tuple[object, str]]]] = {
    "ui.language": ([("system", "system"), ("en", "en"), ("zh_CN", "zh_CN")],
                    [("de", "not-a-choice"), ("", "not-a-choice"), (None, "not-a-choice"),
                     ("ZH_CN", "not-a-choice")]),
    "ui.appearance": ([("system", "system"), ("light", "light"), ("dark", "dark")],
                      [("Dark", "not-a-choice"), (1, "not-a-choice")]),
    "ui.minimise_to_tray": ([(True, True), (False, False)],
                            [(1, "wrong-type"), ("yes", "wrong-type"), (None, "wrong-type")]),
    "sync.attachment_cache_mb": ([(0.1, 0.1), (25, 25), (10_000, 10_000), (2.5, 2.5)],
                                 [(0, "out-of-range"), (0.09, "out-of-range"),
                                  (10_000.5, "out-of-range"), (-1, "out-of-range"),
                                  (True, "wrong-type"), ("25", "wrong-type"),
                                  (float("nan"), "wrong-type"), (float("inf"), "wrong-type")]),
    "sync.interval_minutes": ([(1, 1), (1440, 1440), (5.0, 5)],
                              [(0, "out-of-range"), (1441, "out-of-range"),
                               (1.5, "wrong-type"), (False, "wrong-type"), ("5", "wrong-type")]),
    "links.threshold_mb": ([(0, 0), (0.5, 0.5), (100_000, 100_000)],
                           [(-0.1, "out-of-range"), (100_001, "out-of-range"),
                            ([], "wrong-type")]),
    "links.heading": ([({}, {}), ({"en": "  Our  files: "}, {"en": "Our files:"}),
                       ({"zh_CN": "下载链接：", "en": "x" * 200}, {"zh_CN": "下载链接：", "en": "x" * 200})],
                      [({"en": "x" * 201}, "bad-text"), ({"en": ""}, "bad-text"),
                       ({"en": "   "}, "bad-text"), ({"en": "two\nlines"}, "bad-text"),
                       ({"en": "a\u2028b"}, "bad-text"), ({"en": "bell\x07"}, "bad-text"),
                       ({"de": "Hier"}, "not-a-choice"), ({"en": 5}, "wrong-type"),
                       ("Here", "wrong-type")]),
    "quotes.remind_days_before": ([(0, 0), (365, 365)],
                                  [(-1, "out-of-range"), (366, "out-of-range")]),
    "quotes.remind_days_unanswered": ([(0, 0), (365, 365)],
                                      [(-1, "out-of-range"), (400, "out-of-range")]),
    "spell.enabled": ([(True, True), (False, False)], [(1, "wrong-type"), ("on", "wrong-type")]),
    "followups.working_days": ([(1, 1), (60, 60)],
                               [(0, "out-of-range"), (61, "out-of-range")]),
    "reader.remote_content_senders": (
        [([], []), (["Li.Wei@Supplier.Example", "@News.Example.CN", "li.wei@supplier.example"],
                    ["@news.example.cn", "li.wei@supplier.example"])],
        [(["no-at-sign.example"], "bad-address"), (["a@b"], "bad-address"),
         (["Name <a@b.example>"], "bad-address"), (["a@b.example,c@d.example"], "bad-address"),
         (["a@@b.example"], "bad-address"), (["a@.example"], "bad-address"),
         ("a@b.example", "wrong-type"), (["x@y.example"] * 2 + [f"{n}@x.example" for n in range(5000)],
                                         "out-of-range")]),
    "ui.reading_pane": ([("right", "right"), ("bottom", "bottom"), ("off", "off")],
                        [("left", "not-a-choice"), (None, "not-a-choice")]),
    "reader.font_size": ([(0, 0), (12, 12), (48, 48)],
                         [(-1, "out-of-range"), (49, "out-of-range"), ("12", "wrong-type")]),
    "ui.toolbar_style": ([("icons", "icons"), ("text_under", "text_under")],
                         [("text", "not-a-choice")]),
    "notify.do_not_disturb": ([(True, True), (False, False)], [("yes", "wrong-type")]),
    "notify.folders": ([({}, {}), ({"12": True, "3": False}, {"12": True, "3": False})],
                       [([], "wrong-type"), ({"x": True}, "wrong-type"), ({"12": 1}, "wrong-type"),
                        ({"-1": True}, "wrong-type")]),
    "ui.window_layout": ([({}, {}), ({"main": "AdnQywAD+/=="}, {"main": "AdnQywAD+/=="})],
                         [([], "wrong-type"), ({"main": "not base64!"}, "bad-text"),
                          ({"": "AA=="}, "bad-text"), ({"x" * 65: "AA=="}, "bad-text"),
                          ({"main": "A" * 16_385}, "bad-text"), ({"main": 5}, "bad-text"),
                          ({str(n): "AA==" for n in range(2001)}, "out-of-range")]),
    "ui.list_columns": ([({"12": "AAAA"}, {"12": "AAAA"})],
                        [({"12": "<script>"}, "bad-text"), ({"a\nb": "AA=="}, "bad-text")]),
}


def test_every_setting_has_cases() -> None:
    assert set(CASES) == set(settings.SETTINGS)


@pytest.mark.parametrize("key", sorted(CASES))
def test_good_values_are_stored_as_given(key: str) -> None:
    for given, stored in CASES[key][0]:
        assert settings.check(key, given) == stored
        assert type(settings.check(key, given)) is type(stored)


@pytest.mark.parametrize("key", sorted(CASES))
def test_bad_values_are_refused_in_words(key: str) -> None:
    for given, code in CASES[key][1]:
        with pytest.raises(settings.SettingError) as refused:
            settings.check(key, given)
        assert refused.value.code == code, given
        assert refused.value.key == key
        message = str(refused.value)
        assert message.endswith(".") and len(message) > 20 and "Traceback" not in message


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_default_passes_its_own_check(key: str) -> None:
    definition = settings.SETTINGS[key]
    assert settings.check(key, definition.default) == definition.default


def test_range_message_names_the_setting_and_the_bounds() -> None:
    with pytest.raises(settings.SettingError, match=r"sync.interval_minutes must be between 1 "
                                                    r"and 1440; 0 is not\."):
        settings.check("sync.interval_minutes", 0)


def test_unknown_setting() -> None:
    with pytest.raises(settings.SettingError) as refused:
        settings.check("sync.interval", 5)
    assert refused.value.code == "unknown-setting" and "settings list" in str(refused.value)


def test_messages_follow_the_language() -> None:
    previous = i18n.get_language()
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(settings.SettingError) as refused:
            settings.check("sync.interval_minutes", 0)
        assert "1440" in str(refused.value) and "must be" not in str(refused.value)
        assert settings.label("ui.language") != "Language of the app"
    finally:
        i18n.set_language(previous)


@pytest.mark.parametrize(("key", "text", "value"), [
    ("sync.interval_minutes", "15", 15), ("sync.attachment_cache_mb", "2.5", 2.5),
    ("links.threshold_mb", "0", 0), ("ui.minimise_to_tray", "yes", True),
    ("ui.minimise_to_tray", "OFF", False), ("ui.language", "zh_CN", "zh_CN"),
    ("links.heading", '{"en": "Files:"}', {"en": "Files:"}),
    ("reader.remote_content_senders", "a@b.example, @c.example", ["@c.example", "a@b.example"]),
    ("reader.remote_content_senders", '["A@B.example"]', ["a@b.example"]),
])
def test_parse_reads_typed_text(key: str, text: str, value: object) -> None:
    assert settings.parse(key, text) == value


@pytest.mark.parametrize(("key", "text", "code"), [
    ("sync.interval_minutes", "five", "wrong-type"), ("sync.interval_minutes", "1e9", "out-of-range"),
    ("ui.minimise_to_tray", "maybe", "wrong-type"), ("links.heading", "not json", "wrong-type"),
    ("links.threshold_mb", "nan", "wrong-type"),
])
def test_parse_refuses_bad_text(key: str, text: str, code: str) -> None:
    with pytest.raises(settings.SettingError) as refused:
        settings.parse(key, text)
    assert refused.value.code == code


def test_read_gives_the_default_for_a_missing_or_bad_stored_value(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tradewind.db") as store:
        assert settings.read(store, "sync.interval_minutes") == 5
        store.set_setting("sync.interval_minutes", "often")  # an old or hand-edited profile
        assert settings.read(store, "sync.interval_minutes") == 5
        store.set_setting("sync.interval_minutes", 9)
        assert settings.read(store, "sync.interval_minutes") == 9
        store.set_setting("reader.remote_content_senders", ["not an address"])
        assert settings.read(store, "reader.remote_content_senders") == []
        # one bad entry (an older version took anything with an @) keeps the others allowed
        store.set_setting("reader.remote_content_senders", ["news@intranet", "Li@Supplier.example"])
        assert settings.read(store, "reader.remote_content_senders") == ["li@supplier.example"]


def test_write_many_stores_nothing_when_one_value_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tradewind.db") as store:
        with pytest.raises(settings.SettingError):
            settings.write_many(store, {"sync.interval_minutes": 9, "ui.appearance": "pink"})
        assert store.get_setting("sync.interval_minutes") is None
        assert settings.write(store, "links.heading", {"en": " Files: "}) == {"en": "Files:"}
        assert store.get_setting("links.heading") == {"en": "Files:"}


def test_attachment_cap_in_bytes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tradewind.db") as store:
        assert settings.attachment_cap_bytes(store) == 25 * 1024 * 1024
        settings.write(store, "sync.attachment_cache_mb", 0.5)
        assert settings.attachment_cap_bytes(store) == 512 * 1024
        store.set_setting("sync.attachment_cache_mb", 0)  # refused value on disk: the default
        assert settings.attachment_cap_bytes(store) == 25 * 1024 * 1024
