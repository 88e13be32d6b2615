"""Accounts: records, provider presets, discovery and the account manager."""
