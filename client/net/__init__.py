"""Network helpers shared by the IMAP and SMTP clients (TLS policy, certificate pinning)."""
