"""Sync settings the rep chooses (stored in the cache's `settings` table), read by the CLI and
the app alike. Pure reads; any thread with its own Store."""

from __future__ import annotations

from client.store.db import Store

ATTACHMENT_CACHE_KEY = "sync.attachment_cache_mb"
INTERVAL_KEY = "sync.interval_minutes"
DEFAULT_ATTACHMENT_CACHE_MB = 25
DEFAULT_INTERVAL_MINUTES = 5


def attachment_cap_bytes(store: Store) -> int:
    """Messages larger than this keep their attachments on the server until opened."""
    value = store.get_setting(ATTACHMENT_CACHE_KEY, DEFAULT_ATTACHMENT_CACHE_MB)
    try:
        megabytes = float(value)
    except (TypeError, ValueError):
        megabytes = DEFAULT_ATTACHMENT_CACHE_MB
    if megabytes <= 0:
        megabytes = DEFAULT_ATTACHMENT_CACHE_MB
    return int(megabytes * 1024 * 1024)


def interval_minutes(store: Store) -> int:
    value = store.get_setting(INTERVAL_KEY, DEFAULT_INTERVAL_MINUTES)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_MINUTES
