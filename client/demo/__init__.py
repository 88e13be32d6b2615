"""The bundled demo profile: an offline account with about 200 realistic trade messages.

Built deterministically from ``resources/demo/`` (``demo.json`` + ``bodies.txt``), never touching
the network. Qt-free. Public API: ``build_demo_profile``, ``demo_messages``, ``DemoSummary``,
``DemoProfileError`` (from ``client.demo.builder``; imported lazily so that the pure expansion
modules load without the store).
"""

from __future__ import annotations

from typing import Any

__all__ = ["DemoProfileError", "DemoSummary", "build_demo_profile", "demo_messages"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from client.demo import builder

        return getattr(builder, name)
    raise AttributeError(name)
