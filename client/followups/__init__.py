"""Follow-ups (issue 18): reminders when a sent quote or an inquiry reply gets no answer in N
working days of the buyer's calendar. `clock` (the pure working-day arithmetic), `records`
(the table, snooze/done/dismiss), `refresh` (create and clear from the cache), `suggest` (the
follow-up draft from the templates)."""
