"""The variables a template sees, and how they are built from a stored inquiry.

`TemplateContext(buyer, inquiry, rep, quote, locale)` is plain data; `variables()` gives the
mapping the engine renders (`buyer`, `inquiry`, `rep`, `quote`). `context_from_message` builds
one from a cached message: the buyer from its From (name/address) and an optional customer
record, the inquiry's subject/date/text and its "> " quote (`client.compose.reply`), the rep
from the sending identity, the company signature directory and the rep's own fields
(`client.signatures`). Store functions: the store's thread; the rest is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from babel import Locale, UnknownLocaleError

from client.signatures.fields import FIELD_KINDS, with_derived
from client.templates.quote_context import QuoteContext

# Top-level domains that do not name a country in practice.
_GENERIC_CC = {"co", "io", "ai", "me", "tv", "cc", "ws", "fm", "am", "to", "ly", "eu", "uk"}


@dataclass(frozen=True)
class Buyer:
    """Who wrote the inquiry. `title` ("Frau", "Mr", "Sr."…) and `gender` ("f", "m" or "")
    come from a customer record only; templates fall back to a neutral greeting without them."""

    name: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    country: str = ""  # ISO 3166 code, e.g. DE
    country_name: str = ""
    email: str = ""
    title: str = ""
    gender: str = ""


@dataclass(frozen=True)
class CustomerRecord:
    """What a customer record (a later feature) adds to or corrects in the buyer."""

    name: str = ""
    company: str = ""
    country: str = ""
    title: str = ""
    gender: str = ""


@dataclass(frozen=True)
class Inquiry:
    subject: str = ""  # without Re:/AW:/回复: prefixes
    date: datetime | None = None
    text: str = ""  # the inquiry's plain text
    quoted_text: str = ""  # attribution line + "> " lines, in the template's language


@dataclass(frozen=True)
class TemplateContext:
    """Everything a template can use. `locale` (e.g. de_DE) drives money/number/date; None:
    the variant's language with the buyer's country when babel knows that pair."""

    buyer: Buyer = field(default_factory=Buyer)
    inquiry: Inquiry = field(default_factory=Inquiry)
    rep: Mapping[str, str] = field(default_factory=dict)
    quote: QuoteContext = field(default_factory=QuoteContext)
    locale: str | None = None

    def variables(self) -> dict[str, Any]:
        rep = {name: "" for name in (*FIELD_KINDS, "phone_tel", "mobile_tel", "whatsapp_url")}
        rep.update(self.rep)
        return {"buyer": self.buyer, "inquiry": self.inquiry, "rep": rep, "quote": self.quote}

    def locale_for(self, lang: str) -> str:
        """The babel locale for a variant in `lang`."""
        if self.locale:
            return self.locale
        base = lang.split("_")[0]
        if self.buyer.country:
            candidate = f"{base}_{self.buyer.country}"
            try:
                Locale.parse(candidate)
                return candidate
            except (UnknownLocaleError, ValueError):
                pass
        return lang


def split_name(name: str) -> tuple[str, str]:
    """(first, last) of a display name: "Last, First" and "First Middle Last" forms; a name
    without spaces (王伟) is both."""
    name = " ".join(name.split())
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip() or last.strip(), last.strip()
    parts = name.split(" ")
    return parts[0], parts[-1]


def country_of(email: str) -> str:
    """An ISO country code guessed from the address's country domain (hans@firma.de → DE)."""
    tld = email.rpartition(".")[2].lower() if "@" in email else ""
    if len(tld) != 2 or tld in _GENERIC_CC:
        return ""
    code = tld.upper()
    return code if code in Locale("en").territories else ""


def buyer_from(name: str, email: str, customer: CustomerRecord | None = None,
               lang: str = "en") -> Buyer:
    """The buyer from an inquiry's From, corrected by a customer record when there is one."""
    name = (customer.name if customer and customer.name else name).strip()
    first, last = split_name(name) if name else ("", "")
    country = (customer.country.upper() if customer and customer.country else country_of(email))
    try:
        country_name = str(Locale.parse(lang).territories.get(country, "")) if country else ""
    except (UnknownLocaleError, ValueError):
        country_name = ""
    return Buyer(name=name, first_name=first, last_name=last,
                 company=customer.company if customer else "", country=country,
                 country_name=country_name, email=email,
                 title=customer.title if customer else "",
                 gender=(customer.gender if customer and customer.gender in ("f", "m") else ""))


def with_lang(context: TemplateContext, lang: str) -> TemplateContext:
    """The context with the country name in `lang` (the rest does not depend on language)."""
    buyer = context.buyer
    if not buyer.country:
        return context
    try:
        name = str(Locale.parse(lang).territories.get(buyer.country, buyer.country_name))
    except (UnknownLocaleError, ValueError):
        return context
    return replace(context, buyer=replace(buyer, country_name=name))


def rep_fields(store: Any, identity_email: str, display_name: str = "",
               lang: str | None = None) -> dict[str, str]:
    """The rep's fields for `identity_email`: the identity's name, the company values and the
    rep's directory entry of the signature policy in force (its `lang` values too), and the
    rep's own values where the policy lets reps fill them. A broken policy is ignored here
    (the outgoing path reports it)."""
    from client.signatures.provision import policy_in_force, rep_values
    from client.signatures.schema import PolicyError

    values: dict[str, str] = {"email": identity_email}
    if display_name:
        values["full_name"] = display_name
    try:
        bundle = policy_in_force(store)
    except PolicyError:
        bundle = None
    own = rep_values(store, identity_email)
    if bundle is None:
        values.update({k: v for k, v in own.items() if k in FIELD_KINDS and v})
        return with_derived(values)
    values.update(bundle.policy.company_values)
    editable = set(bundle.directory.rep_editable)
    values.update({k: v for k, v in own.items() if k in editable and v})
    person = bundle.directory.person(identity_email)
    if person is not None:
        values.update(person.values)
        if lang:
            values.update(person.languages.get(lang, {}))
    values["email"] = identity_email
    return with_derived(values)


def context_from_message(store: Any, message_row: int, *, lang: str = "en",
                         quote: QuoteContext | None = None,
                         customer: CustomerRecord | None = None,
                         locale: str | None = None) -> TemplateContext:
    """The context for answering cached message `message_row` (store's thread). Raises
    `client.compose.actions.ComposeError` (words) when the message or its body is missing."""
    from client.compose.actions import load_original
    from client.compose.identities import identity_for_reply
    from client.compose.reply import plain_body, quote_text, strip_prefixes

    original, _raw, account_id = load_original(store, message_row)
    sender = original.sender[:1]
    name = sender[0].name if sender else ""
    email = sender[0].email if sender else ""
    buyer = buyer_from(name, email, customer, lang)
    inquiry = Inquiry(subject=strip_prefixes(original.subject), date=original.date,
                      text=plain_body(original), quoted_text=quote_text(original, lang))
    addressed = [p.email for p in (*original.to, *original.cc)]
    identity = identity_for_reply(store, account_id, addressed)
    rep = rep_fields(store, identity.email, identity.display_name, lang)
    return TemplateContext(buyer=buyer, inquiry=inquiry, rep=rep,
                           quote=quote or QuoteContext(), locale=locale)
