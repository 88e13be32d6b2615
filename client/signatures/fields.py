"""The per-rep fields a signature template may use, their kinds and how a value is checked.

Every value that reaches a template (from the directory, the template itself or the rep's
settings) passes `check_value`: one line, no control characters, bounded length, and a kind
check (URLs are http(s) only, phone numbers are digits and punctuation). Derived values
(`phone_tel`, `mobile_tel`, `whatsapp_url`) are computed from checked ones, so no template can be
fed a `javascript:` link. Pure; any thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from client.i18n import _

MAX_VALUE_LENGTH = 300

# field name -> kind ("text", "phone", "url", "email")
FIELD_KINDS: dict[str, str] = {
    "full_name": "text",
    "title": "text",
    "department": "text",
    "company": "text",
    "phone": "phone",
    "mobile": "phone",
    "fax": "phone",
    "email": "email",
    "website": "url",
    "address": "text",
    "linkedin": "url",
    "whatsapp": "phone",
    "wechat": "text",
    "skype": "text",
    "line": "text",
}

# derived placeholder -> (source field, builder)
DERIVED_FIELDS = ("phone_tel", "mobile_tel", "whatsapp_url")
SPECIAL_PLACEHOLDERS = ("logo",)
ALL_PLACEHOLDERS = frozenset((*FIELD_KINDS, *DERIVED_FIELDS, *SPECIAL_PLACEHOLDERS))

_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-/]*(?:\s*(?:ext\.?|x)\s*[0-9]+)?$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


class FieldValueError(ValueError):
    """A value is not acceptable for its field; `str()` says which and why."""


def check_value(field: str, value: object, where: str) -> str:
    """The value as a clean string; raises FieldValueError naming `where` (e.g. a file)."""
    kind = FIELD_KINDS.get(field)
    if kind is None:
        known = ", ".join(sorted(FIELD_KINDS))
        raise FieldValueError(_("{where}: unknown field {field!r} (known fields: {known}).",
                                where=where, field=field, known=known))
    if not isinstance(value, str):
        raise FieldValueError(_("{where}: the value of {field!r} must be text.", where=where,
                                field=field))
    text = value.strip()
    if len(text) > MAX_VALUE_LENGTH:
        raise FieldValueError(_("{where}: {field!r} is longer than {limit} characters.",
                                where=where, field=field, limit=MAX_VALUE_LENGTH))
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200e\u200f" for ch in text):
        raise FieldValueError(_("{where}: {field!r} contains a line break or control character.",
                                where=where, field=field))
    if not text:
        return ""
    if kind == "phone" and not _PHONE.match(text):
        raise FieldValueError(_(
            "{where}: {field!r} = {text!r} is not a phone number (digits, spaces, + ( ) - . /).",
            where=where, field=field, text=text))
    if kind == "url" and not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
        raise FieldValueError(_("{where}: {field!r} = {text!r} must be an http:// or https:// "
                                "link.", where=where, field=field, text=text))
    if kind == "email" and not _EMAIL.match(text):
        raise FieldValueError(_("{where}: {field!r} = {text!r} is not an e-mail address.",
                                where=where, field=field, text=text))
    return text


def check_values(values: object, where: str) -> dict[str, str]:
    """A mapping of field -> value, every entry checked (empty values are dropped)."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise FieldValueError(_("{where}: expected an object of field values.", where=where))
    out: dict[str, str] = {}
    for key, value in values.items():
        if str(key).startswith("_"):
            continue  # "_comment" keys
        checked = check_value(str(key), value, where)
        if checked:
            out[str(key)] = checked
    return out


def _digits(phone: str) -> str:
    main = re.split(r"\s*(?:ext\.?|x)\s*", phone, maxsplit=1)[0]
    return ("+" if main.startswith("+") else "") + re.sub(r"[^0-9]", "", main)


def with_derived(values: Mapping[str, str]) -> dict[str, str]:
    """The values plus `phone_tel`/`mobile_tel` (tel: links) and `whatsapp_url` (wa.me link)."""
    out = dict(values)
    if values.get("phone"):
        out["phone_tel"] = "tel:" + _digits(values["phone"])
    if values.get("mobile"):
        out["mobile_tel"] = "tel:" + _digits(values["mobile"])
    if values.get("whatsapp"):
        out["whatsapp_url"] = "https://wa.me/" + _digits(values["whatsapp"]).lstrip("+")
    return out
