-- Schema 2: sort key (Date, else INTERNALDATE), normalised subject for thread fallback,
-- indexes for the 100k-row list and search, and bodies kept across a UIDVALIDITY change.
ALTER TABLE messages ADD COLUMN sort_date REAL NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
UPDATE messages SET sort_date = coalesce(date_utc, internaldate, 0);

CREATE INDEX messages_sort ON messages (sort_date);
CREATE INDEX messages_account_sort ON messages (account_id, deleted, sort_date);
CREATE INDEX messages_folder_sort ON messages (folder_id, deleted, sort_date);
CREATE INDEX messages_folder_thread ON messages (folder_id, deleted, thread_id, sort_date);
CREATE INDEX messages_subject_key ON messages (account_id, subject_key, sort_date);
CREATE INDEX messages_unindexed ON messages (id) WHERE indexed = 0;
CREATE INDEX messages_local_only ON messages (folder_id) WHERE uid IS NULL;
CREATE INDEX messages_unread ON messages (folder_id) WHERE seen = 0 AND deleted = 0;

CREATE TABLE orphan_bodies (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    raw BLOB NOT NULL,
    PRIMARY KEY (account_id, message_id)
);
