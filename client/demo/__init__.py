"""The bundled demo profile: an offline account with about 200 realistic trade messages.

Built deterministically from ``resources/demo/`` (``demo.json`` + ``bodies.txt``), never touching
the network, plus the demo company's signature policy (``resources/demo/signature/``,
``client.demo.signature``). The demo shows the product: a capability with data of its own (a
policy, quotes, calendars…) ships its demo data in its own ``resources/demo/<name>/`` folder and
is installed by ``build_demo_profile``, also into demo profiles built before it existed. Qt-free. Public API: ``build_demo_profile``, ``demo_messages``, ``DemoSummary``,
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
