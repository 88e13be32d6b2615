"""Offline operations: ``queue`` (the local half: change the cache and queue the server change
in one transaction) and ``replay`` (the remote half, against IMAP)."""
