"""OAuth2 sign-in (authorization code + PKCE in the system browser) for IMAP and SMTP.

Modules: `providers` (the provider table, FILE / ISSUER_URL metadata), `pkce_flow` (the
loopback redirect flow), `tokens` (keyring storage, expiry, the refresh-once rule), `errors` (failures in words, with the next step),
`credentials` (what an account's IMAP/SMTP login uses). Qt-free; blocking calls belong on a
worker thread. The XOAUTH2 / OAUTHBEARER initial responses are `client.net.sasl`
(pure encoding, used by the IMAP and SMTP clients below this package).
"""
