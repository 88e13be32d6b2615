"""Company signatures end to end: queue → real submission server → Dovecot INBOX.

Each identity's received mail carries its own signature; the logo is a multipart/related part
whose Content-ID the HTML references; the plain part carries the text form; a reply's signature
sits under the new text and above the quote; Chinese and Arabic (right-to-left) variants arrive
intact; a policy tampered with after provisioning changes nothing that is sent.
"""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from client.compose.assemble import signature_html, signature_text
from client.compose.drafts import DraftFields
from client.compose.identities import add_identity
from client.outgoing.pipeline import queue_message
from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.smtp.sender import flush_outbox
from client.smtp.transport import SmtpEndpoint
from client.store.db import Store
from tests.client.signatures.fixtures import Keys, edit_json
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

ANNA, ANNA_US, OMAR = ("anna.li@company.example", "anna@us.company.example",
                       "omar.haddad@company.example")


class Rig:
    def __init__(self, tmp: Path, dovecot: DovecotServer, sub: SubmissionServer,
                 user: MailUser) -> None:
        self.dovecot, self.user = dovecot, user
        self.store = Store.open(tmp / "tw.db")
        self.account = self.store.add_account(user.email, imap_host="127.0.0.1",
                                              smtp_host="127.0.0.1")
        for address, name in ((ANNA, "Anna Li"), (ANNA_US, "Anna Li"), (OMAR, "Omar Haddad")):
            add_identity(self.store, self.account.id, address, name)
        self.smtp = SmtpEndpoint("127.0.0.1", sub.starttls_port, "starttls",
                                 ca_file=str(dovecot.ca_file), timeout=10)

    def send(self, sender: str, **fields: Any) -> str:
        queued = queue_message(self.store, self.account.id, DraftFields(
            sender=sender, to=self.user.email, **fields))
        report = flush_outbox(self.store, self.account.id, self.smtp, self.user.username,
                              self.user.password, lambda: None, auto_filed=True)
        assert report.sent == [queued.outbox_id], report
        return queued.message_id

    def received(self, message_id: str) -> EmailMessage:
        with self.dovecot.imap_admin(self.user) as imap:
            imap.select("INBOX")
            _, data = imap.uid("SEARCH", "HEADER", "Message-ID", message_id)
            [uid] = data[0].split()
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
        msg = email.message_from_bytes(fetched[0][1], policy=email_policy.default)
        assert isinstance(msg, EmailMessage)
        return msg

    def expected(self, identity: str, **request: Any) -> Any:
        bundle = provision.policy_in_force(self.store)
        assert bundle is not None
        return render_signature(bundle, SignatureRequest(identity, **request)).block


def _text_and_html(msg: EmailMessage) -> tuple[str, str]:
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    return (str(plain.get_content()).replace("\r\n", "\n"),
            str(html.get_content()).replace("\r\n", "\n"))


@pytest.fixture
def rig(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> Rig:
    return Rig(tmp_path, dovecot, submission, smtp_user)


def _provision(rig: Rig, directory: Path, keys: Keys) -> None:
    provision.use_policy(rig.store, str(directory), keys.public.read_bytes())


def test_each_identity_receives_its_own_signature_with_an_inline_logo(
        rig: Rig, make_policy: Callable[..., Path], keys: Keys) -> None:
    _provision(rig, make_policy(), keys)
    for identity, marker, absent in ((ANNA, "+86 574 8888 0000", "+1 212 555 0100"),
                                     (ANNA_US, "+1 212 555 0100", "+86 574 8888 0000")):
        received = rig.received(rig.send(identity, subject=f"Offer from {identity}",
                                         html="<p>Please find our offer.</p>"))
        block = rig.expected(identity)
        text, html = _text_and_html(received)
        assert signature_text(block) in text and marker in text and absent not in text
        assert signature_html(block) in html
        assert text.index("Please find our offer.") < text.index("-- \n")
        # the logo: a part of multipart/related next to the HTML, referenced by its Content-ID
        related = [p for p in received.walk() if p.get_content_type() == "multipart/related"]
        assert len(related) == 1
        parts = list(related[0].iter_parts())
        assert parts[0].get_content_type() == "text/html"
        [logo] = [p for p in parts if p.get_content_maintype() == "image"]
        cid = str(logo["Content-ID"]).strip("<>")
        assert logo.get_content() == block.images[0].data
        assert f'src="cid:{cid}"' in html
        assert "http://" not in html.split("<img", 1)[1].split(">", 1)[0]


def test_reply_signature_sits_under_the_new_text_above_the_quote(
        rig: Rig, make_policy: Callable[..., Path], keys: Keys) -> None:
    _provision(rig, make_policy(), keys)
    received = rig.received(rig.send(
        ANNA, subject="Re: Shipment", text="Yes, the container leaves on Friday.",
        in_reply_to="q1@importer.example",
        quote_text="On 2 May, Buyer wrote:\n> When does it ship?\n",
        quote_html="<blockquote><p>When does it ship?</p></blockquote>"))
    block = rig.expected(ANNA, reply=True)
    text, html = _text_and_html(received)
    assert (text.index("Yes, the container") < text.index(signature_text(block))
            < text.index("> When does it ship?"))
    assert (html.index("Yes, the container") < html.index(signature_html(block))
            < html.index("<blockquote>"))
    assert received["In-Reply-To"] == "<q1@importer.example>"


def test_chinese_variant_arrives_intact(
        rig: Rig, make_policy: Callable[..., Path], keys: Keys) -> None:
    def to_zh(policy: dict[str, Any], directory: dict[str, Any]) -> None:
        policy["recipient_languages"]["example.test"] = "zh"

    _provision(rig, make_policy(edit=to_zh), keys)
    text, html = _text_and_html(rig.received(rig.send(ANNA, subject="报价", text="您好")))
    assert "-- \n李安娜\n出口销售经理\n宁波信风贸易有限公司\n" in text
    assert '<div dir="ltr" lang="zh"' in html and "<b>李安娜</b>" in html
    assert "微信 annali_trade" in text


def test_arabic_variant_arrives_right_to_left(
        rig: Rig, make_policy: Callable[..., Path], keys: Keys) -> None:
    def to_ar(policy: dict[str, Any], directory: dict[str, Any]) -> None:
        policy["recipient_languages"]["example.test"] = "ar"

    _provision(rig, make_policy(edit=to_ar), keys)
    text, html = _text_and_html(rig.received(rig.send(OMAR, subject="عرض سعر", text="مرحبا")))
    assert '<div class="tw-signature"><div dir="rtl" lang="ar"' in html
    assert "<b>عمر حداد</b>" in html and "مندوب مبيعات الشرق الأوسط" in html
    assert "-- \nعمر حداد\nمندوب مبيعات الشرق الأوسط\nشركة ترايدويند للتجارة\n" in text


def test_a_tampered_update_is_refused_and_mail_keeps_the_valid_signature(
        rig: Rig, make_policy: Callable[..., Path], keys: Keys) -> None:
    directory = make_policy()
    _provision(rig, directory, keys)
    edit_json(directory / "directory.json",
              lambda d: d["people"][ANNA].update(title="Chief Executive Officer"))
    assert provision.refresh(rig.store).status == "refused"
    text, html = _text_and_html(rig.received(rig.send(ANNA, subject="Offer", text="Hi")))
    assert "Export Sales Manager" in text and "Chief Executive Officer" not in html
