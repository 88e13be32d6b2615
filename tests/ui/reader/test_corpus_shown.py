"""Every message of the MIME corpus is stored, indexed and shown (by `tradewind show` and by the
reader's content builder) without an exception escaping (issue 2; checklist M1)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from client.cli.main import main
from client.profile.paths import DATABASE_NAME
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.mime.corpus import corpus_messages
from ui.reader.content import load_reader_content


def test_every_corpus_message_is_stored_indexed_and_shown(profile_dir: Path) -> None:
    messages = corpus_messages()
    db = profile_dir / DATABASE_NAME
    with Store.open(db) as store:
        account = store.add_account("rep@example.test")
        folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        for start in range(0, len(messages), 200):
            batch = [IncomingMessage(uid=start + i + 1, raw=raw)
                     for i, (_name, raw) in enumerate(messages[start:start + 200])]
            store.insert_messages(folder.id, batch, watermark_uid=start + len(batch))
        while store.index_pending(500):
            pass
        ids = store.message_ids(folder.id)
        assert len(ids) == len(messages)
    failures = []
    for row_id in ids:
        out, err = io.StringIO(), io.StringIO()
        code = main(["show", str(row_id), "--json"], stdout=out, stderr=err)
        if code != 0:
            failures.append((row_id, err.getvalue()))
            continue
        document = json.loads(out.getvalue())
        assert document["message"]["id"] == row_id
        content = load_reader_content(db, row_id)
        assert content.row.id == row_id
    assert failures == []
