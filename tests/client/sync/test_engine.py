"""The sync engine against the real Dovecot and Cyrus: initial sync, no-change resync, new mail, flags,
expunges, folders, UIDVALIDITY, big messages."""

from __future__ import annotations

import json

import pytest

from client import events
from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv, cache_snapshot, make_message, server_snapshot


def _bodies(env: SyncEnv) -> set[tuple[str, int, str]]:
    return {(f, uid, h.split(":")[0]) for f, uid, _m, _fl, h in cache_snapshot(env.store_path, env.account.id)}


@pytest.mark.server_identity  # FETCH, flags and BODYSTRUCTURE as the server gives them
def test_initial_sync_stores_every_message_with_flags(sync_env: SyncEnv) -> None:
    env = sync_env
    for n in range(5):
        env.server.append(env.user, "INBOX", make_message(n), flags=("\\Seen",) if n % 2 else ())
    env.server.append(env.user, "Sent", make_message(99))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert report.added == 6
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        inbox = store.folder_by_role(env.account.id, "inbox")
        sent = store.folder_by_role(env.account.id, "sent")
        assert inbox is not None and sent is not None
        assert inbox.synced_uid == 5 and inbox.exists_count == 5
        seen = dict(store.conn.execute(
            "SELECT uid, seen FROM messages WHERE folder_id = ?", (inbox.id,)).fetchall())
        assert seen == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
        assert store.account(env.account.id).status == "ok"  # type: ignore[union-attr]
        assert store.pending_index_count() == 0


@pytest.mark.server_identity  # STATUS and HIGHESTMODSEQ
def test_unchanged_account_needs_no_fetch_and_changes_nothing(sync_env: SyncEnv) -> None:
    env = sync_env
    for n in range(3):
        env.server.append(env.user, "INBOX", make_message(n))
    sync_account(env.store_path, env.account, env.password)
    before = cache_snapshot(env.store_path, env.account.id)
    again = sync_account(env.store_path, env.account, env.password)
    assert again.error is None
    assert {f.plan for f in again.folders} == {"Nothing"}
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert cache_snapshot(env.store_path, env.account.id) == before


@pytest.mark.server_identity  # UIDs, flags and expunges (VANISHED)
def test_new_mail_flags_and_expunge_by_another_client(sync_env: SyncEnv) -> None:
    env = sync_env
    for n in range(6):
        env.server.append(env.user, "INBOX", make_message(n))
    sync_account(env.store_path, env.account, env.password)
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "2", "+FLAGS", "(\\Seen \\Flagged)")
        imap.uid("STORE", "3", "+FLAGS", "(\\Deleted)")
        imap.expunge()
        imap.uid("MOVE", "4", env.server.mailbox("Archive"))
    env.server.append(env.user, "INBOX", make_message(50))
    changed: list[events.Event] = []
    bus = events.EventBus()
    bus.subscribe(changed.append)
    report = sync_account(env.store_path, env.account, env.password, bus=bus)
    assert report.error is None, report.error
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        inbox = store.folder_by_role(env.account.id, "inbox")
        assert inbox is not None
        flags = {uid: json.loads(f) for uid, f in store.conn.execute(
            "SELECT uid, flags_json FROM messages WHERE folder_id = ?", (inbox.id,))}
    assert sorted(flags) == [1, 2, 5, 6, 7]
    assert set(flags[2]) == {"\\Seen", "\\Flagged"}
    kinds = {type(e).__name__ for e in changed}
    assert {"FolderChanged", "AccountStatus"} <= kinds


@pytest.mark.server_identity  # MODSEQ and CHANGEDSINCE
def test_flags_changed_without_new_mail_use_changedsince(sync_env: SyncEnv) -> None:
    env = sync_env
    for n in range(3):
        env.server.append(env.user, "INBOX", make_message(n))
    sync_account(env.store_path, env.account, env.password)
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "1", "+FLAGS", "(\\Answered)")
    report = sync_account(env.store_path, env.account, env.password, folders=["INBOX"])
    assert [f.plan for f in report.folders] == ["FlagsSince"]
    assert report.updated == 1
    with env.open() as store:
        row = store.conn.execute("SELECT answered FROM messages WHERE uid = 1 AND folder_id = "
                                 "(SELECT id FROM folders WHERE name = 'INBOX')").fetchone()
    assert row == (1,)


@pytest.mark.dovecot_only
def test_uidvalidity_change_rebuilds_without_duplicates(sync_env: SyncEnv) -> None:
    env = sync_env
    for n in range(4):
        env.server.append(env.user, "INBOX", make_message(n))
    sync_account(env.store_path, env.account, env.password)
    env.server.reset_uidvalidity(env.user, "INBOX")
    with env.server.imap_admin(env.user) as imap:  # the new UIDs hold other messages
        imap.select("INBOX")
        imap.uid("STORE", "1", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert [f.plan for f in report.folders if f.name == "INBOX"] == ["Rebuild"]
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        inbox = store.folder_by_role(env.account.id, "inbox")
        assert inbox is not None
        assert inbox.uidvalidity == env.server.uidvalidity(env.user, "INBOX")
        count = store.conn.execute("SELECT count(*) FROM messages WHERE folder_id = ?",
                                   (inbox.id,)).fetchone()[0]
    assert count == 3


@pytest.mark.server_identity  # folder identity
def test_folder_created_renamed_and_removed_on_server(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Customers/Hamburg")
    env.server.append(env.user, "Customers/Hamburg", make_message(1))
    env.server.create_folder(env.user, "报价")
    first = sync_account(env.store_path, env.account, env.password)
    assert "报价" in first.created_folders
    with env.server.imap_admin(env.user) as imap:
        imap.rename(env.server.mailbox("Customers/Hamburg"), env.server.mailbox("Customers/Bremen"))
        imap.delete(env.server.mailbox("报价"))
    second = sync_account(env.store_path, env.account, env.password)
    hamburg, bremen = (env.server.shown_name(n) for n in ("Customers/Hamburg", "Customers/Bremen"))
    assert second.renamed_folders == ((hamburg, bremen),)
    assert second.removed_folders == ("报价",)
    assert second.added == 0
    with env.open() as store:
        names = {f.name for f in store.folders(env.account.id)}
    assert bremen in names and "报价" not in names
    assert _bodies(env) == server_snapshot(env.server, env.user)


@pytest.mark.server_identity  # the server's BODYSTRUCTURE and sections
def test_big_message_is_stored_partial_with_attachments_listed(sync_env: SyncEnv) -> None:
    env = sync_env
    big = (
        b"From: a@example.net\r\nTo: b@example.test\r\nSubject: catalogue\r\n"
        b"Message-ID: <big-1@example.net>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease find the catalogue.\r\n--XX\r\n"
        b"Content-Type: application/pdf; name=catalogue.pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename=catalogue.pdf\r\n\r\n"
        + b"QUJD" * 30000 + b"\r\n--XX--\r\n"
    )
    env.server.append(env.user, "INBOX", big)
    env.server.append(env.user, "INBOX", make_message(2))
    report = sync_account(env.store_path, env.account, env.password, attachment_cap=50_000)
    assert report.error is None, report.error
    with env.open() as store:
        rows = store.conn.execute(
            "SELECT m.id, m.uid, m.body_state, m.subject, length(b.raw) FROM messages m "
            "JOIN bodies b ON b.message_id = m.id ORDER BY m.uid").fetchall()
        assert [(r[1], r[2]) for r in rows] == [(1, "partial"), (2, "full")]
        assert rows[0][3] == "catalogue" and rows[0][4] < 10_000
        parts = store.conn.execute(
            "SELECT part_id, filename, downloaded FROM parts WHERE message_id = ?",
            (rows[0][0],)).fetchall()
    assert parts == [("2", "catalogue.pdf", 0)]
    again = sync_account(env.store_path, env.account, env.password, attachment_cap=50_000)
    assert again.added == 0 and {f.plan for f in again.folders} == {"Nothing"}


DRAWING = bytes(range(256)) * 400


def _drawings_message(message_id: str) -> bytes:
    """A message whose 100 KB attachment is larger than the small caps the tests set."""
    import base64

    encoded = base64.encodebytes(DRAWING).replace(b"\n", b"\r\n")
    return (
        f"From: a@example.net\r\nSubject: drawings\r\nMessage-ID: <{message_id}>\r\n".encode()
        + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=YY\r\n\r\n--YY\r\n"
        b"Content-Type: text/plain\r\n\r\nDrawings attached.\r\n--YY\r\n"
        b"Content-Type: application/octet-stream; name=d.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"--YY--\r\n"
    )


@pytest.mark.server_identity  # the server's BODYSTRUCTURE and sections
def test_attachment_of_a_partial_message_is_downloaded_on_demand(sync_env: SyncEnv) -> None:
    import base64

    from client.sync.attachments import download_attachment

    env = sync_env
    payload = DRAWING
    big = _drawings_message("big-2@example.net")
    env.server.append(env.user, "INBOX", big)
    sync_account(env.store_path, env.account, env.password, attachment_cap=20_000)
    with env.open() as store:
        row_id = store.conn.execute("SELECT id FROM messages").fetchone()[0]
    data = download_attachment(env.store_path, env.account, env.password, row_id, "2")
    assert base64.b64decode(data) == payload
    with env.open() as store:
        assert store.conn.execute(
            "SELECT downloaded FROM parts WHERE message_id = ?", (row_id,)).fetchone() == (1,)
    again = download_attachment(env.store_path, env.account, "not-needed", row_id, "2")
    assert again == data


@pytest.mark.server_identity  # the server's BODYSTRUCTURE and sections
def test_attachment_data_decodes_cached_and_on_demand_parts(sync_env: SyncEnv) -> None:
    """What the reader and `tradewind save-attachment` use: decoded bytes from the raw message,
    or from the server on demand for a message over the cap (NotDownloaded without a password)."""

    from client.sync.attachments import NotDownloaded, attachment_data

    env = sync_env
    payload = DRAWING
    big = _drawings_message("big-3@example.net")
    env.server.append(env.user, "INBOX", big)
    sync_account(env.store_path, env.account, env.password, attachment_cap=20_000)
    with env.open() as store:
        row_id = store.conn.execute("SELECT id FROM messages").fetchone()[0]
    with pytest.raises(NotDownloaded, match="not downloaded yet"):
        attachment_data(env.store_path, row_id, "2")
    assert attachment_data(env.store_path, row_id, "2", lambda _a: env.password) == payload
    assert attachment_data(env.store_path, row_id, "2") == payload  # now cached, offline
    env.server.append(env.user, "INBOX", big.replace(b"big-3", b"big-4"))
    sync_account(env.store_path, env.account, env.password)  # default cap: stored in full
    with env.open() as store:
        full_id = store.conn.execute("SELECT max(id) FROM messages").fetchone()[0]
    assert attachment_data(env.store_path, full_id, "2") == payload
    with pytest.raises(KeyError):
        attachment_data(env.store_path, full_id, "9")


@pytest.mark.parametrize(
    "hidden",
    [(), ("QRESYNC",), ("QRESYNC", "CONDSTORE")],
    ids=["qresync", "condstore-only", "no-condstore"],
)
@pytest.mark.server_identity  # the planner's paths follow the server's UID/MODSEQ state
def test_every_plan_path_converges_with_the_server(sync_env: SyncEnv, hidden: tuple[str, ...]) -> None:
    """The same changes by another client, seen through servers with fewer extensions (the
    capabilities are hidden from the client), end in the same cache."""
    from client.imap import ImapSession
    from client.sync.engine import endpoint_for

    env = sync_env

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.capabilities = frozenset(session.capabilities - set(hidden))
        return session

    for n in range(8):
        env.server.append(env.user, "INBOX", make_message(n), flags=("\\Seen",) if n < 4 else ())
    first = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert first.error is None, first.error
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "1", "-FLAGS", "(\\Seen)")
        imap.uid("STORE", "5", "+FLAGS", "(\\Flagged)")
        imap.uid("STORE", "2,6", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    env.server.append(env.user, "INBOX", make_message(20))
    report = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert report.error is None, report.error
    plans = {f.name: f.plan for f in report.folders}
    expected_plan = {(): "QresyncVanished", ("QRESYNC",): "FlagsSince",
                     ("QRESYNC", "CONDSTORE"): "FullCompare"}[hidden]
    assert plans["INBOX"] == expected_plan
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        flags = dict(store.conn.execute(
            "SELECT uid, seen || flagged FROM messages WHERE folder_id = "
            "(SELECT id FROM folders WHERE name = 'INBOX')").fetchall())
    assert flags == {1: "00", 3: "10", 4: "10", 5: "01", 7: "00", 8: "00", 9: "00"}


@pytest.mark.server_identity  # MODSEQ while we sync
def test_server_changes_during_our_sync_converge_next_time(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another client expunges, moves and flags messages while our fetch is under way (P5)."""
    from client.sync import folder_sync

    env = sync_env
    for n in range(16):
        env.server.append(env.user, "INBOX", make_message(n))
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 4)
    meddled: list[int] = []

    def meddle(event: events.SyncProgress) -> None:
        if event.folder == "INBOX" and not meddled:
            meddled.append(event.done)
            with env.server.imap_admin(env.user) as imap:
                imap.select("INBOX")
                imap.uid("STORE", "2", "+FLAGS", "(\\Flagged)")  # already stored
                imap.uid("STORE", "10", "+FLAGS", "(\\Seen)")  # not fetched yet
                imap.uid("STORE", "3,11", "+FLAGS", "(\\Deleted)")
                imap.expunge()
                imap.uid("MOVE", "12", env.server.mailbox("Archive"))
            env.server.append(env.user, "INBOX", make_message(99))

    first = sync_account(env.store_path, env.account, env.password, progress=meddle,
                         connections=0)
    assert first.error is None and meddled == [4]
    second = sync_account(env.store_path, env.account, env.password)
    assert second.error is None
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        flags = dict(store.conn.execute(
            "SELECT uid, seen || flagged FROM messages WHERE folder_id = "
            "(SELECT id FROM folders WHERE name = 'INBOX') AND uid IN (2, 10)").fetchall())
        store.conn.execute("UPDATE folders SET last_sync = 0")
    assert flags == {2: "01", 10: "10"}
    third = sync_account(env.store_path, env.account, env.password)
    assert {f.plan for f in third.folders} == {"Nothing"}
    with env.open() as store:
        inbox = store.folder_by_role(env.account.id, "inbox")
    assert inbox is not None and (inbox.last_sync or 0) > 0  # an unchanged folder was checked


def test_untrusted_certificate_is_reported_with_its_status(sync_env: SyncEnv) -> None:
    import trustme

    from client.store import Store

    env = sync_env
    other_ca = env.store_path.with_name("other-ca.pem")
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    with Store.open(env.store_path) as store:
        store.update_account(env.account.id, ca_file=str(other_ca))
        account = store.account(env.account.id)
    assert account is not None
    report = sync_account(env.store_path, account, env.password)
    assert report.status == "untrusted-certificate"
    assert report.error and "certificate" in report.error.lower()
    with Store.open(env.store_path) as store:
        assert store.folders(env.account.id) == []  # nothing was trusted, nothing stored


@pytest.mark.dovecot_only
def test_rebuild_reuses_kept_bodies_instead_of_downloading(sync_env: SyncEnv) -> None:
    from client.imap import ImapSession
    from client.sync.engine import endpoint_for

    env = sync_env
    for n in range(6):
        env.server.append(env.user, "INBOX", make_message(n, size=3_000))
    sync_account(env.store_path, env.account, env.password)
    env.server.reset_uidvalidity(env.user, "INBOX")
    env.server.append(env.user, "INBOX", make_message(50))  # the only new body
    downloaded: list[int] = []

    class Counting(ImapSession):
        def fetch_raw(self, uids):  # type: ignore[no-untyped-def,override]
            for meta, raw in super().fetch_raw(uids):
                downloaded.append(meta.uid)
                yield meta, raw

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.__class__ = Counting
        return session

    report = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert report.error is None, report.error
    assert [f.plan for f in report.folders if f.name == "INBOX"] == ["Rebuild"]
    assert downloaded == [7]
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        assert store.conn.execute("SELECT count(*) FROM orphan_bodies").fetchone() == (0,)


@pytest.mark.parametrize("helpers", [0, 2])
def test_big_download_lists_every_message_before_the_bodies(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    from client.sync import folder_sync

    env = sync_env
    for n in range(10):
        env.server.append(env.user, "INBOX", make_message(n, size=4_000))
    big = make_message(99, size=90_000)
    env.server.append(env.user, "INBOX", big)
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 4)
    seen: list[tuple[str, int]] = []
    listed_before_bodies: list[int] = []

    def watch(event: events.SyncProgress) -> None:
        seen.append((event.phase, event.done))
        if event.phase == "fetch" and not listed_before_bodies:
            with env.open() as store:
                listed_before_bodies.append(store.conn.execute(
                    "SELECT count(*) FROM messages").fetchone()[0])

    report = sync_account(env.store_path, env.account, env.password, progress=watch,
                          attachment_cap=50_000, connections=helpers)
    assert report.error is None, report.error
    phases = [p for p, _ in seen]
    assert phases.index("fetch") > max(i for i, p in enumerate(phases) if p == "headers")
    assert listed_before_bodies == [11]  # every row existed before the first body arrived
    assert report.added == 11
    with env.open() as store:
        states = dict(store.conn.execute(
            "SELECT uid, body_state FROM messages").fetchall())
        assert store.pending_index_count() == 0
    assert states == {**{uid: "full" for uid in range(1, 11)}, 11: "partial"}
    full = {(f, u, h) for f, u, h in _bodies(env) if u != 11}
    assert full == {(f, u, h) for f, u, h in server_snapshot(env.server, env.user) if u != 11}
    again = sync_account(env.store_path, env.account, env.password, attachment_cap=50_000)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
