"""Filing, deleting and undoing in the main window (issue 11): ``controller.TriageController``
with its folder picker, undo notice and the worker-thread jobs."""
