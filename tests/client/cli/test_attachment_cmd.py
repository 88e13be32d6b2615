"""`save-attachment`: cached attachments, and those over the cache cap fetched on demand."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from client.cli.errors import ExitCode
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]
PAYLOAD = bytes(range(256)) * 800  # 200 KB


def _message(n: int, name: str) -> bytes:
    encoded = base64.encodebytes(PAYLOAD).replace(b"\n", b"\r\n")
    return (
        f"From: li@factory.example\r\nSubject: drawings {n}\r\nMessage-ID: <d{n}@factory.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=YY\r\n\r\n--YY\r\n"
        "Content-Type: text/plain\r\n\r\nDrawings attached.\r\n--YY\r\n"
        f"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''{name}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + encoded + b"--YY--\r\n"


def test_attachments_over_the_cap_are_not_downloaded_until_saved(
    cli: Cli, dovecot: DovecotServer, imap_user: MailUser, tmp_path: Path
) -> None:
    dovecot.deliver(imap_user, _message(1, "%E5%9B%BE%E7%BA%B8.pdf"))  # 图纸.pdf
    assert add_account(cli, dovecot, imap_user).code == 0
    store = Store.open(Profile.resolve(None).database)
    store.set_setting("sync.attachment_cache_mb", 0.1)  # 100 KB: the 270 KB message is partial
    store.close()
    assert cli("sync").code == 0
    [row] = cli("ls", "INBOX", "--json").json()["messages"]
    shown = cli("show", str(row["id"]), "--json").json()
    assert shown["message"]["body_state"] == "partial"
    assert [(a["filename"], a["downloaded"]) for a in shown["attachments"]] == [("图纸.pdf", False)]
    saved = cli("save-attachment", str(row["id"]), "--dir", str(tmp_path), "--json")
    assert saved.code == 0, saved.err
    [item] = saved.json()["saved"]
    assert Path(item["path"]).name == "图纸.pdf" and Path(item["path"]).read_bytes() == PAYLOAD
    again = cli("save-attachment", str(row["id"]), "2", "--dir", str(tmp_path), "--json")
    assert Path(again.json()["saved"][0]["path"]).name == "图纸 (2).pdf"  # never overwrites
    assert cli("show", str(row["id"]), "--json").json()["attachments"][0]["downloaded"] is True
    missing = cli("save-attachment", str(row["id"]), "7", "--dir", str(tmp_path))
    assert missing.code == ExitCode.USAGE and "no attachment part 7" in missing.err
