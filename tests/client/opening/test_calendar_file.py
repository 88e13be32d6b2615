"""The read-only .ics summary (checklist C5): damaged calendars from the corpus never raise
anything but a worded refusal, a damaged time leaves an empty field, several VCALENDARs in
one file are all read."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.opening.calendar_file import CalendarFileError, read_events
from client.opening.targets import OpenTargetError, describe

REPO_ROOT = Path(__file__).resolve().parents[3]
LOCAL_ICS = REPO_ROOT / "tests" / "data" / "corpus" / "ics"
SHARED_ICS = REPO_ROOT.parent / "shared" / "corpus" / "ics"  # the whole corpus, when present


def _all_ics() -> list[Path]:
    files = sorted(LOCAL_ICS.rglob("*.ics"))
    if SHARED_ICS.is_dir():
        files += sorted(SHARED_ICS.rglob("*.ics"))
    return files


@pytest.mark.filterwarnings("ignore::UserWarning")  # icalendar warns about guessed zone ids
def test_no_corpus_calendar_raises_anything_but_a_worded_refusal() -> None:
    crashed = []
    for path in _all_ics():
        try:
            describe(str(path))
        except OpenTargetError as exc:
            assert str(exc).strip()
        except Exception as exc:  # noqa: BLE001 - what this test looks for
            crashed.append(f"{path.name}: {type(exc).__name__}: {exc}"[:200])
    assert crashed == []


@pytest.mark.parametrize("name", ["broken_dtstart.ics", "issue_1081_invalid_start_and_end.ics",
                                  "issue_1081_invalid_start_valid_end.ics"])
def test_a_broken_start_leaves_the_field_empty(name: str) -> None:
    events = read_events((LOCAL_ICS / "icalendar" / "calendars" / name).read_bytes())
    assert events and events[0].start is None


def test_every_calendar_of_a_file_is_read() -> None:
    raw = (LOCAL_ICS / "ical4j" / "valid" / "multiple_calendars.ics").read_bytes()
    assert raw.count(b"BEGIN:VCALENDAR") >= 2
    events = read_events(raw)
    assert len(events) == raw.count(b"BEGIN:VEVENT")


def test_a_bare_event_is_not_a_calendar_file() -> None:
    with pytest.raises(CalendarFileError, match="not a calendar file"):
        read_events(b"BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n")
