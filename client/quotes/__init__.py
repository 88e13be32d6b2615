"""Quotes (issue 12): money, price list, quote numbers and records, the PDF quotation and the
one-click quote reply. Qt-free. See docs/internals.md ("Quotes"). Their tables are local-only
rows in the store's rebuild registry (``client.store.local_tables``)."""
