"""Qt plumbing every window uses: background tasks, GC on the GUI thread, UI language, icons,
the core-event bridge, plain-text helpers, screen fitting, wrapping labels and list dates."""
