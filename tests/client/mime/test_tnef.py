"""TNEF / winmail.dat contents are listed and extractable (M9).

The GPL tnef/ corpus is read from ../shared when present; otherwise those cases skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from client.mime import attachment_bytes, parse_message

from .corpus import gpl_folder, local, wrap_tnef

TNEF_DIR = gpl_folder("tnef")
TNEF_FILES = sorted(TNEF_DIR.glob("*.tnef")) if TNEF_DIR else []


def test_mimekit_rich_text_lists_its_attachments() -> None:
    raw = local("mimekit/tnef/rich-text.eml")
    message = parse_message(raw)
    from_tnef = [a for a in message.attachments if a.from_tnef]
    assert len(from_tnef) >= 1
    assert "kitten-playing-with-a-christmas-tree.jpg" in [a.filename for a in from_tnef]
    kitten = next(a for a in from_tnef if a.filename.startswith("kitten"))
    data = attachment_bytes(raw, kitten.part_id)
    assert data[:2] == b"\xff\xd8"  # a JPEG
    assert len(data) == kitten.size
    assert "winmail.dat" not in [a.filename.lower() for a in message.attachments]


def test_unreadable_winmail_dat_stays_available() -> None:
    raw = wrap_tnef(b"this is not TNEF at all")
    message = parse_message(raw)
    (winmail,) = message.attachments
    assert winmail.filename == "winmail.dat"
    assert not winmail.from_tnef
    assert attachment_bytes(raw, winmail.part_id) == b"this is not TNEF at all"
    assert any("winmail.dat could not be read" in warning for warning in message.warnings)


def _expected_names(tnef: Path) -> list[str]:
    listed = tnef.with_suffix(".list").read_text(encoding="utf-8").split("\n")
    return [name.strip() for name in listed if name.strip() and "-body." not in name]


@pytest.mark.skipif(
    not TNEF_FILES, reason="GPL tnef corpus not present in ../shared/corpus/mime/tnef"
)
@pytest.mark.timeout(10)
@pytest.mark.parametrize("tnef", TNEF_FILES, ids=[path.name for path in TNEF_FILES])
def test_gpl_tnef_files_list_the_expected_names(tnef: Path) -> None:
    raw = wrap_tnef(tnef.read_bytes())
    message = parse_message(raw)
    extracted = [a for a in message.attachments if a.from_tnef]
    names = [a.filename for a in extracted]
    for expected in _expected_names(tnef):
        assert expected in names
    for attachment in extracted:
        assert len(attachment_bytes(raw, attachment.part_id)) == attachment.size
    if not extracted:
        assert [a.filename for a in message.attachments] == ["winmail.dat"]


@pytest.mark.skipif(
    TNEF_DIR is None, reason="GPL tnef corpus not present in ../shared/corpus/mime/tnef"
)
def test_garbage_at_end_does_not_crash() -> None:
    assert TNEF_DIR is not None
    message = parse_message(wrap_tnef((TNEF_DIR / "garbage-at-end.tnef").read_bytes()))
    assert message.text == "see attached"


def test_gpl_tnef_cases_skip_with_a_reason_when_absent() -> None:
    if TNEF_DIR is None:
        assert TNEF_FILES == []
    else:
        assert len(TNEF_FILES) >= 10
