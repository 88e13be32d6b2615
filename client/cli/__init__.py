"""The `tradewind` command line: one module per command group, `--json` output is a stable
contract documented in docs/cli.md. Never imports PySide6 (the desktop app is started lazily)."""
