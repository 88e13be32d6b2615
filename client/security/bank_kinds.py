"""The kinds of bank detail the fraud guard knows, as plain names (no IBAN library loaded), so
the CLI can offer them as choices without importing the parsers. Pure."""

from __future__ import annotations

IBAN_KIND, BIC_KIND, ACCOUNT_KIND, BENEFICIARY_KIND = ("iban", "bic", "account", "beneficiary")
KINDS = (IBAN_KIND, BIC_KIND, ACCOUNT_KIND, BENEFICIARY_KIND)
