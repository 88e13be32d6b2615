"""The wheel carries ``resources/`` (demo mailbox, translations, icons, signature example), and an
installation from it finds them without the source tree.

The wheel is built offline from a copy of the sources (``pip wheel --no-deps
--no-build-isolation``, with the setuptools and wheel of this environment), so the build leaves
nothing in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = "tradewind-0.1.0.data/data/share/tradewind/resources/"
TRANSLATIONS = sorted(p.name for p in (REPO_ROOT / "resources" / "translations").glob("*.qm"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    for name in ("client", "ui", "resources"):
        shutil.copytree(REPO_ROOT / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("tradewind-*.whl")
    return built


def test_wheel_carries_the_demo_mailbox_translations_and_icons(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {DATA + "demo/demo.json", DATA + "demo/bodies.txt"} <= names
    assert len(TRANSLATIONS) >= 3  # main window, composer, sync
    assert {DATA + "translations/" + qm for qm in TRANSLATIONS} <= names
    assert DATA + "icons/flag.svg" in names and DATA + "signature-example/policy.json" in names
    assert "client/paths.py" in names and "ui/main_window.py" in names
    assert not any(n.startswith("resources/") for n in names)  # no generic top-level folder


def test_an_installed_wheel_finds_its_resources_without_the_source_tree(
    wheel: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--prefix", str(prefix), str(wheel)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    [site] = prefix.glob("lib/python*/site-packages")
    probe = (
        "import client, sys\n"
        "from pathlib import Path\n"
        "from client.paths import resources_dir\n"
        "from client.demo import build_demo_profile\n"
        "from client.demo.spec import default_resource_dir\n"
        "from client.store.db import Store\n"
        "from ui.i18n import TRANSLATIONS_DIR\n"
        "print(Path(client.__file__).resolve())\n"
        "print(resources_dir())\n"
        "print('|'.join(sorted(p.name for p in TRANSLATIONS_DIR.glob('*.qm'))))\n"
        "build_demo_profile(Path(sys.argv[1]))\n"
        "with Store.open(Path(sys.argv[1]) / 'tradewind.db') as store:\n"
        "    print(len(store.list_messages(None, 1000, 0)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "demo-profile")], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr
    module, resources, translations, messages = result.stdout.splitlines()
    assert Path(module).is_relative_to(site.resolve())  # the installed copy, not the repo's
    assert Path(resources) == (prefix / "share" / "tradewind" / "resources").resolve()
    assert translations.split("|") == TRANSLATIONS
    assert int(messages) >= 150
