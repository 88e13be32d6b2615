"""Full parse of a raw message: `parse_message` and `attachment_bytes`.

Safe from any thread. `parse_message` never raises; each part is handled inside its own
guard, so one broken part costs a warning, not the message (checklist M1).
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import replace

from .bodies import BodyCollector
from .charsets import decode_guess
from .filenames import safe_filename
from .header_block import split_header_block
from .headers import empty_headers, headers_from_block, parse_headers
from .model import DEFAULT_LIMITS, Attachment, Limits, ParsedMessage
from .structure import Part, Tree, build_tree
from .tnef import extract_tnef, is_tnef
from .transfer import decode_transfer

_MESSAGE_TYPES = ("message/rfc822", "message/global")
_TNEF_ID = re.compile(r"^(.+)#(\d+)$")


def parse_message(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedMessage:
    """Headers, text/HTML bodies and the attachment list of a raw message; never raises."""
    try:
        return _parse(raw, limits)
    except Exception as exc:  # noqa: BLE001 - last line of defence (M1)
        return unparsed(raw, limits, exc)


def unparsed(raw: bytes, limits: Limits, exc: Exception) -> ParsedMessage:
    """What a parser bug leaves of a message: its headers and the whole of it as text."""
    headers = parse_headers(raw, limits)
    text = decode_guess(raw[: limits.max_text_chars])
    return ParsedMessage(
        headers, text, None, (), (f"could not parse structure: {type(exc).__name__}",), True
    )


def _parse(raw: bytes, limits: Limits) -> ParsedMessage:
    block = split_header_block(raw, limits)
    try:
        headers = headers_from_block(block, raw, limits)
    except Exception as exc:  # noqa: BLE001
        headers = empty_headers((f"header parse failed: {type(exc).__name__}",))
    tree = build_tree(raw, limits)
    collector = BodyCollector(raw, limits)
    attachments = collect_leaves(raw, tree, collector)
    warnings = list(headers.warnings) + tree.warnings + collector.warnings
    truncated = block.truncated or tree.truncated or collector.truncated
    text, html = collector.results()
    return ParsedMessage(
        headers=headers,
        text=text,
        html=html,
        attachments=tuple(unique_names(attachments)),
        warnings=tuple(dict.fromkeys(warnings)),
        truncated=truncated,
        parts=collector.parts(),
    )


def collect_leaves(raw: bytes, tree: Tree, collector: BodyCollector) -> list[Attachment]:
    """Feed every leaf of ``tree`` to ``collector`` (bodies) and return the attachments; the
    HTML parts a ``defer_html`` collector held back are decoded at the end if still needed."""
    attachments: list[Attachment] = []
    for part in tree.leaves():
        try:
            _handle_leaf(raw, part, collector, attachments)
        except Exception as exc:  # noqa: BLE001 - one bad part must not lose the message
            collector.warn(f"part {part.part_id}: {type(exc).__name__}")
    for part, name, guess in collector.deferred_needed():
        try:
            collector.decode_one(part, name, guess)
        except Exception as exc:  # noqa: BLE001 - the same for a deferred part
            collector.warn(f"part {part.part_id}: {type(exc).__name__}")
    collector.use_tnef_bodies()
    return attachments


def _raw_filename(part: Part) -> str:
    return (
        part.disposition_params.get("filename")
        or part.params.get("name")
        or part.disposition_params.get("name")
        or ""
    )


def _handle_leaf(raw: bytes, part: Part, collector: BodyCollector, out: list[Attachment]) -> None:
    name = _raw_filename(part)
    if collector.take_body(part, name):
        if name:  # shown inline (RFC 2183) and listed, so it can be saved too
            out.append(Attachment(
                part_id=part.part_id, filename=safe_filename(name),
                content_type=part.content_type, size=_estimate_size(part),
                content_id=part.content_id, inline=True, is_message=False,
            ))
        return
    is_message = part.content_type in _MESSAGE_TYPES
    tnef = is_tnef(part.content_type, name)
    needs_data = collector.limits.decode_attachments or tnef or (is_message and not name)
    data = collector.payload(part) if needs_data else None
    if tnef:
        contents = extract_tnef(data) if data is not None else None
        if contents is None:
            collector.warn(f"part {part.part_id}: winmail.dat could not be read")
        else:
            collector.tnef_bodies.append((contents.text, contents.html))
        if contents is not None and contents.files:
            for index, item in enumerate(contents.files, start=1):
                out.append(
                    Attachment(
                        part_id=f"{part.part_id}#{index}",
                        filename=safe_filename(item.name or _default_name(item.content_type)),
                        content_type=item.content_type,
                        size=len(item.data),
                        content_id=None,
                        inline=False,
                        is_message=False,
                        from_tnef=True,
                    )
                )
            return
    if not name and is_message and data is not None:
        subject = parse_headers(data[:262144]).subject
        name = f"{subject[:100]}.eml" if subject else ""
    size = len(data) if data is not None else _estimate_size(part)
    inline = part.disposition == "inline" or (not part.disposition and part.content_id is not None)
    out.append(
        Attachment(
            part_id=part.part_id,
            filename=safe_filename(name or _default_name(part.content_type)),
            content_type=part.content_type,
            size=size,
            content_id=part.content_id,
            inline=inline,
            is_message=is_message,
        )
    )


def _estimate_size(part: Part) -> int:
    size = part.body_end - part.body_start
    return size * 3 // 4 if part.transfer_encoding == "base64" else size


def _default_name(content_type: str) -> str:
    if content_type in _MESSAGE_TYPES:
        return "message.eml"
    extension = mimetypes.guess_extension(content_type, strict=False) or ".bin"
    return f"attachment{extension}"


def unique_names(attachments: list[Attachment]) -> list[Attachment]:
    """Make display names unique (case-insensitively) so saving never overwrites (M8)."""
    seen: set[str] = set()
    result: list[Attachment] = []
    for item in attachments:
        name = item.filename
        if name.lower() in seen:
            stem, dot, extension = name.rpartition(".")
            if not dot or not stem:
                stem, extension = name, ""
            counter = 2
            while True:
                name = f"{stem} ({counter}).{extension}" if extension else f"{stem} ({counter})"
                if name.lower() not in seen:
                    break
                counter += 1
            item = replace(item, filename=name)
        seen.add(name.lower())
        result.append(item)
    return result


def attachment_bytes(raw: bytes, part_id: str) -> bytes:
    """Decoded content of one part (as numbered by `parse_message`), TNEF members included.

    Raises KeyError for a part id that does not exist in this message.
    """
    tnef_match = _TNEF_ID.match(part_id)
    base_id = tnef_match.group(1) if tnef_match else part_id
    tree: Tree = build_tree(raw, DEFAULT_LIMITS)
    part = tree.find(base_id)
    if part is None:
        raise KeyError(part_id)
    data, _warning = decode_transfer(raw[part.body_start : part.body_end], part.transfer_encoding)
    if tnef_match is None:
        return data
    contents = extract_tnef(data)
    index = int(tnef_match.group(2))
    if contents is None or not 1 <= index <= len(contents.files):
        raise KeyError(part_id)
    return contents.files[index - 1].data
