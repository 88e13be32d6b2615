"""Benchmark: planning a meeting for 10 attendees over 14 days in 15-minute steps; not a test.

    .venv/bin/python -m tests.benchmarks.bench_meet_plan

Target (issue 13): under 50 ms. Prints the first call (loads each country's holiday data) and
the best of ``RUNS`` later calls, each a whole `client.meetings.planner.plan` over 1,344
candidate starts with fresh calendars, beside the target; then the app's grid of the same
people (no target: it is drawn once per change, off the GUI thread).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

from client.meetings.grid import Grid, hours_grid
from client.meetings.planner import Attendee, Plan, plan
from client.meetings.zones import country_of_zone

RUNS = 10
TARGET_MS = 50.0
ZONES = (
    "Europe/Berlin", "America/New_York", "Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu",
    "Australia/Sydney", "America/Santiago", "America/Sao_Paulo", "Asia/Riyadh", "Pacific/Chatham",
)


def one_plan() -> Plan:
    people = [Attendee(f"p{n}@example.test", zone, country_of_zone(zone))
              for n, zone in enumerate(ZONES)]
    return plan(people, organizer_zone=ZONES[0], first_day=date(2026, 3, 23), days=14,
                duration=timedelta(minutes=60), step=timedelta(minutes=15))


def one_grid() -> Grid:
    """The app's planner grid for the same people (`client.meetings.grid.hours_grid`)."""
    people = [Attendee(f"p{n}@example.test", zone, country_of_zone(zone))
              for n, zone in enumerate(ZONES)]
    return hours_grid(people, organizer_zone=ZONES[0], first_day=date(2026, 3, 23), days=14,
                      step=timedelta(minutes=15))


def best_of(job: Callable[[], object]) -> float:
    """The fastest of `RUNS` calls, in ms."""
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        job()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def main() -> None:
    started = time.perf_counter()
    result = one_plan()
    first = (time.perf_counter() - started) * 1000
    best = best_of(one_plan)
    print(f"meet plan, 10 attendees x 14 days x 15-minute steps ({len(result.slots)} slots kept)")
    print(f"  first call (loads holiday data): {first:7.1f} ms")
    print(f"  best of {RUNS}:                     {best:7.1f} ms   target < {TARGET_MS:.0f} ms")
    print(f"  the app's grid of the same (hours_grid), best of {RUNS}: {best_of(one_grid):7.1f} ms")


if __name__ == "__main__":
    main()
