"""Where the read-only ``resources/`` folder is (demo mailbox, translations, icons, fonts,
templates). Its own module in the lowest layer so that ``client.i18n`` (which loads catalogs
from it) and ``client.profile`` (which uses ``client.i18n``) do not import each other.
``client.profile.paths.resources_dir`` is the same function. Any thread; never raises.
"""

from __future__ import annotations

import functools
import sys
import sysconfig
from pathlib import Path

RESOURCES_NAME = "resources"
DISTRIBUTION_NAME = "tradewind"


def resources_dir() -> Path:
    """The read-only ``resources/`` folder (demo mailbox, translations, icons, signature
    example): next to the ``client`` package in a source tree, an editable install or a
    PyInstaller bundle; for an installed wheel, the copy it put under ``PREFIX/share/tradewind``
    (``[tool.setuptools.data-files]``). Any thread; never raises: when no copy is found, the
    source-tree path is returned and the caller's "file missing" error names it."""
    return _find_resources()


@functools.cache
def _find_resources() -> Path:
    beside = Path(__file__).resolve().parents[1] / RESOURCES_NAME
    if (beside / "demo").is_dir():
        return beside
    for candidate in _installed_resource_candidates():
        if (candidate / "demo").is_dir():
            return candidate
    return beside


def _installed_resource_candidates() -> list[Path]:
    """Where a wheel's data files may be: the distribution's own record first (exact for
    venv, --user and --prefix installs), then the usual data directories."""
    import importlib.metadata  # zipfile, csv, email: only when the resources are looked for

    found: list[Path] = []
    try:
        files = importlib.metadata.distribution(DISTRIBUTION_NAME).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if "share" not in entry.parts or RESOURCES_NAME not in entry.parts:
            continue
        for folder in Path(str(entry.locate())).resolve().parents:
            if folder.name == RESOURCES_NAME and folder.parent.name == "tradewind" \
                    and folder.parent.parent.name == "share":
                found.append(folder)
                break
        if found:
            break
    for base in (sysconfig.get_path("data"), sys.prefix, sys.base_prefix):
        found.append(Path(base) / "share" / "tradewind" / RESOURCES_NAME)
    return found
