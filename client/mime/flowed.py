"""RFC 3676 format=flowed text/plain to plain paragraphs; pure, never raises."""

from __future__ import annotations


def unflow(text: str, delsp: bool) -> str:
    """Join soft-broken lines (those ending in a space) of the same quote depth, undo
    space-stuffing, and keep quoting as '> ' prefixes. The signature line '-- ' stays."""
    out: list[str] = []
    buffer: str | None = None
    buffer_depth = 0

    def emit(content: str, depth: int) -> None:
        out.append((">" * depth + " " if depth else "") + content)

    for line in text.replace("\r\n", "\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delsp:
            content = content[:-1]
        if buffer is not None and depth != buffer_depth:
            emit(buffer, buffer_depth)
            buffer = None
        buffer = content if buffer is None else buffer + content
        buffer_depth = depth
        if not flowed:
            emit(buffer, depth)
            buffer = None
    if buffer is not None:
        emit(buffer, buffer_depth)
    return "\n".join(out)
