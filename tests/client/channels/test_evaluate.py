"""Each rule kind matches what it should, in order, with a reason in words."""

from __future__ import annotations

from client.channels.evaluate import MessageFacts, evaluate
from client.channels.rules import Rule
from tests.client.channels.conftest import SAMPLES, mail


def rule(kind: str, match: str, tag: str, rid: int = 1, enabled: bool = True) -> Rule:
    return Rule(rid, kind, match, tag, enabled, rid)


def no_leads(_tag: str, _address: str) -> bool:
    return False


def facts(raw: bytes, sender: str, recipients: tuple[str, ...] = (),
          subject: str = "Inquiry") -> MessageFacts:
    return MessageFacts(1, sender, "", subject, recipients, raw)


def test_sender_address_and_domain() -> None:
    one = facts(mail("webform@acme.com"), "WebForm@acme.com")
    (match,) = evaluate([rule("sender", "webform@acme.com", "webform")], one, no_leads)
    assert match.tag == "webform" and "webform@acme.com is the rule's address" in match.reason
    sub = facts(mail("x@forms.acme.com"), "x@forms.acme.com")
    assert evaluate([rule("sender", "@acme.com", "webform")], sub, no_leads)[0].reason == \
        "the sender x@forms.acme.com is at @acme.com"
    assert evaluate([rule("sender", "@acme.com", "w")], facts(b"", "x@evilacme.com"), no_leads) == []


def test_header_presence_and_value() -> None:
    raw = mail("noreply@acme.com", extra="X-Form-Name: =?utf-8?q?Contact_us?=\r\n")
    present = evaluate([rule("header", "X-Form-Name", "webform")], facts(raw, "noreply@acme.com"),
                       no_leads)
    assert "has the header X-Form-Name ('Contact us')" in present[0].reason
    value = evaluate([rule("header", "x-form-name: contact", "webform")],
                     facts(raw, "noreply@acme.com"), no_leads)
    assert "contains 'contact'" in value[0].reason
    assert evaluate([rule("header", "X-Form-Name: quote", "w")], facts(raw, "a@b.c"), no_leads) == []


def test_lead_list_referrals_and_platform() -> None:
    def leads(tag: str, address: str) -> bool:
        return (tag, address) == ("fair-canton-2026", "buyer@importer.de")

    on = evaluate([rule("lead-list", "fair-canton-2026", "fair-canton-2026")],
                  facts(b"", "Buyer@Importer.de"), leads)
    assert "is on the lead list 'fair-canton-2026'" in on[0].reason
    phrase = rule("referral-phrase", "Recommended by", "referral")
    body = mail("x@y.com", body="Hello, your company was\r\nrecommended   by Mr. Chen.")
    assert "the text contains" in evaluate([phrase], facts(body, "x@y.com"), no_leads)[0].reason
    subj = facts(b"", "x@y.com", subject="RECOMMENDED BY Chen")
    assert "the subject contains" in evaluate([phrase], subj, no_leads)[0].reason
    ref = rule("referral-address", "chen@partner.com", "referral")
    cc = facts(b"", "x@y.com", recipients=("li@us.example", "chen@partner.com"))
    assert "is among its recipients" in evaluate([ref], cc, no_leads)[0].reason
    raw = (SAMPLES / "globalsources-plain.eml").read_bytes()
    (hit,) = evaluate([rule("platform", "alibaba", "alibaba", 1),
                       rule("platform", "globalsources", "gs", 2)],
                      facts(raw, "inquiry@globalsources.com"), no_leads)
    assert hit.tag == "gs" and "notification address of Global Sources" in hit.reason
    assert hit.buyer is not None and hit.buyer.email == "mobrien@pacificaudio.com.au"


def test_order_disabled_rules_and_one_tag_once() -> None:
    one = facts(mail("webform@acme.com", extra="X-Form-Name: contact\r\n"), "webform@acme.com")
    found = evaluate([rule("sender", "webform@acme.com", "webform", 1, enabled=False),
                      rule("header", "X-Form-Name", "webform", 2),
                      rule("sender", "@acme.com", "webform", 3),
                      rule("sender", "@acme.com", "acme", 4)], one, no_leads)
    assert [(m.rule.id, m.tag) for m in found] == [(2, "webform"), (4, "acme")]


def test_no_body_and_broken_bytes_never_raise() -> None:
    assert evaluate([rule("referral-phrase", "x", "r"), rule("header", "X-A", "h")],
                    facts(None or b"\xff\x00garbage", "a@b.c"), no_leads) == []
    empty = MessageFacts(1, "a@b.c")
    assert evaluate([rule("referral-phrase", "x", "r")], empty, no_leads) == []
