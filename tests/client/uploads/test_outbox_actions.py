"""Cancel and Edit of an outbox message with link files, against the Nextcloud-style test
server: cancelling mid-upload stops the upload at its next part and removes the parts the
server holds; editing an `uploading` message gives a draft with the same text (no
placeholder) and the file as a "send as link" file, and revokes a link already made."""

from __future__ import annotations

from pathlib import Path

from client.compose.drafts import DraftFields, get_draft
from client.outgoing.links_step import queue_with_links
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.uploads import draft_links, outbox_actions
from client.uploads.engine import Progress, UploadEngine
from client.uploads.outgoing import advance
from tests.client.uploads.conftest import ACCOUNT, StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer


def _queue(store: Store, path: Path) -> int:
    account = store.get_account(ACCOUNT)
    assert account is not None
    queued = queue_with_links(store, account, DraftFields(
        sender=ACCOUNT, to="buyer@example.com", bcc="boss@example.test",
        subject="Factory video", text="Dear buyer,\nthe video is linked below.\n"), [str(path)])
    return queued.outbox_id


def _server_files(server: NextcloudServer) -> list[Path]:
    return [p for p in (server.dir / "data").rglob("*") if p.is_file()]


def test_cancel_mid_upload_stops_it_and_removes_the_servers_parts(
        store: Store, engine: UploadEngine, add_storage: StorageMaker,
        nextcloud_server: NextcloudServer, tmp_path: Path) -> None:
    add_storage("nextcloud")
    path = tmp_path / "factory video.bin"
    write_random(path, 50 * MiB)  # 4 chunks of 16 MiB
    item_id = _queue(store, path)
    before = list(_server_files(nextcloud_server))
    reports: list[outbox_actions.CancelReport] = []

    def cancel_after_first_part(progress: Progress) -> None:
        if not reports and progress.done >= 16 * MiB:
            assert any(p.name.isdigit() for p in _server_files(nextcloud_server))
            reports.append(outbox_actions.cancel(store, item_id))

    problems = advance(store, store.get_account(ACCOUNT).id, engine=engine,  # type: ignore[union-attr]
                       progress=cancel_after_first_part)
    assert [r.problems for r in reports] == [[]] and reports[0].uploads == 1
    assert problems == []  # the rep's own choice, not a problem
    assert nextcloud_server.counter.bytes_received < 50 * MiB
    assert Outbox(store).items() == []
    assert store.conn.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM upload_parts").fetchone()[0] == 0
    assert _server_files(nextcloud_server) == before  # no chunk, no file left behind


def test_edit_turns_an_uploading_message_into_a_draft_with_its_link_file(
        store: Store, engine: UploadEngine, add_storage: StorageMaker,
        nextcloud_server: NextcloudServer, tmp_path: Path) -> None:
    add_storage("nextcloud")
    path = tmp_path / "catalogue.bin"
    digest = write_random(path, 6 * MiB)
    item_id = _queue(store, path)
    [upload] = engine.pending_for_message(item_id)
    made = engine.run(upload.id)  # the link exists, the message still waits `uploading`
    assert download_sha(made.link.url) == (200, digest)

    draft_id = outbox_actions.edit_as_draft(store, item_id)
    draft = get_draft(store, draft_id)
    assert draft.fields.to == "buyer@example.com" and draft.fields.bcc == "boss@example.test"
    assert "the video is linked below" in (draft.fields.text or "")
    assert "TRADEWIND-LINK-BLOCK" not in (draft.fields.text or "") + (draft.fields.html or "")
    assert draft_links.load(store, draft_id).present == (path,)
    assert Outbox(store).items() == []
    assert download_sha(made.link.url)[0] == 404  # the unsent message's link stops working
    assert store.conn.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
