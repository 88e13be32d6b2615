"""Signing, verifying and provisioning: tampered policies are refused, the last valid one stays."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from client.signatures import provision
from client.signatures.bundle import check_contents, open_verified
from client.signatures.fetch import PolicyUnreachable, read_location
from client.signatures.integrity import generate_keys, load_public_key, policy_files
from client.signatures.schema import PolicyError
from client.store.db import Store
from tests.client.signatures.fixtures import HttpsServer, Keys, edit_json, sign_dir


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile" / "tradewind.db")
    yield opened
    opened.close()


def _verify(location: Path | str, keys: Keys, ca_file: Path | None = None) -> Any:
    return open_verified(read_location(str(location), str(ca_file) if ca_file else None),
                         load_public_key(keys.public))


def test_signed_policy_verifies(make_policy: Callable[..., Path], keys: Keys) -> None:
    bundle = _verify(make_policy(), keys)
    assert bundle.manifest is not None
    assert set(bundle.manifest.files) == {"policy.json", "directory.json", "logo.png",
                                          "README.md"}


def test_keygen_protects_the_private_key_and_never_overwrites(tmp_path: Path) -> None:
    private, public = generate_keys(tmp_path / "k")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PUBLIC KEY" in public.read_bytes()
    with pytest.raises(PolicyError, match="already exists"):
        generate_keys(tmp_path / "k")


def test_file_changed_after_signing_is_refused(make_policy: Callable[..., Path],
                                                keys: Keys) -> None:
    directory = make_policy()
    edit_json(directory / "directory.json",
              lambda d: d["people"]["anna.li@company.example"].update(title="CEO"))
    with pytest.raises(PolicyError, match="directory.json was changed after the policy was signed"):
        _verify(directory, keys)


def test_wrong_key_is_refused(make_policy: Callable[..., Path], other_keys: Keys) -> None:
    with pytest.raises(PolicyError, match="signature is not valid: it was signed with key"):
        _verify(make_policy(), other_keys)


def test_unsigned_policy_is_refused(make_policy: Callable[..., Path], keys: Keys) -> None:
    with pytest.raises(PolicyError, match="not signed"):
        _verify(make_policy(sign=False), keys)


def test_unknown_schema_version_is_refused_even_when_signed(
        make_policy: Callable[..., Path], keys: Keys) -> None:
    directory = make_policy(edit=lambda p, d: p.update(schema_version=2))
    with pytest.raises(PolicyError, match="schema version 2"):
        _verify(directory, keys)


def test_missing_logo_is_refused(make_policy: Callable[..., Path], keys: Keys) -> None:
    directory = make_policy()
    (directory / "logo.png").unlink()
    with pytest.raises(PolicyError, match="logo.png is listed in the signed manifest but missing"):
        _verify(directory, keys)
    unsigned = make_policy("again", sign=False)
    (unsigned / "logo.png").unlink()
    with pytest.raises(PolicyError, match="logo logo.png named in policy.json is missing"):
        check_contents(policy_files(unsigned))


def test_logo_must_be_an_image(make_policy: Callable[..., Path], keys: Keys) -> None:
    directory = make_policy(sign=False)
    (directory / "logo.png").write_bytes(b"<svg onload=alert(1)>")
    sign_dir(directory, keys.private)
    with pytest.raises(PolicyError, match="not a PNG or JPEG"):
        _verify(directory, keys)


def test_use_then_tampered_updates_keep_the_last_valid_policy(
        make_policy: Callable[..., Path], keys: Keys, other_keys: Keys, store: Store) -> None:
    directory = make_policy()
    bundle = provision.use_policy(store, str(directory), keys.public.read_bytes())
    first_signed = bundle.manifest.signed_at if bundle.manifest else None
    pristine = {p.name: p.read_bytes() for p in directory.iterdir()}

    def restore() -> None:
        for p in directory.iterdir():
            p.unlink()
        for name, data in pristine.items():
            (directory / name).write_bytes(data)

    def unknown_version() -> None:
        edit_json(directory / "policy.json", lambda d: d.update(schema_version=9))
        sign_dir(directory, keys.private)

    tamperings: list[tuple[Callable[[], None], str]] = [
        (lambda: edit_json(directory / "policy.json",
                           lambda d: d["company"].update(phone="+1 900 000 0000")),
         "policy.json was changed after"),
        (lambda: sign_dir(directory, other_keys.private), "signed with key"),
        (unknown_version, "schema version 9"),
        (lambda: (directory / "logo.png").unlink(), "logo.png is listed"),
    ]
    for tamper, reason in tamperings:
        restore()
        tamper()
        result = provision.refresh(store)
        assert result.status == "refused", reason
        assert reason in result.message and "last valid policy stays" in result.message
        in_force = provision.policy_in_force(store)
        assert in_force is not None and in_force.files == bundle.files
        assert in_force.policy.company_values["phone"] == "+86 574 8888 0000"
    assert provision.last_check(store)["status"] == "refused"  # type: ignore[index]
    restore()
    assert provision.refresh(store).status == "unchanged"
    edit_json(directory / "policy.json", lambda d: d["company"].update(phone="+86 574 1111 2222"))
    sign_dir(directory, keys.private)
    updated = provision.refresh(store)
    assert updated.status == "updated" and updated.in_force is not None
    assert updated.in_force.policy.company_values["phone"] == "+86 574 1111 2222"
    assert first_signed is not None


def test_use_refuses_a_bad_policy_and_changes_nothing(
        make_policy: Callable[..., Path], keys: Keys, other_keys: Keys, store: Store) -> None:
    good = make_policy()
    provision.use_policy(store, str(good), keys.public.read_bytes())
    with pytest.raises(PolicyError, match="signed with key"):
        provision.use_policy(store, str(good), other_keys.public.read_bytes())
    src = provision.source(store)
    assert src is not None and src.public_key_pem.encode() == keys.public.read_bytes()


def test_check_policy_verifies_without_keeping_anything(
        make_policy: Callable[..., Path], keys: Keys, other_keys: Keys, store: Store) -> None:
    bundle = provision.check_policy(str(make_policy()), keys.public.read_bytes())
    assert bundle.manifest is not None
    assert provision.source(store) is None and provision.policy_in_force(store) is None
    with pytest.raises(PolicyError, match="signed with key"):
        provision.check_policy(str(make_policy("again")), other_keys.public.read_bytes())


def test_offline_keeps_the_policy_and_says_so(
        make_policy: Callable[..., Path], keys: Keys, store: Store, tmp_path: Path) -> None:
    directory = make_policy()
    provision.use_policy(store, str(directory), keys.public.read_bytes())
    shutil.move(directory, tmp_path / "unmounted")  # the shared folder is not connected
    result = provision.refresh(store)
    assert result.status == "unreachable" and "cannot be found" in result.message
    assert provision.policy_in_force(store) is not None


def test_kept_copy_that_no_longer_verifies_stops_use(
        make_policy: Callable[..., Path], keys: Keys, store: Store) -> None:
    provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    doc = store.get_setting(provision.CURRENT_KEY)
    doc["files"]["policy.json"] = doc["files"]["directory.json"]
    store.set_setting(provision.CURRENT_KEY, doc)
    with pytest.raises(PolicyError, match="kept copy .* no longer verifies"):
        provision.policy_in_force(store)


def test_rep_values_only_for_editable_fields(
        make_policy: Callable[..., Path], keys: Keys, store: Store) -> None:
    bundle = provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    provision.set_rep_value(store, bundle, "Wang.Fang@company.example", "wechat", "wf88")
    assert provision.rep_values(store, "wang.fang@company.example") == {"wechat": "wf88"}
    with pytest.raises(PolicyError, match="does not let reps fill 'title'"):
        provision.set_rep_value(store, bundle, "wang.fang@company.example", "title", "CEO")
    with pytest.raises(PolicyError, match="must be an http"):
        provision.set_rep_value(store, bundle, "wang.fang@company.example", "linkedin",
                                "javascript:alert(1)")
    provision.set_rep_value(store, bundle, "wang.fang@company.example", "wechat", "")
    assert provision.rep_values(store, "wang.fang@company.example") == {}


def test_https_fetch_from_a_loopback_server(
        make_policy: Callable[..., Path], keys: Keys, store: Store,
        https_policy_server: HttpsServer) -> None:
    shutil.copytree(make_policy(), https_policy_server.root / "signature")
    url = https_policy_server.url + "signature/"
    bundle = provision.use_policy(store, url, keys.public.read_bytes(),
                                  str(https_policy_server.ca_file))
    assert bundle.policy.logo.file == "logo.png"
    assert "/signature/signature.json" in https_policy_server.requests
    assert "/signature/logo.png" in https_policy_server.requests
    edit_json(https_policy_server.root / "signature" / "policy.json",
              lambda d: d["company"].update(company="Evil Corp"))
    refused = provision.refresh(store)
    assert refused.status == "refused" and "policy.json was changed" in refused.message
    in_force = provision.policy_in_force(store)
    assert in_force is not None and in_force.policy.company_values["company"] != "Evil Corp"


def test_https_needs_a_trusted_certificate_and_https(
        make_policy: Callable[..., Path], keys: Keys, https_policy_server: HttpsServer) -> None:
    shutil.copytree(make_policy(), https_policy_server.root / "signature")
    with pytest.raises(PolicyError, match="certificate is not trusted"):
        read_location(https_policy_server.url + "signature/")  # system store: test CA unknown
    with pytest.raises(PolicyError, match="only over https"):
        read_location(https_policy_server.url.replace("https:", "http:") + "signature/")
    with pytest.raises(PolicyError, match="does not exist on the policy server"):
        read_location(https_policy_server.url + "nothing/", str(https_policy_server.ca_file))


def test_unreachable_server_is_not_a_verdict() -> None:
    with pytest.raises(PolicyUnreachable, match="Cannot reach"):
        read_location("https://127.0.0.1:1/policy/")


def test_refresh_if_due_checks_only_when_the_last_check_is_old(
        make_policy: Callable[..., Path], keys: Keys, store: Store) -> None:
    assert provision.refresh_if_due(store) is None  # nothing configured
    provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    at = provision.last_check(store)["at"]  # type: ignore[index]
    assert provision.refresh_if_due(store, 3600, now=at + 10) is None
    due = provision.refresh_if_due(store, 3600, now=at + 4000)
    assert due is not None and due.status == "unchanged"
