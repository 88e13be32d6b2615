"""The follow-ups' background work (thread pool; each call opens and closes its own Store).

`load(db, now) -> list[FollowupRow]`: customers and reminders brought up to date from the
cache (`build_customers`, `refresh_followups`), the open ones with the customer's name; `snooze(db, id, days=|until=)`,
`close(db, id, state)`; `draft(db, profile_dir, id) -> SuggestedDraft`;
`due_now(db, now) -> Announcement`: refresh, then the reminders that fell due and were not
announced (`fire_due`), and whether do-not-disturb is on. They raise `FollowupError` /
`FollowupNotFound` / `ComposeError` / `TemplateError` in words; never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from client import settings
from client.followups import records
from client.followups.records import Followup
from client.followups.refresh import refresh_followups
from client.followups.suggest import SuggestedDraft, followup_draft
from client.store.db import Store


@dataclass(frozen=True)
class FollowupRow:
    followup: Followup
    customer: str  # the customer's name, else the buyer's address
    days_waiting: int


@dataclass(frozen=True)
class Announcement:
    fired: list[tuple[FollowupRow, bool]]  # (reminder, missed while the app was closed)
    quiet: bool  # do-not-disturb


def _row(store: Store, found: Followup, now: float) -> FollowupRow:
    from client.customers.records import customer_of_address

    customer = customer_of_address(store, found.buyer_email) if found.buyer_email else None
    return FollowupRow(found, customer.name if customer else found.buyer_email,
                       found.days_waiting(now))


def _refresh(store: Store, now: float) -> None:
    from client.customers.build import build_customers

    build_customers(store)  # incremental: the names of buyers whose mail just came
    refresh_followups(store, now)


def load(db_path: Path, now: float) -> list[FollowupRow]:
    with Store.open(db_path) as store:
        _refresh(store, now)
        return [_row(store, f, now) for f in records.list_followups(store, now=now)]


def snooze(db_path: Path, followup_id: int, *, days: int | None = None,
           until: float | None = None, now: float) -> Followup:
    with Store.open(db_path) as store:
        return records.snooze(store, followup_id, days=days, until=until, now=now)


def close(db_path: Path, followup_id: int, state: str) -> Followup:
    with Store.open(db_path) as store:
        return records.close(store, followup_id, state)


def draft(db_path: Path, followup_id: int) -> SuggestedDraft:
    from client.templates import load_library

    with Store.open(db_path) as store:
        return followup_draft(store, followup_id, load_library(db_path.parent, store=store))


def due_now(db_path: Path, now: float) -> Announcement:
    with Store.open(db_path) as store:
        _refresh(store, now)
        fired = [(_row(store, f, now), missed) for f, missed in records.fire_due(store, now)]
        return Announcement(fired, bool(settings.read(store, "notify.do_not_disturb")))
