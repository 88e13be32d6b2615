"""Drafts never refuse (client.compose.draft_safe): whatever is typed is saved and reopened
as typed; the MIME copy carries only valid headers; sending still refuses."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from client.compose.draft_safe import address_problems, draft_recipients
from client.compose.drafts import DraftFields, draft_raw, get_draft, save_draft
from client.compose.headers import ComposeError
from client.outgoing.pipeline import queue_message
from client.store.db import Store

TYPED_TO = "Good Buyer <good@importer.example>, buyer@@importer, not an address"


def test_invalid_entries_are_listed_as_typed() -> None:
    assert address_problems(TYPED_TO) == ("buyer@@importer", "not an address")
    assert address_problems("a@b.example, C <c@d.example>") == ()
    assert address_problems("") == ()
    assert [r.email for r in draft_recipients(TYPED_TO, "To")] == ["good@importer.example"]


def test_a_draft_with_invalid_addresses_is_saved_and_reopened_as_typed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("anna@company.example", imap_host="h", smtp_host="h")
        fields = DraftFields(sender="anna@company.example", to=TYPED_TO, cc="x@",
                             bcc="hidden@@x", subject="Offer\r\nBcc: evil@attacker.example",
                             text="Dear buyer")
        draft_id = save_draft(store, account.id, fields)
        again = save_draft(store, account.id, fields, draft_id)  # an autosave: no refusal
        assert again == draft_id
        reopened = get_draft(store, draft_id).fields
        assert (reopened.to, reopened.cc, reopened.bcc, reopened.subject) == (
            fields.to, fields.cc, fields.bcc, fields.subject)
        raw = draft_raw(store, draft_id)
        msg = email.message_from_bytes(raw, policy=policy.default)
        assert msg["To"] == "Good Buyer <good@importer.example>"
        assert msg["Cc"] is None and msg["Bcc"] is None
        assert msg["Subject"] == "Offer Bcc: evil@attacker.example"  # one header line (O5)
        assert b"\r\nBcc: evil" not in raw
        with pytest.raises(ComposeError, match="not a valid email address"):
            queue_message(store, account.id, fields)  # sending still refuses
