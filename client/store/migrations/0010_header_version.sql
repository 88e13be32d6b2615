-- Schema 7: which version of the header parser derived a row's header columns (issue 9). The
-- RFC 5322 address parser and per-header decoding changed what from_name/from_email, the *_json
-- address lists, subject and the sort keys hold; rows stored before it keep the old values
-- (a spoofed address, a comment used as a name, mojibake) until client.store.rederive re-reads
-- their stored header. Existing rows start at 0; rows written by this code get
-- client.store.derive.HEADER_VERSION. The partial index holds only rows still to do; when
-- HEADER_VERSION goes up, a new migration recreates it with the new bound.
ALTER TABLE messages ADD COLUMN header_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_header_stale ON messages (id) WHERE header_version < 1;
