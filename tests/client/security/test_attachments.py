"""Risky attachment types as data: the list with its reasons, disguised names, and archives
holding a program or hiding their content behind a password."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from client.security import attachments as att


def test_every_type_has_a_reason_in_words() -> None:
    assert len({t.extension for t in att.RISKY_TYPES}) == len(att.RISKY_TYPES)
    for risky in att.RISKY_TYPES:
        assert risky.extension.startswith(".") and risky.extension == risky.extension.lower()
        assert att.REASONS[risky.reason]
    listed = att.risky_types_json()
    assert {"extension": ".exe", "reason": "program",
            "message": "a program: opening it runs it"} in listed
    assert {e["reason"] for e in listed} >= {"program", "script", "macro-document",
                                            "web-page", "disk-image", "shortcut", "installer"}


@pytest.mark.parametrize(("name", "code", "detail"), [
    ("setup.exe", "program", ".exe"), ("SETUP.EXE", "program", ".exe"),
    ("run.bat", "script", ".bat"), ("payload.js", "script", ".js"),
    ("order.lnk", "shortcut", ".lnk"), ("update.msi", "installer", ".msi"),
    ("prices.xlsm", "macro-document", ".xlsm"), ("letter.docm", "macro-document", ".docm"),
    ("invoice.html", "web-page", ".html"), ("logo.svg", "web-page", ".svg"),
    ("docs.iso", "disk-image", ".iso"),
    ("Invoice.pdf.exe", "double-extension", ".pdf.exe"),
    ("Payment Invoice.PDF.js", "double-extension", ".pdf.js"),
    ("scan.jpg.scr", "double-extension", ".jpg.scr"),
    ("invoice.pdf                                   .exe", "padded-name", ".exe"),
    ("setup.exe.", "program", ".exe"),  # Windows drops the trailing dot
    ("invoice\u202efdp.exe", "hidden-characters", "U+202E"),  # shows as "invoiceexe.pdf"
    ("report\u202ecod.pdf", "hidden-characters", "U+202E"),  # reversal alone disguises
    ("folder/evil.exe", "program", ".exe"),
])
def test_risky_names(name: str, code: str, detail: str) -> None:
    risk = att.assess(name)
    assert risk is not None and (risk.code, risk.detail) == (code, detail)
    assert att.is_risky(name) and risk.reason == att.REASONS[code]


@pytest.mark.parametrize("name", ["quote.pdf", "prices.xlsx", "photo.jpeg", "catalogue.zip",
                                  "notes.txt", "", "no-extension", "v1.2 price list.pdf",
                                  "\u200bquote.pdf"])
def test_harmless_names(name: str) -> None:
    assert att.assess(name) is None and not att.is_risky(name)


def _zip(*members: tuple[str, bytes], encrypted: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, data in members:
            archive.writestr(member, data)
    raw = bytearray(out.getvalue())
    if encrypted is not None:  # set the "encrypted" bit of that member in both headers
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (start := raw.find(signature, start)) >= 0:
                flags = int.from_bytes(raw[start + offset:start + offset + 2], "little")
                raw[start + offset:start + offset + 2] = (flags | 1).to_bytes(2, "little")
                start += 4
    return bytes(raw)


def test_archives_are_looked_inside() -> None:
    holding = _zip(("docs/readme.txt", b"hi"), ("docs/Invoice.pdf.exe", b"MZ"))
    risk = att.assess("documents.zip", holding)
    assert risk is not None and (risk.code, risk.detail) == ("risky-in-archive",
                                                             "docs/Invoice.pdf.exe")
    assert att.assess("documents.zip", _zip(("a.pdf", b"%PDF"), ("b/", b""))) is None
    locked = att.assess("documents.zip", _zip(("a.pdf", b"%PDF"), encrypted="a.pdf"))
    assert locked is not None and locked.code == "encrypted-archive"
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w:gz") as archive:
        info = tarfile.TarInfo("tools/install.sh")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"ls"))
    risk = att.assess("tools.tgz", tar.getvalue())
    assert risk is not None and risk.detail == "tools/install.sh"
    assert att.assess("broken.zip", b"PK\x03\x04 not really") is None  # never raises
    assert att.assess("catalogue.zip") is None  # without the bytes: the name alone
