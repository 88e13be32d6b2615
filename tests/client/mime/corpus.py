"""Where the MIME test corpus lives and how its files become messages.

The non-GPL corpus is copied under tests/data/corpus/mime; the GPL folders (tnef/, roundcube/)
are read from ../shared/corpus/mime next to the repository only when present.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
LOCAL_MIME = REPO_ROOT / "tests" / "data" / "corpus" / "mime"
SHARED_MIME = REPO_ROOT.parent / "shared" / "corpus" / "mime"
GPL_FOLDERS = ("tnef", "roundcube")
_MBOX_SPLIT = re.compile(rb"(?m)^(?=From )")


def local(relative: str) -> bytes:
    return (LOCAL_MIME / relative).read_bytes()


def gpl_folder(name: str) -> Path | None:
    folder = SHARED_MIME / name
    return folder if folder.is_dir() else None


def corpus_files() -> list[tuple[str, Path]]:
    """(id, path) of every local corpus file plus the GPL folders when present."""
    found = [
        (str(path.relative_to(LOCAL_MIME)), path)
        for path in LOCAL_MIME.rglob("*")
        if path.is_file()
    ]
    for name in GPL_FOLDERS:
        folder = gpl_folder(name)
        if folder is not None:
            found += [
                (f"shared:{path.relative_to(SHARED_MIME)}", path)
                for path in folder.rglob("*")
                if path.is_file()
            ]
    return sorted(found)


def split_messages(name: str, raw: bytes) -> list[tuple[str, bytes]]:
    """An .mbox file split at its "From " lines; any other file is one message."""
    if not name.endswith(".mbox"):
        return [(name, raw)]
    chunks = [chunk for chunk in _MBOX_SPLIT.split(raw) if chunk.strip()]
    return [(f"{name}[{index}]", chunk) for index, chunk in enumerate(chunks)]


def corpus_messages() -> list[tuple[str, bytes]]:
    messages: list[tuple[str, bytes]] = []
    for name, path in corpus_files():
        messages.extend(split_messages(name, path.read_bytes()))
    return messages


def wrap_tnef(tnef: bytes, filename: str = "winmail.dat") -> bytes:
    """A minimal Outlook-style message carrying `tnef` as application/ms-tnef."""
    import base64

    body = base64.encodebytes(tnef)
    return (
        b"From: Sender <sender@example.com>\r\nTo: rep@example.com\r\nSubject: tnef\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nsee attached\r\n"
        b'--b1\r\nContent-Type: application/ms-tnef; name="' + filename.encode() + b'"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + body + b"--b1--\r\n"
    )
