"""The account wizard (``dialog.AccountWizard``) and its background steps (``jobs``)."""
