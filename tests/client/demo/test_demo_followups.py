"""The demo profile's follow-ups and analytics groups: a couple of due reminders (the two
unanswered demo quotes among them), channel tags and countries for the Statistics window."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from client.analytics.figures import compute_stats
from client.demo.builder import build_demo_profile
from client.demo.followups import install_demo_desk2
from client.followups.records import list_followups
from client.followups.refresh import refresh_followups
from client.store.db import Store


def test_demo_has_due_followups_and_groups(tmp_path: Path) -> None:
    build_demo_profile(tmp_path / "demo", quotes=True)
    with Store.open(tmp_path / "demo" / "tradewind.db") as store:
        now = time.time()
        due = list_followups(store, now=now, due_only=True)
        assert 2 <= len(due) <= 4
        assert sum(1 for f in due if f.quote_number) == 2
        assert all(f.reply_row is not None for f in due)  # each can be written
        install_demo_desk2(store)  # idempotent
        refresh_followups(store, now)  # what the app's first check does: nothing cleared
        assert [f.id for f in list_followups(store, now=now, due_only=True)] == [
            f.id for f in due]
        today = date.today()
        channels = compute_stats(store, today - timedelta(days=60), today, "channel")
        assert {"web-form", "alibaba"} <= {g.key for g in channels.groups}
        countries = compute_stats(store, today - timedelta(days=60), today, "country")
        assert len([g for g in countries.groups if g.key]) >= 5
