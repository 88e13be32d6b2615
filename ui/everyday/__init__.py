"""The everyday client (issue 11): lists that fit the folder, reader window, print and export,
keyboard, windows that fit. ``controller.connect_everyday(window)`` hooks it all in."""
