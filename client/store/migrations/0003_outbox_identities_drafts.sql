-- Schema 3: sending. The durable outbox (client/smtp/outbox.py), sending identities
-- (client/compose/identities.py) and local drafts with their server copy (client/compose/drafts.py).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    raw BLOB NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'uncertain', 'failed', 'sent', 'filed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    waiting_for TEXT CHECK (waiting_for IN ('network', 'server')),
    refused_json TEXT NOT NULL DEFAULT '{}',
    reply_to_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    forward_of_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created REAL NOT NULL,
    sent_at REAL
);
CREATE INDEX outbox_account_state ON outbox (account_id, state, next_attempt);

CREATE TABLE identities (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    reply_to TEXT,
    signature_slot TEXT,
    is_default INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, email)
);
CREATE INDEX identities_email ON identities (email);

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    raw BLOB NOT NULL,
    server_uid INTEGER,
    server_uidvalidity INTEGER,
    server_state TEXT NOT NULL DEFAULT 'dirty' CHECK (server_state IN ('dirty', 'saved', 'discard')),
    origin_message_id TEXT,
    updated REAL NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX drafts_account ON drafts (account_id, updated);

-- SMTP security may differ from IMAP's (993 implicit TLS with 587 STARTTLS is common);
-- NULL means: derive from the port (465 → ssl, else starttls). files_sent_itself NULL means
-- detect from the provider (Gmail files sent mail itself).
ALTER TABLE accounts ADD COLUMN smtp_security TEXT;
ALTER TABLE accounts ADD COLUMN files_sent_itself INTEGER;
