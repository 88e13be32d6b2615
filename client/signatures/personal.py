"""The rep's own signature per sending identity, used when the company sets no policy.

Kept in the profile's ``settings`` table (key ``signature.personal.<address>``, the address in
lower case) as ``{"html": …, "text": …}``: simple rich text, sanitised through the reader's
allow-list (``client.security.html_sanitize.sanitise_part``; no remote pictures kept, no
script), and its plain form. ``set_personal`` with both empty removes it. A company policy in
force always wins (``client.signatures.enforce``); ``personal_block`` is what
``enforce_signature`` uses without one. The caller's ``Store``, on its thread; writes are one
transaction each and idempotent. Raises ``ValueError`` in words for a signature over
``MAX_CHARS``.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from client.compose.assemble import SignatureBlock
from client.mime.html_text import html_to_text
from client.security.html_sanitize import DataImageBudget, sanitise_part
from client.store.db import Store

PREFIX = "signature.personal."
MAX_CHARS = 20_000


@dataclass(frozen=True)
class PersonalSignature:
    html: str
    text: str


def _key(identity: str) -> str:
    return PREFIX + identity.strip().lower()


def _links_only(_tag: str, attr: str, value: str) -> str | None:
    """Links stay; pictures and backgrounds from anywhere are dropped (nothing is fetched)."""
    return value if attr == "href" else None


def get_personal(store: Store, identity: str) -> PersonalSignature | None:
    """The identity's own signature, or None."""
    value = store.get_setting(_key(identity))
    if not isinstance(value, dict):
        return None
    html, text = str(value.get("html") or ""), str(value.get("text") or "")
    return PersonalSignature(html, text) if (html.strip() or text.strip()) else None


def set_personal(store: Store, identity: str, html: str | None, text: str | None = None) -> None:
    """Store (or, with nothing in it, remove) the identity's signature; ``text`` defaults to
    the HTML's text. The HTML is sanitised before it is stored."""
    html = (html or "").strip()
    if len(html) > MAX_CHARS or len(text or "") > MAX_CHARS:
        raise ValueError(f"The signature is too long (at most {MAX_CHARS} characters).")
    clean = sanitise_part(html, DataImageBudget(), rewrite=_links_only) if html else ""
    plain = (text if text is not None else html_to_text(clean)).strip("\n")
    if not html_to_text(clean).strip() and not plain.strip():
        with store.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (_key(identity),))
        return
    store.set_setting(_key(identity), {"html": clean, "text": plain})


def personal_block(store: Store, identity: str) -> SignatureBlock | None:
    """The identity's signature as a block to assemble (no pictures), or None."""
    found = get_personal(store, identity)
    if found is None:
        return None
    html = found.html or "<div>" + html_lib.escape(found.text).replace("\n", "<br>") + "</div>"
    return SignatureBlock(html, (found.text or html_to_text(found.html)).strip("\n") + "\n")
