"""The signature policy files: `policy.json` and `directory.json` (schema version 1).

`parse_policy(data)` and `parse_directory(data)` turn the admin's JSON into frozen records and
refuse anything wrong with a `PolicyError` that names the file, the place and the reason: an
unknown schema version, a template without an HTML or plain form, an HTML form without the
`{{logo}}`, unsafe HTML, a rule naming a missing template, a bad field value. Keys starting with
"_" are comments and ignored. The format is documented in docs/signature-policy.md. Pure; any
thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from client.i18n import _
from client.signatures.fields import FIELD_KINDS, FieldValueError, check_values
from client.signatures.templating import TemplateError, check_template

SCHEMA_NAME = "tradewind-signature-policy"
SUPPORTED_VERSIONS = (1,)
DIRECTION_VALUES = ("ltr", "rtl")


#: ``PolicyError.code`` values: what kind of refusal it is (callers branch on these, never on
#: the words, which are in the rep's language): the key cannot be used; a schema or manifest
#: version this Tradewind does not know; the signature is missing, invalid or a signed file
#: changed; the logo is missing or not an image; the location cannot be used (no folder, not
#: https, no such file, untrusted certificate); the policy cannot be reached now; anything else.
POLICY_ERROR_CODES = ("key", "schema", "signature", "logo", "location", "unreachable", "policy")


class PolicyError(ValueError):
    """The policy cannot be used; `str()` says why in words an admin or rep understands;
    ``code`` (one of ``POLICY_ERROR_CODES``) says which kind of refusal it is."""

    def __init__(self, message: str, code: str = "policy") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Form:
    """One renderable form: HTML and plain text, direction, language, extra values."""

    html: str
    text: str
    direction: str = "ltr"
    language: str | None = None
    values: Mapping[str, str] = field(default_factory=dict)
    disclaimer: bool = True


@dataclass(frozen=True)
class Template:
    """A signature template: the full form, an optional reply form, language variants."""

    name: str
    full: Form
    reply: Form | None
    languages: Mapping[str, tuple[Form, Form | None]]  # language -> (full, reply)
    values: Mapping[str, str]


@dataclass(frozen=True)
class Rule:
    """Choose `template` when every given condition matches (absent conditions match all)."""

    template: str
    identity_domains: tuple[str, ...] = ()
    identity_addresses: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Logo:
    file: str
    alt: str
    width: int | None
    height: int | None


@dataclass(frozen=True)
class Policy:
    version: int
    company_values: Mapping[str, str]
    logo: Logo
    templates: Mapping[str, Template]
    rules: tuple[Rule, ...]
    disclaimer: str | None
    disclaimer_languages: Mapping[str, str]
    recipient_languages: Mapping[str, str]  # recipient domain suffix -> language


@dataclass(frozen=True)
class Person:
    email: str
    values: Mapping[str, str]
    languages: Mapping[str, Mapping[str, str]]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Directory:
    people: Mapping[str, Person]  # every address (main and aliases), lower-case -> Person
    rep_editable: tuple[str, ...]
    required: tuple[str, ...]

    def person(self, address: str) -> Person | None:
        return self.people.get(address.strip().lower())


def _load_json(data: bytes, name: str) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicyError(_("{name} is not valid JSON: {detail}", name=name, detail=exc)) from exc
    if not isinstance(doc, dict):
        raise PolicyError(_("{name} must hold a JSON object.", name=name))
    return doc


def _check_version(doc: Mapping[str, Any], name: str) -> int:
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PolicyError(_("{name} has no schema_version (a number such as 1).", name=name))
    if version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        raise PolicyError(_("{name} uses schema version {version}, which this Tradewind does "
                            "not understand (it supports version {supported}); update Tradewind "
                            "or ask the admin for a policy in a supported version.", name=name,
                            version=version, supported=supported), "schema")
    return version


def _text(value: Any, where: str) -> str:
    """A template body: a string or a list of lines (joined with newlines)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, str):
        return value
    raise PolicyError(_("{where}: expected text or a list of lines.", where=where))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip().lower(),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip().lower() for v in value)
    raise PolicyError(_("{where}: expected a string or a list of strings.", where=where))


def _values(value: Any, where: str) -> dict[str, str]:
    try:
        return check_values(value, where)
    except FieldValueError as exc:
        raise PolicyError(str(exc)) from exc


def _form(doc: Any, where: str, *, language: str | None, inherited_dir: str) -> Form:
    if not isinstance(doc, Mapping):
        raise PolicyError(_("{where}: expected an object with \"html\" and \"text\".",
                            where=where))
    if "html" not in doc or "text" not in doc:
        raise PolicyError(_("{where}: every form needs both \"html\" and \"text\".", where=where))
    html, text = _text(doc["html"], f"{where}.html"), _text(doc["text"], f"{where}.text")
    direction = doc.get("dir", inherited_dir)
    if direction not in DIRECTION_VALUES:
        raise PolicyError(_("{where}.dir must be \"ltr\" or \"rtl\".", where=where))
    try:
        check_template(html, f"{where}.html", is_html=True)
        check_template(text, f"{where}.text", is_html=False)
    except TemplateError as exc:
        raise PolicyError(str(exc)) from exc
    if "{{logo}}" not in html.replace(" ", ""):
        raise PolicyError(_("{where}.html must contain {{{{logo}}}}: the company logo goes into "
                            "every message.", where=where))
    disclaimer = doc.get("disclaimer", True)
    if not isinstance(disclaimer, bool):
        raise PolicyError(_("{where}.disclaimer must be true or false.", where=where))
    return Form(html, text, direction, language, _values(doc.get("values"), f"{where}.values"),
                disclaimer)


def _template(name: str, doc: Any) -> Template:
    where = f"policy.json templates.{name}"
    if not isinstance(doc, Mapping):
        raise PolicyError(_("{where}: expected an object.", where=where))
    full = _form(doc, where, language=None, inherited_dir="ltr")
    reply = (_form(doc["reply"], f"{where}.reply", language=None, inherited_dir="ltr")
             if doc.get("reply") is not None else None)
    languages: dict[str, tuple[Form, Form | None]] = {}
    raw_languages = doc.get("languages") or {}
    if not isinstance(raw_languages, Mapping):
        raise PolicyError(_("{where}.languages: expected an object keyed by language code.",
                            where=where))
    for lang, variant in raw_languages.items():
        if lang.startswith("_"):
            continue
        code = lang.strip().lower()
        lwhere = f"{where}.languages.{lang}"
        lfull = _form(variant, lwhere, language=code, inherited_dir="ltr")
        lreply = (_form(variant["reply"], f"{lwhere}.reply", language=code,
                        inherited_dir=lfull.direction)
                  if isinstance(variant, Mapping) and variant.get("reply") is not None else None)
        languages[code] = (lfull, lreply)
    return Template(name, full, reply, languages, _values(doc.get("values"), f"{where}.values"))


def _rule(doc: Any, index: int, templates: Mapping[str, Template]) -> Rule:
    where = f"policy.json rules[{index}]"
    if not isinstance(doc, Mapping) or not isinstance(doc.get("template"), str):
        raise PolicyError(_("{where}: each rule needs a \"template\" name.", where=where))
    if doc["template"] not in templates:
        raise PolicyError(_("{where}: there is no template named {name!r}.", where=where,
                            name=doc["template"]))
    when = doc.get("when") or {}
    if not isinstance(when, Mapping):
        raise PolicyError(_("{where}.when: expected an object.", where=where))
    unknown = set(when) - {"identity_domain", "identity_address", "department"}
    unknown = {k for k in unknown if not k.startswith("_")}
    if unknown:
        raise PolicyError(_("{where}.when: unknown condition(s) {names} (known: "
                            "identity_domain, identity_address, department).", where=where,
                            names=", ".join(sorted(unknown))))
    return Rule(doc["template"], _strings(when.get("identity_domain"), where),
                _strings(when.get("identity_address"), where),
                _strings(when.get("department"), where))


def _language_map(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PolicyError(_("{where}: expected an object.", where=where))
    out = {}
    for key, lang in value.items():
        if key.startswith("_"):
            continue
        if not isinstance(lang, str):
            raise PolicyError(_("{where}.{key}: expected text.", where=where, key=key))
        out[key.strip().lower().lstrip(".")] = lang.strip().lower()
    return out


def parse_policy(data: bytes) -> Policy:
    """Parse and check policy.json; raises PolicyError."""
    doc = _load_json(data, "policy.json")
    if doc.get("schema", SCHEMA_NAME) != SCHEMA_NAME:
        raise PolicyError(_("policy.json is not a Tradewind signature policy (schema {name!r} "
                            "expected).", name=SCHEMA_NAME))
    version = _check_version(doc, "policy.json")
    logo_doc = doc.get("logo")
    if not isinstance(logo_doc, Mapping) or not isinstance(logo_doc.get("file"), str):
        raise PolicyError(_("policy.json needs \"logo\": {\"file\": \"logo.png\", ...}."))
    logo_file = logo_doc["file"]
    if "/" in logo_file or "\\" in logo_file or logo_file.startswith("."):
        raise PolicyError(_("policy.json logo.file must be a file name beside policy.json."))
    sizes = [logo_doc.get(k) for k in ("width", "height")]
    if any(s is not None and (not isinstance(s, int) or not 0 < s <= 2000) for s in sizes):
        raise PolicyError(_("policy.json logo.width/height must be whole numbers of pixels."))
    logo = Logo(logo_file, str(logo_doc.get("alt", "")), sizes[0], sizes[1])
    raw_templates = doc.get("templates")
    if not isinstance(raw_templates, Mapping) or not raw_templates:
        raise PolicyError(_("policy.json needs at least one template under \"templates\"."))
    templates = {name: _template(name, t) for name, t in raw_templates.items()
                 if not name.startswith("_")}
    raw_rules = doc.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PolicyError(_("policy.json needs \"rules\" (the last one without \"when\" is "
                            "the default)."))
    rules = tuple(_rule(r, i, templates) for i, r in enumerate(raw_rules))
    disclaimer_doc = doc.get("disclaimer")
    disclaimer: str | None = None
    disclaimer_languages: dict[str, str] = {}
    if disclaimer_doc is not None:
        if not isinstance(disclaimer_doc, Mapping) or "text" not in disclaimer_doc:
            raise PolicyError(_("policy.json disclaimer needs a \"text\"."))
        disclaimer = _text(disclaimer_doc["text"], "policy.json disclaimer.text")
        disclaimer_languages = {
            k.lower(): _text(v, f"policy.json disclaimer.languages.{k}")
            for k, v in (disclaimer_doc.get("languages") or {}).items() if not k.startswith("_")}
    return Policy(
        version=version,
        company_values=_values(doc.get("company"), "policy.json company"),
        logo=logo, templates=templates, rules=rules, disclaimer=disclaimer,
        disclaimer_languages=disclaimer_languages,
        recipient_languages=_language_map(doc.get("recipient_languages"),
                                          "policy.json recipient_languages"),
    )


def parse_directory(data: bytes) -> Directory:
    """Parse and check directory.json; raises PolicyError."""
    doc = _load_json(data, "directory.json")
    _check_version(doc, "directory.json")
    editable = _strings(doc.get("rep_editable"), "directory.json rep_editable")
    required = _strings(doc.get("required"), "directory.json required")
    for name in (*editable, *required):
        if name not in FIELD_KINDS:
            raise PolicyError(_("directory.json names an unknown field {name!r}.", name=name))
    if "email" in editable:
        raise PolicyError(_("directory.json: email cannot be rep_editable (it is the sending "
                            "address)."))
    raw_people = doc.get("people") or {}
    if not isinstance(raw_people, Mapping):
        raise PolicyError(_("directory.json people: expected an object keyed by e-mail address."))
    people: dict[str, Person] = {}
    for address, entry in raw_people.items():
        if address.startswith("_"):
            continue
        where = f"directory.json people.{address}"
        if not isinstance(entry, Mapping):
            raise PolicyError(_("{where}: expected an object of field values.", where=where))
        plain = {k: v for k, v in entry.items() if k not in ("aliases", "languages")}
        values = _values(plain, where)
        langs_doc = entry.get("languages") or {}
        if not isinstance(langs_doc, Mapping):
            raise PolicyError(_("{where}.languages: expected an object keyed by language code.",
                            where=where))
        languages = {k.lower(): _values(v, f"{where}.languages.{k}")
                     for k, v in langs_doc.items() if not k.startswith("_")}
        aliases = _strings(entry.get("aliases"), f"{where}.aliases")
        person = Person(address.strip().lower(), values, languages, aliases)
        for key in (person.email, *aliases):
            if key in people:
                raise PolicyError(_("directory.json lists {address} twice.", address=key))
            people[key] = person
    return Directory(people, editable, required)
