"""Real Dovecot: a cache an older Tradewind filled with spoofed senders is corrected by the
sync — rows listed from headers when their bodies arrive, rows with bodies by the background
re-derivation beside indexing — and the CLI's JSON then names the real sender (I1, I2)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from client import events
from client.cli.main import main
from client.store.derive import HEADER_VERSION
from client.sync import engine, folder_sync
from client.sync.engine import sync_account
from tests.client.store.old_cache import make_old
from tests.client.sync.env import SyncEnv
from tests.client.sync.test_sender_spoof_sync import COMMENT, QUOTED

OLD = {"Invoice 4711": ("Anna Huber", "anna.huber@kunde.example"),
       "Urgent transfer": ("CEO", "ceo@yourco.com")}
REAL = {"Invoice 4711": "billing@kunde-invoices.example", "Urgent transfer": "x@evil.example"}


def _cli_json(*args: str) -> Any:
    out, err = io.StringIO(), io.StringIO()
    assert main([*args, "--json"], stdin=io.StringIO(""), stdout=out, stderr=err) == 0, err
    return json.loads(out.getvalue())


def _listed() -> dict[str, str]:
    return {m["subject"]: m["from"]["email"] for m in _cli_json("ls", "INBOX")["messages"]}


def _make_old(env: SyncEnv) -> None:
    with env.open() as store:
        for row_id, subject in store.conn.execute("SELECT id, subject FROM messages").fetchall():
            name, email = OLD[subject]
            make_old(store, int(row_id), from_name=name, from_email=email)


def _rows(env: SyncEnv) -> dict[str, tuple[str, str, int]]:
    with env.open() as store:
        return {s: (e, b, v) for s, e, b, v in store.conn.execute(
            "SELECT subject, from_email, body_state, header_version FROM messages")}


def test_rows_listed_from_headers_take_their_columns_from_the_body(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = sync_env
    env.server.append(env.user, "INBOX", QUOTED)
    env.server.append(env.user, "INBOX", COMMENT)
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    with monkeypatch.context() as listing_only:  # an old version listed them, then stopped
        listing_only.setattr(engine, "fill_bodies", lambda *args: None)
        report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    _make_old(env)
    assert {s: r[:2] for s, r in _rows(env).items()} == {
        "Invoice 4711": ("anna.huber@kunde.example", "none"),
        "Urgent transfer": ("ceo@yourco.com", "none")}
    assert _listed() == {s: e for s, (_, e) in OLD.items()}

    # no background re-derivation in this sync: the body pass alone must correct them
    report = sync_account(env.store_path, env.account, env.password, connections=0,
                          index=False)
    assert report.error is None, report.error
    assert _rows(env) == {s: (e, "full", HEADER_VERSION) for s, e in REAL.items()}
    assert _listed() == REAL
    found = _cli_json("search", "from:billing@kunde-invoices.example")["messages"]
    assert [m["subject"] for m in found] == ["Invoice 4711"]
    assert _cli_json("search", "from:ceo@yourco.com")["messages"] == []


def test_a_sync_rederives_old_rows_with_bodies_and_announces_them(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.append(env.user, "INBOX", QUOTED)
    env.server.append(env.user, "INBOX", COMMENT)
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    _make_old(env)
    assert _listed() == {s: e for s, (_, e) in OLD.items()}
    seen: list[events.FolderChanged] = []
    bus = events.EventBus()
    bus.subscribe(lambda e: seen.append(e) if isinstance(e, events.FolderChanged) else None)

    report = sync_account(env.store_path, env.account, env.password, connections=0, bus=bus)
    assert report.error is None, report.error
    assert _rows(env) == {s: (e, "full", HEADER_VERSION) for s, e in REAL.items()}
    with env.open() as store:
        ids = {int(i) for (i,) in store.conn.execute("SELECT id FROM messages")}
        shown = {m["subject"]: _cli_json("show", str(m["id"])) for m in
                 _cli_json("ls", "INBOX")["messages"]}
    assert {i for e in seen for i in e.updated} == ids
    assert {k: v["message"]["from"]["email"] for k, v in shown.items()} == REAL


def test_the_apps_sync_child_corrects_an_old_cache(sync_env: SyncEnv) -> None:
    """The desktop app syncs in a child process: the correction runs there and the parent's
    bus hears which rows changed."""
    from client.jobs.child import sync_in_child

    env = sync_env
    env.server.append(env.user, "INBOX", QUOTED)
    env.server.append(env.user, "INBOX", COMMENT)
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    _make_old(env)
    seen: list[events.FolderChanged] = []
    bus = events.EventBus()
    bus.subscribe(lambda e: seen.append(e) if isinstance(e, events.FolderChanged) else None)
    report, _after = sync_in_child(env.store_path, env.account, env.password, bus=bus,
                                   connections=0, after_sync=False)
    assert report.error is None, report.error
    assert _rows(env) == {s: (e, "full", HEADER_VERSION) for s, e in REAL.items()}
    with env.open() as store:
        ids = {int(i) for (i,) in store.conn.execute("SELECT id FROM messages")}
    assert {i for e in seen for i in e.updated} == ids


def test_the_cli_sync_corrects_an_old_cache(sync_env: SyncEnv) -> None:
    from client.profile import secrets

    env = sync_env
    env.server.append(env.user, "INBOX", QUOTED)
    env.server.append(env.user, "INBOX", COMMENT)
    secrets.set_password(env.user.email, env.password)
    assert _cli_json("sync")["accounts"][0]["ok"] is True
    _make_old(env)
    assert _listed() == {s: e for s, (_, e) in OLD.items()}
    (account,) = _cli_json("sync")["accounts"]
    assert account["ok"] is True and account["added"] == 0
    assert _listed() == REAL


@pytest.mark.timeout(300)
def test_rows_listed_by_this_version_hold_the_columns_of_the_whole_message(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Why a body arriving for a current-version row keeps the listed columns: over the local
    corpus, the header the server lists (BODY[HEADER]) gives exactly the columns of the whole
    message the body pass stores."""
    import re

    from client.store.derive import header_columns
    from tests.client.mime.corpus import corpus_files, split_messages
    from tests.servers.dovecot_mail import imap_quote

    env = sync_env
    raws = [raw for name, path in corpus_files() if not name.startswith("shared:")
            for _n, raw in split_messages(name, path.read_bytes())]
    appended = 0
    with env.server.imap_admin(env.user) as imap:
        for raw in raws:
            typ, data = imap.append(imap_quote("INBOX"), "()", None, raw)
            appended += bool(typ == "OK" and re.search(rb"APPENDUID", data[0] or b""))
    assert appended > 800
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    with monkeypatch.context() as listing_only:
        listing_only.setattr(engine, "fill_bodies", lambda *args: None)
        report = sync_account(env.store_path, env.account, env.password, connections=0,
                              index=False)
    assert report.error is None, report.error
    report = sync_account(env.store_path, env.account, env.password, connections=0,
                          index=False)
    assert report.error is None, report.error
    columns = ("subject", "subject_key", "from_name", "from_email", "to_json", "cc_json",
               "reply_to_json")
    with env.open() as store:
        rows = store.conn.execute(
            f"SELECT m.uid, {', '.join(columns)}, b.raw FROM messages m JOIN bodies b "
            "ON b.message_id = m.id WHERE m.body_state = 'full'").fetchall()
        assert len(rows) >= appended - 5  # a few may be over the cache cap
        differing = []
        for uid, *stored, raw in rows:
            whole = header_columns(bytes(raw))
            if tuple(stored) != tuple(getattr(whole, c) for c in columns):
                differing.append(uid)
        assert differing == []
