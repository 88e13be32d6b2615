"""`tradewind identity signature`: the personal signature of a sending address, set from
files, shown (also as --json), used when sending without a company policy, and removed."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy as email_policy
from pathlib import Path

from client.signatures import provision
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_send_checks import SENDER, _profile


def test_set_show_send_and_clear(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    profile = _profile(tmp_path)
    db = profile / "tradewind.db"
    with Store.open(db) as store, store.transaction() as conn:  # no company policy here
        conn.execute("DELETE FROM settings WHERE key = ?", (provision.SOURCE_KEY,))
    html, body = tmp_path / "sig.html", tmp_path / "body.txt"
    html.write_text("<p><b>Mei Lin</b><br>Export sales</p><script>x()</script>", "utf-8")
    body.write_text("Dear buyer,\n", "utf-8")
    base = ("--profile", str(profile), "identity", "signature", "--account", SENDER,
            "--email", SENDER)
    shown = cli(*base, "--html-file", str(html), "--json")
    assert shown.code == 0, shown.err
    doc = shown.json()
    assert doc["signature"]["text"] == "Mei Lin\nExport sales" and not doc["company_policy"]
    assert "script" not in doc["signature"]["html"]
    sent = cli("--profile", str(profile), "send", "--from", SENDER, "--to", "a@b.example",
               "--subject", "Offer", "--body-file", str(body), "--queue-only", "--json")
    assert sent.code == 0, sent.err
    with Store.open(db) as store:
        raw = Outbox(store).raw(sent.json()["outbox_id"])
    text = email.message_from_bytes(raw, policy=email_policy.default).get_body(
        ("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n").startswith("Dear buyer,\n\n-- \nMei Lin\nExport sales\n")
    cleared = cli(*base, "--clear", "--json")
    assert cleared.code == 0 and cleared.json()["signature"] is None
    unknown = cli(*base[:-1], "someone@else.example")
    assert unknown.code == 6 and "not a sending address" in unknown.err
