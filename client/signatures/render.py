"""Choosing and rendering a rep's signature from the policy in force.

`render_signature(bundle, request, rep_values)` picks the template (first rule whose conditions
all match the sending identity's address, domain and the rep's department), the language variant
(the request's language, else the first recipient whose domain suffix the policy maps to a
language, when the template has that variant), the reply form for replies (when the admin set
one), fills it and returns a `SignatureBlock` whose HTML references the logo as `cid:` and whose
images carry the logo. The same inputs always give the same bytes: enforcement relies on it.

Value precedence, lowest first: the policy's `company` values, the rep's own settings (only
`rep_editable` fields), the directory entry, the entry's language values, the template's values,
the variant's values; `email` is always the sending address. Pure; any thread; raises
`PolicyError` when no rule matches or a required field has no value.
"""

from __future__ import annotations

import base64
import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from client.compose.assemble import SignatureBlock
from client.compose.build import InlineImage
from client.i18n import _
from client.signatures.bundle import PolicyBundle
from client.signatures.fields import with_derived
from client.signatures.schema import Form, Person, PolicyError, Template
from client.signatures.templating import render

DISCLAIMER_STYLE = "font-size:11px;color:#777777;margin-top:8px"


@dataclass(frozen=True)
class SignatureRequest:
    identity: str  # the From address
    recipients: tuple[str, ...] = ()  # To then Cc, for the recipient-language choice
    language: str | None = None  # an explicit choice wins over the recipients' domains
    reply: bool = False


@dataclass(frozen=True)
class RenderedSignature:
    block: SignatureBlock
    template: str
    language: str | None
    variant: str  # "full" or "reply"
    direction: str = "ltr"  # "rtl" for a right-to-left variant (e.g. Arabic)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(">")


def choose_template(bundle: PolicyBundle, identity: str, department: str | None) -> Template:
    address, domain = identity.strip().lower(), _domain(identity)
    dept = (department or "").strip().lower()
    for rule in bundle.policy.rules:
        if rule.identity_domains and domain not in rule.identity_domains:
            continue
        if rule.identity_addresses and address not in rule.identity_addresses:
            continue
        if rule.departments and dept not in rule.departments:
            continue
        return bundle.policy.templates[rule.template]
    raise PolicyError(_("No rule of the company signature policy chooses a template for "
                        "{identity}; the admin should add a default rule (one without \"when\").",
                        identity=identity))


def template_for(bundle: PolicyBundle, identity: str,
                 rep: Mapping[str, str] | None = None) -> Template:
    """The template `render_signature` uses for this sending address (its department from the
    directory, else the rep's own value); raises PolicyError when no rule matches."""
    person = bundle.directory.person(identity)
    department = (person.values.get("department") if person else None) or dict(
        rep or {}).get("department")
    return choose_template(bundle, identity, department)


def recipient_language(bundle: PolicyBundle, recipients: tuple[str, ...]) -> str | None:
    """The language the policy maps the first matching recipient domain to (longest suffix)."""
    mapping = bundle.policy.recipient_languages
    for address in recipients:
        labels = _domain(address).split(".")
        for start in range(len(labels)):
            found = mapping.get(".".join(labels[start:]))
            if found:
                return found
    return None


def _variant(template: Template, language: str | None) -> tuple[Form, Form | None, str | None]:
    if language:
        code = language.strip().lower()
        for key in (code, code.split("-")[0]):
            if key in template.languages:
                full, reply = template.languages[key]
                return full, reply, key
    return template.full, template.reply, None


def _values(bundle: PolicyBundle, person: Person | None, template: Template, form: Form,
            language: str | None, identity: str, rep: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = dict(bundle.policy.company_values)
    editable = set(bundle.directory.rep_editable)
    values.update({k: v for k, v in rep.items() if k in editable and v})
    if person is not None:
        values.update(person.values)
        if language:
            values.update(person.languages.get(language, {}))
    values.update(template.values)
    values.update(form.values)
    values["email"] = identity.strip()
    return with_derived(values)


def _missing(bundle: PolicyBundle, values: Mapping[str, str], identity: str) -> None:
    missing = [f for f in bundle.directory.required if not values.get(f)]
    if not missing:
        return
    editable = [f for f in missing if f in bundle.directory.rep_editable]
    if editable:
        how = _("fill {fields} with `tradewind signature set --identity {identity} FIELD=VALUE` "
                "(or in Settings)", fields=", ".join(editable), identity=identity)
    else:
        how = _("ask the admin to add you to the policy's directory")
    raise PolicyError(_("The company signature for {identity} needs {fields}; {how}.",
                        identity=identity, fields=", ".join(missing), how=how))


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def render_signature(bundle: PolicyBundle, request: SignatureRequest,
                     rep: Mapping[str, str] | None = None) -> RenderedSignature:
    """The rep's signature block for this message; raises PolicyError."""
    person = bundle.directory.person(request.identity)
    rep_values = dict(rep or {})
    template = template_for(bundle, request.identity, rep_values)
    language = request.language or recipient_language(bundle, request.recipients)
    full, reply, chosen = _variant(template, language)
    form = reply if request.reply and reply is not None else full
    values = _values(bundle, person, template, form, chosen, request.identity, rep_values)
    _missing(bundle, values, request.identity)
    logo = bundle.policy.logo
    cid = bundle.logo_content_id

    def logo_html() -> str:
        size = "".join(f' {k}="{v}"' for k, v in (("width", logo.width), ("height", logo.height))
                       if v is not None)
        alt = html_lib.escape(logo.alt or values.get("company", ""), quote=True)
        return f'<img src="cid:{cid}" alt="{alt}"{size} style="display:block;border:0">'

    body_html = render(form.html, values, is_html=True, logo_html=logo_html).strip()
    body_text = _tidy_text(render(form.text, values, is_html=False))
    disclaimer = None
    if form.disclaimer and bundle.policy.disclaimer:
        disclaimer = bundle.policy.disclaimer_languages.get(chosen or "", bundle.policy.disclaimer)
    lang_attr = f' lang="{html_lib.escape(chosen, quote=True)}"' if chosen else ""
    align = ";text-align:right" if form.direction == "rtl" else ""
    html = f'<div dir="{form.direction}"{lang_attr} style="direction:{form.direction}{align}">'
    html += body_html
    if disclaimer:
        escaped = html_lib.escape(disclaimer.strip()).replace("\n", "<br>")
        html += f'<div class="tw-disclaimer" style="{DISCLAIMER_STYLE}">{escaped}</div>'
        body_text += "\n\n" + _tidy_text(disclaimer)
    html += "</div>"
    image = InlineImage(cid, bundle.logo, bundle.logo_type, logo.file)
    variant = "reply" if form is reply else "full"
    return RenderedSignature(SignatureBlock(html, body_text + "\n", (image,)), template.name,
                             chosen, variant, form.direction)


def preview_document(rendered: RenderedSignature) -> str:
    """A standalone HTML page of the signature with the logo as a data: URI (for previews)."""
    html = rendered.block.html
    for image in rendered.block.images:
        data = base64.b64encode(image.data).decode("ascii")
        html = html.replace(f"cid:{image.content_id}", f"data:{image.content_type};base64,{data}")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signature preview</title>"
            f"</head><body>\n<p>…the rep's text…</p>\n{html}\n</body></html>\n")
