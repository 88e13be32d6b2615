-- Schema 12: how an account signs in. `auth` is 'password' (the keyring holds the password) or
-- 'oauth2' (the keyring holds the OAuth2 tokens, client/oauth/tokens.py). `oauth_provider` is
-- the provider's public settings as JSON (endpoints, client id, scopes; never a secret or a
-- token), NULL for password accounts.
ALTER TABLE accounts ADD COLUMN auth TEXT NOT NULL DEFAULT 'password';
ALTER TABLE accounts ADD COLUMN oauth_provider TEXT;
