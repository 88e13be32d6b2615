"""Quote numbers: pattern, per-rep counters, never reused, unique across two OS processes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from client.quotes import numbering
from client.quotes.numbering import NumberPatternError
from client.quotes.records import NewQuote, make_line, record_quote
from client.store.db import Store

REPO = Path(__file__).resolve().parents[3]
DAY = date(2026, 12, 2)

_WORKER = """
import sys
from datetime import date
from client.quotes.numbering import next_number
from client.store.db import Store
store = Store.open(sys.argv[1])
sys.stdin.readline()  # both processes start together
for _ in range(int(sys.argv[2])):
    print(next_number(store, "anna@company.example", date(2026, 12, 2)), flush=True)
store.close()
"""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tw.db")


def test_default_pattern_counts_per_rep_and_year(store: Store) -> None:
    a = [numbering.next_number(store, "Anna@company.example", DAY) for _ in range(3)]
    assert a == ["Q-2026-0001", "Q-2026-0002", "Q-2026-0003"]
    assert numbering.next_number(store, "anna@company.example", date(2027, 1, 2)) == "Q-2027-0001"
    # same pattern, another rep of this profile: goes on past Anna's numbers, never collides
    assert numbering.next_number(store, "omar@company.example", DAY) == "Q-2026-0004"


def test_configured_patterns(store: Store) -> None:
    numbering.set_pattern(store, "NB{yy}{mm}-{seq:03}", rep="omar@company.example")
    numbering.set_pattern(store, "QT/{yyyy}/{seq}")
    assert numbering.next_number(store, "omar@company.example", DAY) == "NB2612-001"
    assert numbering.next_number(store, "anna@company.example", DAY) == "QT/2026/1"


@pytest.mark.parametrize("pattern", ["", "Q-{yyyy}", "Q-{seq}-{seq}", "Q-{rep}-{seq}",
                                     "Q {seq}", "Q-{seq:4}", "x" * 70 + "{seq}"])
def test_bad_patterns_are_refused_in_words(store: Store, pattern: str) -> None:
    with pytest.raises(NumberPatternError) as info:
        numbering.set_pattern(store, pattern)
    assert str(info.value)
    assert store.get_setting(numbering.PATTERN_KEY) is None


def test_a_number_used_by_a_quote_is_skipped(store: Store) -> None:
    record_quote(store, NewQuote(number="Q-2026-0001", rep="x@y.example", currency="USD",
                                 items=(make_line("A", Decimal(1), Decimal(2), "USD"),),
                                 quote_date=DAY))
    assert numbering.next_number(store, "anna@company.example", DAY) == "Q-2026-0002"


def test_a_burnt_number_is_not_handed_out_again(store: Store, tmp_path: Path) -> None:
    first = numbering.next_number(store, "anna@company.example", DAY)  # its render "failed"
    store.close()
    again = Store.open(tmp_path / "tw.db")
    assert numbering.next_number(again, "anna@company.example", DAY) != first


def test_two_processes_never_get_the_same_number(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    Store.open(db).close()
    count = 60
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(db), str(count)],
                              cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True) for _ in range(2)]
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    numbers = outputs[0] + outputs[1]
    assert len(numbers) == 2 * count
    assert len(set(numbers)) == 2 * count
    assert sorted(numbers) == [f"Q-2026-{n:04d}" for n in range(1, 2 * count + 1)]
