-- Schema 20 (issue 18, follow-ups; client/followups).
-- 1. message_tags: created by the inquiry channels (0019) in the merged schema; repeated here
--    with the same shape so this branch works alone (analytics reads it for `--by channel`).
-- 2. followups: one reminder per mail of the rep's that waits for the buyer's answer (a sent
--    quote or a reply to an inquiry), due N working days later in the buyer's calendar.
CREATE TABLE IF NOT EXISTS message_tags (message_row INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE, tag TEXT NOT NULL, rule_id INTEGER, reason TEXT NOT NULL DEFAULT '', tagged_at REAL NOT NULL, PRIMARY KEY (message_row, tag));

CREATE TABLE IF NOT EXISTS followups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('quote', 'inquiry')),
    sent_message_id TEXT NOT NULL UNIQUE,
    thread_id INTEGER,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    quote_number TEXT,
    reply_row INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    buyer_email TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'en',
    sent_at REAL NOT NULL,
    working_days INTEGER NOT NULL CHECK (working_days BETWEEN 1 AND 60),
    zone TEXT NOT NULL,
    country TEXT,
    due_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (state IN ('waiting', 'snoozed', 'done', 'dismissed', 'answered')),
    fired_at REAL,
    closed_at REAL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS followups_state_due ON followups (state, due_at);
CREATE INDEX IF NOT EXISTS followups_thread ON followups (thread_id);

-- Working days per inquiry channel (the tag of the conversation), over followups.working_days.
CREATE TABLE IF NOT EXISTS followup_rules (
    tag TEXT PRIMARY KEY,
    working_days INTEGER NOT NULL CHECK (working_days BETWEEN 1 AND 60)
);
