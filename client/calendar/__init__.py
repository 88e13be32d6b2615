"""Calendar entries in the cache and their CalDAV sync (Qt-free)."""
