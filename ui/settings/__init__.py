"""The Settings dialog (``dialog.AppSettingsDialog``) and the values it stores (``values``)."""
