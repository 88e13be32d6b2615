"""Flushing the outbox end to end: real submission server → Dovecot, Sent filing, crashes."""

from __future__ import annotations

from pathlib import Path

from client.compose.build import Draft, build_message, to_bytes
from client.compose.headers import Recipient
from client.smtp.outbox import Outbox
from client.smtp.transport import SmtpEndpoint
from client.store.db import Store
from tests.client.smtp.claimants import leave_dead_claim
from tests.client.smtp.rig import Rig


def test_sent_once_and_filed_once(rig: Rig) -> None:
    item_id, mid = rig.queue()
    report = rig.flush()
    assert report.sent == [item_id] and report.filed == [item_id]
    [received] = rig.messages("INBOX")
    assert received["Subject"] == "Quotation 报价 FOB Ningbo"
    assert received["Message-ID"] == f"<{mid}>"
    assert received.get_content_type() == "multipart/alternative"
    [filed] = rig.messages("Sent")
    assert filed["Message-ID"] == f"<{mid}>"
    assert rig.outbox.get(item_id).state == "filed"
    again = rig.flush()  # nothing left to do: no second copy anywhere
    assert again.sent == [] and len(rig.messages("INBOX")) == 1 and len(rig.messages("Sent")) == 1


def test_offline_then_server_back_delivers_once(rig: Rig) -> None:
    item_id, _ = rig.queue()
    down = SmtpEndpoint("127.0.0.1", 1, "starttls", ca_file=str(rig.dovecot.ca_file), timeout=3)
    report = rig.flush(down)
    assert report.retrying == [item_id] and report.stopped and "Cannot reach" in report.stopped
    item = rig.outbox.get(item_id)
    assert item.state == "queued" and item.attempts == 1
    rig.outbox.retry(item_id)  # the rep presses "send now" (or the backoff elapses)
    assert rig.flush().sent == [item_id]
    assert len(rig.messages("INBOX")) == 1 and len(rig.messages("Sent")) == 1


def test_temporary_refusal_retries_and_permanent_one_keeps_reason(rig: Rig) -> None:
    first, _ = rig.queue("first")
    rig.sub.fail_next = (451, "4.3.0 greylisted, try later")
    report = rig.flush()
    assert report.retrying == [first]
    assert "greylisted" in (rig.outbox.get(first).last_error or "")
    rig.outbox.retry(first)
    rig.sub.fail_next = (554, "5.7.1 rejected by content policy")
    report = rig.flush()
    assert first in report.failed
    item = rig.outbox.get(first)
    assert item.state == "failed" and "content policy" in (item.last_error or "")
    assert rig.messages("INBOX") == []
    rig.outbox.retry(first)
    assert rig.flush().sent == [first]


def test_crash_after_data_is_not_sent_twice(rig: Rig) -> None:
    """The line (or the app) dies after the hand-over: never resent automatically."""
    item_id, _ = rig.queue()
    rig.sub.drop_after_data = True
    report = rig.flush()
    assert item_id in report.uncertain
    assert rig.outbox.get(item_id).state == "uncertain"
    assert rig.flush().sent == []
    assert len(rig.messages("INBOX")) == 1  # delivered exactly once


def test_message_found_mid_send_after_restart_is_checked_against_sent(rig: Rig, tmp_path: Path) -> None:
    item_id, mid = rig.queue()
    leave_dead_claim(rig.store.path, item_id, handed_over=True)  # a crash right after 354
    rig.dovecot.append(rig.user, "Sent", rig.outbox.raw(item_id))  # the server filed it already
    rig.store.close()
    rig.store = Store.open(tmp_path / "tw.db")  # restart
    rig.outbox = Outbox(rig.store)
    report = rig.flush()
    assert report.filed == [item_id] and report.sent == []
    assert rig.outbox.get(item_id).state == "filed"
    assert rig.messages("INBOX") == [] and len(rig.messages("Sent")) == 1


def test_size_refusal_keeps_message_and_suggests_a_link(rig: Rig) -> None:
    draft = Draft(sender=Recipient("", rig.user.email), to=(Recipient("", rig.user.email),),
                  subject="catalogue", text="see attached")
    raw = to_bytes(build_message(draft)) + b"x" * 200
    rig.sub.fail_next = (552, "5.3.4 Message size exceeds fixed maximum message size")
    item_id = rig.outbox.enqueue(rig.account.id, raw, message_id="<big@example.test>",
                                 sender=rig.user.email, recipients=[rig.user.email])
    report = rig.flush()
    assert "download link" in report.failed[item_id]
    assert rig.outbox.get(item_id).state == "failed"
    assert rig.outbox.raw(item_id) == raw
