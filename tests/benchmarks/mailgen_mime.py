"""MIME assembly for the benchmark mailbox generator: bytes the way real mail clients write them.

Built by hand (not with ``email.message``) because the standard library's generator is far too
slow for a 1.2 GB mailbox. Output uses LF line endings, as Maildir files do. Pure functions.
"""

from __future__ import annotations

import base64
import binascii
import html
import random
from dataclasses import dataclass
from urllib.parse import quote

_CJK = ("gb2312", "gbk", "gb18030", "big5", "iso-2022-jp", "shift_jis", "euc-jp")
_LABEL = {"gb2312": "GB2312", "gbk": "GBK", "gb18030": "GB18030", "iso-2022-jp": "ISO-2022-JP",
          "shift_jis": "Shift_JIS", "windows-1252": "Windows-1252", "windows-1250": "windows-1250"}
_Q_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")


@dataclass(frozen=True)
class Attachment:
    """A binary attachment, already base64-encoded in 76-column lines (``encoded``).

    ``size`` is the decoded size; ``naming`` says how a non-ASCII file name is written
    (``rfc2231`` or ``rfc2047``).
    """

    filename: str
    content_type: str
    encoded: bytes
    size: int
    naming: str


_B64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_TO_B64 = bytes.maketrans(bytes(range(256)), _B64_ALPHABET * 4)


class Base64Pool:
    """Seeded random base64 text in 76-column lines, sliced into attachments.

    Encoding 1 GB of random bytes with ``base64`` costs ~10 s; slicing lines of ready random
    base64 text costs memory bandwidth only. Each attachment decodes to its magic header plus
    random bytes, so it is as incompressible and as costly to transfer and store as real data.
    """

    LINE = 77  # 76 characters and LF

    def __init__(self, seed: int, max_bytes: int) -> None:
        lines = max_bytes * 4 // 3 // 76 + 2
        text = bytearray(random.Random(seed).randbytes(lines * self.LINE).translate(_TO_B64))
        text[76::self.LINE] = b"\n" * lines
        self._text = bytes(text)
        self._lines = lines

    def attachment_body(self, rng: random.Random, magic: bytes, size: int) -> tuple[bytes, int]:
        """Base64 lines decoding to ``magic`` + random bytes, about ``size`` bytes; (text, size)."""
        first = base64.b64encode(magic.ljust(57, b"\0"))
        wanted = max(0, min(self._lines - 1, (size - 57) // 57))
        start = rng.randrange(0, self._lines - wanted) * self.LINE
        tail = rng.randrange(1, 19) * 4
        body = self._text[start:start + wanted * self.LINE]
        last = self._text[start:start + tail]
        return first + b"\n" + body + last + b"\n", 57 + wanted * 57 + tail * 3 // 4


def label(charset: str) -> str:
    """The spelling mail clients put in ``charset=`` for a Python codec name."""
    return _LABEL.get(charset, charset)


def _encodable(text: str, charset: str) -> str:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return "utf-8"
    return charset


def _encoded_word(chunk: bytes, charset: str, use_b: bool) -> str:
    if use_b:
        return f"=?{label(charset)}?B?{base64.b64encode(chunk).decode()}?="
    body = "".join(chr(b) if b in _Q_SAFE else ("_" if b == 0x20 else f"={b:02X}") for b in chunk)
    return f"=?{label(charset)}?Q?{body}?="


def encode_words(text: str, charset: str) -> str:
    """RFC 2047-encode ``text`` in ``charset`` (UTF-8 if it does not fit), folded at 75 columns."""
    if text.isascii():
        return text
    charset = _encodable(text, charset)
    use_b = charset in _CJK or charset == "utf-8" and sum(ord(c) > 0x2E7F for c in text) > 2
    words: list[str] = []
    start = 0
    while start < len(text):
        end = start + 1
        best = _encoded_word(text[start:end].encode(charset), charset, use_b)
        while end < len(text):
            candidate = _encoded_word(text[start:end + 1].encode(charset), charset, use_b)
            if len(candidate) > 75:
                break
            best, end = candidate, end + 1
        words.append(best)
        start = end
    return "\n ".join(words)


def _body_part(text: str, subtype: str, charset: str, rng: random.Random) -> bytes:
    data = text.encode(charset)
    if data.isascii() and charset != "iso-2022-jp":
        cte, payload = "7bit", data
    elif charset == "iso-2022-jp":
        cte, payload = "7bit", data
    elif charset in _CJK or (charset == "utf-8" and rng.random() < 0.5):
        cte, payload = "base64", base64.encodebytes(data)
    elif charset == "utf-8" and rng.random() < 0.2:
        cte, payload = "8bit", data
    else:
        cte, payload = "quoted-printable", binascii.b2a_qp(data, istext=True)
    head = f"Content-Type: text/{subtype}; charset=\"{label(charset)}\"\nContent-Transfer-Encoding: {cte}\n\n"
    return head.encode() + payload + (b"" if payload.endswith(b"\n") else b"\n")


_HTML_HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}}
a:link, span.MsoHyperlink {{mso-style-priority:99; color:#0563C1; text-decoration:underline;}}
span.EmailStyle17 {{mso-style-type:personal-compose; font-family:"Calibri",sans-serif; color:windowtext;}}
.MsoChpDefault {{mso-style-type:export-only; font-family:"Calibri",sans-serif;}}
@page WordSection1 {{size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}}
div.WordSection1 {{page:WordSection1;}}
--></style></head>
<body lang="EN-US" link="#0563C1" vlink="#954F72"><div class="WordSection1">
"""


def text_to_html(text: str, charset: str) -> str:
    """An Outlook-like HTML rendering of ``text``; quoted ``>`` lines become a blockquote."""
    out = [_HTML_HEAD.format(charset=label(charset))]
    in_quote = False
    for line in text.split("\n"):
        quoted = line.startswith(">")
        if quoted and not in_quote:
            out.append('<blockquote style="border-left:1px solid #ccc;margin:0 0 0 .8ex;padding-left:1ex">\n')
        elif not quoted and in_quote:
            out.append("</blockquote>\n")
        in_quote = quoted
        content = html.escape(line.lstrip("> ") if quoted else line)
        out.append(f'<p class="MsoNormal"><span style="font-size:10.5pt">{content or "&nbsp;"}</span></p>\n')
    if in_quote:
        out.append("</blockquote>\n")
    out.append("</div></body></html>\n")
    return "".join(out)


def _attachment_part(att: Attachment) -> bytes:
    name = att.filename
    if name.isascii():
        ctype_name = disp = f'"{name}"'
        disp_param = f"filename={disp}"
    elif att.naming == "rfc2231":
        ctype_name = f'"{encode_words(name, "utf-8")}"'
        disp_param = f"filename*=UTF-8''{quote(name, safe='')}"
    else:
        ctype_name = f'"{encode_words(name, "gb18030")}"'
        disp_param = f"filename={ctype_name}"
    head = (f"Content-Type: {att.content_type}; name={ctype_name}\n"
            f"Content-Disposition: attachment; {disp_param}; size={att.size}\n"
            "Content-Transfer-Encoding: base64\n\n")
    return head.encode() + att.encoded


def _boundary(rng: random.Random) -> str:
    return f"----=_NextPart_{rng.getrandbits(32):08X}_{rng.getrandbits(32):08X}"


def build_message(rng: random.Random, headers: list[str], text: str, charset: str, lang: str,
                  attachments: list[Attachment], with_html: bool) -> bytes:
    """Assemble one message: headers, text (+ HTML alternative), attachments. LF line endings."""
    charset = _encodable(text, charset)
    plain = _body_part(text, "plain", charset, rng)
    if with_html:
        alt = _boundary(rng)
        body = (f"Content-Type: multipart/alternative;\n\tboundary=\"{alt}\"\n\n".encode()
                + f"--{alt}\n".encode() + plain + f"\n--{alt}\n".encode()
                + _body_part(text_to_html(text, charset), "html", charset, rng) + f"\n--{alt}--\n".encode())
    else:
        body = plain
    if attachments:
        mixed = _boundary(rng)
        chunks = [f"Content-Type: multipart/mixed;\n\tboundary=\"{mixed}\"\n\n"
                  "This is a multi-part message in MIME format.\n\n".encode(), f"--{mixed}\n".encode(), body]
        for att in attachments:
            chunks += [f"\n--{mixed}\n".encode(), _attachment_part(att)]
        chunks.append(f"\n--{mixed}--\n".encode())
        body = b"".join(chunks)
    head = "\n".join(headers) + "\nMIME-Version: 1.0\n"
    head_bytes = head.encode("utf-8")  # only the rare raw-UTF-8 subject is non-ASCII here
    return head_bytes + body
