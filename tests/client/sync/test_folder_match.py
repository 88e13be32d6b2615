"""The folder identity rules (``client.sync.folder_match``): MAILBOXID, then the name, then a
unique UIDVALIDITY match whose counts agree; anything else is a delete plus a create."""

from __future__ import annotations

from client.imap import FolderInfo, FolderStatus
from client.store import Folder
from client.sync.folder_match import match_by_counts, match_by_identity

V = 1796198085  # Cyrus: every mailbox created in that second has this UIDVALIDITY


def cached(fid: int, name: str, mailbox_id: str | None = None, *, validity: int | None = V,
           exists: int | None = 2, uidnext: int | None = 3) -> Folder:
    return Folder(fid, 1, name, ".", None, (), True, validity, uidnext, None, exists, 2, None,
                  None, mailbox_id)


def listed(name: str, mailbox_id: str | None = None) -> FolderInfo:
    return FolderInfo(name, "INBOX." + name, ".", frozenset(), None, mailbox_id)


def status(messages: int = 2, uidnext: int = 3, validity: int = V) -> FolderStatus:
    return FolderStatus(validity, uidnext, messages, 0, None)


def test_mailbox_id_finds_a_rename_and_tells_a_recreated_folder_apart() -> None:
    old = [cached(1, "Orders", "id-orders"), cached(2, "Samples", "id-samples")]
    # Orders renamed to "Orders 2026"; Samples deleted and a new "Samples" created
    server = [listed("Orders 2026", "id-orders"), listed("Samples", "id-new")]
    found = match_by_identity(old, server)
    assert {name: f.id for name, f in found.pairs.items()} == {"Orders 2026": 1}
    assert [f.id for f in found.gone] == [2]
    assert found.new == ("Samples",)


def test_same_name_matches_when_one_side_has_no_id() -> None:
    old = [cached(1, "Orders", None), cached(2, "INBOX", "id-inbox")]
    found = match_by_identity(old, [listed("Orders", "id-orders"), listed("INBOX", None)])
    assert {name: f.id for name, f in found.pairs.items()} == {"Orders": 1, "INBOX": 2}
    assert found.gone == () and found.new == ()


def test_ambiguous_uidvalidity_is_delete_plus_create() -> None:
    # two folders of the same second vanished, one appeared: which one it was is a guess
    gone = [cached(1, "Orders"), cached(2, "Samples")]
    assert match_by_counts(gone, {"Orders 2026": status()}) == {}
    # one vanished, two appeared with that UIDVALIDITY: a guess too
    assert match_by_counts(gone[:1], {"A": status(), "B": status()}) == {}


def test_unique_match_needs_the_counts_to_agree() -> None:
    gone = [cached(1, "Orders", exists=2, uidnext=3)]
    assert match_by_counts(gone, {"Orders 2026": status(2, 3)})["Orders 2026"].id == 1
    assert match_by_counts(gone, {"Orders 2026": status(3, 4)}) == {}  # new mail: not sure
    assert match_by_counts(gone, {"Orders 2026": status(2, 3, V + 1)}) == {}
    never_synced = [cached(1, "Orders", exists=None, uidnext=None)]
    assert match_by_counts(never_synced, {"Orders 2026": status(0, 1)}) == {}


def test_two_known_ids_are_never_matched_by_counts() -> None:
    gone = [cached(1, "Orders", "id-orders")]
    assert match_by_counts(gone, {"X": status()}, {"X": "id-other"}) == {}
    assert match_by_counts(gone, {"X": status()}, {"X": None})["X"].id == 1


def test_cache_from_before_namespace_names_keeps_its_folders() -> None:
    # cached as "INBOX.Sent" before names honoured NAMESPACE; now listed as "Sent"
    old = [cached(1, "INBOX.Sent"), cached(2, "INBOX.报价"), cached(3, "INBOX")]
    server = [listed("Sent", "id-sent"), FolderInfo("报价", "INBOX.&YqVO9w-", ".", frozenset(),
                                                    None, "id-q"), FolderInfo(
        "INBOX", "INBOX", ".", frozenset(), "inbox", "id-inbox")]
    found = match_by_identity(old, server)
    assert {name: f.id for name, f in found.pairs.items()} == {"Sent": 1, "报价": 2, "INBOX": 3}
    assert found.gone == () and found.new == ()
