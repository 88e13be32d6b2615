"""Benchmark: why `client/mime/` is hand-written: our parser against the standard `email`
package on the whole non-GPL corpus (issue 10); not a test.

    .venv/bin/python -m tests.benchmarks.bench_mime_parse [--runs 5] [--corpus DIR]

Reads every message of the corpus (default ``tests/data/corpus/mime``, the non-GPL part of the
shared corpus; ``.mbox`` files split into their messages; the GPL folders ``tnef/`` and
``roundcube/`` are always left out), then times, ``--runs`` times each, in this process:

- ours: ``client.mime.parse_message(raw)`` (headers decoded, every body part decoded to text,
  attachments decoded to bytes, TNEF unpacked);
- stdlib: ``email.message_from_bytes(raw, policy=email.policy.default)``, the same headers
  read (Subject, From, To, Cc, Date, Message-ID, References), then every leaf part walked and
  its body decoded (``get_content()``: text to ``str`` in its charset, the rest to bytes). A
  message or part the stdlib raises on is counted, and its time kept.

Then each message as a FETCH reply: ``client.imap.parse.parse_fetch`` + ``meta_of_items`` +
``parse_message`` against imap-tools' ``MailMessage`` (UID, flags, size, date, addresses,
text, HTML, attachment payloads read). Prints the totals of each message's median, the ratio stdlib / ours over the whole corpus,
without the stdlib's three slowest messages (where it is worse than linear), and the median
of the per-message ratios, plus those three messages.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO / "tests" / "data" / "corpus" / "mime"
GPL_FOLDERS = ("tnef", "roundcube")
_MBOX_SPLIT = re.compile(rb"(?m)^(?=From )")
_HEADERS = ("subject", "from", "to", "cc", "date", "message-id", "references")


def corpus(folder: Path) -> list[tuple[str, bytes]]:
    """(name, raw) of every message below ``folder`` outside the GPL folders, mbox split."""
    messages: list[tuple[str, bytes]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if path.relative_to(folder).parts[0] in GPL_FOLDERS:
            continue
        raw = path.read_bytes()
        if path.suffix == ".mbox":
            chunks = [chunk for chunk in _MBOX_SPLIT.split(raw) if chunk.strip()]
            messages.extend((f"{name}[{i}]", chunk) for i, chunk in enumerate(chunks))
        else:
            messages.append((name, raw))
    return messages


def ours(raw: bytes) -> int:
    from client.mime import parse_message

    parsed = parse_message(raw)
    return len(parsed.parts) + len(parsed.attachments)


def _fetch_reply(raw: bytes) -> list[tuple[bytes, bytes | None]]:
    """The untagged FETCH reply a server sends for ``raw`` (as imaplib hands it over)."""
    text = (b'1 (UID 4242 FLAGS (\\Seen $Forwarded) RFC822.SIZE %d INTERNALDATE '
            b'"17-Jul-2026 02:44:25 +0800" BODY[] {%d}' % (len(raw), len(raw)))
    return [(text, raw), (b")", None)]


def ours_fetch(raw: bytes) -> int:
    """FETCH reply -> metadata and parsed message with ``client.imap.parse`` + ``client.mime``."""
    from client.imap.fetch_values import meta_of_items
    from client.imap.parse import parse_fetch

    _number, items = parse_fetch(_fetch_reply(raw))
    meta = meta_of_items(items)
    body = items["BODY[]"]
    return (meta is not None) + (ours(body) if isinstance(body, bytes) else 0)


def imap_tools_fetch(raw: bytes) -> int:
    """The same with imap-tools' ``MailMessage`` (what the library gives a FETCH reply):
    UID, flags, size, date, addresses, text, HTML and every attachment's payload read."""
    from imap_tools import MailMessage

    errors = 0
    (text, literal), _end = _fetch_reply(raw)
    try:
        message = MailMessage([(text, literal), b")"])
        _ = (message.uid, message.flags, message.size_rfc822, message.date, message.subject,
             message.from_, message.to, message.cc)
        _ = (message.text, message.html, [a.payload for a in message.attachments])
    except Exception:  # noqa: BLE001 - a message imap-tools cannot read
        errors += 1
    return errors


def stdlib(raw: bytes) -> int:
    """The standard package doing the same work; returns how many errors it raised."""
    errors = 0
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        for name in _HEADERS:
            try:
                str(message.get(name, ""))
            except Exception:  # noqa: BLE001 - a header the stdlib cannot read
                errors += 1
        for part in message.walk():
            if part.is_multipart():
                continue
            try:
                part.get_content()
            except Exception:  # noqa: BLE001 - a body the stdlib cannot decode
                errors += 1
    except Exception:  # noqa: BLE001 - a message the stdlib cannot parse at all
        errors += 1
    return errors


def per_message(parse: Callable[[bytes], int], messages: list[tuple[str, bytes]],
                runs: int) -> tuple[list[float], int]:
    """The median seconds of each message over ``runs`` passes, and the last pass's sum."""
    samples: list[list[float]] = [[] for _ in messages]
    result = 0
    for _ in range(runs):
        result = 0
        for index, (_name, raw) in enumerate(messages):
            started = time.perf_counter()
            result += parse(raw)
            samples[index].append(time.perf_counter() - started)
    return [statistics.median(times) for times in samples], result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--skip-imap", action="store_true", help="only the MIME comparison")
    args = parser.parse_args()
    messages = corpus(args.corpus)
    size = sum(len(raw) for _name, raw in messages)
    ours(messages[0][1])  # imports outside the timing
    mine, _parts = per_message(ours, messages, args.runs)
    theirs, errors = per_message(stdlib, messages, args.runs)
    count = len(messages)
    ours_s, std_s = sum(mine), sum(theirs)
    worst = sorted(range(count), key=lambda i: theirs[i], reverse=True)[:3]
    rest = [i for i in range(count) if i not in worst]
    print(f"{count} messages, {size / 1e6:.1f} MB ({args.corpus}, GPL folders left out), "
          f"each message's median of {args.runs} runs:")
    print(f"  client.mime.parse_message       {ours_s * 1000:8.0f} ms  "
          f"({ours_s / count * 1e6:6.0f} µs a message)")
    print(f"  email (policy.default) + walk   {std_s * 1000:8.0f} ms  "
          f"({std_s / count * 1e6:6.0f} µs a message; {errors} errors raised)")
    print(f"  ratio stdlib / ours, whole corpus           {std_s / ours_s:6.1f}×")
    print(f"  ratio without the stdlib's 3 slowest        "
          f"{sum(theirs[i] for i in rest) / sum(mine[i] for i in rest):6.1f}×")
    print(f"  median of the per-message ratios            "
          f"{statistics.median(theirs[i] / mine[i] for i in range(count) if mine[i] > 0):6.1f}×")
    for i in worst:
        print(f"    stdlib {theirs[i] * 1000:7.0f} ms, ours {mine[i] * 1000:6.1f} ms: "
              f"{messages[i][0]} ({len(messages[i][1]) / 1e3:.0f} KB)")
    if args.skip_imap:
        return 0
    ours_fetch(messages[0][1])
    mine_f, _n = per_message(ours_fetch, messages, args.runs)
    tools_f, tool_errors = per_message(imap_tools_fetch, messages, args.runs)
    rest = [i for i in range(count) if i not in worst]
    print("each message as a FETCH reply (UID, FLAGS, RFC822.SIZE, INTERNALDATE, BODY[]):")
    print(f"  client.imap.parse + client.mime {sum(mine_f) * 1000:8.0f} ms")
    print(f"  imap_tools.MailMessage          {sum(tools_f) * 1000:8.0f} ms  "
          f"({tool_errors} messages raised)")
    print(f"  ratio imap-tools / ours, whole corpus       {sum(tools_f) / sum(mine_f):6.1f}×")
    print(f"  ratio without the stdlib's 3 slowest        "
          f"{sum(tools_f[i] for i in rest) / sum(mine_f[i] for i in rest):6.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
