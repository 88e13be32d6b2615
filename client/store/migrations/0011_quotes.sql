-- Schema 11: price list, quote number sequences and quote records (client/quotes).
-- All rows are local (the server never sees them). Money is stored as decimal TEXT
-- ("16700.00"), never REAL, so no amount is ever rounded by a float.
-- IF NOT EXISTS: a test (or a user) that rewinds user_version re-runs this file harmlessly.
CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL UNIQUE COLLATE NOCASE,
    names_json TEXT NOT NULL DEFAULT '{}',      -- {"": default name, "de": ..., "zh_CN": ...}
    specification TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    moq TEXT NOT NULL DEFAULT '',
    lead_time TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS product_prices (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    currency TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    PRIMARY KEY (product_id, currency)
);
CREATE TABLE IF NOT EXISTS quote_sequences (
    rep TEXT NOT NULL,          -- the rep's address, lower-cased
    scope TEXT NOT NULL,        -- the pattern with its date fields filled in: "Q-2026-{seq:04}"
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (rep, scope)
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    rep TEXT NOT NULL,
    buyer_name TEXT NOT NULL DEFAULT '',
    buyer_email TEXT NOT NULL DEFAULT '',
    buyer_address TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL,
    total TEXT NOT NULL,
    incoterm TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    payment_terms TEXT NOT NULL DEFAULT '',
    lead_time TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'en',
    quote_date TEXT NOT NULL,               -- YYYY-MM-DD
    valid_until TEXT,                       -- YYYY-MM-DD
    inquiry_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    inquiry_message_id TEXT,                -- Message-ID of the inquiry (no angle brackets)
    thread_id INTEGER,
    draft_id INTEGER,
    outbox_id INTEGER,
    message_id TEXT,                        -- Message-ID of the quote mail once queued
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'sent', 'answered', 'won', 'lost', 'expired')),
    created REAL NOT NULL,
    sent_at REAL,
    answered_at REAL,
    closed_at REAL
);
CREATE INDEX IF NOT EXISTS quotes_state ON quotes (state, valid_until);
CREATE INDEX IF NOT EXISTS quotes_message_id ON quotes (message_id);
CREATE TABLE IF NOT EXISTS quote_items (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sku TEXT NOT NULL DEFAULT '',
    product TEXT NOT NULL,
    specification TEXT NOT NULL DEFAULT '',
    quantity TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    unit_price TEXT NOT NULL,
    line_total TEXT NOT NULL,
    PRIMARY KEY (quote_id, position)
);
