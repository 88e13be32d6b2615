"""Rules applied to cached mail: tags, inquiries, buyers as customers, the first reply, tag:."""

from __future__ import annotations

import time

from client.channels.apply import apply_new, run_rules
from client.channels.inquiries import inquiry_threads
from client.channels.rules import add_rule
from client.channels.tags import explain, remove_tag, set_tag, tags_for
from client.customers.build import build_customers
from client.customers.records import customer_of_address, list_customers
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.channels.conftest import REP, SAMPLES, AddRaw, mail


def test_new_mail_is_tagged_once_and_own_mail_never(store: Store, add_raw: AddRaw) -> None:
    add_rule(store, "sender", "@ningbo-export.example", "own")  # would match the rep's mail
    ali = add_raw((SAMPLES / "alibaba-plain.eml").read_bytes())
    mine = add_raw(mail(REP, "Re: LED", to="x@y.com"), "Sent")
    plain = add_raw(mail("someone@else.example"))
    report = apply_new(store)
    assert report.rows == 3 and report.tagged == 1 and dict(report.tags) == {"alibaba": 1}
    assert tags_for(store, [ali, mine, plain]) == {ali: ["alibaba"]}
    assert apply_new(store).rows == 0  # incremental
    (reason,) = store.conn.execute("SELECT reason FROM message_tags").fetchone()
    assert "notification address of Alibaba.com" in reason


def test_platform_buyer_becomes_the_customer(store: Store, add_raw: AddRaw) -> None:
    row = add_raw((SAMPLES / "made-in-china-plain.eml").read_bytes())
    report = apply_new(store)
    build_customers(store)  # after the rules, as after_sync runs them
    buyer = customer_of_address(store, "c.mendoza@iluminacion-andina.com.pe")
    assert buyer is not None and report.customers == {buyer.id}
    assert (buyer.kind, buyer.domain, buyer.name, buyer.country) == (
        "company", "iluminacion-andina.com.pe", "Iluminación Andina S.A.C.", "PE")
    assert store.conn.execute("SELECT customer_id FROM customer_messages WHERE message_row = ?",
                              (row,)).fetchone()[0] == buyer.id
    assert [c.domain for c in list_customers(store)] == ["iluminacion-andina.com.pe"]  # no platform
    inquiry = store.conn.execute(
        "SELECT tag, platform, buyer_email, buyer_name, buyer_country, product FROM inquiries"
    ).fetchone()
    assert inquiry == ("made-in-china", "made-in-china", "c.mendoza@iluminacion-andina.com.pe",
                       "Carlos Mendoza", "PE", "All-in-One Solar Street Light 100W")


def test_a_free_mail_buyer_is_a_contact_and_the_reps_fields_stay(store: Store,
                                                                 add_raw: AddRaw) -> None:
    add_raw(mail("Seun <seun.adeyemi@gmail.com>", "older mail"))
    build_customers(store)
    (contact,) = list_customers(store)
    store.conn.execute("UPDATE customers SET name = 'Seun (Lagos)' WHERE id = ?", (contact.id,))
    add_raw((SAMPLES / "tradekey-plain.eml").read_bytes())
    apply_new(store)
    again = customer_of_address(store, "seun.adeyemi@gmail.com")
    assert again is not None and again.id == contact.id
    assert again.name == "Seun (Lagos)" and again.country == "NG"  # only the empty field filled


def test_alibaba_without_an_address_creates_no_customer(store: Store, add_raw: AddRaw) -> None:
    add_raw((SAMPLES / "alibaba-html.eml").read_bytes())
    assert apply_new(store).customers == set()
    assert store.conn.execute("SELECT buyer_name, buyer_email FROM inquiries").fetchone() == (
        "Katrin Vogel", None)


def test_rules_run_over_existing_mail_and_a_folder(store: Store, add_raw: AddRaw) -> None:
    inbox = add_raw(mail("chen@partner.com", body="a referral"))
    other = add_raw(mail("chen@partner.com"), "Archive")
    apply_new(store)
    assert tags_for(store, [inbox, other]) == {}
    add_rule(store, "referral-address", "chen@partner.com", "referral")
    folder = int(store.conn.execute("SELECT folder_id FROM messages WHERE id = ?",
                                    (inbox,)).fetchone()[0])
    assert run_rules(store, folder).tagged == 1
    assert tags_for(store, [inbox, other]) == {inbox: ["referral"]}
    assert run_rules(store).tagged == 1 and run_rules(store).tagged == 0


def test_hand_tags_and_explain(store: Store, add_raw: AddRaw) -> None:
    row = add_raw(mail("webform@acme.example", extra="X-Form-Name: contact\r\n"))
    rule = add_rule(store, "header", "X-Form-Name: contact", "webform")
    assert set_tag(store, row, "Webform") == "webform"
    apply_new(store)  # the hand tag is kept, not replaced by the rule's
    explained = explain(store, row)
    assert [(m.rule.id, m.tag) for m in explained.matches] == [(rule.id, "webform")]
    assert explained.current == [("webform", None, "tagged by hand")]
    assert explained.as_json()["matches"][0]["reason"].startswith("its header X-Form-Name")
    assert remove_tag(store, row, "webform") and tags_for(store, [row]) == {}
    own = explain(store, add_raw(mail(REP, to="x@y.com"), "Sent"))
    assert own.own_mail and own.matches == []


def test_first_reply_from_sent_and_from_the_outbox(store: Store, add_raw: AddRaw) -> None:
    add_rule(store, "sender", "@importer.de", "webform")
    asked = add_raw(mail("Buyer <b@importer.de>", "Pumps", msgid="q1@importer.de",
                         date="Mon, 30 Nov 2026 08:00:00 +0000"))
    waiting = add_raw(mail("Other <o@importer.de>", "Valves", msgid="q2@importer.de",
                           date="Tue, 01 Dec 2026 08:00:00 +0000"))
    add_raw(mail("Buyer <b@importer.de>", "Re: Pumps", msgid="q3@importer.de",
                 in_reply_to="q1@importer.de", date="Mon, 30 Nov 2026 09:00:00 +0000"))
    reply = add_raw(mail(REP, "Re: Pumps", to="b@importer.de", msgid="r1@ningbo-export.example",
                         in_reply_to="q1@importer.de", date="Mon, 30 Nov 2026 10:30:00 +0000"),
                    "Sent")
    apply_new(store)
    threads = {t.first_row: t for t in inquiry_threads(store)}
    assert set(threads) == {asked, waiting}  # the buyer's second mail is the same inquiry
    first = threads[asked]
    assert first.first_reply_row == reply and first.tags == ("webform",)
    assert first.first_reply_at is not None and first.first_reply_at - first.received_at == 9000
    assert threads[waiting].open
    account = store.list_accounts()[0].id
    box = Outbox(store)
    sent_at = time.time()
    queued = box.enqueue(account, b"Subject: Re: Valves\r\n\r\nok\r\n",
                         message_id="r2@ningbo-export.example", sender=REP,
                         recipients=["o@importer.de"], subject="Re: Valves", reply_to_row=waiting)
    store.conn.execute("UPDATE outbox SET state = 'sent', sent_at = ? WHERE id = ?",
                       (sent_at, queued))
    answered = {t.first_row: t for t in inquiry_threads(store)}[waiting]
    assert answered.first_reply_at == sent_at and answered.first_reply_row is None


def test_tag_search(store: Store, add_raw: AddRaw) -> None:
    gs = add_raw((SAMPLES / "globalsources-html.eml").read_bytes())
    add_raw((SAMPLES / "ec21-plain.eml").read_bytes())
    apply_new(store)
    assert [r.id for r in store.search("tag:globalsources")] == [gs]
    assert [r.id for r in store.search("tag:GlobalSources baking")] == [gs]
    assert store.search("tag:alibaba") == []
    assert len(store.search("tag:ec21 OR tag:x")) == 0  # terms combine with AND


def test_referral_phrase_from_the_index_and_from_the_text(store: Store, add_raw: AddRaw) -> None:
    indexed = add_raw(mail("a@one.example", body="Mr. Chen RECOMMENDED, by the way,\r\n"
                                                  "you; he recommended by name."))
    while store.index_pending():
        pass
    waiting = add_raw(mail("b@two.example", body="Your firm was recommended\r\nby Mr. Chen."))
    add_raw(mail("c@three.example", body="recommended products by category"))
    assert store.conn.execute("SELECT indexed FROM messages WHERE id = ?",
                              (waiting,)).fetchone()[0] == 0
    add_rule(store, "referral-phrase", "Recommended by", "referral")
    run_rules(store)
    tagged = tags_for(store, [indexed, waiting])
    assert tagged == {indexed: ["referral"], waiting: ["referral"]}
    assert len(tags_for(store, range(1, 10))) == 2  # "recommended products by" is no match
