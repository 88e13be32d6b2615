"""Quote numbers: a per-rep sequence with a configurable pattern, kept in the cache.

A pattern holds literal text and the fields `{yyyy}` `{yy}` `{mm}` `{dd}` (the quote's date)
and exactly one `{seq}` or `{seq:0N}` (the counter, zero-padded to N digits), e.g. the default
`Q-{yyyy}-{seq:04}` → `Q-2026-0001`. The counter belongs to the rep and to the pattern with its
date fields filled in (`quote_sequences.scope`), so `Q-{yyyy}-…` starts at 1 each year; two
reps of one profile with the same pattern go on from the highest of their counters, so their
numbers never collide.

`next_number` reads and advances the counter inside one `BEGIN IMMEDIATE` transaction (the
write lock of the whole cache), so two processes never get the same number; a number that
already names a quote (e.g. made under another pattern) is skipped. A number once handed out
is never handed out again, even when the quote it was for is never saved (a failed render
burns it). Settings: `quotes.number_pattern` (all reps) and `quotes.number_pattern:<address>`.
Runs on the caller's thread with the caller's Store.
"""

from __future__ import annotations

import re
from datetime import date

from client.store.db import Store

DEFAULT_PATTERN = "Q-{yyyy}-{seq:04}"
PATTERN_KEY = "quotes.number_pattern"
MAX_PATTERN = 60
_FIELD = re.compile(r"\{([^{}]*)\}")
_DATE_FIELDS = ("yyyy", "yy", "mm", "dd")
_SEQ = re.compile(r"^seq(?::0([1-9]))?$")
_SAFE_LITERAL = re.compile(r"^[\w\-/.#]*$")


class NumberPatternError(ValueError):
    """A number pattern that cannot be used; `str()` says why."""


def validate_pattern(pattern: str) -> str:
    """The pattern, stripped, if usable; raises `NumberPatternError` in words."""
    text = (pattern or "").strip()
    if not text or len(text) > MAX_PATTERN:
        raise NumberPatternError(
            f"A quote number pattern has 1 to {MAX_PATTERN} characters, e.g. {DEFAULT_PATTERN}.")
    fields = _FIELD.findall(text)
    seqs = [f for f in fields if _SEQ.match(f)]
    unknown = [f for f in fields if f not in _DATE_FIELDS and not _SEQ.match(f)]
    if unknown:
        raise NumberPatternError(
            f"Unknown field {{{unknown[0]}}} in {text!r}; use {{yyyy}} {{yy}} {{mm}} {{dd}} "
            f"and {{seq}} or {{seq:04}}.")
    if len(seqs) != 1:
        raise NumberPatternError(f"{text!r} must contain {{seq}} (or {{seq:04}}) exactly once.")
    literal = _FIELD.sub("", text)
    if not _SAFE_LITERAL.match(literal):
        raise NumberPatternError(
            f"{text!r}: besides the fields, use only letters, digits and - _ / . #")
    return text


def pattern_for(store: Store, rep: str) -> str:
    """The rep's pattern: their own setting, else the company's, else `DEFAULT_PATTERN`."""
    value = store.get_setting(f"{PATTERN_KEY}:{rep.lower()}") or store.get_setting(PATTERN_KEY)
    return validate_pattern(str(value)) if value else DEFAULT_PATTERN


def set_pattern(store: Store, pattern: str, rep: str | None = None) -> str:
    """Save a validated pattern for one rep (or for all); returns it."""
    text = validate_pattern(pattern)
    store.set_setting(f"{PATTERN_KEY}:{rep.lower()}" if rep else PATTERN_KEY, text)
    return text


def _scope(pattern: str, day: date) -> str:
    values = {"yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}",
              "mm": f"{day.month:02d}", "dd": f"{day.day:02d}"}
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)


def _render(scope: str, seq: int) -> str:
    def fill(match: re.Match[str]) -> str:
        width = _SEQ.match(match.group(1))
        assert width is not None
        return f"{seq:0{int(width.group(1) or 1)}d}"

    return _FIELD.sub(fill, scope)


def next_number(store: Store, rep: str, day: date, pattern: str | None = None) -> str:
    """Hand out the rep's next quote number for `day`; never the same twice (see module)."""
    scope = _scope(validate_pattern(pattern) if pattern else pattern_for(store, rep), day)
    key = rep.strip().lower()
    with store.transaction(durable=True) as conn:  # BEGIN IMMEDIATE: one writer at a time
        # another rep of this profile with the same pattern: go past their numbers too
        row = conn.execute("SELECT MAX(last_seq) FROM quote_sequences WHERE scope = ?",
                           (scope,)).fetchone()
        seq = int(row[0] or 0)
        while True:
            seq += 1
            number = _render(scope, seq)
            taken = conn.execute("SELECT 1 FROM quotes WHERE number = ?", (number,)).fetchone()
            if taken is None:
                break
        conn.execute(
            "INSERT INTO quote_sequences (rep, scope, last_seq) VALUES (?, ?, ?)"
            " ON CONFLICT (rep, scope) DO UPDATE SET last_seq = excluded.last_seq",
            (key, scope, seq))
    return number
