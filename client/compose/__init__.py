"""Outgoing mail: MIME building, reply/forward quoting, safe headers."""
