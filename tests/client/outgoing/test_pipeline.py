"""The outgoing pipeline: each step alone (typed input and output), their order, and that a
step's refusal queues nothing."""

from __future__ import annotations

import email
import json
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from client.compose.assemble import SignatureBlock, signature_text
from client.compose.build import CalendarPart, OutgoingAttachment
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.compose.identities import add_identity
from client.outgoing import signature_step
from client.outgoing.calendar_step import check_part, with_calendar
from client.outgoing.links_step import LinkUploads
from client.outgoing.message import Outgoing
from client.outgoing.pipeline import queue_message, resolve_identity, run, steps_for
from client.outgoing.queue_step import enqueue
from client.outgoing.render_step import from_template
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.templates.model import RenderedMail
from client.uploads.outgoing import MARK
from tests.client.signatures.fixtures import Keys
from tests.client.signatures.test_enforce import ANNA, Profile

INVITE = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tradewind//EN\r\nMETHOD:REQUEST\r\n"
          b"BEGIN:VEVENT\r\nUID:m-1@company.com\r\nDTSTAMP:20261201T080000Z\r\n"
          b"DTSTART:20261203T080000Z\r\nDTEND:20261203T083000Z\r\nSUMMARY:LED panels\r\n"
          b"END:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("sales@company.com", display_name="Sales")
    add_identity(store, account.id, "sales@company.com", "Company Sales", default=True)
    return store


def _fields(**changes: Any) -> DraftFields:
    base = DraftFields(sender="sales@company.com", to="hans@importer.de",
                       subject="RFQ LED panels", text="Dear Hans,\nour offer follows.",
                       html=None)
    return replace(base, **changes)


def _start(store: Store, fields: DraftFields | None = None) -> Outgoing:
    fields = fields or _fields()
    account_id = store.list_accounts()[0].id
    return Outgoing(account_id, resolve_identity(store, account_id, fields.sender), fields)


def _parsed(store: Store, outbox_id: int) -> EmailMessage:
    msg = email.message_from_bytes(Outbox(store).raw(outbox_id), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_the_steps_run_in_their_order_each_seeing_what_the_one_before_made(
    store: Store,
) -> None:
    def stamp(name: str) -> Any:
        def step(store: Store, message: Outgoing, /) -> Outgoing:
            return replace(message, notices=(*message.notices, name))
        return step

    render, links, calendar = stamp("render"), stamp("links"), stamp("calendar")
    assert steps_for(render=render, links=links, calendar=calendar) == (
        render, signature_step.enforce, links, calendar)
    assert steps_for() == (signature_step.enforce,)
    queued = run(store, _start(store), (render, links, calendar))
    assert queued.notices == ("render", "links", "calendar")


def test_render_step_puts_the_template_in_and_keeps_quote_and_attachments(
    store: Store,
) -> None:
    pdf = OutgoingAttachment("Q-1.pdf", b"%PDF-1.7", "application/pdf")
    message = _start(store, _fields(quote_text="> Please quote", attachments=(pdf,)))
    step = from_template(RenderedMail("Quotation Q-1", "<p>Our offer</p>", "Our offer", "en", "quotation"))
    out = step(store, message)
    assert (out.fields.subject, out.fields.html, out.fields.text) == (
        "Quotation Q-1", "<p>Our offer</p>", "Our offer")
    assert out.fields.quote_text == "> Please quote" and out.fields.attachments == (pdf,)
    assert message.fields.subject == "RFQ LED panels"  # the input is never changed


def test_signature_step_without_a_policy_keeps_the_reps_signature(store: Store) -> None:
    offered = SignatureBlock(html="<p>Anna, Company Sales</p>", text="Anna, Company Sales")
    out = signature_step.enforce(store, replace(_start(store), signature=offered))
    assert out.signature == offered and out.notices == ()
    assert out.enforced is not None and out.enforced.rendered is None


def test_queue_step_builds_and_queues_once_and_refuses_a_bad_address(store: Store) -> None:
    queued = enqueue(store, _start(store))
    item = Outbox(store).get(queued.outbox_id)
    assert item.state == "queued" and queued.recipients == ("hans@importer.de",)
    assert _parsed(store, queued.outbox_id)["Subject"] == "RFQ LED panels"
    with pytest.raises(ComposeError, match="To"):
        enqueue(store, _start(store, _fields(to="hans@importer.de, not an address")))
    assert [i.id for i in Outbox(store).items(store.list_accounts()[0].id)] == [queued.outbox_id]


def test_calendar_step_adds_the_invitation_as_alternative_and_file(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    queued = queue_message(store, account_id, _fields(),
                           calendar=with_calendar(CalendarPart("REQUEST", INVITE)))
    msg = _parsed(store, queued.outbox_id)
    types = [part.get_content_type() for part in msg.walk()]
    assert "text/calendar" in types
    calendar = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "REQUEST"


@pytest.mark.parametrize(("part", "words"), [
    (CalendarPart("INVITE", INVITE), "not an iCalendar method"),
    (CalendarPart("CANCEL", INVITE), "METHOD CANCEL outside but REQUEST inside"),
    (CalendarPart("REQUEST", INVITE.replace(b"METHOD:REQUEST\r\n", b"")), "none inside"),
    (CalendarPart("REQUEST", INVITE + INVITE), "exactly one calendar"),
])
def test_calendar_step_refuses_a_part_that_is_not_what_it_says_and_queues_nothing(
    store: Store, part: CalendarPart, words: str,
) -> None:
    with pytest.raises(ComposeError, match=words):
        queue_message(store, store.list_accounts()[0].id, _fields(), calendar=with_calendar(part))
    assert Outbox(store).items(store.list_accounts()[0].id) == []
    assert check_part(CalendarPart("request", INVITE)).method == "REQUEST"


class _Engine:
    """Stands in for `UploadEngine.create` (the real one is tested in tests/client/uploads)."""

    def __init__(self) -> None:
        self.created: list[tuple[str, str | None, int | None]] = []

    def create(self, storage: Any, path: str, *, recipient_domain: str | None = None,
               outbox_id: int | None = None) -> int:
        self.created.append((path, recipient_domain, outbox_id))
        return 40 + len(self.created)


def test_links_step_holds_the_message_for_its_uploads_in_the_queueing_transaction(
    store: Store,
) -> None:
    engine = _Engine()
    step = LinkUploads(("catalogue.pdf", "video.mp4"), storage=object(),  # type: ignore[arg-type]
                       engine=engine, language="zh_CN", token="t0k")  # type: ignore[arg-type]
    queued = queue_message(store, store.list_accounts()[0].id, _fields(), links=step)
    item = Outbox(store).get(queued.outbox_id)
    assert item.state == "uploading"
    assert json.loads(item.link_files or "") == {"token": "t0k", "language": "zh_CN",
                                                 "uploads": [41, 42]}
    assert engine.created == [("catalogue.pdf", "importer.de", queued.outbox_id),
                              ("video.mp4", "importer.de", queued.outbox_id)]
    body = _parsed(store, queued.outbox_id).get_body(("plain",))
    assert body is not None and MARK + "t0k" in body.get_content()


def test_a_failing_upload_record_queues_nothing(store: Store) -> None:
    class Refusing(_Engine):
        def create(self, *args: Any, **kwargs: Any) -> int:
            raise OSError("catalogue.pdf changed while it was read")

    step = LinkUploads(("catalogue.pdf",), storage=object(),  # type: ignore[arg-type]
                       engine=Refusing())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="changed"):
        queue_message(store, store.list_accounts()[0].id, _fields(), links=step)
    assert Outbox(store).items(store.list_accounts()[0].id) == []


def test_the_link_placeholder_survives_a_typed_signature_under_a_policy(
    tmp_path: Path, make_policy: Any, keys: Keys,
) -> None:
    """The links step runs after the signature step: the policy takes the rep's typed "-- "
    signature out, the placeholder stays (added first, it went out with the typed copy and the
    message would have been queued with no link block)."""
    from client.signatures import provision

    with Store.open(tmp_path / "policy.db") as store:
        profile = Profile(store)
        provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
        step = LinkUploads(("catalogue.pdf",), storage=object(),  # type: ignore[arg-type]
                           engine=_Engine(), token="t0k")  # type: ignore[arg-type]
        fields = DraftFields(sender=ANNA, to="buyer@importer.example", subject="Catalogue",
                             text="Dear buyer,\nthe catalogue follows.\n\n-- \nAnna (typed)\n")
        queued = queue_message(store, profile.account.id, fields, links=step)
        body = _parsed(store, queued.outbox_id).get_body(("plain",))
        assert body is not None
        text = str(body.get_content()).replace("\r\n", "\n")
        assert MARK + "t0k" in text and "Anna (typed)" not in text
        first_line = signature_text(profile.expected()).strip().splitlines()[0]
        assert text.index(MARK + "t0k") < text.index(first_line)
