"""Writing the demo profile into a profile directory through the store API.

``build_demo_profile(profile_dir)`` creates ``PROFILE/tradewind.db`` with one offline demo
account (no password, no server: ``preset='demo'``, status ``offline``), its folders and about
200 messages expanded from ``resources/demo/``, the demo company's signature policy
(``client.demo.signature``: signed with a key made for that profile, so new mail, replies and
the Settings preview show the locked signature) and one personal quote template
(``PROFILE/templates/price-update.en.tpl``; a copy the rep changed is kept). Never touches the
network. Any thread: it opens and closes its own Store. Raises ``DemoProfileError``
when the profile already holds a different account or the demo sources are broken; building
twice into the same profile is a no-op (idempotent), except that a demo profile built before it
had a signature policy gets one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from client.demo.desk import install_demo_customers
from client.demo.expand import DemoMessage, expand
from client.demo.followups import install_demo_desk2
from client.demo.signature import install_demo_policy
from client.demo.spec import DemoSpecError, default_resource_dir, load_spec
from client.profile.paths import DATABASE_NAME
from client.signatures import provision
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

DEMO_PRESET = "demo"
DEMO_UIDVALIDITY = 20261127
IMAP_FLAGS = {"seen": "\\Seen", "flagged": "\\Flagged", "answered": "\\Answered", "draft": "\\Draft"}


class DemoProfileError(Exception):
    """The demo profile cannot be built (sources broken, or the profile is not empty)."""


@dataclass(frozen=True)
class DemoSummary:
    """What was built: the account's email and id, and the message count per folder."""

    email: str
    account_id: int
    counts: dict[str, int]


def demo_messages(anchor: date | None = None, resource_dir: Path | None = None) -> list[DemoMessage]:
    """The demo messages for ``anchor`` (default: today in UTC), in a stable order."""
    try:
        spec = load_spec(resource_dir)
    except DemoSpecError as exc:
        raise DemoProfileError(str(exc)) from exc
    return expand(spec, anchor or datetime.now(UTC).date())


def build_demo_profile(
    profile_dir: Path, *, anchor: date | None = None, resource_dir: Path | None = None,
    quotes: bool = False,
) -> DemoSummary:
    """Create the demo account, folders and messages in ``profile_dir`` and index them.
    ``quotes``: also a quote in each state (``client.demo.quotes``, dated from today, since
    the quotes view counts days left from now; the app's ``--demo`` asks for them, tests that
    count quotes start without)."""
    try:
        spec = load_spec(resource_dir)
    except DemoSpecError as exc:
        raise DemoProfileError(str(exc)) from exc
    messages = expand(spec, anchor or datetime.now(UTC).date())
    account_spec = spec.data["account"]
    profile_dir.mkdir(parents=True, exist_ok=True)
    demo_dir = resource_dir or default_resource_dir()
    with Store.open(profile_dir / DATABASE_NAME) as store:
        existing = store.list_accounts()
        if existing:
            if len(existing) == 1 and existing[0].preset == DEMO_PRESET:
                if provision.source(store) is None:
                    install_demo_policy(store, profile_dir, demo_dir)
                counts = _counts(store, existing[0].id)
                _install_demo_template(profile_dir, demo_dir)
                install_demo_products(store)
                if quotes:
                    install_demo_quotes(store, existing[0].id, None)
                install_demo_customers(store)  # the trade desk's customers (issue 18)
                install_demo_desk2(store)  # channels, countries, follow-ups (issue 18)
                return DemoSummary(existing[0].email, existing[0].id, counts)
            raise DemoProfileError(
                f"The profile {profile_dir} already holds real accounts; the demo is built "
                "only into an empty profile folder."
            )
        account = store.add_account(
            account_spec["email"], display_name=account_spec["display_name"], preset=DEMO_PRESET
        )
        store.set_account_status(account.id, "offline", None)
        folder_ids: dict[str, int] = {}
        for folder in spec.data["folders"]:
            record = FolderRecord(name=folder["name"], delimiter="/", role=folder["role"])
            folder_ids[folder["name"]] = store.upsert_folder(account.id, record).id
        by_folder: dict[str, list[DemoMessage]] = defaultdict(list)
        for message in messages:
            by_folder[message.folder].append(message)
        for name, items in by_folder.items():
            if name not in folder_ids:
                raise DemoProfileError(f"demo.json: message filed in unknown folder '{name}'")
            incoming = [
                IncomingMessage(
                    uid=uid,
                    raw=m.raw,
                    flags=tuple(sorted(IMAP_FLAGS[f] for f in m.flags)),
                    internaldate=m.internaldate,
                )
                for uid, m in enumerate(items, start=1)
            ]
            store.insert_messages(folder_ids[name], incoming, watermark_uid=len(items))
            store.save_folder_state(
                folder_ids[name],
                uidvalidity=DEMO_UIDVALIDITY,
                uidnext=len(items) + 1,
                exists_count=len(items),
            )
        while store.index_pending():
            pass
        install_demo_policy(store, profile_dir, demo_dir)
        _install_demo_template(profile_dir, demo_dir)
        install_demo_products(store)
        if quotes:
            install_demo_quotes(store, account.id, None)
        from client.demo.calendar import install_demo_calendar  # entries, zones (issue 13)

        install_demo_calendar(store, account.email, anchor or datetime.now(UTC).date())
        from client.demo.channels import install_demo_channels  # tagged inquiries (issue 18)

        install_demo_channels(store, account.id, anchor or datetime.now(UTC).date())
        install_demo_customers(store)  # customers with stages (issue 18)
        install_demo_desk2(store)  # channels, countries, follow-ups (issue 18)
        return DemoSummary(account.email, account.id, _counts(store, account.id))


DEMO_TEMPLATE = "price-update.en.tpl"


def install_demo_quotes(store: Store, account_id: int, anchor: date | None) -> None:
    from client.demo.quotes import install_demo_quotes as install

    install(store, account_id, anchor)


def _install_demo_template(profile_dir: Path, resource_dir: Path) -> None:
    """Copy the demo's personal template into ``PROFILE/templates/`` unless one is there."""
    source = resource_dir / DEMO_TEMPLATE
    target = profile_dir / "templates" / DEMO_TEMPLATE
    if target.exists() or not source.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())


def install_demo_products(store: Store) -> None:
    """A small price list (three products, USD and EUR prices, English and Chinese names) so
    the quote picker can be tried without importing one; an existing price list is kept."""
    from decimal import Decimal

    from client.quotes import products

    if products.list_products(store):
        return
    products.save_products(store, [
        products.Product("LED-PNL-60", {"": "LED panel light 60x60", "zh": "LED面板灯 60x60"},
                         specification="40 W, 4000 K", unit="pcs", moq="100",
                         prices={"USD": Decimal("18.50"), "EUR": Decimal("17.20")}),
        products.Product("LED-TUBE-T8", {"": "LED tube T8 1.2 m", "zh": "LED灯管 T8 1.2米"},
                         specification="18 W, 6500 K", unit="pcs", moq="500",
                         prices={"USD": Decimal("2.35"), "EUR": Decimal("2.20")}),
        products.Product("DRV-40W", {"": "Constant-current driver 40 W", "zh": "恒流驱动 40W"},
                         specification="900 mA, flicker-free", unit="pcs", moq="200",
                         prices={"USD": Decimal("4.80"), "EUR": Decimal("4.45")}),
    ])


def _counts(store: Store, account_id: int) -> dict[str, int]:
    counts = {}
    for folder in store.folders(account_id):
        row = store.conn.execute(
            "SELECT count(*) FROM messages WHERE folder_id = ?", (folder.id,)
        ).fetchone()
        counts[folder.name] = int(row[0])
    return counts
