"""`queue_message` with a reply from the cache: the signature between the new text and the
quote, Reply-To and threading kept; a bad or foreign address refused before queueing."""

from __future__ import annotations

import email
from email import policy

import pytest

from client.compose.actions import reply_fields
from client.compose.assemble import SignatureBlock
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.outgoing.pipeline import queue_message
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.compose.test_actions import cached  # noqa: F401 - the fixture


def test_queued_reply_has_signature_between_new_text_and_quote(cached: tuple[Store, int, int]) -> None:  # noqa: F811
    store, account_id, row = cached
    fields = reply_fields(store, row)
    fields = DraftFields(**{**fields.__dict__, "text": "Our price is USD 12.40 FOB.",
                            "html": "<p>Our price is <b>USD 12.40</b> FOB.</p>"})
    queued = queue_message(store, account_id, fields,
                           SignatureBlock("<p>Anna Li<br>Sales US</p>", "Anna Li\nSales US"))
    raw = Outbox(store).raw(queued.outbox_id)
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Reply-To"] == "us-sales@company.com"
    assert msg["In-Reply-To"] == "<rfq-2@importer.de>"
    plain = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert plain.index("USD 12.40") < plain.index("-- \nAnna Li") < plain.index("> Please quote")
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert html.index("USD 12.40") < html.index("tw-signature") < html.index("<blockquote")
    item = Outbox(store).get(queued.outbox_id)
    assert item.reply_to_row == row and item.recipients == ("rfq@importer.de",)


def test_bad_address_is_refused_before_queueing(cached: tuple[Store, int, int]) -> None:  # noqa: F811
    store, account_id, _ = cached
    fields = DraftFields(sender="sales@company.com", to="hans@importer", subject="x", text="x")
    with pytest.raises(ComposeError, match="not a valid email address"):
        queue_message(store, account_id, fields)
    foreign = DraftFields(sender="ceo@elsewhere.com", to="hans@importer.de", subject="x", text="x")
    with pytest.raises(ComposeError, match="not one of this account's sending addresses"):
        queue_message(store, account_id, foreign)
    assert Outbox(store).items() == []
