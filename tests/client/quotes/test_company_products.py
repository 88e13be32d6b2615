"""The company price list, distributed inside the signed signature policy: signed by the
admin, fetched from a folder or an HTTPS URL, the last valid copy kept offline, tampered
copies refused; company products listed beside personal ones, the company's winning on a SKU
clash, and quotes priced from it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from client.quotes import company_products
from client.quotes.reply import item_specs, price_items
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.signatures.fixtures import (  # noqa: F401 - shared fixtures
    HttpsServer,
    Keys,
    https_policy_server,
    keys,
    make_policy,
    sign_dir,
)

COMPANY_CSV = ("sku,name,name_zh_CN,specification,unit,price_USD,price_EUR,moq\n"
               "NB-V100,Ball valve DN50 (company),球阀 DN50,PN16,pcs,11.90,10.80,500\n"
               "NB-F400,Flange DN50,法兰 DN50,PN16,pcs,3.10,2.90,100\n")
PERSONAL_CSV = ("sku,name,unit,price_USD\n"
                "nb-v100,My ball valve,pcs,12.50\n"
                "MY-1,My own gasket,set,0.85\n")


def _company_policy(make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
                    csv: str = COMPANY_CSV) -> Path:
    directory = make_policy(sign=False)
    (directory / "products.csv").write_text(csv, encoding="utf-8")
    sign_dir(directory, keys.private)
    return directory


def _use(cli: Callable[..., CliResult], location: str, keys: Keys,  # noqa: F811
         *extra: str) -> None:
    used = cli("policy", "use", location, "--key", str(keys.public), *extra)
    assert used.code == 0, used.err


def _listed(cli: Callable[..., CliResult]) -> list[tuple[str, str, bool, str]]:
    doc = cli("products", "list", "--json").json()
    return [(p["sku"], p["source"], p["overridden"], p["prices"].get("USD", ""))
            for p in doc["products"]]


def test_company_products_beside_personal_ones_and_the_company_wins_a_clash(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        profile_dir: Path, tmp_path: Path) -> None:
    _use(cli, str(_company_policy(make_policy, keys)), keys)
    personal = tmp_path / "mine.csv"
    personal.write_text(PERSONAL_CSV, encoding="utf-8")
    assert cli("products", "import", str(personal)).code == 0
    assert _listed(cli) == [("MY-1", "personal", False, "0.85"),
                            ("NB-F400", "company", False, "3.10"),
                            ("NB-V100", "company", False, "11.90"),
                            ("nb-v100", "personal", True, "12.50")]
    doc = cli("products", "list", "--json").json()
    assert doc["company_file"] == "products.csv" and doc["company_problem"] is None
    text = cli("products", "list").out
    assert "personal (the company's wins)" in text and "company" in text
    with Store.open(profile_dir / "tradewind.db") as store:
        lines = price_items(store, item_specs(["nb-V100;10", "MY-1;2", "NB-F400;1"]), "USD",
                            "zh_CN")
    assert [(li.sku, li.product, li.unit_price) for li in lines] == [
        ("NB-V100", "球阀 DN50", Decimal("11.90")), ("MY-1", "My own gasket", Decimal("0.85")),
        ("NB-F400", "法兰 DN50", Decimal("3.10"))]


def test_a_price_list_added_after_signing_is_ignored_and_a_bad_one_is_never_signed(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        tmp_path: Path) -> None:
    directory = make_policy()  # signed without a price list
    (directory / "products.csv").write_text(COMPANY_CSV, encoding="utf-8")
    _use(cli, str(directory), keys)
    assert _listed(cli) == []
    (directory / "products.csv").write_text("sku,name,price_USD\nA-1,Valve,12,50\n",
                                            encoding="utf-8")
    signed = cli("policy", "sign", str(directory), "--key", str(keys.private), "--json")
    error = signed.json()["error"]
    assert signed.code == 2 and "price list is not signed" in error["message"]
    assert [p["row"] for p in error["problems"]] == [2]


def test_a_tampered_price_list_is_refused_and_the_last_valid_one_stays(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        profile_dir: Path) -> None:
    directory = _company_policy(make_policy, keys)
    _use(cli, str(directory), keys)
    cheaper = COMPANY_CSV.replace("11.90", "1.19")  # changed after the admin signed it
    (directory / "products.csv").write_text(cheaper, encoding="utf-8")
    refreshed = cli("policy", "refresh", "--json")
    error = refreshed.json()["error"]
    assert refreshed.code == 1 and error["status"] == "refused"
    assert "products.csv was changed after the policy was signed" in error["message"]
    assert ("NB-V100", "company", False, "11.90") in _listed(cli)
    with Store.open(profile_dir / "tradewind.db") as store:
        [line] = price_items(store, item_specs(["NB-V100;1"]), "USD", "en")
    assert line.unit_price == Decimal("11.90")
    sign_dir(directory, keys.private)  # the admin signs the change: now it is used
    assert cli("policy", "refresh", "--json").json()["status"] == "updated"
    assert ("NB-V100", "company", False, "1.19") in _listed(cli)


def test_over_https_and_kept_offline(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        https_policy_server: HttpsServer) -> None:  # noqa: F811
    shutil.copytree(_company_policy(make_policy, keys), https_policy_server.root / "sig")
    _use(cli, https_policy_server.url + "sig/", keys, "--ca-file",
         str(https_policy_server.ca_file))
    assert any(r.endswith("/sig/products.csv") for r in https_policy_server.requests)
    assert ("NB-F400", "company", False, "3.10") in _listed(cli)
    shutil.rmtree(https_policy_server.root / "sig")  # the server no longer has it
    refreshed = cli("policy", "refresh", "--json")
    assert refreshed.code == 1 and refreshed.json()["error"]["status"] == "refused"
    assert ("NB-F400", "company", False, "3.10") in _listed(cli)  # the kept copy


def test_an_unconnected_shared_folder_keeps_the_last_copy(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        tmp_path: Path) -> None:
    directory = _company_policy(make_policy, keys)
    _use(cli, str(directory), keys)
    shutil.move(directory, tmp_path / "unmounted")
    refreshed = cli("policy", "refresh", "--json")
    assert refreshed.code != 0 and "cannot be found" in refreshed.out
    assert ("NB-V100", "company", False, "11.90") in _listed(cli)


def test_a_kept_copy_that_no_longer_verifies_gives_words_not_prices(
        cli: Callable[..., CliResult], make_policy: Callable[..., Path], keys: Keys,  # noqa: F811
        profile_dir: Path) -> None:
    from client.signatures import provision

    _use(cli, str(_company_policy(make_policy, keys)), keys)
    with Store.open(profile_dir / "tradewind.db") as store:
        doc = store.get_setting(provision.CURRENT_KEY)
        doc["files"]["products.csv"] = doc["files"]["directory.json"]
        store.set_setting(provision.CURRENT_KEY, doc)
        company = company_products.company_price_list(store)
    assert company.products == () and "not used" in (company.problem or "")
    assert _listed(cli) == []
    assert "not used" in cli("products", "list").out
