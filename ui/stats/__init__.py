"""The Statistics window (issue 18): reply analytics with charts, a table and CSV export."""
