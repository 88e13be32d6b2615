"""`tradewind send|reply|drafts send` run the checks before sending: refused with exit 2 and
the reasons (also as --json), nothing queued; --force and --no-check CHECK send anyway."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.compose.drafts import DraftFields, save_draft
from client.demo import build_demo_profile
from client.profile.paths import DATABASE_NAME
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.store.records import IncomingMessage
from tests.client.cli.fixtures import CliResult

SENDER = "mei.lin@harbor-lighting.example"


def _profile(tmp_path: Path) -> Path:
    profile = tmp_path / "demo"
    build_demo_profile(profile)
    return profile


def _queued(profile: Path) -> int:
    with Store.open(profile / DATABASE_NAME) as store:
        return sum(len(Outbox(store).items(a.id)) for a in store.list_accounts())


def test_send_is_refused_with_the_reasons_and_nothing_is_queued(
        tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    profile = _profile(tmp_path)
    body = tmp_path / "body.txt"
    body.write_text("Sehr geehrter Herr Kraemer,\nanbei unser Angebot.\n", encoding="utf-8")
    args = ("--profile", str(profile), "send", "--from", SENDER, "--to",
            "noreply@kraemer-licht.example", "--subject", "", "--body-file", str(body),
            "--queue-only")
    before = _queued(profile)
    refused = cli(*args)
    assert refused.code == 2
    assert "subject is empty" in refused.err and "“anbei”" in refused.err
    assert "no-reply address" in refused.err and "Traceback" not in refused.err
    as_json = cli(*args, "--json")
    assert as_json.code == 2
    checks = as_json.json()["error"]["checks"]
    assert [c["check"] for c in checks] == ["empty-subject", "forgotten-attachment", "no-reply"]
    assert _queued(profile) == before  # nothing queued
    skipped = cli(*args, "--no-check", "empty-subject", "--no-check", "no-reply", "--json")
    assert skipped.code == 2
    assert [c["check"] for c in skipped.json()["error"]["checks"]] == ["forgotten-attachment"]
    forced = cli(*args, "--force", "--json")
    assert forced.code == 0, forced.err
    assert _queued(profile) == before + 1


def test_a_check_switched_off_in_the_settings_is_not_run(
        tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    from client.compose.checks import set_check_enabled

    profile = _profile(tmp_path)
    body = tmp_path / "body.txt"
    body.write_text("Hello\n", encoding="utf-8")
    with Store.open(profile / DATABASE_NAME) as store:
        set_check_enabled(store, "empty-subject", False)
    sent = cli("--profile", str(profile), "send", "--from", SENDER, "--to", "a@b.example",
               "--subject", " ", "--body-file", str(body), "--queue-only")
    assert sent.code == 0, sent.err


def test_a_reply_to_a_no_reply_sender_and_a_draft_are_checked(
        tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    profile = _profile(tmp_path)
    raw = (b"From: Shop <no-reply@shop.example>\r\nTo: " + SENDER.encode() + b"\r\n"
           b"Subject: Your order\r\nMessage-ID: <order@shop.example>\r\n\r\nThanks.\r\n")
    with Store.open(profile / DATABASE_NAME) as store:
        account = store.list_accounts()[0]
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=raw)], uid)
        row = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                 ("order@shop.example",)).fetchone()[0]
        draft = save_draft(store, account.id, DraftFields(
            sender=SENDER, to="buyer@importer.example", subject="Offer",
            text="The offer is attached."))
    reply = cli("--profile", str(profile), "reply", str(row), "--queue-only")
    assert reply.code == 2 and "no-reply@shop.example is a no-reply address" in reply.err
    sent = cli("--profile", str(profile), "drafts", "send", str(draft), "--queue-only")
    assert sent.code == 2 and "attachment" in sent.err
    with Store.open(profile / DATABASE_NAME) as store:
        assert store.conn.execute("SELECT 1 FROM drafts WHERE id = ?", (draft,)).fetchone()


def test_attachments_over_the_recorded_smtp_size_are_refused(
        tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    profile = _profile(tmp_path)
    body, pdf = tmp_path / "body.txt", tmp_path / "catalogue.pdf"
    body.write_text("Our catalogue.\n", encoding="utf-8")
    pdf.write_bytes(b"%PDF" + b"x" * 4000)
    with Store.open(profile / DATABASE_NAME) as store:
        account = store.get_account(SENDER)
        assert account is not None
        store.set_setting(f"smtp.size_limit.{account.id}", 2000)  # the server's last EHLO SIZE
    refused = cli("--profile", str(profile), "send", "--from", SENDER, "--to", "a@b.example",
                  "--subject", "Catalogue", "--body-file", str(body), "--attach", str(pdf),
                  "--no-link", "--queue-only", "--json")
    assert refused.code == 2
    [finding] = refused.json()["error"]["checks"]
    assert finding == {"check": "too-large", "detail": "catalogue.pdf", "limit": 2000,
                       "files": [0]}
    assert "(--link)" in refused.json()["error"]["message"]
