-- Schema 4: the transfer encoding of an attachment left on the server ('partial' messages),
-- so the bytes downloaded on demand can be decoded (client/sync/attachments.py).
ALTER TABLE parts ADD COLUMN encoding TEXT;
