"""What `tradewind TARGET` opens: a `mailto:` URL, an `.eml` message file or an `.ics` calendar
file (issue 16). Pure and Qt-free; the desktop app shows what these functions describe."""
