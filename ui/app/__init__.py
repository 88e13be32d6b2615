"""The desktop app around the main window: start-up (``ui.app.main.run``), one app per
profile, targets handed over by the OS, the cache check at start, the tray and the self-test."""
