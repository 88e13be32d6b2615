"""Loading the demo profile's source files from ``resources/demo/``.

``demo.json`` holds the account, folders, people, hand-written threads and the parameters of the
generated mail; ``bodies.txt`` holds the message texts as sections headed ``### name``. Pure,
any thread; raises :class:`DemoSpecError` with a clear message for a missing or broken file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from client.profile.paths import resources_dir

SPEC_FORMAT = 1
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class DemoSpecError(Exception):
    """The demo source files are missing or malformed."""


def default_resource_dir() -> Path:
    """``resources/demo`` (in the source tree or an installed wheel: ``client.profile.paths``)."""
    return resources_dir() / "demo"


@dataclass(frozen=True)
class DemoSpec:
    """The parsed demo sources: ``data`` is demo.json, ``bodies`` maps section name to text."""

    data: dict[str, Any]
    bodies: dict[str, str]

    def body(self, name: str) -> str:
        """The body template ``name``; raises DemoSpecError if there is none."""
        try:
            return self.bodies[name]
        except KeyError:
            raise DemoSpecError(f"bodies.txt has no section '### {name}'") from None


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` with ``values[name]``; unknown names are left as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def parse_bodies(text: str) -> dict[str, str]:
    """Split ``bodies.txt`` into sections; lines before the first ``###`` are comments."""
    bodies: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("### "):
            if name is not None:
                bodies[name] = "\n".join(lines).strip("\n") + "\n"
            name, lines = line[4:].strip(), []
            if name in bodies:
                raise DemoSpecError(f"bodies.txt defines '{name}' twice")
        elif name is not None:
            lines.append(line)
    if name is not None:
        bodies[name] = "\n".join(lines).strip("\n") + "\n"
    return bodies


def load_spec(resource_dir: Path | None = None) -> DemoSpec:
    """Read and check ``demo.json`` and ``bodies.txt`` from ``resource_dir``."""
    folder = resource_dir or default_resource_dir()
    try:
        data = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
        bodies = parse_bodies((folder / "bodies.txt").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DemoSpecError(f"demo source file missing: {exc.filename}") from exc
    except json.JSONDecodeError as exc:
        raise DemoSpecError(f"demo.json is not valid JSON: {exc}") from exc
    if data.get("format") != SPEC_FORMAT:
        raise DemoSpecError(f"demo.json format {data.get('format')!r} is not {SPEC_FORMAT}")
    for key in ("account", "folders", "people", "threads", "generated"):
        if key not in data:
            raise DemoSpecError(f"demo.json lacks the '{key}' section")
    return DemoSpec(data=data, bodies=bodies)
