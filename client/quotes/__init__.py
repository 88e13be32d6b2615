"""Quotes (issue 12): money, price list, quote numbers and records, the PDF quotation and the
one-click quote reply. Qt-free. See docs/internals.md ("Quotes")."""

from client.quotes.local_rows import register as _register_local_rows

_register_local_rows()
