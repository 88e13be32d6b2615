"""`tradewind risk`, `tradewind bank-details` and `tradewind trusted`, and the `risk` object of
`show --json` (issue 19), on the synthetic fraud set of tests/client/security/fraud_cases.py."""

from __future__ import annotations

from collections.abc import Callable

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.security.fraud_cases import Case, build_cases

Cli = Callable[..., CliResult]


def _cases() -> dict[str, Case]:
    with Store.open(Profile.resolve().database) as store:
        return {c.label: c for c in build_cases(store)}


def test_risk_of_a_bank_change_from_a_lookalike(cli: Cli, profile_dir: object) -> None:
    case = _cases()["bank change from a lookalike, en"]
    result = cli("risk", str(case.row_id), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["id"] == case.row_id and doc["level"] == "high" and 70 <= doc["score"] <= 100
    codes = [r["code"] for r in doc["reasons"]]
    assert "lookalike-domain" in codes and "payment-change" in codes
    assert all(set(r) == {"code", "text", "detail"} and r["text"] for r in doc["reasons"])
    assert "by phone" in doc["advice"]
    shown = cli("show", str(case.row_id), "--json").json()
    assert shown["risk"] == {k: v for k, v in doc.items() if k != "id"}
    text = cli("risk", str(case.row_id)).out
    assert text.startswith("Risk: high") and "imitates" in text
    assert "Fraud risk: high (" in cli("show", str(case.row_id)).out
    chinese = cli("--lang", "zh_CN", "risk", str(case.row_id), "--json").json()
    assert [r["code"] for r in chinese["reasons"]] == codes
    assert chinese["reasons"][0]["text"] != doc["reasons"][0]["text"]
    assert chinese["advice"] != doc["advice"]


def test_clean_mail_has_no_warning(cli: Cli, profile_dir: object) -> None:
    case = _cases()["thread reply 0 (acme-trading.com)"]
    doc = cli("risk", str(case.row_id), "--json").json()
    assert doc == {"id": case.row_id, "score": 0, "level": "none", "reasons": [], "advice": ""}


def test_bank_details_list_add_confirm_remove(cli: Cli, profile_dir: object) -> None:
    cases = _cases()
    listed = cli("bank-details", "list", "--domain", "lyonvins.fr", "--json").json()
    assert [(d["kind"], d["value"]) for d in listed["bank_details"]] == [
        ("iban", "FR14…2606")]
    bad = cli("bank-details", "add", "lyonvins.fr", "iban", "FR14 0000 0000", "--json")
    assert bad.code == 2 and "not a valid IBAN" in bad.err
    assert cli("bank-details", "add", "nodomain", "bic", "BNPAFRPP").code == 2
    added = cli("bank-details", "add", "claire@lyonvins.fr", "bic", "BNPAFRPP", "--json")
    assert added.code == 0, added.err
    assert ("bic", "BNPAFRPP") in [(d["kind"], d["value"]) for d in added.json()["bank_details"]]
    case = cases["DOCX invoice with a changed IBAN (lyonvins.fr)"]
    assert cli("risk", str(case.row_id), "--json").json()["level"] == "high"
    confirmed = cli("bank-details", "confirm", str(case.row_id), "--json")
    assert confirmed.code == 0, confirmed.err
    assert cli("risk", str(case.row_id), "--json").json()["level"] in ("none", "low")
    new = next(d for d in confirmed.json()["bank_details"] if d["value"] == "FR76…0189")
    assert cli("bank-details", "remove", str(new["id"]), "--json").code == 0
    assert cli("risk", str(case.row_id), "--json").json()["level"] == "high"
    assert cli("bank-details", "remove", "99999").code != 0
    clean = cases["thread reply 0 (acme-trading.com)"]
    nothing = cli("bank-details", "confirm", str(clean.row_id))
    assert nothing.code == 2 and "no bank details" in nothing.err


def test_trusted_is_stored_and_undoable(cli: Cli, profile_dir: object) -> None:
    case = _cases()["lookalike domain acme-tradinq.com"]
    assert cli("risk", str(case.row_id), "--json").json()["level"] == "high"
    bad = cli("trusted", "add", "not an address", "--json")
    assert bad.code == 2 and "not an address or a domain" in bad.err
    chinese = cli("--lang", "zh_CN", "trusted", "add", "not an address")
    assert chinese.code == 2 and "不是地址或域名" in chinese.err
    assert cli("trusted", "add", "Accounts@ACME-tradinq.com", "--json").json() == {
        "trusted": ["accounts@acme-tradinq.com"]}
    assert cli("risk", str(case.row_id), "--json").json()["level"] in ("none", "low")
    assert cli("trusted", "remove", "accounts@acme-tradinq.com", "--json").json() == {
        "trusted": []}
    assert cli("risk", str(case.row_id), "--json").json()["level"] == "high"


def test_authserv_id_per_account(cli: Cli, profile_dir: object) -> None:
    cases = _cases()
    forged = cases["forged From with DMARC failure (acme-trading.com)"]
    assert "auth-dmarc-fail" in [r["code"] for r in cli(
        "risk", str(forged.row_id), "--json").json()["reasons"]]
    doc = cli("trusted", "authserv", "rep@northwind-export.test", "--default", "--json").json()
    assert doc == {"account": "rep@northwind-export.test",
                   "authserv_id": "northwind-export.test", "default": True}
    changed = cli("trusted", "authserv", "rep@northwind-export.test", "other-provider.test",
                  "--json").json()
    assert changed["authserv_id"] == "other-provider.test" and changed["default"] is False
    assert "auth-dmarc-fail" not in [r["code"] for r in cli(
        "risk", str(forged.row_id), "--json").json()["reasons"]]
    assert cli("trusted", "authserv", "nobody@x.test").code != 0
    bad = cli("trusted", "authserv", "rep@northwind-export.test", "mx example;com", "--json")
    assert bad.code == 2 and "is not a server name" in bad.err and "Traceback" not in bad.err
    kept = cli("trusted", "authserv", "rep@northwind-export.test", "--json").json()
    assert kept["authserv_id"] == "other-provider.test"  # the refused value changed nothing


def test_risk_of_an_unknown_message_is_an_error(cli: Cli, profile_dir: object) -> None:
    _cases()
    result = cli("risk", "99999", "--json")
    assert result.code != 0 and "Traceback" not in result.err
    assert cli("risk", "abc").code == 2
