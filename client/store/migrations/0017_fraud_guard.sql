-- Schema 17 (issue 19, the payment-fraud guard; client/security/risk_store.py):
-- known_bank_details: the bank details the rep confirmed for a customer's registrable domain,
--   as a SHA-256 fingerprint of the normalised value and a masked form to show (never the
--   whole number); a message whose details are not among them for its sender's company is the
--   strongest fraud signal.
-- risk_allow: "this is really our buyer": an address or @domain whose identity signals
--   (lookalike, first-time, Reply-To, thread) are not raised.
-- risk_settings: per account, the authserv-id of its own receiving server (whose
--   Authentication-Results alone are trusted).
-- risk_cache: the risk of a message, computed on first display; `version` is the rules'
--   version, so changed rules recompute; cleared when the tables above change.
CREATE TABLE IF NOT EXISTS known_bank_details (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('iban', 'bic', 'account', 'beneficiary')),
    fingerprint TEXT NOT NULL,
    masked TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    UNIQUE (domain, kind, fingerprint)
);
CREATE TABLE IF NOT EXISTS risk_allow (
    entry TEXT PRIMARY KEY,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS risk_settings (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    authserv_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS risk_cache (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    score INTEGER NOT NULL,
    level TEXT NOT NULL,
    reasons_json TEXT NOT NULL,
    computed REAL NOT NULL
);
