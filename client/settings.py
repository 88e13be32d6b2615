"""The one definition of every setting the rep chooses: name, type, default, range or choices,
and the check that refuses a bad value in words. Qt-free.

Read by the CLI (`tradewind settings`), the app (Settings dialog, main window, sync driver)
and the sync side (`attachment_cap_bytes`) alike; values live in the profile's `settings`
table as JSON, stored exactly as before this module existed (no migration).

- `SETTINGS`: the definitions by key, in the order `settings list` shows them.
- `check(key, value) -> value`: the value as it is stored (ints stay ints), or `SettingError`
  (`code`: `unknown-setting`, `wrong-type`, `out-of-range`, `not-a-choice`, `bad-text`,
  `bad-address`; `key`; the message in the rep's language via `client.i18n`). Pure.
- `parse(key, text) -> value`: a value typed on the command line, then `check`. Pure.
- `read(store, key)`: the stored value if it passes `check`, else the default (of a stored
  address list only the bad entries are dropped). Never raises for a bad stored value (an
  older or hand-edited profile still opens).
- `write(store, key, value)` / `write_many(store, {key: value})`: `check` everything first,
  then store in one transaction (nothing is written when one value is refused).

`read`/`write` use the caller's `Store` on its thread; everything else is pure, any thread.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from client.i18n import N_, _, translate
from client.store.db import Store

#: the languages a per-language text (the link block's first line) may be given for
TEXT_LANGUAGES = ("en", "zh_CN")
MAX_ADDRESS_LIST = 5000
#: a layout (window or column state saved by the app): at most this many entries, each a
#: short name and a base64 text of at most MAX_LAYOUT_TEXT characters
MAX_LAYOUT_ENTRIES = 2000
MAX_LAYOUT_TEXT = 16_384
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


class SettingError(ValueError):
    """A value the definition refuses; `str()` is the reason in words, `code` is stable."""

    def __init__(self, code: str, key: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.key = key


@dataclass(frozen=True)
class Setting:
    """One setting. `kind`: int, number (int or float), bool, choice, text_by_language
    ({language: one line}) or address_list (addresses and @domains, lower-cased).
    `minimum`/`maximum` bound numbers and text lengths; `label` is an `N_` message id.
    `layout` is {name: base64 text}, state the app saves (window geometry, list columns);
    `flag_map` is {folder id as text: true/false}."""

    key: str
    kind: str
    default: Any
    label: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The definition as `tradewind settings list --json` prints it (English label)."""
        return {"key": self.key, "type": self.kind, "default": self.default,
                "minimum": _plain_number(self.minimum), "maximum": _plain_number(self.maximum),
                "choices": list(self.choices), "description": self.label}


def _plain_number(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


_DEFINITIONS = (
    Setting("ui.language", "choice", "system", N_("Language of the app"),
            choices=("system", "en", "zh_CN")),
    Setting("ui.appearance", "choice", "system", N_("Light or dark appearance"),
            choices=("system", "light", "dark")),
    Setting("ui.minimise_to_tray", "bool", False,
            N_("Closing the window keeps Tradewind in the tray")),
    Setting("sync.attachment_cache_mb", "number", 25,
            N_("Attachments of messages larger than this (MB) stay on the server until opened"),
            minimum=0.1, maximum=10_000),
    Setting("sync.interval_minutes", "int", 5,
            N_("Minutes between checks for mail on servers without IDLE"),
            minimum=1, maximum=24 * 60),
    Setting("links.threshold_mb", "number", 10.0,
            N_("Files over this size (MB) are sent as download links"),
            minimum=0, maximum=100_000),
    Setting("links.heading", "text_by_language", {},
            N_("Your own first line of the link block, by language"), minimum=1, maximum=200),
    Setting("quotes.remind_days_before", "int", 3,
            N_("Days before a quotation expires to remind you"), minimum=0, maximum=365),
    Setting("quotes.remind_days_unanswered", "int", 5,
            N_("Days without an answer to a quotation before a reminder"),
            minimum=0, maximum=365),
    Setting("followups.working_days", "int", 3,
            N_("Working days (the buyer's) without an answer before a follow-up reminder"),
            minimum=1, maximum=60),
    Setting("reader.remote_content_senders", "address_list", [],
            N_("Senders (addresses or @domains) whose mail may load remote pictures")),
    Setting("ui.reading_pane", "choice", "bottom",
            N_("Where the reading pane sits: right of the list, below it, or off"),
            choices=("right", "bottom", "off")),
    Setting("reader.font_size", "int", 0,
            N_("Font size of the message text in points (0: the system size)"),
            minimum=0, maximum=48),
    Setting("ui.toolbar_style", "choice", "icons",
            N_("Toolbar buttons: icons only, or text under the icons"),
            choices=("icons", "text_under")),
    Setting("notify.do_not_disturb", "bool", False,
            N_("Do not disturb: no desktop notifications for new mail")),
    Setting("notify.folders", "flag_map", {},
            N_("Folders that notify about new mail (folder id: true or false; Inboxes notify "
               "unless set to false)")),
    Setting("spell.enabled", "bool", True,
            N_("Check the spelling while typing in the composer")),
    Setting("ui.window_layout", "layout", {},
            N_("Size, position and splitters of the main window (saved by the app)")),
    Setting("ui.list_columns", "layout", {},
            N_("Shown columns, their order and width, per folder (saved by the app)")),
)

SETTINGS: dict[str, Setting] = {s.key: s for s in _DEFINITIONS}


def definition(key: str) -> Setting:
    """The definition of `key`; `SettingError('unknown-setting')` for any other name."""
    found = SETTINGS.get(key)
    if found is None:
        raise SettingError("unknown-setting", key, _(
            "There is no setting {key}. `tradewind settings list` shows them all.", key=key))
    return found


def label(key: str) -> str:
    """The setting's description in the current language."""
    return translate(definition(key).label)


def _range_error(setting: Setting, value: object) -> SettingError:
    return SettingError("out-of-range", setting.key, _(
        "{name} must be between {low} and {high}; {value} is not.", name=setting.key,
        low=_plain_number(setting.minimum), high=_plain_number(setting.maximum), value=value))


def _check_number(setting: Setting, value: object) -> int | float:
    whole = setting.kind == "int"
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            whole and not (isinstance(value, int) or float(value).is_integer())):
        raise SettingError("wrong-type", setting.key, _(
            "{name} must be a whole number.", name=setting.key) if whole else _(
            "{name} must be a number.", name=setting.key))
    if isinstance(value, float) and not math.isfinite(value):
        raise SettingError("wrong-type", setting.key, _("{name} must be a number.",
                                                        name=setting.key))
    number: int | float = int(value) if whole else value
    low, high = setting.minimum, setting.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise _range_error(setting, value)
    return number


_LANGUAGE_NAMES = {"en": N_("English"), "zh_CN": N_("Chinese")}


def _check_line(setting: Setting, code: str, text: object) -> str:
    language = translate(_LANGUAGE_NAMES.get(code, code))
    if not isinstance(text, str):
        raise SettingError("wrong-type", setting.key, _(
            "Each text of {name} must be text.", name=setting.key))
    if any(c in text for c in "\r\n\v\f\x85\u2028\u2029"):
        raise SettingError("bad-text", setting.key, _(
            "The text for {lang} must be one line.", lang=language))
    line = " ".join(text.split())
    if not (setting.minimum or 0) <= len(line) <= (setting.maximum or len(line)):
        raise SettingError("bad-text", setting.key, _(
            "The text for {lang} must be {low} to {high} characters on one line.",
            lang=language, low=_plain_number(setting.minimum),
            high=_plain_number(setting.maximum)))
    if any(not c.isprintable() for c in line):
        raise SettingError("bad-text", setting.key, _(
            "The text for {lang} contains control characters.", lang=language))
    return line


def _check_texts(setting: Setting, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SettingError("wrong-type", setting.key, _(
            "{name} must be a JSON object such as {example}.", name=setting.key,
            example='{"en": "…", "zh_CN": "…"}'))
    out: dict[str, str] = {}
    for language, text in value.items():
        if language not in TEXT_LANGUAGES:
            raise SettingError("not-a-choice", setting.key, _(
                "{name} has texts for {choices} only, not {value}.", name=setting.key,
                choices=", ".join(TEXT_LANGUAGES), value=language))
        out[language] = _check_line(setting, str(language), text)
    return out


def normalise_address(entry: object) -> str:
    """`name@domain` (one sender) or `@domain` (every sender there), lower-cased and
    stripped; `SettingError('bad-address')` for anything else. Pure."""
    text = entry.strip().lower() if isinstance(entry, str) else ""
    local, at, domain = text.rpartition("@")
    if not at or not domain or "." not in domain.strip(".") or any(
            c.isspace() or c in "<>,;\"()[]\\" or not c.isprintable() for c in text) \
            or "@" in local or domain.startswith(".") or domain.endswith("."):
        raise SettingError("bad-address", "reader.remote_content_senders", _(
            "{value} is neither an email address nor @domain.", value=str(entry)[:200]))
    return text


def _check_addresses(setting: Setting, value: object) -> list[str]:
    if not isinstance(value, list):
        raise SettingError("wrong-type", setting.key, _(
            "{name} must be a list of addresses.", name=setting.key))
    if len(value) > MAX_ADDRESS_LIST:
        raise SettingError("out-of-range", setting.key, _(
            "{name} holds at most {high} entries.", name=setting.key, high=MAX_ADDRESS_LIST))
    return sorted({normalise_address(entry) for entry in value})


def _check_layout(setting: Setting, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SettingError("wrong-type", setting.key, _(
            "{name} must be a JSON object such as {example}.", name=setting.key,
            example='{"main": "AdnQywAD…"}'))
    if len(value) > MAX_LAYOUT_ENTRIES:
        raise SettingError("out-of-range", setting.key, _(
            "{name} holds at most {high} entries.", name=setting.key, high=MAX_LAYOUT_ENTRIES))
    for name, text in value.items():
        if not isinstance(name, str) or not 0 < len(name) <= 64 or not name.isprintable():
            raise SettingError("bad-text", setting.key, _(
                "Each name in {name} must be 1 to 64 printable characters.", name=setting.key))
        if not isinstance(text, str) or len(text) > MAX_LAYOUT_TEXT or not set(text) <= _BASE64:
            raise SettingError("bad-text", setting.key, _(
                "Each entry of {name} must be base64 text of at most {high} characters.",
                name=setting.key, high=MAX_LAYOUT_TEXT))
    return dict(value)


def _check_flag_map(setting: Setting, value: object) -> dict[str, bool]:
    if not isinstance(value, dict) or len(value) > MAX_LAYOUT_ENTRIES:
        raise SettingError("wrong-type", setting.key, _(
            "{name} must be a JSON object such as {example}.", name=setting.key,
            example='{"12": true, "3": false}'))
    for name, flag in value.items():
        if not (isinstance(name, str) and name.isdigit() and len(name) <= 18
                and isinstance(flag, bool)):
            raise SettingError("wrong-type", setting.key, _(
                "Each entry of {name} must be a folder id with true or false.",
                name=setting.key))
    return dict(value)


def check(key: str, value: object) -> Any:
    """The value as stored, or `SettingError` in words (see the module docstring). Pure."""
    setting = definition(key)
    if setting.kind in ("int", "number"):
        return _check_number(setting, value)
    if setting.kind == "bool":
        if not isinstance(value, bool):
            raise SettingError("wrong-type", key, _("{name} must be true or false.", name=key))
        return value
    if setting.kind == "choice":
        if value not in setting.choices:
            raise SettingError("not-a-choice", key, _(
                "{name} must be one of {choices}; {value} is not.", name=key,
                choices=", ".join(setting.choices), value=str(value)[:200]))
        return value
    if setting.kind == "text_by_language":
        return _check_texts(setting, value)
    if setting.kind == "layout":
        return _check_layout(setting, value)
    if setting.kind == "flag_map":
        return _check_flag_map(setting, value)
    return _check_addresses(setting, value)


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def parse(key: str, text: str) -> Any:
    """A value typed as text (the CLI), checked. Numbers and yes/no are read as such;
    per-language texts and lists take JSON (a list also takes comma-separated entries)."""
    setting = definition(key)
    value: object = text
    if setting.kind in ("int", "number"):
        try:
            value = int(text) if text.strip().lstrip("+-").isdigit() else float(text)
        except ValueError:
            value = text
    elif setting.kind == "bool":
        lowered = text.strip().lower()
        value = True if lowered in _TRUE else False if lowered in _FALSE else text
    elif setting.kind in ("text_by_language", "address_list", "layout", "flag_map"):
        try:
            value = json.loads(text)
        except ValueError:
            value = [part for part in text.split(",") if part.strip()] \
                if setting.kind == "address_list" else text
    return check(key, value)


def read(store: Store, key: str) -> Any:
    """The stored value when it passes `check`, else the default (caller's thread)."""
    setting = definition(key)
    stored = store.get_setting(key, setting.default)
    if setting.kind == "address_list" and isinstance(stored, list):
        stored = [entry for entry in stored[:MAX_ADDRESS_LIST] if _address_or_none(entry)]
    try:
        return check(key, stored)
    except SettingError:
        return setting.default


def _address_or_none(entry: object) -> str | None:
    try:
        return normalise_address(entry)
    except SettingError:
        return None


def write(store: Store, key: str, value: object) -> Any:
    """Check and store one value; returns it as stored. Idempotent."""
    return write_many(store, {key: value})[key]


def write_many(store: Store, values: Mapping[str, object]) -> dict[str, Any]:
    """Check every value, then store them all in one transaction (none when one is refused)."""
    checked = {key: check(key, value) for key, value in values.items()}
    with store.transaction():
        for key, value in checked.items():
            store.set_setting(key, value)
    return checked


def attachment_cap_bytes(store: Store) -> int:
    """Messages larger than this keep their attachments on the server until opened."""
    return int(float(read(store, "sync.attachment_cache_mb")) * 1024 * 1024)
