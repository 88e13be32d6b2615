"""Table-driven tests of the pure sync planner."""

from __future__ import annotations

import pytest

from client.sync.planner import (
    FetchNew,
    FlagsSince,
    FullCompare,
    Nothing,
    Plan,
    QresyncVanished,
    Rebuild,
    ServerFolderStatus,
    StoredFolderState,
    plan_folder,
)

CONDSTORE = {"IMAP4rev1", "CONDSTORE"}
QRESYNC = {"IMAP4rev1", "CONDSTORE", "QRESYNC"}
PLAIN = {"IMAP4rev1"}

DONE = StoredFolderState(uidvalidity=7, uidnext=101, highestmodseq=500, exists=100, synced_uid=100)

CASES: list[tuple[str, StoredFolderState, ServerFolderStatus, set[str], Plan]] = [
    ("never synced", StoredFolderState(), ServerFolderStatus(7, 101, 100, 500), QRESYNC, FetchNew(1)),
    (
        "interrupted initial sync compares what it has",
        StoredFolderState(uidvalidity=7, synced_uid=40),
        ServerFolderStatus(7, 101, 100, 500),
        QRESYNC,
        FullCompare(41),
    ),
    (
        "uidvalidity changed",
        DONE,
        ServerFolderStatus(8, 101, 100, 500),
        QRESYNC,
        Rebuild(7, 8),
    ),
    (
        "uidvalidity changed mid initial sync",
        StoredFolderState(uidvalidity=7, synced_uid=40),
        ServerFolderStatus(9, 5, 4, 3),
        QRESYNC,
        Rebuild(7, 9),
    ),
    ("unchanged with condstore", DONE, ServerFolderStatus(7, 101, 100, 500), CONDSTORE, Nothing()),
    ("unchanged with qresync", DONE, ServerFolderStatus(7, 101, 100, 500), QRESYNC, Nothing()),
    (
        "new mail, nothing expunged",
        DONE,
        ServerFolderStatus(7, 103, 102, 502),
        CONDSTORE,
        FlagsSince(500, 101, check_deletions=False),
    ),
    (
        "flags changed only",
        DONE,
        ServerFolderStatus(7, 101, 100, 510),
        QRESYNC,
        FlagsSince(500, 101, check_deletions=False),
    ),
    (
        "expunge with qresync uses vanished",
        DONE,
        ServerFolderStatus(7, 101, 99, 501),
        QRESYNC,
        QresyncVanished(500, 101),
    ),
    (
        "expunge with condstore compares uids",
        DONE,
        ServerFolderStatus(7, 101, 99, 501),
        CONDSTORE,
        FlagsSince(500, 101, check_deletions=True),
    ),
    (
        "new mail arrived and was expunged again",
        DONE,
        ServerFolderStatus(7, 102, 100, 502),
        QRESYNC,
        QresyncVanished(500, 101),
    ),
    (
        "modseq went backwards",
        DONE,
        ServerFolderStatus(7, 101, 100, 400),
        QRESYNC,
        FullCompare(101),
    ),
    (
        "uidnext went backwards",
        DONE,
        ServerFolderStatus(7, 90, 100, 500),
        QRESYNC,
        FullCompare(101),
    ),
    (
        "mailbox without modseq falls back to full compare",
        DONE,
        ServerFolderStatus(7, 101, 100, None),
        CONDSTORE,
        FullCompare(101),
    ),
    (
        "stored state lacks modseq",
        StoredFolderState(uidvalidity=7, uidnext=101, exists=100, synced_uid=100),
        ServerFolderStatus(7, 101, 100, 500),
        CONDSTORE,
        FullCompare(101),
    ),
    (
        "modseq same but new uid (odd server)",
        DONE,
        ServerFolderStatus(7, 102, 101, 500),
        CONDSTORE,
        FetchNew(101),
    ),
    (
        "modseq same but count dropped (odd server)",
        DONE,
        ServerFolderStatus(7, 101, 99, 500),
        CONDSTORE,
        FullCompare(101),
    ),
    ("no condstore: full compare", DONE, ServerFolderStatus(7, 101, 100), PLAIN, FullCompare(101)),
]


@pytest.mark.parametrize(
    ("stored", "server", "caps", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_plan_table(
    stored: StoredFolderState, server: ServerFolderStatus, caps: set[str], expected: Plan
) -> None:
    assert plan_folder(stored, server, caps) == expected


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        (ServerFolderStatus(7, 101, 100), Nothing()),
        (ServerFolderStatus(7, 104, 103), FetchNew(101)),
        (ServerFolderStatus(7, 104, 101), FullCompare(101)),
    ],
    ids=["unchanged", "new only", "expunged"],
)
def test_without_condstore_cheap_mode(server: ServerFolderStatus, expected: Plan) -> None:
    assert plan_folder(DONE, server, PLAIN, full_check=False) == expected


def test_capabilities_are_case_insensitive() -> None:
    server = ServerFolderStatus(7, 101, 99, 501)
    assert plan_folder(DONE, server, {"qresync"}) == QresyncVanished(500, 101)
