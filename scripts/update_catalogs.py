"""Refresh the gettext catalogs of the core's messages (``client.i18n``).

Runs ``pybabel extract`` over client/ and ui/ (``babel.cfg``), ``pybabel update`` on every
``resources/locale/<lang>/LC_MESSAGES/tradewind.po`` (new ids arrive empty, changed ones fuzzy:
translate them, then run this again), and ``pybabel compile`` to the ``.mo`` files that are
checked in and shipped. ``--check`` changes nothing and exits 1 when a .po lacks a message of
the code or has untranslated or fuzzy entries. Run from anywhere: ``python
scripts/update_catalogs.py [--check]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[1]
LOCALE_DIR = REPO / "resources" / "locale"
DOMAIN = "tradewind"
EXTRACT_OPTIONS = ["-F", str(REPO / "babel.cfg"), "--add-location=file", "--sort-output",
                   "--project=Tradewind", "--copyright-holder=Tradewind", "--no-wrap"]


def pybabel(*argv: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *argv])


def extract(pot: Path) -> None:
    """Write the template of every message id in client/ and ui/ to ``pot`` (locations are
    paths relative to the repository)."""
    here = Path.cwd()
    os.chdir(REPO)
    try:
        pybabel("extract", *EXTRACT_OPTIONS, "-o", str(pot), ".")
    finally:
        os.chdir(here)


def catalogs() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def problems(pot: Path) -> list[str]:
    """What keeps the catalogs from being complete (empty: all good)."""
    with pot.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    found: list[str] = []
    for po in catalogs():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        ids = {m.id for m in catalog if m.id}
        found += [f"{po}: missing {mid!r}" for mid in sorted(map(str, wanted - ids))]
        found += [f"{po}: untranslated or fuzzy {m.id!r}" for m in catalog
                  if m.id and (m.fuzzy or not m.string)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / f"{DOMAIN}.pot"
        extract(pot)
        if args.check:
            found = problems(pot)
            print("\n".join(found) or "catalogs complete")
            return 1 if found else 0
        for po in catalogs():
            pybabel("update", "-i", str(pot), "-o", str(po), "-l", po.parents[1].name,
                    "--no-wrap", "--ignore-obsolete")
        pybabel("compile", "-d", str(LOCALE_DIR), "-D", DOMAIN, "--statistics")
        for line in problems(pot):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
