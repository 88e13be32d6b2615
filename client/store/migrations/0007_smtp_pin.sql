-- Schema 7: certificate pins are per server. `accounts.pinned_sha256` is the IMAP server's pin,
-- `accounts.smtp_pinned_sha256` the SMTP server's (both lowercase hex SHA-256 of the DER
-- certificate, NULL: none). The old single pin covered both servers: it stays with IMAP and is
-- copied to SMTP when both servers are on the same host (the same certificate, in practice).
ALTER TABLE accounts ADD COLUMN smtp_pinned_sha256 TEXT;
UPDATE accounts SET smtp_pinned_sha256 = pinned_sha256
    WHERE pinned_sha256 IS NOT NULL AND lower(smtp_host) = lower(imap_host);
