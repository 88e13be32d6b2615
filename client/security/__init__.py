"""Qt-free checks on what a message shows the rep: links, mailto: links, HTML charsets.

Pure functions, safe from any thread; results are plain data (reasons as codes) that the UI
and the CLI put into words.
"""
