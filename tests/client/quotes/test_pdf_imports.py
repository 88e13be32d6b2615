"""Importing fpdf2 without numpy (client.quotes.pdf_imports): a fresh process that makes a
quotation without a logo never imports numpy; a logo whose transparency fpdf2 checks with
numpy imports it then and is drawn with its soft mask; afterwards `import numpy` is the real
module. Each case runs in its own Python process (numpy cannot be unloaded)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(shutil.which("pdfimages") is None,
                                reason="poppler-utils (pdfimages) is not installed")

CHILD = """
import io, sys
from pathlib import Path
from PIL import Image
from client.quotes.pdf import render_pdf
from tests.client.quotes.test_pdf import _doc

before = "numpy" in sys.modules
plain = render_pdf(_doc())
after_plain = "numpy" in sys.modules
logo = Image.new("RGBA", (64, 32), (31, 78, 121, 255))
for x in range(32):
    for y in range(32):
        logo.putpixel((x, y), (31, 78, 121, 8 * x))  # a fade: min 0, max 255
buffer = io.BytesIO()
logo.save(buffer, format="PNG")
with_logo = render_pdf(_doc(logo=buffer.getvalue()))
import numpy
Path(sys.argv[1]).write_bytes(with_logo)
print(before, after_plain, "numpy" in sys.modules, type(numpy).__name__,
      hasattr(numpy, "ndarray"), len(plain) > 1000)
"""


def _child(tmp_path: Path, *prelude: str) -> list[str]:
    out = tmp_path / "logo.pdf"
    script = "\n".join(prelude) + CHILD
    done = subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, check=True,
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return done.stdout.split()


def test_a_quote_without_a_logo_does_not_import_numpy(tmp_path: Path) -> None:
    before, after_plain, after_logo, kind, real, made = _child(tmp_path)
    assert (before, after_plain) == ("False", "False")
    assert (after_logo, kind, real, made) == ("True", "module", "True", "True")


def test_a_logo_with_transparency_is_drawn_with_its_mask(tmp_path: Path) -> None:
    _child(tmp_path)
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "logo.pdf")], check=True,
                             capture_output=True, text=True).stdout
    assert "smask" in listing and "64" in listing, listing


def test_numpy_imported_before_is_left_alone(tmp_path: Path) -> None:
    # an app that already uses numpy (language detection) keeps its module; fpdf2 gets it too
    before, *_rest = _child(tmp_path, "import numpy",
                            "from client.quotes.pdf_imports import load_fpdf",
                            "load_fpdf()",
                            "import fpdf.image_parsing as parsing",
                            "assert parsing.numpy is numpy, parsing.numpy")
    assert before == "True"


def test_code_that_meets_the_stand_in_still_gets_numpy(tmp_path: Path) -> None:
    # another thread importing numpy while fpdf2 is being imported gets the stand-in: its
    # submodules, version and spec still work, and the stand-in then forwards to numpy
    script = "\n".join([
        "import importlib.util, sys",
        "from client.quotes import pdf_imports",
        "stand_in = pdf_imports._Deferred('numpy')",
        "stand_in.__spec__ = importlib.util.find_spec('numpy')",
        "sys.modules['numpy'] = stand_in",
        "assert importlib.util.find_spec('numpy') is stand_in.__spec__",
        "import numpy.linalg",
        "assert numpy is not stand_in and sys.modules['numpy'] is numpy",
        "assert stand_in.__version__ == numpy.__version__",
        "assert stand_in.linalg is numpy.linalg and stand_in.array([1, 2]).sum() == 3",
        "print('ok')"])
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True,
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.stdout.split() == ["ok"]
