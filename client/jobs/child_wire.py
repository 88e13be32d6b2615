"""The line protocol between the app and a sync child process (``client.jobs.child``).

The parent writes one JSON request line to the child's stdin (it carries the password, so it
never appears in argv, the environment or a file), then optionally the line ``cancel``. The
child writes one JSON object per line to stdout: ``{"event": ...}`` for each core event and
finally ``{"result": ...}`` with the ``SyncReport`` and the ``AfterSyncReport``. Pure
functions, any thread; ``decode_*`` raise ``ValueError`` on a line that does not fit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from client import events
from client.calendar.received import ReceivedItem, ReceivedReport
from client.jobs.after_sync import AfterSyncReport
from client.smtp.sender import FlushReport
from client.sync.engine import SyncReport
from client.sync.folder_sync import FolderReport

CANCEL_LINE = "cancel"


@dataclass(frozen=True)
class ChildRequest:
    """One job for the child: sync ``account_id`` of the store at ``store_path``, then (when
    ``after_sync`` and the server answered) flush the outbox and push drafts. ``language``:
    the parent's (``client.i18n``), so the child's messages reach the rep in the UI's
    language."""

    store_path: str
    account_id: int
    password: str
    folders: tuple[str, ...] | None = None
    attachment_cap: int | None = None
    connections: int | None = None
    index: bool = True
    after_sync: bool = True
    language: str = "en"

    def __repr__(self) -> str:  # never show the password in a log or traceback
        return f"ChildRequest(account_id={self.account_id}, folders={self.folders!r})"


def encode_request(request: ChildRequest) -> str:
    data = asdict(request)
    data["folders"] = list(request.folders) if request.folders is not None else None
    return json.dumps(data) + "\n"


def decode_request(line: str) -> ChildRequest:
    data = _object(line)
    try:
        folders = data.get("folders")
        return ChildRequest(
            store_path=str(data["store_path"]), account_id=int(data["account_id"]),
            password=str(data["password"]),
            folders=tuple(str(f) for f in folders) if folders is not None else None,
            attachment_cap=_optional_int(data.get("attachment_cap")),
            connections=_optional_int(data.get("connections")),
            index=bool(data.get("index", True)), after_sync=bool(data.get("after_sync", True)),
            language=str(data.get("language") or "en"),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a sync request: {exc}") from None


_EVENT_TYPES: dict[str, type[Any]] = {
    "folder-changed": events.FolderChanged,
    "progress": events.SyncProgress,
    "status": events.AccountStatus,
}
_EVENT_NAMES = {kind: name for name, kind in _EVENT_TYPES.items()}


def encode_event(event: events.Event) -> str:
    return json.dumps({"event": _EVENT_NAMES[type(event)], "data": asdict(event)}) + "\n"


def encode_result(report: SyncReport, after: AfterSyncReport | None) -> str:
    after_data = None
    if after is not None:
        after_data = {"flush": asdict(after.flush), "problems": list(after.problems),
                      "drafts_pushed": list(after.drafts_pushed),
                      "calendar": after.calendar.as_json()}
    return json.dumps({"result": {"report": asdict(report), "after": after_data}}) + "\n"


def decode_line(line: str) -> events.Event | tuple[SyncReport, AfterSyncReport | None]:
    """An event, or the final ``(SyncReport, AfterSyncReport | None)``."""
    data = _object(line)
    try:
        if "event" in data:
            kind = _EVENT_TYPES[str(data["event"])]
            fields = dict(data["data"])
            for name in ("added", "updated", "removed"):
                if name in fields:
                    fields[name] = tuple(int(i) for i in fields[name])
            return kind(**fields)
        result = data["result"]
        return _report(result["report"]), _after(result.get("after"))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a sync child line: {exc}") from None


def _report(data: dict[str, Any]) -> SyncReport:
    fields = dict(data)
    fields["folders"] = [_folder(f) for f in fields.get("folders", [])]
    fields["created_folders"] = tuple(fields.get("created_folders", ()))
    fields["renamed_folders"] = tuple(tuple(pair) for pair in fields.get("renamed_folders", ()))
    fields["removed_folders"] = tuple(fields.get("removed_folders", ()))
    return SyncReport(**fields)


def _folder(data: dict[str, Any]) -> FolderReport:
    fields = dict(data)  # JSON turned the int keys of ``unreadable`` into strings
    fields["unreadable"] = {int(uid): str(why) for uid, why in fields.get("unreadable", {}).items()}
    return FolderReport(**fields)


def _after(data: dict[str, Any] | None) -> AfterSyncReport | None:
    if data is None:
        return None
    flush = dict(data["flush"])
    for name in ("failed", "uncertain"):  # JSON turned the int keys into strings
        flush[name] = {int(k): str(v) for k, v in flush.get(name, {}).items()}
    calendar = data.get("calendar") or {}
    return AfterSyncReport(FlushReport(**flush), [str(p) for p in data.get("problems", [])],
                           [int(i) for i in data.get("drafts_pushed", [])],
                           ReceivedReport([_item(i) for i in calendar.get("applied", [])],
                                          [_item(i) for i in calendar.get("shown", [])]))


def _item(data: dict[str, Any]) -> ReceivedItem:
    return ReceivedItem(int(data["message"]), str(data["method"]), str(data["uid"]),
                        str(data["summary"]), str(data["reason"]))


def _object(line: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]
