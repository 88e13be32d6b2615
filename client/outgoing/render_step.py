"""Pipeline step: a rendered template (`client.templates.render_template`) becomes the
message's subject and bodies. Pure; any thread; never raises."""

from __future__ import annotations

from dataclasses import replace

from client.compose.drafts import DraftFields
from client.outgoing.message import Outgoing, Step
from client.store.db import Store
from client.templates.model import RenderedMail


def apply_rendered(fields: DraftFields, rendered: RenderedMail) -> DraftFields:
    """``fields`` with the subject and bodies of ``rendered``; the quote, attachments and
    recipients stay as they are (also what a reply saved as a draft gets)."""
    return replace(fields, subject=rendered.subject, html=rendered.html, text=rendered.text)


def from_template(rendered: RenderedMail) -> Step:
    """The step that puts ``rendered`` into the message's fields (`apply_rendered`)."""

    def step(store: Store, message: Outgoing, /) -> Outgoing:
        return replace(message, fields=apply_rendered(message.fields, rendered))

    return step
