"""Field-by-field comparison of `client.mime` with Python's `email` package (policy.default).

`compare(name, raw)` returns the fields on which the two disagree, each with both values made
comparable (whitespace collapsed, domains lower-cased, line ends normalised). Used by
test_differential.py; `python -m tests.client.mime.differential` rewrites the expected file,
keeping the classification of disagreements already listed (new ones come out as "bug").
"""

from __future__ import annotations

import email
import hashlib
import json
import sys
from datetime import UTC
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from client.mime import parse_message

from .corpus import LOCAL_MIME, split_messages

EXPECTED = Path(__file__).with_name("differential_expected.json")
FIELDS = ("from", "to", "cc", "reply_to", "subject", "date", "message_id", "text", "has_html")


def local_messages() -> list[tuple[str, bytes]]:
    """Every message of the repository's own corpus copy (never the GPL folders)."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(p for p in LOCAL_MIME.rglob("*") if p.is_file()):
        found.extend(split_messages(str(path.relative_to(LOCAL_MIME)), path.read_bytes()))
    return found


def _shown(text: str) -> str:
    """The stdlib keeps undecodable bytes as lone surrogates; a display shows U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _collapse(text: str) -> str:
    return " ".join(_shown(text).split())


def _lower_domain(address: str) -> str:
    local, at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}" if at else address


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    lines = _shown(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def ours(raw: bytes) -> dict[str, Any]:
    message = parse_message(raw)
    h = message.headers

    def people(items: Any) -> list[list[str]]:
        return [[_collapse(a.name), a.email] for a in items]

    return {
        "from": people(h.from_), "to": people(h.to), "cc": people(h.cc),
        "reply_to": people(h.reply_to), "subject": _collapse(h.subject),
        "date": h.date.isoformat() if h.date else None, "message_id": h.message_id,
        "text": _text(message.text), "has_html": message.html is not None,
    }


def _guard(function: Any) -> Any:
    try:
        return function()
    except Exception as exc:  # noqa: BLE001 - a stdlib failure is a value to compare
        return f"<error {type(exc).__name__}>"


def stdlib(raw: bytes) -> dict[str, Any]:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)

    def people(name: str) -> Any:
        def get() -> list[list[str]]:
            found: list[list[str]] = []
            for header in message.get_all(name) or []:
                for address in header.addresses:
                    found.append([_collapse(address.display_name),
                                  _shown(_lower_domain(address.addr_spec))])
            return found
        return _guard(get)

    def date() -> str | None:
        header = message["date"]
        if header is None or header.datetime is None:
            return None
        value = header.datetime
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()

    def message_id() -> str | None:
        value = message["message-id"]
        if value is None:
            return None
        text = str(value).strip()
        if "<" in text and ">" in text:
            text = text[text.index("<") + 1 : text.index(">", text.index("<"))]
        return _shown(text.strip()) or None

    def text() -> str | None:
        body = message.get_body(preferencelist=("plain",))
        return _text(body.get_content()) if body is not None else None

    def has_html() -> bool:
        return message.get_body(preferencelist=("html",)) is not None

    def subject() -> str:
        value = message["subject"]
        return _collapse(str(value)) if value is not None else ""

    return {
        "from": people("from"), "to": people("to"), "cc": people("cc"),
        "reply_to": people("reply-to"), "subject": _guard(subject), "date": _guard(date),
        "message_id": _guard(message_id), "text": _guard(text), "has_html": _guard(has_html),
    }


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]


def compare(raw: bytes) -> dict[str, tuple[Any, Any]]:
    """{field: (ours, stdlib)} for every field on which the parsers disagree."""
    a, b = ours(raw), stdlib(raw)
    return {field: (a[field], b[field]) for field in FIELDS if a[field] != b[field]}


def disagreements() -> dict[str, dict[str, Any]]:
    """Every disagreement over the local corpus, keyed "message|field"."""
    found: dict[str, dict[str, Any]] = {}
    for name, raw in local_messages():
        for field, (mine, theirs) in compare(raw).items():
            found[f"{name}|{field}"] = {"ours": mine, "stdlib": theirs}
    return found


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def main() -> None:
    """Rewrite EXPECTED from the current run, keeping known classifications."""
    old = json.loads(EXPECTED.read_text("utf-8")) if EXPECTED.exists() else {}
    known = old.get("disagreements", {})
    entries: dict[str, dict[str, str]] = {}
    for key, values in sorted(disagreements().items()):
        previous = known.get(key, {})
        entries[key] = {
            "class": previous.get("class", "bug"),
            "reason": previous.get("reason", "unclassified"),
            "digest": digest([values["ours"], values["stdlib"]]),
            "ours": _short(values["ours"]),
            "stdlib": _short(values["stdlib"]),
        }
    document = {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "disagreements": entries,
    }
    EXPECTED.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
