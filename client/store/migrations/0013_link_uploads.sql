-- Schema 13: large files sent as links (client/uploads). No secret is stored here: storage
-- passwords and secret keys live in the keyring (client/secrets.py, storage entries).
-- storages: one link storage of an account (kind webdav | nextcloud | s3).
CREATE TABLE storages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('webdav', 'nextcloud', 's3')),
    url TEXT NOT NULL,
    public_url TEXT,
    bucket TEXT,
    region TEXT,
    username TEXT,
    expiry_days INTEGER NOT NULL DEFAULT 7,
    delete_expired INTEGER NOT NULL DEFAULT 1,
    created REAL NOT NULL
);
CREATE INDEX storages_account ON storages(account_id);
-- uploads: one file on its way to a storage. state pending -> uploading -> uploaded -> shared;
-- failed (last_error says why; retryable). session_json: the provider's resume token (upload
-- folder, multipart UploadId, remote path). size/mtime_ns: the file as it was when the upload
-- began (a change is detected by these and by the SHA-256 of each confirmed part).
CREATE TABLE uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    storage_id INTEGER NOT NULL REFERENCES storages(id),
    path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT,
    recipient_domain TEXT,
    outbox_id INTEGER,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'uploading', 'uploaded', 'shared', 'failed')),
    last_error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    part_size INTEGER NOT NULL,
    remote_path TEXT,
    session_json TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX uploads_outbox ON uploads(outbox_id) WHERE outbox_id IS NOT NULL;
CREATE INDEX uploads_reuse ON uploads(storage_id, size, sha256);
-- upload_parts: parts the server confirmed (number from 1; offset and size in the file; etag
-- from the server where it gives one; sha256 of the part's bytes).
CREATE TABLE upload_parts (
    upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (upload_id, number)
);
-- links: a public link to an uploaded file. state active | revoked | expired | purged.
-- remote_id: the provider's handle for the share (Nextcloud share id; empty otherwise).
CREATE TABLE links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    remote_id TEXT,
    expires REAL,
    password_set INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'active'
        CHECK (state IN ('active', 'revoked', 'expired', 'purged')),
    created REAL NOT NULL,
    ended REAL
);
CREATE INDEX links_upload ON links(upload_id);
