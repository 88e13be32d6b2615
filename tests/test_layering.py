"""The one architectural rule: `client/` never loads PySide6 (nor anything from `ui/`).

Every `client.*` module is imported, one by one, in a fresh interpreter; the test fails naming the
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
