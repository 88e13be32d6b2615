-- Schema 8: a folder's identity on the server. RFC 8474 MAILBOXID (servers with OBJECTID,
-- e.g. Cyrus) survives renames and differs between two mailboxes even when they share a
-- UIDVALIDITY, so folder reconciliation matches by it instead of guessing. NULL = the server
-- offers none (Dovecot 2.3) or the folder was cached before schema 8.
ALTER TABLE folders ADD COLUMN mailbox_id TEXT;
