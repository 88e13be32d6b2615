"""Big files of an outgoing message sent as links through the outbox (issue 14, second piece).

Contract (the caller's Store and thread; blocks on disk and network; never the GUI thread):
- `threshold_bytes(store, override_mb=)`: the size above which a file goes as a link (the
  setting `links.threshold_mb`, default 10 MB); `linked_indexes(sizes, threshold=,
  server_limit=)` also links the largest files while the message would exceed the server's
  SIZE limit (`server_size_limit`: the last EHLO's, recorded by `client.smtp.sender`).
- Queueing such a message is the outgoing pipeline's links step
  (`client.outgoing.links_step.queue_with_links`): the message waits `uploading` with a
  placeholder (`MARK` + its token) where the link block goes and its `LinkPlan` as JSON.
- `advance(store, account_id, engine=)`: for each `uploading` message, runs its unfinished
  uploads; when all have a link, rebuilds the body with the link block and moves it to
  `queued` atomically (`Outbox.finish_uploads`). A failed upload keeps the message
  `uploading` with the reason in words (`last_error`); an upload's error never escapes.
  Idempotent: a second call finds nothing left to do; a process killed at any point leaves
  the message `uploading` (uploads resume, links are reused) or `queued`, never sent twice.
  Crash point `outbox.links-ready`: links all there, body rebuilt, not yet queued.
- `upload_progress(store, item)`: `[{file, done, total, state}]` per file (the CLI's shape).
"""

from __future__ import annotations

import email
import json
import logging
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from client import crashpoints
from client.i18n import _
from client.uploads import records, share_password
from client.uploads.block import render_html, render_text
from client.uploads.config import StorageConfigError
from client.uploads.links import LinkBlock, LinkNotFound, link_block
from client.uploads.provider import UploadError

if TYPE_CHECKING:
    from client.compose.drafts import DraftFields
    from client.smtp.outbox import OutboxItem
    from client.store.db import Store
    from client.uploads.engine import ProgressCallback, UploadEngine

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD_MB = 10.0
SETTING = "links.threshold_mb"
HEADING_SETTING = "links.heading"  # {language: the rep's first line of the link block}
MB = 1024 * 1024
MARK = "TRADEWIND-LINK-BLOCK-"


def threshold_bytes(store: Store, override_mb: float | None = None) -> int:
    """The link threshold in bytes: `override_mb`, else the setting, else 10 MB."""
    from client.settings import read

    mb = float(override_mb if override_mb is not None else read(store, SETTING))
    return int(max(mb, 0.0) * MB)


def goes_as_link(size: int, message_total: int, *, threshold: int,
                 server_limit: int | None = None) -> bool:
    """A file over the threshold, or one whose message (base64 grows it by a third) would be
    over the server's SIZE limit, goes as a link."""
    if size > threshold:
        return True
    return bool(server_limit) and message_total * 4 // 3 > int(server_limit or 0)


def linked_indexes(sizes: list[int], *, threshold: int,
                   server_limit: int | None = None) -> set[int]:
    """Which files (by index) go as links: those over the threshold, then the largest others
    until the rest fits the server's SIZE limit once base64-encoded."""
    linked = {i for i, size in enumerate(sizes) if size > threshold}
    rest = sorted((i for i in range(len(sizes)) if i not in linked), key=lambda i: -sizes[i])
    while rest and goes_as_link(0, sum(sizes[i] for i in rest), threshold=threshold,
                                server_limit=server_limit):
        linked.add(rest.pop(0))
    return linked


def server_size_limit(store: Store, account_id: int) -> int | None:
    """The SIZE the account's server announced in its last EHLO, when recorded."""
    value = store.get_setting(f"smtp.size_limit.{account_id}")
    return int(value) if isinstance(value, int | float) and value > 0 else None


@dataclass(frozen=True)
class LinkPlan:
    """`password`: None, or where the link password goes ("separate": the block says it is
    sent separately; "body": the block shows it), the password itself in the keyring
    (`share_password`); `expiry_days`: the company policy's, replacing the storage's."""

    token: str
    language: str
    uploads: list[int]
    password: str | None = None
    expiry_days: int | None = None

    def to_json(self) -> str:
        doc: dict[str, object] = {"token": self.token, "language": self.language,
                                  "uploads": self.uploads}
        if self.password:
            doc["password"] = self.password
        if self.expiry_days:
            doc["expiry_days"] = self.expiry_days
        return json.dumps(doc)


def _plan(item: OutboxItem) -> LinkPlan | None:
    if not item.link_files:
        return None
    doc: dict[str, Any] = json.loads(item.link_files)
    if "token" not in doc:
        return None
    expiry = doc.get("expiry_days")
    return LinkPlan(str(doc["token"]), str(doc.get("language") or "en"),
                    [int(u) for u in doc.get("uploads", [])],
                    str(doc["password"]) if doc.get("password") else None,
                    int(expiry) if isinstance(expiry, int) else None)


def plan_of(item: OutboxItem) -> LinkPlan | None:
    """The link plan of an outbox message (None: it has no link files)."""
    return _plan(item)


def recipient_addresses(fields: DraftFields) -> list[str]:
    """Every To/Cc/Bcc address of the fields (ASCII form); raises `ComposeError`."""
    from client.compose.headers import parse_recipients

    found = []
    for value, name in ((fields.to, "To"), (fields.cc, "Cc"), (fields.bcc, "Bcc")):
        if value.strip():
            found += [p.ascii_email for p in parse_recipients(value, name)]
    return found


def heading_for(store: Store, language: str) -> str | None:
    """The rep's own first line of the link block for `language` (None: the built-in one)."""
    from client.settings import read

    value = read(store, HEADING_SETTING)
    key = "zh_CN" if language.replace("-", "_").lower().startswith("zh") else "en"
    text = value.get(key)
    return str(text) if isinstance(text, str) and text.strip() else None


def rebuild(raw: bytes, marker: str, blocks: list[LinkBlock], language: str,
            heading: str | None = None, password: str | None = None) -> bytes:
    """The message with its placeholder replaced by the link block in every text part
    (`password`: shown in the block, for a rep who chose to put it in the message)."""
    from client.compose.build import to_bytes

    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    text = render_text(blocks, language, heading, password)
    rich = render_html(blocks, language, heading, password)
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        assert isinstance(part, EmailMessage)
        body = part.get_content()
        if marker not in body:
            continue
        if kind == "text/html":
            body = body.replace(f"<div>{marker}</div>", rich).replace(marker, rich)
            part.set_content(body, subtype="html", charset="utf-8", cte="base64")
        else:
            part.set_content(body.replace(marker, text), charset="utf-8", cte="base64")
    return to_bytes(msg)


def advance(store: Store, account_id: int, *, engine: UploadEngine | None = None,
            progress: ProgressCallback | None = None) -> list[str]:
    """Run the uploads of the account's `uploading` messages; queue those whose links are all
    there. Returns the problems in words (also each message's `last_error`). `progress` gets
    the engine's `Progress` (bytes, speed, time left) on this thread, per part."""
    from client.smtp.outbox import Outbox
    from client.uploads.engine import UploadEngine, UploadNotFound

    box = Outbox(store)
    engine = engine or UploadEngine(store)
    problems: list[str] = []
    for item in box.in_state(account_id, "uploading"):
        plan = _plan(item)
        if plan is None or item.claim_token is not None:
            continue
        reasons = []
        password = None
        if plan.password:
            password, reason = _password_of(plan)
            if reason:
                reasons.append(reason)
        cancelled = False
        for upload_id in plan.uploads if not reasons else ():
            try:
                record = engine.get(upload_id)
                if record.state == "shared":
                    continue
                engine.run(upload_id, progress=progress, password=password,
                           expiry_days=plan.expiry_days)
            except UploadNotFound:  # the rep cancelled the message meanwhile
                cancelled = True
                break
            except (UploadError, StorageConfigError) as exc:  # words without a secret
                reasons.append(f"{record.file_name}: {exc}")
            except Exception as exc:  # noqa: BLE001 - e.g. the keyring failed: named, never its text
                log.warning("upload %s: %s", upload_id, type(exc).__name__)
                reasons.append(_("{name}: an unexpected error ({error})",
                                 name=record.file_name, error=type(exc).__name__))
        if cancelled:
            log.info("outbox %s was cancelled while its files uploaded", item.id)
            continue
        if not reasons:
            try:
                blocks = [link_block(store, upload_id) for upload_id in plan.uploads]
            except LinkNotFound as exc:
                reasons.append(str(exc))
        if reasons:
            words = _("Not sent yet; the upload failed (retry with `tradewind outbox retry "
                      "{id}`): {reasons}", id=item.id, reasons="; ".join(reasons))
            box.note_upload_problem(item.id, words)
            problems.append(_("Message {id}: {problem}", id=item.id, problem=words))
            continue
        raw = rebuild(box.raw(item.id), MARK + plan.token, blocks, plan.language,
                      heading_for(store, plan.language),
                      password if plan.password == "body" else None)
        crashpoints.hit("outbox.links-ready")
        if not box.finish_uploads(box.get(item.id), raw):
            log.info("outbox %s changed while its links were put in; left for next time",
                     item.id)
        elif plan.password:
            share_password.forget(plan.token)
    return problems


def _password_of(plan: LinkPlan) -> tuple[str | None, str | None]:
    """(the message's link password, None) or (None, why it cannot be had, in words)."""
    from client.profile.secrets import SecretsError

    try:
        found = share_password.recall(plan.token)
    except SecretsError as exc:
        return None, str(exc)
    if not found:
        return None, ("the link password is no longer in the keyring; discard the message "
                      "and send it again with a new password")
    return found, None


def upload_progress(store: Store, item: OutboxItem) -> list[dict[str, object]]:
    """Bytes done of total per file of an outbox message with link files."""
    plan = _plan(item)
    if plan is None:
        return []
    out: list[dict[str, object]] = []
    for upload_id in plan.uploads:
        record = records.get_upload(store, upload_id)
        if record is None:
            continue
        if record.state in ("uploaded", "shared"):
            done = record.size
        else:
            row = store.conn.execute(
                "SELECT coalesce(sum(size), 0) FROM upload_parts WHERE upload_id = ?",
                (upload_id,)).fetchone()
            done = int(row[0])
        out.append({"file": record.file_name, "done": done, "total": record.size,
                    "state": record.state})
    return out
