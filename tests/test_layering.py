"""The architectural rules of `client/`: it never loads PySide6 (nor anything from `ui/`), and
its packages import only their own and lower layers, with no cycle (`LAYERS` below).

For the first rule every `client.*` module is imported, one by one, in a fresh interpreter; the test fails naming the
first module after whose import a PySide6 (or `ui`) module appeared in `sys.modules`, and fails
if any module cannot be imported at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

_PROBE = r"""
import importlib, json, pkgutil, sys, traceback
package = importlib.import_module(sys.argv[1])

def forbidden():
    return sorted(m for m in sys.modules
                  if m == "PySide6" or m.startswith("PySide6.") or m == "ui" or m.startswith("ui."))

result = {"modules": [], "offender": None, "loaded": [], "import_errors": {}}
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue  # running it would start the program
    try:
        importlib.import_module(info.name)
    except Exception:
        result["import_errors"][info.name] = traceback.format_exc(limit=3)
        continue
    result["modules"].append(info.name)
    if result["offender"] is None and forbidden():
        result["offender"] = info.name
        result["loaded"] = forbidden()[:10]
print(json.dumps(result))
"""


def _probe(package: str, extra_path: Path | None = None) -> dict[str, object]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, package],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_no_client_module_loads_pyside6_or_ui() -> None:
    result = _probe("client")
    assert "client.profile.paths" in result["modules"]  # the walk really ran
    assert "client.cli.main" in result["modules"]
    assert result["offender"] is None, (
        f"importing {result['offender']} loaded {result['loaded']}: client/ must stay Qt-free"
    )
    assert result["import_errors"] == {}, result["import_errors"]


def test_probe_names_the_module_that_loads_pyside6(tmp_path: Path) -> None:
    """The detector is live: a package whose second module imports (a stub) PySide6 is caught."""
    (tmp_path / "PySide6").mkdir()
    (tmp_path / "PySide6" / "__init__.py").write_text("")
    package = tmp_path / "layering_sample"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a_clean.py").write_text("import json\n")
    (package / "b_qt.py").write_text("import PySide6\n")
    result = _probe("layering_sample", tmp_path)
    assert result["modules"] == ["layering_sample.a_clean", "layering_sample.b_qt"]
    assert result["offender"] == "layering_sample.b_qt"
    assert result["loaded"] == ["PySide6"]


# --- The layers of client/ -------------------------------------------------------------------
# Lowest layer first. A package (or top-level module) of client/ may import itself, the
# packages of its own layer and those of any earlier (lower) layer; nothing else, and the graph
# of who imports whom has no cycle. Module-level, function-local and TYPE_CHECKING imports all count (found with
# `ast`, nothing is imported). A new package must be added here. `settings` and `profile` are
# listed before they exist so the branches that add them merge without touching this table.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("resources", "profile", "i18n", "version", "licences", "events", "crashpoints", "net",
     "child_command"),
    ("mime", "money"),
    ("store", "settings"),
    ("security", "opening"),
    ("imap", "compose", "ops", "meetings", "spelling"),
    ("sync", "smtp", "signatures", "oauth", "templates"),
    ("uploads", "accounts", "attachment_files"),
    ("outgoing",),
    ("calendar", "quotes", "customers", "channels", "followups", "analytics"),
    ("jobs", "demo"),
    ("cli", "selftest"),
)
# Known cycles, each with its reason; keep this empty but for entries the lead has accepted.
ALLOWED_CYCLES: dict[frozenset[str], str] = {}


def _unit(module: str, top: str) -> str | None:
    """The layer unit of a dotted module name under ``top`` ("client.sync.engine" -> "sync")."""
    parts = module.split(".")
    if parts[0] != top or len(parts) < 2:
        return None
    return parts[1]


def _imports(root: Path, top: str) -> list[tuple[str, str, str, int]]:
    """(importer unit, imported unit, file, line) for every import of ``top`` under ``root``."""
    import ast

    found = []
    for path in sorted((root / top).rglob("*.py")):
        rel = path.relative_to(root).with_suffix("")
        module = ".".join(rel.parts)
        is_package = path.name == "__init__.py"
        if is_package:
            module = module.rsplit(".", 1)[0]
        source = _unit(module, top)
        if source is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    name = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    name = node.module or ""
                # `from client import sync` names a unit; `from client.sync import x` does not
                targets = ([f"{name}.{alias.name}" for alias in node.names] if name == top
                           else [name])
            for target in targets:
                unit = _unit(target, top)
                if unit is not None and unit != source:
                    found.append((source, unit, str(path.relative_to(root)), node.lineno))
    return found


def layering_problems(root: Path, top: str, layers: tuple[tuple[str, ...], ...],
                      allowed_cycles: dict[frozenset[str], str]) -> list[str]:
    """Every import that breaks the layers, every unit missing from them, every cycle."""
    rank = {unit: i for i, layer in enumerate(layers) for unit in layer}
    problems = []
    units = {p.stem if p.is_file() else p.name for p in (root / top).iterdir()
             if (p.is_file() and p.suffix == ".py" and p.stem != "__init__")
             or (p.is_dir() and any(p.glob("*.py")))}
    problems += [f"{top}.{u} has no __init__.py (the wheel and the bundle would leave it out)"
                 for u in sorted(units) if (root / top / u).is_dir()
                 and not (root / top / u / "__init__.py").exists()]
    problems += [f"{top}.{u} is in no layer of the table" for u in sorted(units - rank.keys())]
    graph: dict[str, set[str]] = {}
    for source, target, file, line in _imports(root, top):
        graph.setdefault(source, set()).add(target)
        if source in rank and target in rank and rank[target] > rank[source]:
            problems.append(f"{file}:{line}: {top}.{source} imports {top}.{target}, "
                            f"a higher layer")
    # cycles between units (of one layer: the only ones the ranks let through)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        on_stack.add(unit)
        for nxt in sorted(graph.get(unit, ())):
            if nxt not in index:
                visit(nxt)
                low[unit] = min(low[unit], low[nxt])
            elif nxt in on_stack:
                low[unit] = min(low[unit], index[nxt])
        if low[unit] == index[unit]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == unit:
                    break
            if len(component) > 1:
                components.append(component)

    for unit in sorted(graph):
        if unit not in index:
            visit(unit)
    for component in components:
        if frozenset(component) not in allowed_cycles:
            problems.append(f"import cycle: {', '.join(f'{top}.{u}' for u in sorted(component))}")
    return sorted(problems)


def test_client_packages_import_only_their_own_and_lower_layers() -> None:
    edges = _imports(REPO_ROOT, "client")
    assert ("jobs", "sync", "client/jobs/worker.py") in {(s, t, f) for s, t, f, _ in edges}
    assert layering_problems(REPO_ROOT, "client", LAYERS, ALLOWED_CYCLES) == []


def test_layering_check_names_a_planted_upward_import_a_cycle_and_a_new_package(
    tmp_path: Path,
) -> None:
    """The checker is live: a planted offender of each kind is reported, a clean tree is not."""
    top = tmp_path / "client"
    for folder in ("store", "sync", "smtp", "extra"):  # extra/ stays empty: no cycle via it
        (top / folder).mkdir(parents=True)
        (top / folder / "__init__.py").write_text("")
    (top / "__init__.py").write_text("")
    (top / "store" / "db.py").write_text("import sqlite3\n")
    (top / "sync" / "engine.py").write_text("from client.store import db\n")
    (top / "smtp" / "sender.py").write_text("from ..store.db import x\n")
    layers = (("store",), ("sync", "smtp"), ("extra",))
    assert layering_problems(tmp_path, "client", layers, {}) == []

    (top / "store" / "late.py").write_text(
        "def f():\n    from client.extra import run  # function-local, upward\n")
    (top / "smtp" / "hooks.py").write_text("from client import sync\n")
    (top / "sync" / "back.py").write_text("from typing import TYPE_CHECKING\n"
                                          "if TYPE_CHECKING:\n    from .. import smtp\n")
    (top / "fresh.py").write_text("")
    (top / "extra" / "__init__.py").unlink()
    (top / "extra" / "loose.py").write_text("")
    assert layering_problems(tmp_path, "client", layers, {}) == [
        "client.extra has no __init__.py (the wheel and the bundle would leave it out)",
        "client.fresh is in no layer of the table",
        "client/store/late.py:2: client.store imports client.extra, a higher layer",
        "import cycle: client.smtp, client.sync",
    ]
    allowed = {frozenset({"smtp", "sync"}): "planted"}
    assert layering_problems(tmp_path, "client", layers, allowed) == [
        "client.extra has no __init__.py (the wheel and the bundle would leave it out)",
        "client.fresh is in no layer of the table",
        "client/store/late.py:2: client.store imports client.extra, a higher layer",
    ]
