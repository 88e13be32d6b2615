"""Follow-up reminders in the app (issue 18): the view, its background work, notifications."""
