"""Reminders from the cache: an inquiry reply and a sent quote start one, the buyer's answer
clears it, the rep's next mail supersedes it; snooze, done, dismiss; missed reminders fire
once, marked missed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from client.followups import records
from client.followups.refresh import refresh_followups
from client.quotes.records import NewQuote, make_line, record_quote
from client.store.db import Store
from tests.client.followups.mailbox import REP, Mailbox

BUYER = "Hans Buyer <hans@importer.de>"
BERLIN = ZoneInfo("Europe/Berlin")  # the buyer's Date headers say +0100
MON = datetime(2026, 11, 30, 10, 0, tzinfo=BERLIN)  # Mon 30 Nov 2026
REPLY = datetime(2026, 11, 30, 15, 0, tzinfo=BERLIN)  # the rep answers
# 3 working days of Berlin after Monday: Tue 1, Wed 2, Thu 3 -> due Fri 4 Dec 09:00 CET
DUE = datetime(2026, 12, 4, 8, 0, tzinfo=UTC).timestamp()


@pytest.fixture()
def box(tmp_path: Path) -> Mailbox:
    return Mailbox(Store.open(tmp_path / "tw.db"))


def _inquiry_answered_by_rep(box: Mailbox) -> tuple[int, str]:
    row, mid = box.mail(BUYER, REP, MON, "Inquiry: ball valves")
    box.tag(row, "web-form")
    return box.mail(REP, "hans@importer.de", REPLY, "Re: Inquiry: ball valves", reply_to=mid)


def test_an_inquiry_reply_waits_three_working_days_of_the_buyer(box: Mailbox) -> None:
    _inquiry_answered_by_rep(box)
    report = refresh_followups(box.store, now=REPLY.timestamp() + 60)
    [made] = records.list_followups(box.store, now=DUE)
    assert report.created == [made.id]
    assert (made.kind, made.buyer_email, made.zone, made.country) == (
        "inquiry", "hans@importer.de", "Europe/Berlin", "DE")
    assert made.due_at == DUE and made.working_days == 3
    assert records.list_followups(box.store, now=DUE - 1, due_only=True) == []
    assert [f.id for f in records.list_followups(box.store, now=DUE, due_only=True)] == [made.id]
    assert refresh_followups(box.store, now=DUE).created == []  # idempotent


def test_an_untagged_conversation_gets_no_reminder(box: Mailbox) -> None:
    _row, mid = box.mail(BUYER, REP, MON)
    box.mail(REP, "hans@importer.de", REPLY, "Re: Inquiry", reply_to=mid)
    assert refresh_followups(box.store, now=REPLY.timestamp()).created == []


def test_the_buyers_answer_clears_the_reminder(box: Mailbox) -> None:
    _row, sent_mid = _inquiry_answered_by_rep(box)
    [made] = [records.get_followup(box.store, i) for i in
              refresh_followups(box.store, now=REPLY.timestamp()).created]
    box.mail(BUYER, REP, datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN), "Re: Re: Inquiry",
             reply_to=sent_mid)
    report = refresh_followups(box.store, now=DUE)
    assert report.answered == [made.id]
    assert records.get_followup(box.store, made.id).state == "answered"
    assert records.list_followups(box.store, now=DUE, due_only=True) == []


def test_the_reps_next_mail_supersedes_the_reminder(box: Mailbox) -> None:
    _row, sent_mid = _inquiry_answered_by_rep(box)
    [first] = refresh_followups(box.store, now=REPLY.timestamp()).created
    later = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # the follow-up itself, Fri 10:00 Berlin
    _r, follow_mid = box.mail(REP, "hans@importer.de", later, "Re: Inquiry", reply_to=sent_mid)
    report = refresh_followups(box.store, now=later.timestamp() + 60)
    assert report.superseded == [first]
    assert records.get_followup(box.store, first).state == "done"
    [second] = report.created
    new = records.get_followup(box.store, second)
    # Friday + Mon 7, Tue 8, Wed 9 -> Thu 10 Dec 09:00 CET
    assert new.sent_message_id == follow_mid
    assert new.due_at == datetime(2026, 12, 10, 8, 0, tzinfo=UTC).timestamp()


def test_a_sent_quote_waits_and_closes_when_won(box: Mailbox) -> None:
    row, mid = box.mail(BUYER, REP, MON, "Inquiry")
    _r, quote_mid = box.mail(REP, "hans@importer.de", REPLY, "Quotation Q-1", reply_to=mid)
    record_quote(box.store, NewQuote(
        number="Q-1", rep=REP, currency="EUR", quote_date=date(2026, 11, 30),
        items=(make_line("Valve", Decimal(10), Decimal("2.50"), "EUR"),),
        account_id=box.account.id, buyer_email="hans@importer.de", lang="de",
        inquiry_row=row))
    with box.store.transaction() as conn:  # what refresh_states records once it left
        conn.execute("UPDATE quotes SET state = 'sent', message_id = ?, sent_at = ?",
                     (quote_mid, REPLY.timestamp()))
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    made = records.get_followup(box.store, fid)
    assert (made.kind, made.quote_number, made.lang, made.due_at) == ("quote", "Q-1", "de", DUE)
    assert made.reply_row == row
    with box.store.transaction() as conn:
        conn.execute("UPDATE quotes SET state = 'won'")
    assert refresh_followups(box.store, now=DUE).answered == [fid]
    assert records.get_followup(box.store, fid).state == "done"


def test_snooze_done_dismiss(box: Mailbox) -> None:
    _inquiry_answered_by_rep(box)
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    # +2 working days from Fri 4 Dec 10:00 Berlin: Mon 7, Tue 8 -> Wed 9 09:00 CET
    friday = datetime(2026, 12, 4, 9, 0, tzinfo=UTC).timestamp()
    snoozed = records.snooze(box.store, fid, days=2, now=friday)
    assert snoozed.state == "snoozed"
    assert snoozed.due_at == datetime(2026, 12, 9, 8, 0, tzinfo=UTC).timestamp()
    until = datetime(2026, 12, 11, 13, 0, tzinfo=UTC).timestamp()
    assert records.snooze(box.store, fid, until=until, now=friday).due_at == until
    with pytest.raises(records.FollowupError, match="already passed"):
        records.snooze(box.store, fid, until=friday - 1, now=friday)
    with pytest.raises(records.FollowupError, match="how long"):
        records.snooze(box.store, fid, now=friday)
    assert records.get_followup(box.store, fid).due_at == until  # the refusals changed nothing
    assert records.close(box.store, fid, "done").state == "done"
    assert records.close(box.store, fid, "done").state == "done"  # idempotent
    with pytest.raises(records.FollowupError, match="already closed"):
        records.close(box.store, fid, "dismissed")
    with pytest.raises(records.FollowupNotFound):
        records.get_followup(box.store, fid + 99)


def test_a_missed_reminder_fires_once_at_the_next_start_and_says_missed(box: Mailbox) -> None:
    _inquiry_answered_by_rep(box)
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    assert records.fire_due(box.store, now=DUE - 1) == []
    # the laptop was closed from Thursday to Monday: at the next start it fires, marked missed
    monday = datetime(2026, 12, 7, 8, 0, tzinfo=UTC).timestamp()
    [(fired, missed)] = records.fire_due(box.store, now=monday)
    assert fired.id == fid and missed
    assert records.fire_due(box.store, now=monday + 60) == []  # once
    # on time (the app running): not missed
    records.snooze(box.store, fid, days=1, now=monday)
    again = records.get_followup(box.store, fid).due_at
    [(_f, late)] = records.fire_due(box.store, now=again + 30)
    assert not late


def test_set_days_counts_again_from_the_send(box: Mailbox) -> None:
    _inquiry_answered_by_rep(box)
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    # 1 working day: Tue 1 waited -> Wed 2 Dec 09:00 CET
    assert records.set_days(box.store, fid, 1).due_at == datetime(
        2026, 12, 2, 8, 0, tzinfo=UTC).timestamp()
    with pytest.raises(records.FollowupError):
        records.set_days(box.store, fid, 0)


def _quote(box: Mailbox, row: int, mid: str, sent_at: float) -> None:
    record_quote(box.store, NewQuote(
        number="Q-9", rep=REP, currency="EUR", quote_date=date(2026, 11, 30),
        items=(make_line("Valve", Decimal(1), Decimal(1), "EUR"),),
        account_id=box.account.id, buyer_email="hans@importer.de", inquiry_row=row))
    with box.store.transaction() as conn:
        conn.execute("UPDATE quotes SET state = 'sent', message_id = ?, sent_at = ?",
                     (mid, sent_at))


def test_the_inquiry_itself_never_counts_as_the_answer(box: Mailbox) -> None:
    # the buyer's clock is a day fast: the inquiry's Date is after the quote's send
    row, mid = box.mail(BUYER, REP, datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN), "Inquiry")
    _r, quote_mid = box.mail(REP, "hans@importer.de", REPLY, "Quotation", reply_to=mid)
    _quote(box, row, quote_mid, REPLY.timestamp())
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    assert refresh_followups(box.store, now=DUE).answered == []
    assert records.get_followup(box.store, fid).is_due(DUE)


def test_a_quote_answered_before_the_first_look_gets_no_reminder(box: Mailbox) -> None:
    row, mid = box.mail(BUYER, REP, MON, "Inquiry")
    _r, quote_mid = box.mail(REP, "hans@importer.de", REPLY, "Quotation", reply_to=mid)
    box.mail(BUYER, REP, datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN), "Re: Quotation",
             reply_to=quote_mid)
    _quote(box, row, quote_mid, REPLY.timestamp())
    assert refresh_followups(box.store, now=DUE).created == []


def test_a_channel_rule_sets_the_working_days(box: Mailbox) -> None:
    from client.followups import rules

    rules.set_rule(box.store, "Web-Form", 1)
    assert rules.list_rules(box.store) == {"web-form": 1}
    _inquiry_answered_by_rep(box)  # tagged web-form
    [fid] = refresh_followups(box.store, now=REPLY.timestamp()).created
    # 1 working day after Monday: Tue 1 waited -> Wed 2 Dec 09:00 CET
    made = records.get_followup(box.store, fid)
    assert (made.working_days, made.due_at) == (
        1, datetime(2026, 12, 2, 8, 0, tzinfo=UTC).timestamp())
    with pytest.raises(records.FollowupError):
        rules.set_rule(box.store, "two words", 2)
    with pytest.raises(records.FollowupError):
        rules.set_rule(box.store, "alibaba", 0)
    assert rules.remove_rule(box.store, "web-form") and rules.list_rules(box.store) == {}
