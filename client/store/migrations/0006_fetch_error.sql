-- Schema 6: a message whose FETCH reply the client could not read (checklist P6) is stored as a
-- placeholder row (body_state 'none', no header columns) with the reason in `fetch_error`, so
-- the folder's watermark never passes it without a record. Every sync tries it again (the
-- body pass); the real message then replaces the placeholder row.
ALTER TABLE messages ADD COLUMN fetch_error TEXT;
