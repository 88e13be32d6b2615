"""Large files sent as links: storage providers, the resumable upload engine, link records.

Qt-free. See docs/internals.md, "Link uploads".
"""
