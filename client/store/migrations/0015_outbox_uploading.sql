-- Schema 15: a message whose big files go out as links waits in the outbox as 'uploading'
-- until every upload of it has a link (client/uploads/outgoing.py); link_files_json lists
-- its uploads and the placeholder of the link block (NULL for a message without link files). SQLite
-- cannot change a CHECK, so the table is rebuilt; ids and the AUTOINCREMENT counter are kept.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    raw BLOB NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('uploading', 'queued', 'sending', 'uncertain', 'failed',
                                         'sent', 'filed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    waiting_for TEXT CHECK (waiting_for IN ('network', 'server')),
    refused_json TEXT NOT NULL DEFAULT '{}',
    reply_to_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    forward_of_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created REAL NOT NULL,
    sent_at REAL,
    version INTEGER NOT NULL DEFAULT 0,
    claim_pid INTEGER,
    claim_started REAL,
    claim_token TEXT,
    claimed_at REAL,
    handed_over_at REAL,
    link_files_json TEXT
);
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence
    WHERE name = 'outbox';
INSERT INTO outbox_new (id, account_id, message_id, sender, recipients_json, subject, raw, size,
    state, attempts, next_attempt, last_error, waiting_for, refused_json, reply_to_row,
    forward_of_row, created, sent_at, version, claim_pid, claim_started, claim_token, claimed_at,
    handed_over_at)
    SELECT id, account_id, message_id, sender, recipients_json, subject, raw, size, state,
    attempts, next_attempt, last_error, waiting_for, refused_json, reply_to_row, forward_of_row,
    created, sent_at, version, claim_pid, claim_started, claim_token, claimed_at, handed_over_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_account_state ON outbox (account_id, state, next_attempt);
