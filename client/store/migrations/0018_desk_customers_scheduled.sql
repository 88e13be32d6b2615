-- Schema 17 (issue 18, the trade desk; numbered 0022 in the plan, renumbered at merge):
-- 1. The outbox gains the state 'scheduled' (send later: the message waits, unclaimed, until
--    send_at, a UTC epoch; then it becomes 'queued', client/smtp/outbox.py). SQLite cannot
--    change a CHECK, so the table is rebuilt; ids and the AUTOINCREMENT counter are kept.
-- 2. Customers built from the mail (client/customers): one row per company (registrable
--    domain) or per free-mail contact; customer_addresses maps every address seen to it.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    raw BLOB NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('scheduled', 'uploading', 'queued', 'sending',
                                         'uncertain', 'failed', 'sent', 'filed')),
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
    link_files_json TEXT,
    send_at REAL
);
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence
    WHERE name = 'outbox';
INSERT INTO outbox_new (id, account_id, message_id, sender, recipients_json, subject, raw, size,
    state, attempts, next_attempt, last_error, waiting_for, refused_json, reply_to_row,
    forward_of_row, created, sent_at, version, claim_pid, claim_started, claim_token, claimed_at,
    handed_over_at, link_files_json)
    SELECT id, account_id, message_id, sender, recipients_json, subject, raw, size, state,
    attempts, next_attempt, last_error, waiting_for, refused_json, reply_to_row, forward_of_row,
    created, sent_at, version, claim_pid, claim_started, claim_token, claimed_at, handed_over_at,
    link_files_json
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_account_state ON outbox (account_id, state, next_attempt);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'contact')),
    domain TEXT,
    name TEXT NOT NULL DEFAULT '',
    country TEXT,
    zone TEXT,
    stage TEXT NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'prospect', 'customer', 'lost')),
    owner TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    merged_into INTEGER REFERENCES customers(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX customers_domain ON customers (domain) WHERE domain IS NOT NULL
    AND merged_into IS NULL;
CREATE TABLE customer_addresses (
    address TEXT PRIMARY KEY COLLATE NOCASE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id);
-- Which cached message belongs to which customer: 'in' (from them) or 'out' (from the rep to
-- them); rebuilt from the mail at any time, so a cache rebuild need not keep it.
CREATE TABLE customer_messages (
    message_row INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out'))
);
CREATE INDEX customer_messages_customer ON customer_messages (customer_id);
