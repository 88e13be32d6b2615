"""Send-time enforcement through `queue_message`: the company signature is always there, exactly."""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from client.compose.assemble import SignatureBlock, signature_html, signature_text
from client.compose.build import Draft, build_message
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError, Recipient
from client.compose.identities import add_identity
from client.outgoing.pipeline import queue_message
from client.signatures import provision
from client.signatures.enforce import check_message, split_html, split_html_dashes, split_text
from client.signatures.render import SignatureRequest, render_signature
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.signatures.fixtures import Keys

ANNA = "anna.li@company.example"


class Profile:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.account = store.add_account("sales@company.example", smtp_host="127.0.0.1")
        for address in (ANNA, "anna@us.company.example", "stranger@company.example"):
            add_identity(store, self.account.id, address, "Anna Li")

    def queue(self, **fields: object) -> tuple[EmailMessage, tuple[str, ...]]:
        base: dict[str, object] = {"sender": ANNA, "to": "buyer@importer.example",
                                   "subject": "Quotation"}
        base.update(fields)
        queued = queue_message(self.store, self.account.id, DraftFields(**base))  # type: ignore[arg-type]
        raw = Outbox(self.store).raw(queued.outbox_id)
        msg = email.message_from_bytes(raw, policy=email_policy.default)
        assert isinstance(msg, EmailMessage)
        return msg, queued.notices

    def expected(self, identity: str = ANNA, reply: bool = False) -> SignatureBlock:
        bundle = provision.policy_in_force(self.store)
        assert bundle is not None
        return render_signature(bundle, SignatureRequest(identity, reply=reply)).block


def _bodies(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    crlf = "\r\n"
    return (str(text.get_content()).replace(crlf, "\n"),
            str(html.get_content()).replace(crlf, "\n"))


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    store = Store.open(tmp_path / "tradewind.db")
    yield Profile(store)
    store.close()


@pytest.fixture
def enforced(profile: Profile, make_policy: Callable[..., Path], keys: Keys) -> Profile:
    provision.use_policy(profile.store, str(make_policy()), keys.public.read_bytes())
    return profile


def test_without_a_policy_nothing_changes(profile: Profile) -> None:
    msg, notices = profile.queue(text="Hello")
    assert notices == () and "tw-signature" not in msg.as_string()
    assert msg.get_content_type() == "text/plain"


def test_every_message_gets_the_company_signature(enforced: Profile) -> None:
    msg, notices = enforced.queue(text="Dear buyer,\nplease find our offer.")
    assert notices == ()
    block = enforced.expected()
    text, html = _bodies(msg)
    assert text.startswith("Dear buyer,\nplease find our offer.\n\n" + signature_text(block))
    assert signature_html(block) in html
    assert check_message(msg, block, DraftFields(sender=ANNA)) == []


def test_an_edited_html_signature_is_restored_and_the_rep_told(enforced: Profile) -> None:
    block = enforced.expected()
    edited = signature_html(block).replace("Export Sales Manager", "Chief Executive Officer")
    msg, notices = enforced.queue(html="<p>Offer attached.</p>" + edited)
    assert len(notices) == 1 and "signature in the message was changed" in notices[0]
    text, html = _bodies(msg)
    assert "Chief Executive Officer" not in html and "Chief Executive Officer" not in text
    assert html.count('class="tw-signature"') == 1 and signature_html(block) in html
    assert html.index("Offer attached.") < html.index(signature_html(block))


def test_a_removed_signature_is_put_back(enforced: Profile) -> None:
    """The rep deleted the block from the composer: the policy's block is still added."""
    msg, _ = enforced.queue(html="<p>No signature here.</p>")
    text, html = _bodies(msg)
    assert signature_html(enforced.expected()) in html
    assert signature_text(enforced.expected()) in text


def test_an_unchanged_copy_is_not_doubled_and_not_reported(enforced: Profile) -> None:
    block = enforced.expected()
    msg, notices = enforced.queue(html="<p>Hi</p>" + signature_html(block))
    assert notices == ()
    assert _bodies(msg)[1].count('class="tw-signature"') == 1


def test_an_edited_plain_signature_is_restored(enforced: Profile) -> None:
    msg, notices = enforced.queue(text="Thanks!\n-- \nAnna, CEO\nCall me: +1 555")
    assert any("plain-text signature" in n for n in notices)
    text, _ = _bodies(msg)
    assert "CEO" not in text and "Call me" not in text
    assert text.startswith("Thanks!\n\n-- \nAnna Li\n")


def test_a_signature_typed_in_rich_text_leaves_both_parts(enforced: Profile) -> None:
    """The composer sends the same words as HTML paragraphs and as text: a "-- " block the
    rep typed must leave the HTML as well as the plain part."""
    html = ("<html><body><p>Thanks!</p><p>-- </p><p>Anna, CEO</p><p>Call me: +1 555</p>"
            "</body></html>")
    msg, notices = enforced.queue(text="Thanks!\n-- \nAnna, CEO\nCall me: +1 555", html=html)
    assert any("plain-text signature" in n for n in notices)
    text, html_body = _bodies(msg)
    assert "CEO" not in text and "CEO" not in html_body and "Call me" not in html_body
    assert html_body.count('class="tw-signature"') == 1 and "Thanks!" in html_body


def test_split_html_dashes_keeps_the_quote_and_the_document_tail() -> None:
    own, copy, rest = split_html_dashes(
        "<body><p>Hi</p><p>--&nbsp;</p><p>Me</p><blockquote>old</blockquote></body>")
    assert (own, copy, rest) == ("<body><p>Hi</p>", "<p>--&nbsp;</p><p>Me</p>",
                                 "<blockquote>old</blockquote></body>")
    own, copy, rest = split_html_dashes("<div>Hi<br>-- <br>Me<br></div></body></html>")
    assert own == "<div>Hi</div></body></html>" and copy == "<br>-- <br>Me<br>" and rest == ""
    own, copy, rest = split_html_dashes("<p>Hi</p><p>-- </p><p>Me</p>"
                                        "<p>---------- Forwarded message ---------</p><p>x</p>")
    assert copy == "<p>-- </p><p>Me</p>" and rest.startswith("<p>----------")
    assert split_html_dashes("<p>a -- b</p>") == ("<p>a -- b</p>", None, "")


def test_an_offered_signature_is_replaced_by_the_companys(enforced: Profile) -> None:
    mine = SignatureBlock("<i>Anna, the best</i>", "Anna, the best\n")
    queued = queue_message(enforced.store, enforced.account.id,
                           DraftFields(sender=ANNA, to="b@importer.example", text="x"), mine)
    assert any("not the company's" in n for n in queued.notices)
    raw = Outbox(enforced.store).raw(queued.outbox_id).decode("utf-8", "replace")
    assert "the best" not in raw


def test_reply_gets_the_reply_form_under_the_new_text_above_the_quote(enforced: Profile) -> None:
    msg, _ = enforced.queue(
        text="Yes, we can ship in May.", in_reply_to="orig@importer.example",
        quote_text="On Monday, Buyer wrote:\n> Can you ship in May?\n",
        quote_html="<blockquote>Can you ship in May?</blockquote>")
    block = enforced.expected(reply=True)
    text, html = _bodies(msg)
    assert text.index("Yes, we can ship") < text.index(signature_text(block)) \
        < text.index("> Can you ship in May?")
    assert html.index("Yes, we can ship") < html.index(signature_html(block)) \
        < html.index("<blockquote>")
    assert "88 Harbour Road" not in text  # the shorter reply form


def test_each_identity_gets_its_own_signature(enforced: Profile) -> None:
    us, _ = enforced.queue(sender="anna@us.company.example", text="Hi")
    text, _ = _bodies(us)
    assert "+1 212 555 0100" in text and "anna@us.company.example" in text


def test_missing_rep_values_refuse_queueing_with_the_fix(enforced: Profile) -> None:
    with pytest.raises(ComposeError, match="needs full_name, title; ask the admin"):
        enforced.queue(sender="stranger@company.example", text="Hi")
    assert Outbox(enforced.store).items() == []


def test_a_broken_kept_policy_stops_sending(enforced: Profile) -> None:
    enforced.store.set_setting(provision.CURRENT_KEY, {"files": {}})
    with pytest.raises(ComposeError, match="no longer verifies"):
        enforced.queue(text="Hi")
    assert Outbox(enforced.store).items() == []


def test_check_message_finds_a_missing_or_changed_signature(enforced: Profile) -> None:
    block = enforced.expected()
    bare = build_message(Draft(sender=Recipient("", ANNA), to=(Recipient("", "b@x.example"),),
                               text="Hi", html="<p>Hi</p>"))
    problems = check_message(bare, block, DraftFields(sender=ANNA))
    assert "the plain part does not carry the signature's text form" in problems
    assert "the HTML part does not carry the signature" in problems
    assert any("related part with Content-ID" in p for p in problems)


def test_split_html_handles_nested_and_unclosed_blocks() -> None:
    own, found, after = split_html(
        '<p>a</p><div class="x tw-signature"><div>n</div></div><p>b</p>'
        '<div class="tw-signature">again</div><p>c</p>')
    assert own == "<p>a</p>" and after == "<p>b</p><p>c</p>"
    assert found == ['<div class="x tw-signature"><div>n</div></div>',
                     '<div class="tw-signature">again</div>']
    own, found, after = split_html('<p>a</p>\n<div class="tw-signature"><div>open')
    assert own == "<p>a</p>\n" and len(found) == 1 and after == ""


def test_split_text_keeps_what_follows_the_signature() -> None:
    own, copy, rest = split_text("Hi\n-- \nAnna\nSales\n\nOn Monday, B wrote:\n> q\n",
                                 "Anna\nSales\n")
    assert (own, copy, rest) == ("Hi\n", "Anna\nSales", "On Monday, B wrote:\n> q\n")
    own, copy, rest = split_text("Hi\n-- \nAnna, CEO\n> q", "Anna\nSales\n")
    assert (own, copy, rest) == ("Hi\n", "Anna, CEO", "> q\n")


def test_a_reopened_draft_with_signature_and_quote_keeps_the_order(enforced: Profile) -> None:
    """A draft saved with its signature (own text, signature, quote in one body) and reopened."""
    block = enforced.expected(reply=True)
    msg, notices = enforced.queue(
        in_reply_to="q@importer.example",
        text="Confirmed.\n" + signature_text(block) + "\nOn Monday, B wrote:\n> Confirm?\n",
        html="<p>Confirmed.</p>" + signature_html(block)
             + "<blockquote>Confirm?</blockquote>")
    assert notices == ()
    text, html = _bodies(msg)
    assert text.count("-- \n") == 1 and html.count('class="tw-signature"') == 1
    assert text.index("Confirmed.") < text.index(signature_text(block)) < text.index("> Confirm?")
    assert html.index("Confirmed.") < html.index(signature_html(block)) < html.index("Confirm?</")


def test_forward_gets_the_full_form_above_the_forwarded_message(enforced: Profile) -> None:
    forwarded = ("---------- Forwarded message ----------\nFrom: Buyer <b@importer.example>\n"
                 "Subject: Specs\n\nSee the specs.\n")
    msg, _ = enforced.queue(subject="Fwd: Specs", text="FYI, see below.", quote_text=forwarded,
                            quote_html="<div>---------- Forwarded message ----------</div>"
                                       "<p>See the specs.</p>")
    block = enforced.expected()
    text, html = _bodies(msg)
    assert text.index("FYI") < text.index(signature_text(block)) < text.index("Forwarded message")
    assert html.index("FYI") < html.index(signature_html(block)) < html.index("Forwarded message")
    assert "88 Harbour Road" in text  # the full form, not the reply form


def test_a_draft_saved_with_its_signature_reopens_without_a_second_one(enforced: Profile) -> None:
    """A draft Tradewind saved to the server elsewhere carries the signature and the quote;
    opened here, the composer shows the company block itself, so the copy comes out and the
    quote stays below it."""
    from client.compose.drafts import build_draft_message, get_draft
    from client.outgoing.draft_open import draft_for_message
    from tests.client.outgoing.test_draft_open import _cache

    fields = DraftFields(sender=ANNA, to="buyer@importer.example", subject="Re: Quotation",
                         text="Price is firm.\n", html="<p>Price is firm.</p>",
                         quote_text="On Monday, Buyer wrote:\n> Is the price firm?\n",
                         quote_html="<blockquote>Is the price firm?</blockquote>")
    raw = build_draft_message(fields, "<elsewhere-1@company.example>",
                              signature=enforced.expected(reply=True))
    row = _cache(enforced.store, enforced.account.id, raw)
    reopened = get_draft(enforced.store, draft_for_message(enforced.store, row))
    assert reopened is not None
    opened = reopened.fields
    assert "-- " not in (opened.text or "").split("\n")
    assert "tw-signature" not in (opened.html or "") and "Price is firm." in (opened.html or "")
    assert "> Is the price firm?" in (opened.quote_text or "")
    assert "Is the price firm?" in (opened.quote_html or "")
    msg, notices = enforced.queue(**{k: getattr(opened, k) for k in (
        "text", "html", "quote_text", "quote_html", "subject")})
    assert notices == ()
    assert _bodies(msg)[1].count('class="tw-signature"') == 1
