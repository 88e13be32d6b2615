-- Schema 5: sorting the 100k-row list by sender or subject from an index (issue 3; it read and
-- sorted every row in Python, 1-2 s). `sender_key` is the From column's sort key (shown name,
-- else address, then address; casefolded: client.store.derive.sender_key). The functions
-- tw_sender_key/tw_subject_key are that Python code, registered by apply_migrations.
ALTER TABLE messages ADD COLUMN sender_key TEXT NOT NULL DEFAULT '';
UPDATE messages SET sender_key = tw_sender_key(from_name, from_email);
-- rows stored before schema 2 never got a subject_key (0002 added the column empty)
UPDATE messages SET subject_key = tw_subject_key(subject) WHERE subject_key = '' AND subject != '';

CREATE INDEX messages_folder_sender ON messages (folder_id, deleted, sender_key, sort_date DESC);
CREATE INDEX messages_folder_subject ON messages (folder_id, deleted, subject_key, sort_date DESC);
