"""The wheel carries ``resources/`` (demo mailbox, translations, icons, signature example), and an
installation from it finds them without the source tree.

The wheel is built offline from a copy of the sources (``pip wheel --no-deps
--no-build-isolation``, with the setuptools and wheel of this environment), so the build leaves
nothing in the repository.
"""

from __future__ import annotations

import importlib.metadata
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
    assert {DATA + f"demo/signature/{n}" for n in ("policy.json", "directory.json", "logo.png")
            } <= names  # the demo company's signature policy
    assert len(TRANSLATIONS) >= 3  # main window, composer, sync
    assert {DATA + "translations/" + qm for qm in TRANSLATIONS} <= names
    assert DATA + "icons/flag.svg" in names and DATA + "signature-example/policy.json" in names
    assert DATA + "locale/zh_CN/LC_MESSAGES/tradewind.mo" in names  # the core's messages
    assert DATA + "fonts/NotoSansSC-Regular.otf" in names  # PDF quotations (client/quotes/pdf)
    assert DATA + "fonts/parsed/NotoSansSC-Common.otf.seed" in names  # their parsed-font seed
    assert "client/profile/paths.py" in names and "ui/mainwindow/window.py" in names
    assert not any(n.startswith("resources/") for n in names)  # no generic top-level folder


def test_wheel_carries_the_template_starter_set(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    starter = sorted(p.name for p in (REPO_ROOT / "resources" / "templates").glob("*.tpl"))
    assert len(starter) >= 24
    assert {DATA + "templates/" + name for name in starter} <= names
    assert DATA + "demo/price-update.en.tpl" in names


def _fresh_venv(where: Path) -> tuple[Path, Path]:
    """A new virtualenv (python, site-packages) that sees this environment's dependencies
    (babel, PySide6…) through a .pth line after its own packages, but not its Tradewind."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True,
                   timeout=120)
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    [site] = (where / "Lib" / "site-packages",) if os.name == "nt" else tuple(
        where.glob("lib/python*/site-packages"))
    ours = [p for p in map(Path, sys.path) if p.name == "site-packages" and p.is_dir()]
    (site / "zz_test_dependencies.pth").write_text("\n".join(map(str, ours)) + "\n")
    return python, site


def test_an_installed_wheel_finds_its_resources_without_the_source_tree(
    wheel: Path, tmp_path: Path
) -> None:
    ours_before = importlib.metadata.distribution("tradewind").files
    venv = tmp_path / "venv"
    python, site = _fresh_venv(venv)
    # `--python` installs into the new environment only (never touches this one's install)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    # this environment's own (editable) install is left as it was
    assert importlib.metadata.distribution("tradewind").files == ours_before
    probe = (
        "import client, sys\n"
        "from pathlib import Path\n"
        "from client.profile.paths import resources_dir\n"
        "from client.demo import build_demo_profile\n"
        "from client.store.db import Store\n"
        "from ui.qt.i18n import TRANSLATIONS_DIR\n"
        "print(Path(client.__file__).resolve())\n"
        "print(resources_dir())\n"
        "print('|'.join(sorted(p.name for p in TRANSLATIONS_DIR.glob('*.qm'))))\n"
        "build_demo_profile(Path(sys.argv[1]))\n"
        "with Store.open(Path(sys.argv[1]) / 'tradewind.db') as store:\n"
        "    print(len(store.list_messages(None, 1000, 0)))\n"
        "from client import i18n\n"
        "i18n.set_language('zh_CN')\n"
        "print(i18n._('The sync was cancelled.'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [str(python), "-c", probe, str(tmp_path / "demo-profile")], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr
    module, resources, translations, messages, cancelled = result.stdout.splitlines()
    assert Path(module).is_relative_to(site.resolve())  # the installed copy, not the repo's
    assert Path(resources) == (venv / "share" / "tradewind" / "resources").resolve()
    assert translations.split("|") == TRANSLATIONS
    assert int(messages) >= 150
    assert cancelled == "同步已取消。"  # the gettext catalog shipped and was found
