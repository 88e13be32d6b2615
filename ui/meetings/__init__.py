"""Meetings in the app: the planner, the invitation dialog, the calendar views (issue 13)."""
