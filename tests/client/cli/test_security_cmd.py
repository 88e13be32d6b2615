"""`tradewind security signals|risky-types|allow` and the `security` object of `show --json`,
on real corpus messages: a bank-transfer phish whose replies go elsewhere, spam with tracking
pictures, a mail with script attachments (tests/data/SOURCES.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime"
PHISH = CORPUS / "spamscope" / "mail_test_17"  # "Transferencia Interbancaria", Reply-To elsewhere
SPAM = CORPUS / "spamscope" / "mail_test_8"  # five pictures from the internet
SCRIPTS = CORPUS / "thunderbird" / "attachment" / "apple_mail_related_attachments.eml"


def _cache(*files: Path) -> list[int]:
    with Store.open(Profile.resolve().database) as store:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        when = datetime(2026, 11, 5, tzinfo=UTC)
        store.insert_messages(inbox.id, [
            IncomingMessage(uid=n, raw=path.read_bytes(), internaldate=when)
            for n, path in enumerate(files, start=1)], len(files))
        rows = store.list_messages(inbox.id, limit=10)
        by_uid = {row.uid: row.id for row in rows}
        return [by_uid[n] for n in range(1, len(files) + 1)]


def test_signals_of_a_phishing_message(cli: Cli, profile_dir: object) -> None:
    (phish,) = _cache(PHISH)
    result = cli("security", "signals", str(phish), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["id"] == phish
    assert [(s["kind"], s["code"], s["detail"]) for s in doc["signals"]] == [
        ("reply-to", "reply-to-differs", "info@alejandrosalcedo.es")]
    assert doc["remote_content"]["blocked"] is False
    shown = cli("show", str(phish), "--json").json()
    assert shown["security"] == {k: v for k, v in doc.items() if k != "id"}
    text = cli("show", str(phish)).out
    assert "Warning: Replies go to a different address than the sender: " \
           "info@alejandrosalcedo.es" in text
    chinese = cli("--lang", "zh_CN", "security", "signals", str(phish), "--json").json()
    assert chinese["signals"][0]["code"] == "reply-to-differs"
    assert chinese["signals"][0]["message"] != doc["signals"][0]["message"]


def test_remote_pictures_blocked_until_the_sender_is_allowed(cli: Cli, profile_dir: object) -> None:
    (spam,) = _cache(SPAM)
    doc = cli("security", "signals", str(spam), "--json").json()
    assert doc["remote_content"] == {
        "count": 5, "blocked": True, "reason": "sender-not-allowed",
        "message": "Remote pictures are blocked: the sender is not on the allow list."}
    assert ("remote-content", "remote-content-blocked", "5") in [
        (s["kind"], s["code"], s["detail"]) for s in doc["signals"]]
    bad = cli("security", "allow", "Helicopter_flight_simulator", "--json")
    assert bad.code == 2 and "neither an email address nor @domain" in bad.err
    allowed = cli("security", "allow", "@MoneyTrack.top", "--json")
    assert allowed.code == 0 and allowed.json() == {"allowed": ["@moneytrack.top"]}
    doc = cli("security", "signals", str(spam), "--json").json()
    assert doc["remote_content"]["reason"] == "domain-allowed"
    assert "remote-content-blocked" not in [s["code"] for s in doc["signals"]]
    assert cli("security", "disallow", "@moneytrack.top", "--json").json() == {"allowed": []}


def test_risky_attachments_of_a_real_message(cli: Cli, profile_dir: object) -> None:
    (mail,) = _cache(SCRIPTS)
    doc = cli("security", "signals", str(mail), "--json").json()
    found = {(s["filename"], s["code"]) for s in doc["signals"] if s["kind"] == "attachment"}
    assert found == {("example.sh", "script"), ("example.py", "script")}  # not example.md
    text = cli("security", "signals", str(mail)).out
    assert "example.sh is a script: opening it runs commands on your computer." in text


def test_risky_types_are_printed_as_data(cli: Cli, profile_dir: object) -> None:
    doc = cli("security", "risky-types", "--json").json()
    assert {"extension": ".docm", "reason": "macro-document",
            "message": "an Office document with macros, which can run code"} in doc["types"]
    assert "double-extension" in {c["code"] for c in doc["name_checks"]}
    assert ".exe" in cli("security", "risky-types").out


def test_a_missing_message_is_a_clear_error(cli: Cli, profile_dir: object) -> None:
    _cache(PHISH)
    result = cli("security", "signals", "999")
    assert result.code == 6 and "Traceback" not in result.err and result.err.strip()
    assert cli("security", "signals", "abc").code == 2
