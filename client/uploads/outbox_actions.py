"""The rep's actions on an outbox message with link files (issue 14; the app's Outbox view).

- `cancel(store, item_id) -> CancelReport`: the message leaves the outbox first (so it can
  never be sent), then each of its uploads is stopped and cleaned up on the storage: an
  unfinished session is aborted (Nextcloud's upload folder, the S3 multipart parts), a
  finished file is deleted, a link already made is revoked; then the upload records go. An
  upload running elsewhere (another thread or process) sees its record gone at its next part
  and stops (`engine.UploadCancelled`). Storage problems are returned in words
  (`CancelReport.problems`), the message is gone either way.
- `edit_as_draft(store, item_id) -> int`: a waiting, failed or uncertain message, or one still
  `uploading`, goes back to the drafts (its Bcc from the envelope; its link files as the
  draft's "send as link" files, `draft_links`), committed before the message is cancelled.
- `send_now(store, item_id)`: make it due now (`Outbox.retry`; an `uploading` one has its
  reason cleared so its uploads run again at the next flush).
The caller's Store and thread; blocks on the network (cancel); a worker thread in the app.
Raises `OutboxError` (being sent now, no such message) in words.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from client.i18n import _
from client.uploads import draft_links, records
from client.uploads.outgoing import MARK, plan_of

if TYPE_CHECKING:
    from client.store.db import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CancelReport:
    item_id: int
    uploads: int = 0
    problems: list[str] = field(default_factory=list)


def _clean_uploads(store: Store, upload_ids: list[int]) -> list[str]:
    """Abort, delete or revoke each upload on its storage, then forget it (see the module)."""
    from client.uploads.config import get_storage, open_provider
    from client.uploads.links import revoke
    from client.uploads.provider import Session, UploadError

    problems: list[str] = []
    for upload_id in upload_ids:
        record = records.get_upload(store, upload_id)
        if record is None:
            continue
        try:
            for link in records.links_where(store, "upload_id = ? AND state = 'active'",
                                            (upload_id,)):
                revoke(store, link.id)
            provider = open_provider(get_storage(store, record.storage_id))
            if record.session_json:
                provider.abort(Session(**json.loads(record.session_json)))
            if record.remote_path:
                provider.delete(record.remote_path)
        except (UploadError, ValueError) as exc:
            problems.append(f"{record.file_name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - the keyring failed: named, never its text
            log.warning("cleaning upload %s: %s", upload_id, type(exc).__name__)
            problems.append(f"{record.file_name}: the storage could not be cleaned up "
                            f"({type(exc).__name__})")
        with store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM uploads WHERE id = ?", (upload_id,))
    return problems


def cancel(store: Store, item_id: int) -> CancelReport:
    """See the module."""
    from client.smtp.outbox import Outbox

    box = Outbox(store)
    item = box.get(item_id)
    plan = plan_of(item)
    box.discard(item_id)  # OutboxError while it is being sent: then nothing is touched
    if plan is None:
        return CancelReport(item_id)
    if plan.password:
        from client.uploads import share_password

        share_password.forget(plan.token)
    return CancelReport(item_id, len(plan.uploads), _clean_uploads(store, plan.uploads))


def _without_placeholder(text: str | None, marker: str) -> str | None:
    if text is None:
        return None
    return text.replace(f"<div>{marker}</div>", "").replace(marker, "").rstrip() + "\n"


def edit_as_draft(store: Store, item_id: int) -> int:
    """See the module; returns the new draft's id."""
    from client.compose.drafts import draft_from_message, save_draft
    from client.compose.headers import parse_recipients
    from client.smtp.outbox import Outbox, OutboxError

    box = Outbox(store)
    item = box.get(item_id)
    if item.state not in ("queued", "scheduled", "failed", "uncertain", "uploading") \
            or item.claim_is_live():
        raise OutboxError(_("Message {id} is {state} and can no longer be edited.", id=item_id,
                            state=item.state))
    fields = draft_from_message(box.raw(item_id), item.sender)
    visible = {p.ascii_email for f in (fields.to, fields.cc) if f.strip()
               for p in parse_recipients(f)}
    hidden = [r for r in item.recipients if r not in visible]  # Bcc lives only in the envelope
    if hidden:
        fields = replace(fields, bcc=", ".join(hidden))
    plan = plan_of(item)
    paths: list[Path] = []
    if plan is not None:
        marker = MARK + plan.token
        fields = replace(fields, text=_without_placeholder(fields.text, marker),
                         html=_without_placeholder(fields.html, marker))
        paths = [Path(r.path) for r in (records.get_upload(store, u) for u in plan.uploads)
                 if r is not None]
    draft_id = save_draft(store, item.account_id, fields)
    draft_links.save(store, draft_id, paths)
    cancel(store, item_id)
    return draft_id


def send_now(store: Store, item_id: int) -> None:
    """See the module."""
    from client.smtp.outbox import Outbox

    Outbox(store).retry(item_id)
