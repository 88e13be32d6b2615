-- Schema 19 (issue 18, inquiry channels; client/channels):
-- 1. channel_rules: the rep's rules that tag incoming mail by where it came from, evaluated in
--    `position` order; the bundled B2B platforms ship as enabled 'platform' rules.
-- 2. lead_addresses: imported trade-show lead lists (one tag per list).
-- 3. message_tags: the channel tags of cached messages (rule_id NULL: set by hand); the
--    analytics group by it.
-- 4. inquiries: an inquiry message (a tagged incoming message), its received time and the
--    buyer data a platform notification gave; the first reply is found from Sent/outbox in the
--    same thread (client/channels/inquiries.py).
CREATE TABLE channel_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('sender', 'header', 'lead-list', 'platform',
                                       'referral-phrase', 'referral-address')),
    match TEXT NOT NULL,
    tag TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX channel_rules_position ON channel_rules (position);
INSERT INTO channel_rules (kind, match, tag, enabled, position, created) VALUES
    ('platform', 'alibaba', 'alibaba', 1, 1, 0),
    ('platform', 'made-in-china', 'made-in-china', 1, 2, 0),
    ('platform', 'globalsources', 'globalsources', 1, 3, 0),
    ('platform', 'tradekey', 'tradekey', 1, 4, 0),
    ('platform', 'ec21', 'ec21', 1, 5, 0);

CREATE TABLE lead_addresses (
    tag TEXT NOT NULL,
    address TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    imported_at REAL NOT NULL,
    PRIMARY KEY (tag, address)
);
CREATE INDEX lead_addresses_address ON lead_addresses (address);

CREATE TABLE message_tags (
    message_row INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,             -- lower-case channel tag, e.g. 'alibaba', 'webform', 'fair-canton-2026', 'referral'
    rule_id INTEGER,               -- the rule that set it (NULL: set by hand)
    reason TEXT NOT NULL DEFAULT '',
    tagged_at REAL NOT NULL,
    PRIMARY KEY (message_row, tag)
);
CREATE INDEX message_tags_tag ON message_tags (tag);

CREATE TABLE inquiries (
    message_row INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    received_at REAL NOT NULL,
    platform TEXT,
    buyer_email TEXT,
    buyer_name TEXT NOT NULL DEFAULT '',
    buyer_company TEXT NOT NULL DEFAULT '',
    buyer_country TEXT,
    product TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inquiries_received ON inquiries (received_at);
