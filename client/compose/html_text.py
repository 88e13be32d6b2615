"""Plain text from the composer's rich text, for the text/plain half of multipart/alternative.

One converter serves the composer, the reader and search: `client.mime.html_text` (paragraphs,
line breaks, list bullets, quoted blocks and link targets kept; script and style dropped).
This name stays for the composer's callers. Pure; any thread; never raises.
"""

from __future__ import annotations

from client.mime.html_text import html_to_text

__all__ = ["html_to_text"]
