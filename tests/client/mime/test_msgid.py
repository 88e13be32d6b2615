"""One Message-ID normaliser (issue 10): the parser, the store's threading, the replay's check
of the server's Message-ID and the composer's In-Reply-To give the same id for the same header,
on the corpus's Message-IDs written with brackets, spaces, comments and header-name case."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import client.store.derive as derive
from client.compose import build
from client.mime import parse_headers
from client.mime.msgid import msgid_list, normalize_msgid
from client.ops.replay import _Replayer
from client.store import FolderRecord, IncomingMessage, Store

from .corpus import corpus_files, local

_HEADER_ID = re.compile(rb"(?im)^message-id:[ \t]*<([!-;=?-~]{1,200})>[ \t]*\r?$")


def _corpus_ids() -> list[str]:
    found: dict[str, None] = {}
    for _name, path in corpus_files():
        match = _HEADER_ID.search(path.read_bytes()[:65536])
        if match:
            found[match.group(1).decode("ascii")] = None
    return list(found)


IDS = _corpus_ids()


def _variants(mid: str) -> list[str]:
    """The same id as mailers write it: brackets or not, outer and folded space, comments."""
    return [
        f"<{mid}>", mid, f"  <{mid}>  ", f"<{mid}> (sent by Foxmail)",
        f"(comment (nested)) <{mid}>", f"<{mid[: len(mid) // 2]}\r\n {mid[len(mid) // 2:]}>",
        f"<{mid}>\t",
    ]


class _Server:
    """What the replay asks the IMAP session: the raw Message-ID header line by UID."""

    def __init__(self, header: bytes) -> None:
        self.header = header

    def fetch_message_ids(self, uid_set: str) -> dict[int, bytes]:
        return {1: self.header}


def test_the_corpus_has_message_ids_of_many_shapes() -> None:
    assert len(IDS) > 200
    assert any("$" in mid for mid in IDS) and any("[" in mid for mid in IDS)
    assert any(mid != mid.lower() for mid in IDS)


def test_there_is_one_normaliser() -> None:
    assert derive.normalize_msgid is normalize_msgid
    assert derive.msgid_list is msgid_list


def test_every_path_reads_each_corpus_id_the_same(tmp_path: Path) -> None:
    replayer: Any = _Replayer.__new__(_Replayer)
    for mid in IDS:
        for written in _variants(mid):
            for name in ("Message-ID", "MESSAGE-ID", "message-id"):
                header = f"{name}: {written}\r\nIn-Reply-To: {written}\r\n".encode()
                parsed = parse_headers(header + b"\r\n")
                assert (parsed.message_id, parsed.in_reply_to) == (mid, mid), (mid, written)
                assert derive.header_columns(header + b"\r\n").message_id == mid
                replayer.session = _Server(f"{name}: {written}\r\n\r\n".encode())
                assert replayer.server_ids([1]) == {1: mid}
            assert build._msg_id(written) == mid
            assert normalize_msgid(normalize_msgid(written)) == mid  # idempotent


def test_case_is_kept_alike_everywhere() -> None:
    for mid in [m for m in IDS if m != m.upper()][:50]:
        upper = mid.upper()
        assert parse_headers(f"Message-ID: <{upper}>\r\n\r\n".encode()).message_id == upper
        assert build._msg_id(f"<{upper}>") == upper


@pytest.mark.parametrize("index", range(0, 7))
def test_replies_naming_a_corpus_id_in_any_form_join_its_thread(tmp_path: Path,
                                                               index: int) -> None:
    ids = IDS[:120]
    with Store.open(tmp_path / "cache.db") as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        batch = []
        for n, mid in enumerate(ids):
            written = _variants(mid)[index]
            batch.append(IncomingMessage(uid=2 * n + 1, raw=(
                f"Message-ID: <{mid}>\r\nSubject: offer {n}\r\n\r\nbody\r\n").encode()))
            batch.append(IncomingMessage(uid=2 * n + 2, raw=(
                f"Message-ID: <reply-{n}@tradewind.example>\r\nSubject: Re: other {n}\r\n"
                f"In-Reply-To: {written}\r\nReferences: (old) {written}\r\n\r\nbody\r\n"
            ).encode()))
        store.insert_messages(inbox.id, batch, 2 * len(ids))
        rows = {row.uid: row for row in store.list_messages(inbox.id, limit=1000)}
    for n, mid in enumerate(ids):
        original, reply = rows[2 * n + 1], rows[2 * n + 2]
        assert original.message_id == mid
        assert reply.thread_id == original.thread_id, (mid, _variants(mid)[index])


def test_references_keep_order_once_each_and_the_last_500() -> None:
    refs = " ".join(f"<r{n}@x> (c)" for n in range(600)) + " <r599@x>"
    listed = msgid_list(refs)
    assert len(listed) == 500 and listed[0] == "r100@x" and listed[-1] == "r599@x"
    assert msgid_list(["<a@x>", "b@x", "<a@x> <c@x>"]) == ("a@x", "b@x", "c@x")
    assert normalize_msgid("") is None and normalize_msgid("(only a comment) <>") is None


def test_two_message_ids_the_first_counts_everywhere() -> None:
    """Checklist M7 (thunderbird/message-window/evil.eml holds two Message-ID headers): the
    parser, the store's columns and the replay's server check all take the first."""
    raw = local("thunderbird/message-window/evil.eml")
    first = "11111111-bdfd-ca83-6479-3427940164a8@invalid"
    assert "multiple Message-ID headers" in parse_headers(raw).warnings
    assert parse_headers(raw).message_id == first
    assert derive.header_columns(raw).message_id == first
    replayer: Any = _Replayer.__new__(_Replayer)
    replayer.session = _Server(raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0] + b"\r\n\r\n")
    assert replayer.server_ids([1]) == {1: first}
