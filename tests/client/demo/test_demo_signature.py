"""The demo profile carries the demo company's signature policy, signed with a key made for that
profile alone, and new mail and replies built in it carry the locked signature."""

from __future__ import annotations

import email
from datetime import date
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from client.compose.actions import reply_fields
from client.compose.drafts import DraftFields
from client.demo import build_demo_profile
from client.outgoing.pipeline import queue_message
from client.profile.paths import DATABASE_NAME, resources_dir
from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.smtp.outbox import Outbox
from client.store.db import Store

ANCHOR = date(2026, 11, 27)
MEI = "mei.lin@harbor-lighting.example"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    build_demo_profile(tmp_path / "demo", anchor=ANCHOR)
    return tmp_path / "demo"


def _bodies(raw: bytes) -> tuple[str, str]:
    msg = email.message_from_bytes(raw, policy=email_policy.default)
    assert isinstance(msg, EmailMessage)
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    return (str(text.get_content()).replace("\r\n", "\n"),
            str(html.get_content()).replace("\r\n", "\n"))


def test_the_demo_profile_has_the_company_policy_in_force(demo: Path) -> None:
    with Store.open(demo / DATABASE_NAME) as store:
        bundle = provision.policy_in_force(store)
        assert bundle is not None
        assert bundle.policy.company_values["company"] == "Ningbo Harbor Lighting Co., Ltd."
        source = provision.source(store)
        assert source is not None and Path(source.location).parent == demo
        rendered = render_signature(bundle, SignatureRequest(MEI))
        assert "Mei Lin" in rendered.block.text and "Export Sales Manager" in rendered.block.text
        assert provision.refresh(store).status == "unchanged"  # its folder travels with it


def test_the_policy_key_is_trusted_by_that_demo_profile_only(tmp_path: Path) -> None:
    keys = []
    for name in ("one", "two"):
        build_demo_profile(tmp_path / name, anchor=ANCHOR)
        with Store.open(tmp_path / name / DATABASE_NAME) as store:
            source = provision.source(store)
            assert source is not None
            keys.append(source.public_key_pem)
    assert keys[0] != keys[1]  # a key made for each demo profile
    shipped_and_built = [*resources_dir().rglob("*"), *tmp_path.rglob("*")]
    assert not [p for p in shipped_and_built
                if p.is_file() and b"PRIVATE KEY" in p.read_bytes()]  # the signing key is gone


def test_a_new_message_and_a_reply_carry_the_locked_signature(demo: Path) -> None:
    with Store.open(demo / DATABASE_NAME) as store:
        account = store.list_accounts()[0]
        bundle = provision.policy_in_force(store)
        assert bundle is not None
        new = queue_message(store, account.id, DraftFields(
            sender=MEI, to="buyer@importer.example", subject="LED panel offer", text="Hello"))
        text, html = _bodies(Outbox(store).raw(new.outbox_id))
        block = render_signature(bundle, SignatureRequest(MEI, ("buyer@importer.example",))).block
        assert block.text in text and block.html in html and 'class="tw-signature"' in html

        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        row = store.list_messages(inbox.id, limit=1)[0]
        fields = reply_fields(store, row.id)
        reply = queue_message(store, account.id, fields)
        text, html = _bodies(Outbox(store).raw(reply.outbox_id))
        recipients = tuple(a.strip() for a in fields.to.split(",") if a.strip())
        form = render_signature(bundle, SignatureRequest(MEI, recipients, reply=True)).block
        assert form.text in text and form.html in html
        assert text.index(form.text) < text.index(">")  # above the quote


def test_rebuilding_keeps_the_policy_and_an_older_demo_profile_gets_it(demo: Path) -> None:
    with Store.open(demo / DATABASE_NAME) as store:
        source = provision.source(store)
        store.set_setting(provision.SOURCE_KEY, None)  # as a demo built before the policy existed
    build_demo_profile(demo, anchor=ANCHOR)
    with Store.open(demo / DATABASE_NAME) as store:
        assert provision.policy_in_force(store) is not None
        again = provision.source(store)
        assert again is not None and source is not None
    build_demo_profile(demo, anchor=ANCHOR)
    with Store.open(demo / DATABASE_NAME) as store:
        latest = provision.source(store)
        assert latest == again  # an installed policy is left as it is
