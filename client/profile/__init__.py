"""The profile a process works on: where its files are (`paths`), the resolved profile and
its log (`config`), and its secrets, which live only in the OS keyring (`secrets`)."""
