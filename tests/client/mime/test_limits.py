"""Parser limits that trade work for speed without changing what is shown."""

from __future__ import annotations


def test_index_mode_lists_attachments_without_decoding_them() -> None:
    """decode_attachments=False (search indexing): same names and bodies, estimated sizes."""
    import base64
    from dataclasses import replace

    from client.mime import DEFAULT_LIMITS, parse_message

    payload = bytes(range(256)) * 400
    raw = (
        b"Subject: spec\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee the spec sheet\r\n"
        b"--B\r\nContent-Type: application/pdf; name=spec.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(payload) + b"--B--\r\n"
    )
    full = parse_message(raw)
    quick = parse_message(raw, replace(DEFAULT_LIMITS, decode_attachments=False))
    assert quick.text == full.text and quick.html == full.html
    assert [a.filename for a in quick.attachments] == [a.filename for a in full.attachments]
    assert full.attachments[0].size == len(payload)
    assert abs(quick.attachments[0].size - len(payload)) < len(payload) // 50
