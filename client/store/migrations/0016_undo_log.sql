-- Schema 16: the undo history of the rep's triage actions (client/ops/undo.py). One row per
-- action (a move, copy, archive, delete, deletion for good or flag change of some messages);
-- items_json lists what each message needs to be put back ([{"row", "from", "to",
-- "message_id", "before"}...]). undone is the time it was undone (NULL: still undoable).
-- Kept in the cache so that Ctrl+Z and `tradewind undo` work after a restart.
CREATE TABLE IF NOT EXISTS undo_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('move', 'copy', 'archive', 'delete', 'purge', 'flags')),
    items_json TEXT NOT NULL,
    created REAL NOT NULL,
    undone REAL
);
CREATE INDEX IF NOT EXISTS undo_log_open ON undo_log(undone, id);
