"""The reader: the pane, what it shows (computed off the GUI thread), the locked-down HTML
view, links, attachments, the invitation card and sender warnings."""
