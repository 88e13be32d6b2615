"""The company's link rules (`links.json` in the signed signature policy) and the decision
`send_options.decide` takes from them: threshold, automatic links, attaching refused, expiry,
password required/off, and the storage picked by the recipients' domains."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from client.signatures import provision
from client.signatures.example import write_example
from client.signatures.integrity import generate_keys
from client.store.db import Store
from client.uploads import config, share_password
from client.uploads.config import StorageNotFound, StorageSpec
from client.uploads.outgoing import MB
from client.uploads.policy import (
    LinkPolicyError,
    link_policy_in_force,
    parse_link_policy,
    storage_for,
)
from client.uploads.send_options import decide
from client.uploads.share_password import LinkPasswordError
from tests.client.signatures.fixtures import sign_dir
from tests.client.uploads.conftest import ACCOUNT

CN_URL = "https://cn-files.example.test/"
EU_URL = "https://eu-files.example.test/"


def _doc(**rules: Any) -> dict[str, Any]:
    return {"schema": "tradewind-link-policy", "version": 1, **rules}


def _provision(store: Store, tmp_path: Path, rules: dict[str, Any] | None,
               extra: bytes | None = None) -> None:
    directory = tmp_path / "policy"
    write_example(directory)
    if rules is not None:
        (directory / "links.json").write_text(json.dumps(rules), encoding="utf-8")
    private, public = generate_keys(tmp_path / "keys")
    sign_dir(directory, private)
    if extra is not None:  # changed after signing: not the admin's
        (directory / "links.json").write_bytes(extra)
    provision.use_policy(store, str(directory), public.read_bytes())


def _storages(store: Store) -> tuple[config.StorageConfig, config.StorageConfig]:
    eu = config.add_storage(store, ACCOUNT, StorageSpec("s3", EU_URL, bucket="eu-links",
                                                        username="AKEU"), "secret-eu")
    cn = config.add_storage(store, ACCOUNT, StorageSpec(
        "nextcloud", CN_URL, username="rep"), "secret-cn")
    return eu, cn


@pytest.mark.parametrize(("rules", "words"), [
    ({"schema": "other", "version": 1}, "not a Tradewind link policy"),
    (_doc(version=2), "version 2"),
    (_doc(threshold_mb="big"), "threshold_mb must be a number"),
    (_doc(automatic="yes"), "automatic must be true or false"),
    (_doc(password="sometimes"), "password must be one of"),
    (_doc(expiry_days=0), "expiry_days must be a number"),
    (_doc(expiry_days=2.5), "whole number of days"),
    (_doc(storages=[{"url": "ftp://x"}]), "storages[0] needs an http(s)"),
    (_doc(storages=[{"url": EU_URL, "recipient_domains": ".cn"}]), "list of domains"),
])
def test_a_broken_link_policy_is_refused_in_words(rules: dict[str, Any], words: str) -> None:
    with pytest.raises(LinkPolicyError, match=re.escape(words)):
        parse_link_policy(json.dumps(rules).encode())
    with pytest.raises(LinkPolicyError, match="not valid UTF-8 JSON"):
        parse_link_policy(b"\xff{")


def test_without_links_json_the_rep_settings_apply(store: Store, tmp_path: Path) -> None:
    _storages(store)
    _provision(store, tmp_path, None)
    assert link_policy_in_force(store) is None
    store.set_setting("links.threshold_mb", 5)
    decision = decide(store, 1, ACCOUNT, ["buyer@example.com"], [6 * MB, 4 * MB])
    assert decision.linked == {0} and decision.policy is None


def test_the_policy_threshold_replaces_the_setting_and_can_forbid_attaching(
        store: Store, tmp_path: Path) -> None:
    _storages(store)
    _provision(store, tmp_path, _doc(threshold_mb=20, automatic=True, allow_attach=False,
                                     expiry_days=3))
    store.set_setting("links.threshold_mb", 5)
    policy = link_policy_in_force(store)
    assert policy is not None and policy.automatic and not policy.allow_attach
    decision = decide(store, 1, ACCOUNT, ["buyer@example.com"], [25 * MB, 10 * MB],
                      ["video.mp4", "price.pdf"])
    assert decision.linked == {0} and decision.options.expiry_days == 3
    with pytest.raises(LinkPolicyError, match="does not allow attaching them: video.mp4"):
        decide(store, 1, ACCOUNT, ["buyer@example.com"], [25 * MB, 10 * MB],
               ["video.mp4", "price.pdf"], force=False)
    assert decide(store, 1, ACCOUNT, ["b@example.com"], [10 * MB], force=False).linked == set()
    with pytest.raises(LinkPolicyError, match="cannot be raised above"):
        decide(store, 1, ACCOUNT, ["buyer@example.com"], [25 * MB], threshold_mb=50)
    assert decide(store, 1, ACCOUNT, ["b@example.com"], [8 * MB], threshold_mb=5).linked == {0}


def test_a_policy_that_allows_attaching_lets_the_rep_keep_a_file(
        store: Store, tmp_path: Path) -> None:
    _storages(store)
    _provision(store, tmp_path, _doc(threshold_mb=20, automatic=True))
    assert decide(store, 1, ACCOUNT, ["b@example.com"], [25 * MB], force=False).linked == set()
    assert decide(store, 1, ACCOUNT, ["b@example.com"], [25 * MB], threshold_mb=50).linked \
        == set()


def test_the_storage_follows_the_recipients_domains(store: Store, tmp_path: Path) -> None:
    eu, cn = _storages(store)
    _provision(store, tmp_path, _doc(storages=[{"recipient_domains": [".cn"], "url": CN_URL},
                                               {"url": EU_URL.rstrip("/")}]))
    policy = link_policy_in_force(store)
    assert storage_for(store, ACCOUNT, ["li@buyer.com.cn"], policy).id == cn.id
    assert storage_for(store, ACCOUNT, ["li@buyer.com.cn", "x@factory.cn"], policy).id == cn.id
    assert storage_for(store, ACCOUNT, ["li@buyer.com.cn", "jo@buyer.de"], policy).id == eu.id
    assert storage_for(store, ACCOUNT, ["jo@buyer.de"], policy).id == eu.id
    assert storage_for(store, ACCOUNT, ["jo@notcn"], policy).id == eu.id


def test_a_storage_the_account_lacks_is_named(store: Store, tmp_path: Path) -> None:
    config.add_storage(store, ACCOUNT, StorageSpec("s3", EU_URL, bucket="eu-links",
                                                   username="AKEU"), "secret-eu")
    _provision(store, tmp_path, _doc(storages=[{"recipient_domains": ["cn"], "url": CN_URL}]))
    with pytest.raises(StorageNotFound, match="cn-files.example.test.*storage add"):
        decide(store, 1, ACCOUNT, ["li@buyer.cn"], [50 * MB])


def test_a_required_password_is_generated_and_needs_a_storage_that_can_protect_links(
        store: Store, tmp_path: Path) -> None:
    _storages(store)
    _provision(store, tmp_path, _doc(password="required", storages=[
        {"recipient_domains": ["cn"], "url": CN_URL}, {"url": EU_URL}]))
    decision = decide(store, 1, ACCOUNT, ["li@buyer.cn"], [50 * MB])
    assert decision.password_generated
    password = decision.options.password
    assert password is not None and len(password) == share_password.LENGTH
    assert set(password) <= set(share_password.ALPHABET)
    assert decide(store, 1, ACCOUNT, ["li@buyer.cn"], [50 * MB]).options.password != password
    with pytest.raises(LinkPasswordError, match="presigned S3 link cannot be protected"):
        decide(store, 1, ACCOUNT, ["jo@buyer.de"], [50 * MB])


def test_a_policy_without_passwords_refuses_one(store: Store, tmp_path: Path) -> None:
    _storages(store)
    _provision(store, tmp_path, _doc(password="off", storages=[{"url": CN_URL}]))
    with pytest.raises(LinkPasswordError, match="does not allow link passwords"):
        decide(store, 1, ACCOUNT, ["li@buyer.cn"], [50 * MB], generate_password=True)
    assert decide(store, 1, ACCOUNT, ["li@buyer.cn"], [50 * MB]).options.password is None


def test_a_links_json_changed_after_signing_is_not_used(store: Store, tmp_path: Path) -> None:
    from client.signatures.schema import PolicyError

    with pytest.raises(PolicyError):
        _provision(store, tmp_path, _doc(threshold_mb=20),
                   extra=json.dumps(_doc(threshold_mb=1000)).encode())
    assert link_policy_in_force(store) is None


def test_passwords_too_short_or_with_spaces_are_refused(store: Store) -> None:
    config.add_storage(store, ACCOUNT, StorageSpec("nextcloud", CN_URL, username="rep"), "s")
    for bad, words in (("short", "at least 8"), ("two words here", "spaces")):
        with pytest.raises(LinkPasswordError, match=words):
            decide(store, 1, ACCOUNT, ["b@x.cn"], [50 * MB], password=bad)
    with pytest.raises(LinkPasswordError, match="plain WebDAV"):
        share_password.check_supported(config.add_storage(
            store, ACCOUNT, StorageSpec("webdav", "https://dav.example.test/",
                                        public_url="https://dl.example.test/", username="u"),
            "s"))
