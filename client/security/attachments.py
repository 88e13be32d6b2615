"""Risky attachment types, as data with the reason (checklist B9, B10).

``RISKY_TYPES`` lists every extension that can run code when opened, each with a reason code
of ``REASONS``: programs, scripts, shortcuts, installers, documents with macros, web pages and
pictures that can hold script, disk images (they mount and can hold programs). On top of the
extension, ``assess(filename, data=None)`` finds names that hide their real type (a harmless
extension before a risky one, ``invoice.pdf.exe``; spaces padding the real extension out of
sight; bidi or invisible characters such as U+202E) and, given the bytes of a ZIP or tar
archive, a risky file inside it or an encrypted member nobody can check.

Pure, any thread, never raises on bad input (an unreadable archive is just not inspected).
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from client.i18n import N_

PROGRAM = "program"
SCRIPT = "script"
SHORTCUT = "shortcut"
INSTALLER = "installer"
MACRO_DOCUMENT = "macro-document"
ACTIVE_WEB_CONTENT = "web-page"
DISK_IMAGE = "disk-image"
DOUBLE_EXTENSION = "double-extension"
PADDED_NAME = "padded-name"
HIDDEN_CHARACTERS = "hidden-characters"
RISKY_IN_ARCHIVE = "risky-in-archive"
ENCRYPTED_ARCHIVE = "encrypted-archive"

#: English words for each reason (``client.i18n`` translates them where shown)
REASONS = {
    PROGRAM: N_("a program: opening it runs it"),
    SCRIPT: N_("a script: opening it runs commands on your computer"),
    SHORTCUT: N_("a shortcut or settings file that can start a program"),
    INSTALLER: N_("an installer: opening it installs software"),
    MACRO_DOCUMENT: N_("an Office document with macros, which can run code"),
    ACTIVE_WEB_CONTENT: N_("a web page or picture that can run script when opened"),
    DISK_IMAGE: N_("a disk image, which opens like a drive and can hold programs"),
    DOUBLE_EXTENSION: N_("a name that looks like a document but ends in a program's extension"),
    PADDED_NAME: N_("a name padded with spaces that push the real extension out of sight"),
    HIDDEN_CHARACTERS: N_("a name with invisible or text-direction characters that disguise "
                          "its real extension"),
    RISKY_IN_ARCHIVE: N_("an archive holding a file that can run code"),
    ENCRYPTED_ARCHIVE: N_("a password-protected archive, whose content cannot be checked"),
}


@dataclass(frozen=True)
class RiskyType:
    extension: str  # lower-case, with the dot
    reason: str  # a key of REASONS


def _types(reason: str, extensions: str) -> tuple[RiskyType, ...]:
    return tuple(RiskyType("." + ext, reason) for ext in extensions.split())


RISKY_TYPES: tuple[RiskyType, ...] = (
    *_types(PROGRAM, "exe com scr pif cpl dll app appimage jar msc gadget"),
    *_types(SCRIPT, "bat cmd js jse vbs vbe wsf wsh ps1 psm1 sh command py pyw"),
    *_types(SHORTCUT, "lnk url scf reg desktop inf"),
    *_types(INSTALLER, "msi msp msix appx pkg deb rpm"),
    *_types(MACRO_DOCUMENT, "docm dotm xlsm xltm xlam pptm potm ppsm sldm"),
    *_types(ACTIVE_WEB_CONTENT, "html htm xhtml mht mhtml svg hta"),
    *_types(DISK_IMAGE, "iso img vhd vhdx dmg"),
)
_REASON_BY_EXTENSION = {t.extension: t.reason for t in RISKY_TYPES}
#: extensions a disguised name shows first (what the rep expects to open)
_DECOYS = frozenset(
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .txt .rtf .csv .jpg .jpeg .png .gif .bmp .tif .tiff "
    ".zip .rar .7z .mp3 .mp4 .mov .wav .odt .ods".split())
_HIDDEN = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c"
                    "\u200d\u200e\u200f\u2060\ufeff\u061c")
#: names whose bytes ``assess`` looks inside (pass ``data`` for these)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".gz")
_ARCHIVES = frozenset(ARCHIVE_SUFFIXES)
MAX_ARCHIVE_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentRisk:
    """Why one attachment is risky: ``code`` (a key of ``REASONS``), ``detail`` (the
    extension, the hidden characters as U+XXXX, or the risky name inside the archive)."""

    filename: str
    code: str
    detail: str

    @property
    def reason(self) -> str:
        """The English words of ``code``."""
        return REASONS[self.code]


def extension_reason(filename: str) -> str | None:
    """The reason code of the name's last extension, else None."""
    suffix = PurePosixPath(_visible(filename).lower().rstrip(" .")).suffix
    return _REASON_BY_EXTENSION.get(suffix)


def is_risky(filename: str) -> bool:
    """True if opening ``filename`` could run a program or a script (by its name alone)."""
    return assess(filename) is not None


def _visible(name: str) -> str:
    return "".join(c for c in name.replace("\\", "/").rsplit("/", 1)[-1] if c not in _HIDDEN)


def assess(filename: str, data: bytes | None = None) -> AttachmentRisk | None:
    """The first risk found in the name, then (with ``data``) inside an archive; None when
    nothing is found."""
    name = filename or ""
    hidden = sorted({f"U+{ord(c):04X}" for c in name if c in _HIDDEN})
    visible = _visible(name).lower()
    reason = extension_reason(name)
    if hidden and (reason or any(c in "\u202d\u202e\u2066\u2067\u2068" for c in name)):
        return AttachmentRisk(name, HIDDEN_CHARACTERS, " ".join(hidden))
    if reason is not None:
        suffixes = PurePosixPath(visible.rstrip(" .")).suffixes
        stem = visible.rstrip(" .")[: -len(suffixes[-1])] if suffixes else visible
        if stem.endswith("   "):
            return AttachmentRisk(name, PADDED_NAME, suffixes[-1])
        if len(suffixes) >= 2 and suffixes[-2].strip() in _DECOYS:
            return AttachmentRisk(name, DOUBLE_EXTENSION, "".join(suffixes[-2:]))
        return AttachmentRisk(name, reason, suffixes[-1] if suffixes else "")
    if data is not None and PurePosixPath(visible).suffix in _ARCHIVES:
        return _inside_archive(name, data)
    return None


def _inside_archive(name: str, data: bytes) -> AttachmentRisk | None:
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = archive.infolist()[:MAX_ARCHIVE_MEMBERS]
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            return None
        for member in members:
            if member.flag_bits & 0x1:
                return AttachmentRisk(name, ENCRYPTED_ARCHIVE, member.filename[:200])
        return _first_risky(name, [m.filename for m in members])
    if len(data) > MAX_ARCHIVE_BYTES:
        return None
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            names = []
            for entry in archive:
                names.append(entry.name)
                if len(names) >= MAX_ARCHIVE_MEMBERS:
                    break
    except (tarfile.TarError, OSError, EOFError, ValueError):
        return None
    return _first_risky(name, names)


def _first_risky(name: str, members: list[str]) -> AttachmentRisk | None:
    for member in members:
        if not member.endswith("/") and assess(member) is not None:
            return AttachmentRisk(name, RISKY_IN_ARCHIVE, member[:200])
    return None


def risky_types_json() -> list[dict[str, str]]:
    """The list as ``tradewind security risky-types --json`` prints it."""
    return [{"extension": t.extension, "reason": t.reason, "message": REASONS[t.reason]}
            for t in RISKY_TYPES]
