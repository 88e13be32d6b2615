"""Search: a small query language compiled to parameterised SQL over FTS5 and indexed columns.

Syntax (terms combine with AND): bare words, ``"quoted phrases"``, ``from:`` ``to:`` (To or Cc)
``subject:`` (each takes a word or a quoted phrase), ``has:attachment``, ``before:YYYY-MM-DD``
(strictly before that UTC day) and ``after:YYYY-MM-DD`` (that UTC day or later),
``is:unread`` / ``is:read`` / ``is:flagged``, ``folder:`` (a folder name or a role such as
``inbox``/``sent``), ``tag:`` (a channel tag, ``tag:alibaba``: table ``message_tags``, schema
19). An unknown ``word:thing`` is searched as text. User text reaches SQLite
only as bound parameters and FTS5 string literals, so no query can inject SQL or FTS syntax.
Subject and addresses are searchable at once; body words once ``index_pending`` ran.
Bad dates raise ``SearchSyntaxError`` with a message in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from client.store.base import StoreBase
from client.store.cjk import fts_term
from client.store.errors import SearchSyntaxError
from client.store.records import MessageRow
from client.store.rows import ROW_COLUMNS, row_to_message

#: Above this many text matches, walking the date index beats sorting the matches.
DATE_SCAN_THRESHOLD = 2000
_KEYS = ("from", "to", "subject", "has", "before", "after", "is", "folder", "tag")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


@dataclass
class ParsedQuery:
    """A query split into its parts (all values are the user's raw text)."""

    words: list[str] = field(default_factory=list)
    from_: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    has_attachment: bool = False
    before: float | None = None
    after: float | None = None
    seen: bool | None = None
    flagged: bool | None = None

    def is_empty(self) -> bool:
        """True when the query asks for nothing at all."""
        return not (self.words or self.from_ or self.to or self.subject or self.folders
                    or self.tags
                    or self.has_attachment or self.before is not None
                    or self.after is not None or self.seen is not None
                    or self.flagged is not None)


def _tokens(text: str) -> list[tuple[str | None, str]]:
    """(key or None, value) pairs; quotes group words, ``key:"a b"`` keeps its phrase."""
    out: list[tuple[str | None, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        key: str | None = None
        match = re.match(r"([A-Za-z]+):(?=\S)", text[i:])
        if match and match.group(1).lower() in _KEYS:
            key = match.group(1).lower()
            i += match.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            out.append((key, text[i + 1 : end]))
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace():
                i += 1
            out.append((key, text[start:i]))
    return out


def _day(value: str, key: str) -> datetime:
    match = _DATE.match(value.strip())
    try:
        if not match:
            raise ValueError
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        raise SearchSyntaxError(
            f"{key}:{value} is not a date; write it as YYYY-MM-DD, for example {key}:2024-03-31"
        ) from None


def parse_query(text: str) -> ParsedQuery:
    """Split a query into words and filters; raises ``SearchSyntaxError`` on a bad date."""
    query = ParsedQuery()
    for key, value in _tokens(text):
        lowered = value.strip().lower()
        if key is None:
            query.words.append(value)
        elif key == "from":
            query.from_.append(value)
        elif key == "to":
            query.to.append(value)
        elif key == "subject":
            query.subject.append(value)
        elif key == "folder":
            query.folders.append(value.strip())
        elif key == "tag":
            query.tags.append(lowered)
        elif key == "has" and lowered in ("attachment", "attachments"):
            query.has_attachment = True
        elif key == "before":
            query.before = _day(value, key).timestamp()
        elif key == "after":
            query.after = _day(value, key).timestamp()
        elif key == "is" and lowered in ("unread", "read"):
            query.seen = lowered == "read"
        elif key == "is" and lowered in ("flagged", "starred"):
            query.flagged = True
        else:
            query.words.append(f"{key}:{value}")
    return query


def _like(value: str) -> str:
    escaped = value.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_expression(query: ParsedQuery) -> str | None:
    """The FTS5 MATCH expression of a query's text terms (None if it has none)."""
    terms = [fts_term(w) for w in query.words]
    terms += [fts_term(v, "subject") for v in query.subject]
    terms += [fts_term(v, "addresses") for v in (*query.from_, *query.to)]
    found = [t for t in terms if t]
    return " AND ".join(found) if found else None


def compile_query(
    query: ParsedQuery, account_id: int | None, limit: int, date_scan: bool = False,
    unread_scan: bool = False,
) -> tuple[str, list[object]] | None:
    """SQL and parameters for ``query`` (None when it can match nothing).

    ``date_scan=True`` walks the date index newest-first and stops after ``limit`` hits:
    right when the text matches many messages; otherwise the matches are fetched through
    the FTS index and sorted (few rows). ``unread_scan=True`` (an ``is:unread`` query) walks
    the partial index of unread messages instead: right when the text matches many messages
    but few are unread (the date walk would then visit nearly every row).
    """
    fts: list[str] = []
    for word in query.words:
        term = fts_term(word)
        if term:
            fts.append(term)
    for value in query.subject:
        term = fts_term(value, "subject")
        if term:
            fts.append(term)
    where: list[str] = ["m.deleted = 0"]
    params: list[object] = []
    for column, values in (("from", query.from_), ("to", query.to)):
        for value in values:
            term = fts_term(value, "addresses")
            if term:
                fts.append(term)
            if column == "from" and "@" in value:  # an address: the sender's, not a name's
                where.append("lower(m.from_email) LIKE ? ESCAPE '\\'")
                params.append(_like(value))
            elif column == "from":
                where.append("(lower(m.from_email) LIKE ? ESCAPE '\\' "
                             "OR lower(m.from_name) LIKE ? ESCAPE '\\')")
                params += [_like(value), _like(value)]
            else:
                where.append("(lower(m.to_json) LIKE ? ESCAPE '\\' "
                             "OR lower(m.cc_json) LIKE ? ESCAPE '\\')")
                params += [_like(value), _like(value)]
    has_filter = bool(query.from_ or query.to or query.folders or query.tags
                      or query.has_attachment
                      or query.before is not None or query.after is not None
                      or query.seen is not None or query.flagged)
    if not fts and not has_filter:
        return None
    if fts:
        where.insert(0, "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)")
        params.insert(0, " AND ".join(fts))
    if account_id is not None:
        where.append("m.account_id = ?")
        params.append(account_id)
    if query.has_attachment:
        where.append("m.has_attachments = 1")
    if query.before is not None:
        where.append("m.sort_date < ?")
        params.append(query.before)
    if query.after is not None:
        where.append("m.sort_date >= ?")
        params.append(query.after)
    if query.seen is not None:  # a literal, so the partial index of unread messages applies
        where.append(f"m.seen = {int(query.seen)}")
    if query.flagged:
        where.append("m.flagged = 1")
    for name in query.folders:
        scope = " AND f.account_id = ?" if account_id is not None else ""
        where.append(
            "m.folder_id IN (SELECT f.id FROM folders f WHERE (f.name = ? COLLATE NOCASE "
            f"OR f.role = ?){scope})"
        )
        params += [name, name.lower()]
        if account_id is not None:
            params.append(account_id)
    for tag in query.tags:
        where.append("m.id IN (SELECT t.message_row FROM message_tags t WHERE t.tag = ?)")
        params.append(tag)
    hint = " INDEXED BY messages_sort" if date_scan else ""
    if unread_scan and query.seen is False:
        hint = " INDEXED BY messages_unread"
    sql = (
        f"SELECT {ROW_COLUMNS} FROM messages m{hint} WHERE {' AND '.join(where)} "
        "ORDER BY m.sort_date DESC, m.id DESC LIMIT ?"
    )
    params.append(int(limit))
    return sql, params


class SearchMixin(StoreBase):
    """``search`` over the cache; runs on the Store's own thread."""

    def _capped_count(self, select: str, params: tuple[object, ...]) -> int:
        """Rows of ``select``, counted up to ``DATE_SCAN_THRESHOLD + 1`` (stops early)."""
        return int(self.conn.execute(
            f"SELECT count(*) FROM ({select} LIMIT {DATE_SCAN_THRESHOLD + 1})", params).fetchone()[0])

    def search(self, query: str, account_id: int | None = None, limit: int = 200) -> list[MessageRow]:
        """Messages matching ``query``, newest first (at most ``limit``).

        Raises ``SearchSyntaxError`` for a malformed filter value. An empty query returns [].
        """
        parsed = parse_query(query)
        expression = fts_expression(parsed)
        date_scan = False
        unread_scan = False
        if expression is not None:
            # counting FTS matches (capped: only "few or many" matters) is cheap and picks the plan
            matches = self._capped_count(
                "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (expression,))
            if matches == 0:
                return []
            date_scan = matches > DATE_SCAN_THRESHOLD
            if date_scan and parsed.seen is False:
                unread_scan = self._capped_count(
                    "SELECT 1 FROM messages INDEXED BY messages_unread WHERE seen = 0 AND deleted = 0",
                    ()) <= DATE_SCAN_THRESHOLD
                date_scan = not unread_scan
        compiled = compile_query(parsed, account_id, limit, date_scan, unread_scan)
        if compiled is None:
            return []
        sql, params = compiled
        return [row_to_message(row) for row in self.conn.execute(sql, params)]
