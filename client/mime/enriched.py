"""text/enriched (RFC 1896) reduced to plain text; pure, never raises, safe from any thread.

Formatting commands are dropped, `<param>` contents are dropped, `<<` is a literal `<`; a
single line break is a space and n > 1 line breaks are n - 1 (except inside `<nofill>`).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<<|<(/?)([A-Za-z0-9-]{1,60})>|\r\n|\n|[^<\r\n]+|<", re.DOTALL)


def enriched_to_text(source: str) -> str:
    """The readable text of a text/enriched body."""
    out: list[str] = []
    param = 0
    nofill = 0
    newlines = 0
    for match in _TOKEN.finditer(source):
        token = match.group(0)
        if token in ("\r\n", "\n"):
            if param:
                continue
            if nofill:
                out.append("\n")
            else:
                newlines += 1
            continue
        if newlines:
            out.append(" " if newlines == 1 else "\n" * (newlines - 1))
            newlines = 0
        name = match.group(2)
        if name is not None:
            command = name.lower()
            step = -1 if match.group(1) else 1
            if command == "param":
                param = max(param + step, 0)
            elif command == "nofill":
                nofill = max(nofill + step, 0)
            continue
        if param:
            continue
        out.append("<" if token == "<<" else token)
    if newlines > 1:
        out.append("\n" * (newlines - 1))
    return "".join(out)
