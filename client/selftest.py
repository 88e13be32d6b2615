"""`Tradewind --selftest`: is this installation (a source tree, a wheel or the bundle) whole?

Checks, in order: every `client` module imports; a fresh cache opens and migrates to the
latest schema (in a temporary folder, deleted after); the data files are present (Qt and
gettext translations, templates, demo mailbox, time-zone data, holiday data, babel locale
data, the CA store, the fraud guard's suffix list, IBAN registry and confusables); the OS keyring has an accepted backend (`client.profile.secrets`); then, in the
desktop part (`ui.app.selftest_render`, loaded by name so `client` never imports `ui`), every `ui`
module imports and a demo message renders in the reader offscreen. Exit 0 when all pass, 1
with each failure's reason in words (`--json`: `{"ok", "version", "checks": [...]}`). Main
thread only (Qt); never raises for a failed check.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import ssl
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from client.version import __version__

UI_CHECK_MODULE = "ui.app.selftest_render"


@dataclass(frozen=True)
class Check:
    """One check's outcome: its name, whether it passed and what was found, in words."""

    name: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


def import_all(package_name: str) -> Check:
    """Import every module of `package_name` (not `__main__`); the first failures are named."""
    package = importlib.import_module(package_name)
    failed: list[str] = []
    count = 0
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue
        try:
            importlib.import_module(info.name)
            count += 1
        except Exception as exc:  # noqa: BLE001 - a broken module is what this check reports
            failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
    if failed:
        return Check(f"import {package_name}", False,
                     f"{len(failed)} module(s) failed to import: " + "; ".join(failed[:5]))
    if count == 0:
        return Check(f"import {package_name}", False, "no modules were found")
    return Check(f"import {package_name}", True, f"{count} modules imported")


def fresh_cache() -> Check:
    """Create a cache in a temporary folder and migrate it to the latest schema."""
    from client.profile.paths import DATABASE_NAME
    from client.store.db import Store
    from client.store.migrations import LATEST

    with tempfile.TemporaryDirectory(prefix="tradewind-selftest-") as folder:
        with Store.open(Path(folder) / DATABASE_NAME) as store:
            version = int(store.conn.execute("PRAGMA user_version").fetchone()[0])
            store.add_account("selftest@example.invalid")
            accounts = len(store.list_accounts())
    if version != LATEST or accounts != 1:
        return Check("cache", False, f"schema {version} (expected {LATEST}), {accounts} account(s)")
    return Check("cache", True, f"a fresh cache reached schema {LATEST}")


def data_files() -> Check:
    """Translations, templates, demo, zones, holidays, locale data and CA certificates."""
    from client.profile.paths import resources_dir

    problems: list[str] = []
    resources = resources_dir()
    wanted = {
        "Qt translations": list((resources / "translations").glob("tradewind*_zh_CN.qm")),
        "core translations": list((resources / "locale").glob("*/LC_MESSAGES/tradewind.mo")),
        "templates": list((resources / "templates").glob("*.tpl")),
        "demo mailbox": list((resources / "demo").glob("demo.json")),
    }
    for label, found in wanted.items():
        if not found:
            problems.append(f"{label} missing in {resources}")
    _probe(problems, "time-zone data", _zone_data)
    _probe(problems, "holiday data", _holiday_data)
    _probe(problems, "locale data", _locale_data)
    _probe(problems, "CA certificates", _ca_store)
    _probe(problems, "fraud-guard data", _fraud_data)  # issue 19: PSL, IBAN registry, PDF/DOCX
    if problems:
        return Check("data files", False, "; ".join(problems))
    return Check("data files", True, f"resources in {resources}, zones, holidays, locales, CAs")


def _probe(problems: list[str], label: str, probe: Callable[[], None]) -> None:
    try:
        probe()
    except Exception as exc:  # noqa: BLE001 - reported in words
        problems.append(f"{label}: {type(exc).__name__}: {exc}")


def _zone_data() -> None:
    import zoneinfo

    zoneinfo.ZoneInfo("Asia/Shanghai")
    zoneinfo.ZoneInfo("America/Sao_Paulo")


def _holiday_data() -> None:
    import datetime

    from client.meetings.workweek import WorkCalendar

    if WorkCalendar("CN").day(datetime.date(2026, 10, 1)).working:
        raise ValueError("1 October 2026 is not a holiday in China's calendar")


def _locale_data() -> None:
    from babel import Locale

    if Locale.parse("zh_CN").territories.get("CN") is None:
        raise ValueError("babel has no territory names for zh_CN")


def _fraud_data() -> None:
    """The Public Suffix List, the IBAN/BIC registry and the confusables table ship with the
    installation (the bundle must collect their data files)."""
    from client.security.bank_details import extract
    from client.security.lookalike import lookalike_of, registrable

    if registrable("mail.buyer.com.cn") != "buyer.com.cn":
        raise ValueError("the Public Suffix List is missing")
    if not extract("IBAN: DE89 3704 0044 0532 0130 00 SWIFT: DEUTDEFF")[1:]:
        raise ValueError("the IBAN/BIC registry is missing")
    if lookalike_of("\u0430cme.com", {"acme.com"}) is None:
        raise ValueError("the confusables table is missing")


def _ca_store() -> None:
    """The store TLS verification uses (`ssl.create_default_context`, as client.net.tls does)
    holds certificates: loaded ones (a CA file, Windows' store) or a non-empty CA folder."""
    import os

    context = ssl.create_default_context()
    if context.get_ca_certs():
        return
    paths = ssl.get_default_verify_paths()
    folder = paths.capath
    if folder and os.path.isdir(folder) and any(
            name.endswith((".0", ".pem", ".crt")) for name in os.listdir(folder)):
        return  # OpenSSL reads a hashed CA folder lazily
    raise ValueError(f"no CA certificates to verify servers (looked in {paths.cafile} and "
                     f"{paths.capath})")


def keyring_backend() -> Check:
    """The OS keyring has a backend Tradewind accepts for passwords."""
    from client.profile.secrets import SecretsError, backend_description, check_backend

    try:
        check_backend()
    except SecretsError as exc:
        return Check("keyring", False, str(exc))
    return Check("keyring", True, backend_description())


def core_checks() -> list[Check]:
    """Every Qt-free check; none raises."""
    checks = []
    for action in (lambda: import_all("client"), fresh_cache, data_files, keyring_backend):
        checks.append(_guarded(action))
    return checks


def desktop_checks() -> list[Check]:
    """The `ui` checks (imports, offscreen reader render), or one failed check in words."""
    try:
        module = importlib.import_module(UI_CHECK_MODULE)
    except Exception as exc:  # noqa: BLE001 - a missing desktop part is a failed check
        return [Check("desktop", False, f"{UI_CHECK_MODULE} cannot load: {exc}")]
    results: list[Check] = []
    for name, ok, detail in module.run_checks():
        results.append(Check(str(name), bool(ok), str(detail)))
    return results


def _guarded(action: Callable[[], Check]) -> Check:
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - a check that crashed has failed
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Check(getattr(action, "__name__", "check"), False,
                     f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})")


def run_selftest(profile: str | None, as_json: bool, out: TextIO, *,
                 desktop: bool = True,
                 write_json: Callable[[Any, TextIO], None] | None = None) -> int:
    """Run every check, print the outcome and return the exit code (0 all passed, 1 not).
    `profile` is accepted for symmetry and not touched: the self-test uses a temporary cache.
    `write_json(document, out)` prints the `--json` document (the CLI passes its writer, so
    the self-test does not import the CLI, which runs it)."""
    del profile
    checks = core_checks() + (desktop_checks() if desktop else [])
    ok = all(c.ok for c in checks)
    if as_json:
        document = {"ok": ok, "version": __version__, "checks": [c.to_json() for c in checks]}
        if write_json is not None:
            write_json(document, out)
        else:
            out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            out.flush()
    else:
        for check in checks:
            out.write(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}\n")
        out.write(f"Tradewind {__version__} self-test: "
                  f"{'passed' if ok else 'FAILED (see the lines marked FAIL)'}\n")
        out.flush()
    return 0 if ok else 1
