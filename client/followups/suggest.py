"""The suggested follow-up: a reply draft to the buyer's last message, filled from a template.

`followup_template(library) -> str`: the name of the template to suggest: `follow-up` when the
library has it, else the first template of category `follow-up` (company and personal
templates override the bundled one by name). `followup_draft(store, followup_id, library) ->
SuggestedDraft(draft_id, template, lang)`: a local draft (`compose.drafts.save_draft`)
replying to the buyer's message of the reminder's thread, in the correspondence's language
(the quote's language, else detected from the buyer's mail, `compose.correspondence`), with
the quote's number and validity for a quote's reminder. The reminder stays open until the
follow-up is sent (then `refresh` closes it as superseded). Raises `FollowupError` (no
buyer's message in the thread, no follow-up template), `FollowupNotFound`,
`client.compose.actions.ComposeError` (the message's body is not cached) and
`client.templates.TemplateError`. Caller's Store and thread; no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from client.followups.records import FollowupError, get_followup
from client.i18n import _
from client.store.db import Store
from client.templates import TemplateLibrary


@dataclass(frozen=True)
class SuggestedDraft:
    draft_id: int
    template: str
    lang: str


def followup_template(library: TemplateLibrary) -> str:
    """See the module docstring; raises `FollowupError` when there is none."""
    if "follow-up" in library.templates:
        return "follow-up"
    for name in library.names():
        if library.templates[name].category == "follow-up":
            return name
    raise FollowupError(_("There is no follow-up template (category follow-up)."))


def followup_draft(store: Store, followup_id: int, library: TemplateLibrary) -> SuggestedDraft:
    """See the module docstring."""
    from client.compose.actions import load_original, reply_fields
    from client.compose.correspondence import reply_language
    from client.compose.drafts import save_draft
    from client.outgoing.render_step import apply_rendered
    from client.templates import render_template
    from client.templates.context import context_from_message
    from client.templates.quote_context import QuoteContext

    found = get_followup(store, followup_id)
    if found.reply_row is None:
        raise FollowupError(_("No message of the buyer's is cached in this conversation, so "
                              "there is nothing to answer with a follow-up."))
    original, _raw, account_id = load_original(store, found.reply_row)
    wanted = found.lang or reply_language(store, original)
    name = followup_template(library)
    lang = library.best_language(name, [wanted])
    quote = QuoteContext()
    if found.quote_number:
        row = store.conn.execute("SELECT currency, valid_until FROM quotes WHERE number = ?",
                                 (found.quote_number,)).fetchone()
        if row is not None:
            quote = QuoteContext(number=found.quote_number, currency=str(row[0]),
                                 valid_until=date.fromisoformat(row[1]) if row[1] else None)
    context = context_from_message(store, found.reply_row, lang=lang, quote=quote)
    rendered = render_template(name, lang, context, library)
    fields = reply_fields(store, found.reply_row, language=lang)
    draft_id = save_draft(store, account_id, apply_rendered(fields, rendered))
    return SuggestedDraft(draft_id, name, lang)
