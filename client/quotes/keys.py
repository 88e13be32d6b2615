"""Setting keys of the quote machinery that the app reads at start without importing it
(issue 17: ``client.quotes.reply`` and its templates cost ~0.1 s). Pure constants."""

from __future__ import annotations

#: the template of the last quote reply (``last_choices``; "Quote with <template>")
LAST_TEMPLATE_KEY = "quotes.last_template"
