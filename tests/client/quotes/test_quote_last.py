"""`tradewind quote ID --last`: the CLI side of the one click. A quote made in the CLI is
remembered like one made in the app; `--last` repeats its template and choices (options
given win); without a quote made before, or without --template/--currency, exit 2 in words.
The CLI also uses the company templates signed into the policy, as the app does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.quotes import last_choices
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_quote_cmd import _counts, inquiry  # noqa: F401
from tests.client.signatures.fixtures import Keys, sign_dir

COMPANY_DE = ('+++\nname = "quotation"\nlang = "de"\ncategory = "quotation"\n'
              'title = "Angebot (Firma)"\nsubject = "Firmenangebot {{ quote.number }}"\n+++\n'
              '<p>Sehr geehrte Damen und Herren, anbei unser Firmenangebot.</p>\n')


def test_last_repeats_the_previous_quotes_choices(cli: Callable[..., CliResult],
                                                  inquiry: int) -> None:  # noqa: F811
    none_yet = cli("quote", str(inquiry), "--last", "--json")
    assert none_yet.code == 2 and "no last quote" in none_yet.json()["error"]["message"]
    missing = cli("quote", str(inquiry), "--item", "NB-V100;10")
    assert missing.code == 2 and "--template and --currency" in missing.err
    assert _counts() == (0, 0, 0)

    first = cli("quote", str(inquiry), "--template", "quotation", "--currency", "EUR",
                "--item", "NB-V100;1000", "--incoterm", "CIF", "--place", "Hamburg",
                "--payment", "L/C at sight", "--valid-days", "14", "--pdf", "--json")
    assert first.code == 0, first.err
    with Store.open(Profile.resolve().database) as store:
        chosen = last_choices.last(store)
    assert chosen is not None and chosen.items == ("NB-V100;1000",) and chosen.with_pdf

    again = cli("quote", str(inquiry), "--last", "--currency", "USD", "--json")
    assert again.code == 0, again.err
    doc = again.json()
    assert doc["number"] != first.json()["number"]
    assert (doc["currency"], doc["total"], doc["incoterm"], doc["place"]) == (
        "USD", "12500.00", "CIF", "Hamburg")  # USD given here; the rest from the last quote
    assert doc["pdf"] and doc["valid_until"] == first.json()["valid_until"]


def test_the_cli_quotes_with_the_company_template(cli: Callable[..., CliResult],
                                                  inquiry: int,  # noqa: F811
                                                  make_policy: Callable[..., Path],
                                                  keys: Keys) -> None:
    directory = make_policy(sign=False)
    (directory / "quotation.de.tpl").write_text(COMPANY_DE, encoding="utf-8")
    sign_dir(directory, keys.private)
    assert cli("policy", "use", str(directory), "--key", str(keys.public)).code == 0
    result = cli("quote", str(inquiry), "--template", "quotation", "--lang", "de",
                 "--currency", "EUR", "--item", "NB-V100;10", "--json")
    assert result.code == 0, result.err
    assert result.json()["subject"].startswith("Firmenangebot ")
