"""Company templates distributed inside the signed signature policy (same signing, fetching
and refresh rules as the policy): only files the manifest signs are used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.signatures import provision
from client.store.db import Store
from client.templates.library import company_files_from_policy, load_library
from tests.client.cli.fixtures import CliResult
from tests.client.signatures.fixtures import Keys, sign_dir

COMPANY_DE = ('+++\nname = "quotation"\nlang = "de"\ncategory = "quotation"\n'
              'title = "Angebot (Firma)"\nsubject = "Firmenangebot {{ quote.number }}"\n+++\n'
              '<p>Sehr geehrte Damen und Herren,</p>\n')
EXTRA = ('+++\nname = "faq-payment"\nlang = "en"\ncategory = "faq-answer"\n'
         'subject = "Payment terms"\n+++\n<p>We accept T/T and L/C at sight.</p>\n')


def _provision(make_policy: Callable[..., Path], keys: Keys, *, unsigned_extra: bool) -> None:
    directory = make_policy(sign=False)
    (directory / "quotation.de.tpl").write_text(COMPANY_DE, encoding="utf-8")
    sign_dir(directory, keys.private)
    if unsigned_extra:  # added after signing: not in the manifest
        (directory / "faq-payment.en.tpl").write_text(EXTRA, encoding="utf-8")
    store = Store.open(Profile.resolve().database)
    try:
        provision.use_policy(store, str(directory), keys.public.read_bytes())
    finally:
        store.close()


def test_signed_company_template_overrides_bundled(make_policy: Callable[..., Path],
                                                   keys: Keys) -> None:
    _provision(make_policy, keys, unsigned_extra=True)
    store = Store.open(Profile.resolve().database)
    try:
        files, problems = company_files_from_policy(store)
    finally:
        store.close()
    assert problems == [] and sorted(files) == ["quotation.de.tpl"]
    library = load_library(Profile.resolve(), company_files=files)
    german = library.variants("quotation")["de"]
    assert german.origin == "company" and german.title == "Angebot (Firma)"
    assert library.variants("quotation")["en"].origin == "bundled"
    assert "faq-payment" not in library.names()  # unsigned file ignored
    store = Store.open(Profile.resolve().database)
    try:
        same = load_library(Profile.resolve(), store=store)
    finally:
        store.close()
    assert same.variants("quotation")["de"].origin == "company"


def test_cli_lists_signed_company_templates(make_policy: Callable[..., Path], keys: Keys,
                                            cli: Callable[..., CliResult]) -> None:
    _provision(make_policy, keys, unsigned_extra=False)
    doc = cli("templates", "list", "--json").json()
    quotation = next(t for t in doc["templates"] if t["name"] == "quotation")
    assert quotation["origins"]["de"] == "company" and quotation["origins"]["en"] == "bundled"


def test_broken_company_template_is_reported_not_fatal(make_policy: Callable[..., Path],
                                                       keys: Keys,
                                                       cli: Callable[..., CliResult]) -> None:
    directory = make_policy(sign=False)
    (directory / "broken.tpl").write_text("no front matter", encoding="utf-8")
    sign_dir(directory, keys.private)
    store = Store.open(Profile.resolve().database)
    try:
        provision.use_policy(store, str(directory), keys.public.read_bytes())
    finally:
        store.close()
    result = cli("templates", "list", "--json")
    assert result.code == 0
    problems = result.json()["problems"]
    assert [p["origin"] for p in problems] == ["company"]
    assert "broken.tpl" in problems[0]["message"]


def test_without_a_policy_there_are_no_company_files() -> None:
    store = Store.open(Profile.resolve().database)
    try:
        assert company_files_from_policy(store) == ({}, [])
    finally:
        store.close()
