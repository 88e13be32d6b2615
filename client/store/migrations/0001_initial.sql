-- Schema 1: the tables documented in docs/internals.md (Store section).
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    imap_host TEXT NOT NULL DEFAULT '',
    imap_port INTEGER NOT NULL DEFAULT 993,
    smtp_host TEXT NOT NULL DEFAULT '',
    smtp_port INTEGER NOT NULL DEFAULT 587,
    security TEXT NOT NULL DEFAULT 'tls',
    username TEXT NOT NULL DEFAULT '',
    ca_file TEXT,
    pinned_sha256 TEXT,
    preset TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    last_error TEXT,
    created REAL NOT NULL
);

CREATE TABLE folders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    delimiter TEXT,
    role TEXT,
    attrs_json TEXT NOT NULL DEFAULT '[]',
    subscribed INTEGER NOT NULL DEFAULT 1,
    uidvalidity INTEGER,
    uidnext INTEGER,
    highestmodseq INTEGER,
    exists_count INTEGER,
    synced_uid INTEGER NOT NULL DEFAULT 0,
    last_sync REAL,
    last_error TEXT,
    UNIQUE (account_id, name)
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    uid INTEGER,
    message_id TEXT,
    thread_id INTEGER,
    subject TEXT NOT NULL DEFAULT '',
    from_name TEXT NOT NULL DEFAULT '',
    from_email TEXT NOT NULL DEFAULT '',
    to_json TEXT NOT NULL DEFAULT '[]',
    cc_json TEXT NOT NULL DEFAULT '[]',
    reply_to_json TEXT NOT NULL DEFAULT '[]',
    date_utc REAL,
    internaldate REAL,
    size INTEGER NOT NULL DEFAULT 0,
    flags_json TEXT NOT NULL DEFAULT '[]',
    seen INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    draft INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    has_attachments INTEGER NOT NULL DEFAULT 0,
    body_state TEXT NOT NULL DEFAULT 'none' CHECK (body_state IN ('full', 'partial', 'none')),
    preview TEXT NOT NULL DEFAULT '',
    in_reply_to TEXT,
    references_json TEXT NOT NULL DEFAULT '[]',
    warnings_json TEXT NOT NULL DEFAULT '[]',
    modseq INTEGER,
    indexed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (folder_id, uid)
);
CREATE INDEX messages_folder_date ON messages (folder_id, date_utc);
CREATE INDEX messages_thread ON messages (thread_id);
CREATE INDEX messages_account_msgid ON messages (account_id, message_id);

CREATE TABLE bodies (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);

CREATE TABLE parts (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL,
    filename TEXT,
    content_type TEXT,
    size INTEGER,
    content_id TEXT,
    downloaded INTEGER NOT NULL DEFAULT 0,
    data BLOB,
    PRIMARY KEY (message_id, part_id)
);

CREATE TABLE message_refs (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    PRIMARY KEY (message_id, ref)
) WITHOUT ROWID;
CREATE INDEX message_refs_ref ON message_refs (ref);

CREATE TABLE pending_ops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    message_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    uid INTEGER,
    target_folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    payload_json TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX pending_ops_account ON pending_ops (account_id, state, id);
CREATE INDEX pending_ops_row ON pending_ops (message_row);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
    subject, addresses, body, attachments,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
END;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
);
