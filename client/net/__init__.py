"""Network helpers shared by the IMAP and SMTP clients (TLS policy, certificate pinning,
redaction of secrets, SASL initial responses for OAuth2 bearer tokens)."""
