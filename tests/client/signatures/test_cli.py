"""`tradewind policy …` and `tradewind signature …`: the admin's and the rep's commands."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from client.cli.errors import ExitCode
from client.signatures.example import example_files
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.client.signatures.fixtures import HttpsServer, edit_json
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]
REPO_ROOT = Path(__file__).resolve().parents[3]


def _admin(cli: Cli, tmp_path: Path) -> tuple[Path, Path, Path]:
    """init + keygen + sign; returns (policy dir, private key, public key)."""
    policy = tmp_path / "policy"
    init = cli("policy", "init", str(policy), "--json")
    assert init.code == 0, init.err
    assert sorted(init.json()["files"]) == ["README.md", "directory.json", "logo.png",
                                            "policy.json"]
    keys = cli("policy", "keygen", str(tmp_path / "keys"), "--json")
    assert keys.code == 0, keys.err
    private, public = Path(keys.json()["private_key"]), Path(keys.json()["public_key"])
    signed = cli("policy", "sign", str(policy), "--key", str(private), "--json")
    assert signed.code == 0, signed.err
    assert signed.json()["key_id"] == keys.json()["key_id"]
    assert (policy / "signature.json").is_file()
    return policy, private, public


def test_init_writes_a_complete_commented_example(cli: Cli, tmp_path: Path) -> None:
    result = cli("policy", "init", str(tmp_path / "p"))
    assert result.code == 0 and "Edit it, then sign it" in result.out
    policy = json.loads((tmp_path / "p" / "policy.json").read_text(encoding="utf-8"))
    assert "_comment" in policy and policy["schema_version"] == 1
    assert (tmp_path / "p" / "logo.png").read_bytes().startswith(b"\x89PNG")
    assert "tradewind policy sign" in (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    again = cli("policy", "init", str(tmp_path / "p"))
    assert again.code == ExitCode.GENERAL and "already has policy.json" in again.err


def test_the_repository_example_is_what_init_writes() -> None:
    folder = REPO_ROOT / "resources" / "signature-example"
    for name, data in example_files().items():
        assert (folder / name).read_bytes() == data, name


def test_sign_verify_use_and_preview(cli: Cli, tmp_path: Path) -> None:
    policy, private, public = _admin(cli, tmp_path)
    verified = cli("policy", "verify", str(policy), "--key", str(public), "--json")
    assert verified.code == 0, verified.err
    assert verified.json()["valid"] is True and verified.json()["people"] == 3
    used = cli("policy", "use", str(policy), "--key", str(public))
    assert used.code == 0, used.err
    assert "now uses the signature policy" in used.out
    preview_file = tmp_path / "preview.html"
    shown = cli("signature", "preview", "--identity", "anna@us.company.example",
                "--html", str(preview_file))
    assert shown.code == 0, shown.err
    assert shown.out.startswith("Anna Li\nExport Sales Manager · Sales\n")
    assert "+1 212 555 0100" in shown.out
    page = preview_file.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "cid:" not in page
    arabic = cli("signature", "preview", "--identity", "omar.haddad@company.example",
                 "--to", "buyer@acme.sa", "--json").json()
    assert arabic["language"] == "ar" and arabic["html"].startswith('<div dir="rtl"')
    reply = cli("signature", "preview", "--identity", "anna.li@company.example", "--reply",
                "--language", "zh", "--json").json()
    assert reply["language"] == "zh" and reply["text"].startswith("李安娜")
    status = cli("policy", "status", "--json").json()
    assert status["configured"] is True and status["in_force"]["templates"] == [
        "global", "logistics", "us"]


def test_tampered_policy_is_refused_in_words(cli: Cli, tmp_path: Path) -> None:
    policy, private, public = _admin(cli, tmp_path)
    assert cli("policy", "use", str(policy), "--key", str(public)).code == 0
    edit_json(policy / "policy.json", lambda d: d["company"].update(phone="+1 900 000 0000"))
    verify = cli("policy", "verify", str(policy), "--key", str(public))
    assert verify.code == ExitCode.GENERAL
    assert "policy.json was changed after the policy was signed" in verify.err
    refresh = cli("policy", "refresh", "--json")
    assert refresh.code == ExitCode.GENERAL
    assert refresh.json()["error"]["status"] == "refused"
    assert "last valid policy stays in force" in refresh.err
    shown = cli("signature", "preview", "--identity", "anna.li@company.example")
    assert "+86 574 8888 0000" in shown.out and "+1 900" not in shown.out
    other = cli("policy", "keygen", str(tmp_path / "other"), "--json").json()
    sign_other = cli("policy", "sign", str(policy), "--key", other["private_key"])
    assert sign_other.code == 0
    wrong_key = cli("policy", "verify", str(policy), "--key", str(public))
    assert wrong_key.code == ExitCode.GENERAL and "signed with key" in wrong_key.err


def test_sign_refuses_a_policy_clients_would_refuse(cli: Cli, tmp_path: Path) -> None:
    policy, private, _ = _admin(cli, tmp_path)
    (policy / "logo.png").unlink()
    result = cli("policy", "sign", str(policy), "--key", str(private))
    assert result.code == ExitCode.GENERAL and "logo logo.png named in policy.json" in result.err
    edit_json(policy / "policy.json", lambda d: d.update(schema_version=3))
    result = cli("policy", "verify", str(policy), "--key", str(tmp_path / "keys" / "nope.pem"))
    assert result.code == ExitCode.USAGE and "Cannot read the public key" in result.err


def test_use_over_https_with_a_test_ca(cli: Cli, tmp_path: Path,
                                       https_policy_server: HttpsServer) -> None:
    policy, _, public = _admin(cli, tmp_path)
    shutil.copytree(policy, https_policy_server.root / "sig")
    url = https_policy_server.url + "sig/"
    untrusted = cli("policy", "use", url, "--key", str(public))
    assert untrusted.code == ExitCode.GENERAL and "not trusted" in untrusted.err
    used = cli("policy", "use", url, "--key", str(public), "--ca-file",
               str(https_policy_server.ca_file), "--json")
    assert used.code == 0, used.err
    assert used.json()["location"] == url
    assert cli("policy", "refresh", "--json").json()["status"] == "unchanged"


def test_signature_set_fills_only_allowed_fields(cli: Cli, tmp_path: Path) -> None:
    policy, _, public = _admin(cli, tmp_path)
    assert cli("policy", "use", str(policy), "--key", str(public)).code == 0
    ok = cli("signature", "set", "--identity", "wang.fang@company.example", "wechat=wf_88")
    assert ok.code == 0, ok.err
    assert "WeChat wf_88" in cli("signature", "preview", "--identity",
                                 "wang.fang@company.example").out
    refused = cli("signature", "set", "--identity", "wang.fang@company.example",
                  "mobile=+86 139 0000 0000", "title=CEO")
    assert refused.code == ExitCode.GENERAL and "does not let reps fill 'title'" in refused.err
    kept = cli("signature", "set", "--identity", "wang.fang@company.example", "skype=",
               "--json")
    assert kept.code == ExitCode.GENERAL  # skype is not rep-editable either
    values = cli("signature", "set", "--identity", "wang.fang@company.example", "wechat=wf_88",
                 "--json").json()["values"]
    assert values == {"wechat": "wf_88"}  # nothing of the refused command was saved


def test_preview_without_a_policy_says_how_to_get_one(cli: Cli) -> None:
    result = cli("signature", "preview", "--identity", "a@b.example")
    assert result.code == ExitCode.NOT_FOUND and "tradewind policy use" in result.err


def test_admin_commands_run_as_the_installed_script(cli_process: Cli, tmp_path: Path) -> None:
    assert cli_process("policy", "init", str(tmp_path / "p")).code == 0
    keys = cli_process("policy", "keygen", str(tmp_path / "k"), "--json")
    assert keys.code == 0, keys.err
    signed = cli_process("policy", "sign", str(tmp_path / "p"), "--key",
                         keys.json()["private_key"])
    assert signed.code == 0, signed.err
    verified = cli_process("policy", "verify", str(tmp_path / "p"), "--key",
                           keys.json()["public_key"])
    assert verified.code == 0 and "is valid" in verified.out


def test_send_restores_an_edited_signature_and_says_why(
        cli: Cli, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> None:
    policy, _, public = _admin(cli, tmp_path)
    assert cli("policy", "use", str(policy), "--key", str(public)).code == 0
    added = add_account(cli, dovecot, smtp_user,
                        extra=("--smtp", f"127.0.0.1:{submission.starttls_port}"))
    assert added.code == 0, added.err
    identity = cli("identity", "add", "--account", smtp_user.email, "--email",
                   "anna.li@company.example", "--name", "Anna Li")
    assert identity.code == 0, identity.err
    body = tmp_path / "body.html"
    body.write_text('<p>Offer below.</p><div class="tw-signature">Anna, CEO of everything'
                    '</div>', encoding="utf-8")
    sent = cli("send", "--from", "anna.li@company.example", "--to", smtp_user.email,
               "--subject", "Offer", "--html-file", str(body))
    assert sent.code == 0, sent.err
    assert "Note: The signature in the message was changed; the company signature was " \
           "restored" in sent.err
    with dovecot.imap_admin(smtp_user) as imap:
        imap.select("INBOX")
        _, data = imap.uid("SEARCH", "ALL")
        [uid] = data[0].split()
        _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    raw = fetched[0][1].decode("utf-8", "replace")
    assert "CEO of everything" not in raw and "Export Sales Manager" in raw
